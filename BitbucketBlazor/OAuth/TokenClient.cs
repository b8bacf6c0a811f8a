using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Bitbucket.Models;
using Microsoft.Extensions.Options;
using Refit;

namespace BitbucketBlazor.OAuth;

/// <summary>
/// Calls <c>POST /site/oauth2/access_token</c> through the <see cref="IBitbucketOAuthApi"/> Refit
/// client. Each request is first built as a <see cref="TokenRequestPreview"/>, and the bytes sent
/// are made from that preview, so what the visitor is shown is exactly what goes over the wire.
/// </summary>
public sealed class TokenClient(
    IBitbucketOAuthApi api, BitbucketEndpoints endpoints, IOptions<BitbucketOptions> options, VisitorCallBudget budget) : ITokenClient
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

    /// <summary>
    /// Gets the <c>Authorization</c> value of HTTP Basic client authentication:
    /// <c>Basic base64(urlencode(key):urlencode(secret))</c>. RFC 6749 §2.3.1 has key and secret
    /// form-urlencoded first, so a ':' or '%' in a secret cannot be misread by the server.
    /// </summary>
    public static string BasicAuthorization(ConsumerCredentials consumer) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $"{System.Net.WebUtility.UrlEncode(consumer.ClientId)}:{System.Net.WebUtility.UrlEncode(consumer.ClientSecret)}"));

    private TokenRequestPreview Preview(ConsumerCredentials consumer, IReadOnlyList<KeyValuePair<string, string>> form) =>
        new("POST", endpoints.TokenUrl, [new("Authorization", BasicAuthorization(consumer)), new("Content-Type", FormContentType)], form);

    private async Task<TokenResult> SendAsync(TokenRequestPreview preview, CancellationToken cancellationToken)
    {
        if (budget.Refuse() is { } refusal)
        {
            return new TokenResult(null, null, null, refusal);
        }

        using var capture = ExchangeCapture.Start();
        using var content = new ByteArrayContent(Encoding.ASCII.GetBytes(preview.FormBody));
        content.Headers.ContentType = new MediaTypeHeaderValue(FormContentType);
        var authorization = preview.Headers.First(h => h.Key == "Authorization").Value;

        IApiResponse<TokenResponse>? response = null;
        string? fault = null;
        try
        {
            response = await api.RequestTokenAsync(authorization, content, cancellationToken);
            if (response.Error is ApiRequestException requestError)
            {
                fault = Describe(requestError, preview.Url, cancellationToken);
            }
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && exception is HttpRequestException or OperationCanceledException or ApiRequestException or Polly.ExecutionRejectedException)
        {
            fault = Describe(exception, preview.Url, cancellationToken);
        }

        using (response)
        {
            var exchanges = capture.Exchanges;
            var exchange = WithFault(exchanges.Count > 0 ? exchanges[^1] : null, fault);
            if (fault is not null)
            {
                return new TokenResult(exchange, null, null, fault);
            }

            if (response!.IsSuccessStatusCode && response.Content is { AccessToken.Length: > 0 } token)
            {
                return new TokenResult(exchange, token, null, null);
            }

            if (!response.IsSuccessStatusCode && TryParseError(exchange?.ResponseBody) is { } error)
            {
                return new TokenResult(exchange, null, error, null);
            }

            return new TokenResult(exchange, null, null, HttpFaults.UnexpectedAnswer(exchange, response.IsSuccessStatusCode
                ? "a JSON token response (access_token, token_type, expires_in)"
                : "a JSON OAuth error ({\"error\": …, \"error_description\": …})"));
        }
    }

    private string Describe(Exception exception, Uri url, CancellationToken cancellationToken)
    {
        // The caller's own cancellation is not a fault to show: let it end the operation.
        cancellationToken.ThrowIfCancellationRequested();
        return HttpFaults.Describe(exception, url, options.Value.RequestTimeout);
    }

    private static HttpExchange? WithFault(HttpExchange? exchange, string? fault) =>
        exchange is { StatusCode: null } && fault is not null ? exchange with { Fault = fault } : exchange;

    private static OAuthErrorResponse? TryParseError(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            var error = JsonSerializer.Deserialize<OAuthErrorResponse>(body, BitbucketJson.Options);
            return string.IsNullOrWhiteSpace(error?.Error) ? null : error;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
