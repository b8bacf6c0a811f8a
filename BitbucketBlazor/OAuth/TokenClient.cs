using System.Net.Http.Headers;
using System.Text;
using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Bitbucket.Models;
using Microsoft.Extensions.Options;

namespace BitbucketBlazor.OAuth;

/// <summary>
/// Calls <c>POST /site/oauth2/access_token</c> through the <see cref="IBitbucketOAuthApi"/> Refit
/// client. Each request is first built as a <see cref="TokenRequestPreview"/>, and the bytes sent
/// are made from that preview, so what the visitor is shown is exactly what goes over the wire.
/// </summary>
public sealed class TokenClient(IBitbucketOAuthApi api, BitbucketEndpoints endpoints, IOptions<BitbucketOptions> options) : ITokenClient
{
    private const string FormContentType = "application/x-www-form-urlencoded";

    /// <inheritdoc />
    public TokenRequestPreview PreviewClientCredentials(ConsumerCredentials consumer) =>
        Preview(consumer, [new("grant_type", "client_credentials")]);

    /// <inheritdoc />
    public TokenRequestPreview PreviewCodeExchange(ConsumerCredentials consumer, string code, string? redirectUri)
    {
        List<KeyValuePair<string, string>> form = [new("grant_type", "authorization_code"), new("code", code)];
        if (!string.IsNullOrWhiteSpace(redirectUri))
        {
            form.Add(new("redirect_uri", redirectUri));
        }

        return Preview(consumer, form);
    }

    /// <inheritdoc />
    public TokenRequestPreview PreviewRefresh(ConsumerCredentials consumer, string refreshToken) =>
        Preview(consumer, [new("grant_type", "refresh_token"), new("refresh_token", refreshToken)]);

    /// <inheritdoc />
    public Task<TokenResult> RequestClientCredentialsAsync(ConsumerCredentials consumer, CancellationToken cancellationToken = default) =>
        SendAsync(PreviewClientCredentials(consumer), cancellationToken);

    /// <inheritdoc />
    public Task<TokenResult> ExchangeCodeAsync(ConsumerCredentials consumer, string code, string? redirectUri, CancellationToken cancellationToken = default) =>
        SendAsync(PreviewCodeExchange(consumer, code, redirectUri), cancellationToken);

    /// <inheritdoc />
    public Task<TokenResult> RefreshAsync(ConsumerCredentials consumer, string refreshToken, CancellationToken cancellationToken = default) =>
        SendAsync(PreviewRefresh(consumer, refreshToken), cancellationToken);

    /// <summary>Gets the <c>Authorization</c> value of HTTP Basic client authentication: <c>Basic base64(key:secret)</c>.</summary>
    public static string BasicAuthorization(ConsumerCredentials consumer) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{consumer.ClientId}:{consumer.ClientSecret}"));

    private TokenRequestPreview Preview(ConsumerCredentials consumer, IReadOnlyList<KeyValuePair<string, string>> form) =>
        new("POST", endpoints.TokenUrl, [new("Authorization", BasicAuthorization(consumer)), new("Content-Type", FormContentType)], form);

    private async Task<TokenResult> SendAsync(TokenRequestPreview preview, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(Encoding.ASCII.GetBytes(preview.FormBody));
        content.Headers.ContentType = new MediaTypeHeaderValue(FormContentType);
        var authorization = preview.Headers.First(h => h.Key == "Authorization").Value;

        var outcome = await BitbucketCall.SendAsync(
            ct => api.RequestTokenAsync(authorization, content, ct), preview.Url, options.Value.RequestTimeout, cancellationToken);
        using var response = outcome.Response;
        var exchange = outcome.LastExchange;
        if (response is null)
        {
            return new TokenResult(exchange, null, null, outcome.Fault);
        }

        if (response.IsSuccessStatusCode && response.Content is { AccessToken.Length: > 0 } token)
        {
            return new TokenResult(exchange, token, null, null);
        }

        if (!response.IsSuccessStatusCode
            && BitbucketCall.TryParseError<OAuthErrorResponse>(exchange?.ResponseBody, e => !string.IsNullOrWhiteSpace(e.Error)) is { } error)
        {
            return new TokenResult(exchange, null, error, null);
        }

        return new TokenResult(exchange, null, null, HttpFaults.UnexpectedAnswer(exchange, response.IsSuccessStatusCode
            ? "a JSON token response (access_token, token_type, expires_in)"
            : "a JSON OAuth error ({\"error\": …, \"error_description\": …})"));
    }
}
