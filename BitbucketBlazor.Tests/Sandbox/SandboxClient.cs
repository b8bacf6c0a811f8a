using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Sandbox;
using Microsoft.AspNetCore.WebUtilities;

namespace BitbucketBlazor.Tests.Sandbox;

/// <summary>How a test authenticates the client at the token endpoint.</summary>
public enum ClientAuth
{
    /// <summary>HTTP Basic <c>key:secret</c>.</summary>
    Basic,

    /// <summary><c>client_id</c> and <c>client_secret</c> form fields.</summary>
    Form,

    /// <summary>No client authentication at all.</summary>
    None,
}

/// <summary>A small client for the sandbox over real HTTP, as an OAuth client and a browser would use it.</summary>
public sealed partial class SandboxClient(Uri rootUri) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = rootUri };

    /// <summary>Gets the HTTP client (redirects are not followed).</summary>
    public HttpClient Http => _http;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Posts a form to the token endpoint.</summary>
    public async Task<HttpResponseMessage> PostTokenAsync(
        SandboxConsumer consumer, ClientAuth auth, params (string Key, string Value)[] fields)
    {
        var form = fields.ToList();
        using var request = new HttpRequestMessage(HttpMethod.Post, "sandbox/site/oauth2/access_token");
        if (auth == ClientAuth.Basic)
        {
            request.Headers.Authorization = Basic(consumer.Key, consumer.Secret);
        }
        else if (auth == ClientAuth.Form)
        {
            form.Add(("client_id", consumer.Key));
            form.Add(("client_secret", consumer.Secret));
        }

        request.Content = new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
        return await _http.SendAsync(request, Cancel);
    }

    /// <summary>Gets a token by client credentials and returns the parsed body, failing the test otherwise.</summary>
    public async Task<JsonElement> ClientCredentialsAsync(SandboxConsumer consumer)
    {
        using var response = await PostTokenAsync(consumer, ClientAuth.Basic, ("grant_type", "client_credentials"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    /// <summary>Gets an access token by client credentials.</summary>
    public async Task<string> AccessTokenAsync(SandboxConsumer consumer) =>
        (await ClientCredentialsAsync(consumer)).GetProperty("access_token").GetString()!;

    /// <summary>Opens the authorize URL as a browser would.</summary>
    public async Task<HttpResponseMessage> AuthorizeAsync(string query, string? host = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "sandbox/site/oauth2/authorize?" + query);
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        return await _http.SendAsync(request, Cancel);
    }

    /// <summary>Opens the consent page and returns the pending-consent id its form carries.</summary>
    public async Task<string> OpenConsentAsync(SandboxConsumer consumer, string? state = null, string? redirectUri = null)
    {
        var query = $"client_id={Uri.EscapeDataString(consumer.Key)}&response_type=code";
        query += state is null ? "" : "&state=" + Uri.EscapeDataString(state);
        query += redirectUri is null ? "" : "&redirect_uri=" + Uri.EscapeDataString(redirectUri);
        using var response = await AuthorizeAsync(query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Cancel);
        var match = ConsentIdPattern().Match(html);
        Assert.True(match.Success, "The consent page has no pending-consent id: " + html);
        return match.Groups[1].Value;
    }

    /// <summary>Answers a consent page as the Grant or Cancel button would.</summary>
    public async Task<HttpResponseMessage> DecideAsync(string consentId, bool grant) =>
        await _http.PostAsync(
            "sandbox/site/oauth2/authorize/decision",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["consent"] = consentId, ["decision"] = grant ? "grant" : "deny" }),
            Cancel);

    /// <summary>Runs the browser side of the authorization code grant and returns the code.</summary>
    public async Task<string> AuthorizationCodeAsync(SandboxConsumer consumer, string? redirectUri = null)
    {
        var consentId = await OpenConsentAsync(consumer, "s", redirectUri);
        using var response = await DecideAsync(consentId, grant: true);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return QueryHelpers.ParseQuery(response.Headers.Location!.Query)["code"].ToString();
    }

    /// <summary>Calls the REST API with a bearer token (or none).</summary>
    public async Task<HttpResponseMessage> GetApiAsync(string pathOrUrl, string? accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, pathOrUrl.StartsWith("http", StringComparison.Ordinal) ? pathOrUrl : "sandbox/2.0/" + pathOrUrl.TrimStart('/'));
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return await _http.SendAsync(request, Cancel);
    }

    /// <summary>Calls the REST API and returns the JSON body after checking the status.</summary>
    public async Task<JsonElement> GetApiJsonAsync(string pathOrUrl, string accessToken, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await GetApiAsync(pathOrUrl, accessToken);
        var body = await ReadJsonAsync(response);
        Assert.True(expected == response.StatusCode, $"Expected {expected}, got {response.StatusCode}: {body}");
        return body;
    }

    /// <summary>Asks the presenter endpoint to expire a token.</summary>
    public async Task<HttpResponseMessage> ExpireTokenAsync(string? accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "sandbox/presenter/expire-token");
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return await _http.SendAsync(request, Cancel);
    }

    /// <summary>Reads a response body as JSON.</summary>
    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(Cancel);
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    /// <summary>An HTTP Basic header for <paramref name="key"/> and <paramref name="secret"/>.</summary>
    public static AuthenticationHeaderValue Basic(string key, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{key}:{secret}")));

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"consent\" value=\"([^\"]+)\"")]
    private static partial Regex ConsentIdPattern();
}
