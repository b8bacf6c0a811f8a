using System.Net;
using System.Text.RegularExpressions;
using BitbucketBlazor.OAuth;
using Microsoft.AspNetCore.WebUtilities;

namespace BitbucketBlazor.Tests.Endpoints;

/// <summary>
/// A browser imitated over real HTTP: its own cookie jar, redirects followed by hand (so each hop
/// can be checked), and the sandbox's consent form posted the way a browser posts it.
/// </summary>
public sealed partial class OAuthTestVisitor : IDisposable
{
    private readonly CookieContainer _cookies = new();
    private readonly HttpClient _http;
    private readonly Uri _root;

    /// <summary>Creates a visitor of the app at <paramref name="root"/>.</summary>
    public OAuthTestVisitor(Uri root)
    {
        _root = root;
        _http = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false, UseCookies = true })
        {
            BaseAddress = root,
        };
    }

    /// <summary>Gets this browser's binding id from its cookie, or null.</summary>
    public string? BrowserId => _cookies.GetCookies(_root)[BrowserBinding.CookieName]?.Value;

    /// <summary>Gets a path or absolute URL, without following a redirect.</summary>
    public Task<HttpResponseMessage> GetAsync(string pathOrUrl) =>
        _http.GetAsync(pathOrUrl, TestContext.Current.CancellationToken);

    /// <summary>Goes to <c>/authorize</c> and returns the authorize URL it redirects to.</summary>
    public async Task<Uri> StartAsync(string query = "")
    {
        using var response = await GetAsync("/authorize" + query);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return new Uri(_root, response.Headers.Location!);
    }

    /// <summary>Opens the consent page at <paramref name="authorizeUrl"/> and answers it; returns the redirect to the callback.</summary>
    public async Task<Uri> AnswerConsentAsync(Uri authorizeUrl, bool grant)
    {
        using var page = await GetAsync(authorizeUrl.ToString());
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"The consent page answered {(int)page.StatusCode}: {html}");

        var action = WebUtility.HtmlDecode(FormAction().Match(html).Groups[1].Value);
        var consent = WebUtility.HtmlDecode(ConsentField().Match(html).Groups[1].Value);
        using var form = new FormUrlEncodedContent(
        [
            new("consent", consent),
            new("decision", grant ? "grant" : "deny"),
        ]);
        using var decision = await _http.PostAsync(action, form, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, decision.StatusCode);
        return new Uri(_root, decision.Headers.Location!);
    }

    /// <summary>Runs /authorize and the consent; returns the callback URL Bitbucket sends the browser to.</summary>
    public async Task<Uri> AuthorizeAsync(bool grant = true) => await AnswerConsentAsync(await StartAsync(), grant);

    /// <summary>Gets a query parameter of <paramref name="url"/>.</summary>
    public static string? Query(Uri url, string name) =>
        QueryHelpers.ParseQuery(url.Query).TryGetValue(name, out var values) ? values.ToString() : null;

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("name=\"consent\" value=\"([^\"]+)\"")]
    private static partial Regex ConsentField();
}
