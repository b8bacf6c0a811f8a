using System.Net;
using BitbucketBlazor.OAuth;
using BitbucketBlazor.Tests.Infrastructure;

namespace BitbucketBlazor.Tests.Hosting;

/// <summary>What a request forwarded by a TLS-ending proxy looks like to the app, in Production.</summary>
internal static class ForwardedRequest
{
    /// <summary>The public host name the proxy serves the app under.</summary>
    public const string PublicHost = "demo.example";

    /// <summary>Sends <c>GET /authorize</c> as the proxy would forward a visitor's HTTPS (or <paramref name="scheme"/>) request, without following the redirect.</summary>
    public static async Task<HttpResponseMessage> AuthorizeAsync(AppFixture app, string scheme = "https")
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.RootUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/authorize");
        request.Headers.Host = PublicHost;
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("X-Forwarded-Proto", scheme);
        return await http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Asserts the redirect to the sandbox under <paramref name="origin"/> and the cookie's name; returns its Set-Cookie line.</summary>
    public static string AssertRedirectAndCookie(HttpResponseMessage response, string origin, string cookieName)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith($"{origin}/sandbox/site/oauth2/authorize?", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        var cookie = BrowserCookie(response);
        Assert.StartsWith(cookieName + "=", cookie, StringComparison.Ordinal);
        return cookie;
    }

    /// <summary>Gets the browser cookie's Set-Cookie line, whichever name it has.</summary>
    public static string BrowserCookie(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.Contains(BrowserBinding.CookieName + "=", StringComparison.Ordinal));
}

/// <summary>Behind a proxy the app trusts (Proxy:KnownProxies): the visitor's https origin, secure cookies, HSTS.</summary>
public sealed class KnownProxyTests(KnownProxyFixture app) : IClassFixture<KnownProxyFixture>
{
    [Fact]
    public async Task ForwardedHeadersFromAKnownProxyGiveHttpsOriginsASecureHostCookieAndHsts()
    {
        using var response = await ForwardedRequest.AuthorizeAsync(app);

        var cookie = ForwardedRequest.AssertRedirectAndCookie(response, $"https://{ForwardedRequest.PublicHost}", BrowserBinding.SecureCookieName);
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        var hsts = response.Headers.GetValues("Strict-Transport-Security").Single();
        Assert.Contains("max-age=31536000", hsts, StringComparison.Ordinal);
    }
}

/// <summary>The same headers from an address that is not the configured proxy are ignored.</summary>
public sealed class UnknownProxyTests(UnknownProxyFixture app) : IClassFixture<UnknownProxyFixture>
{
    [Fact]
    public async Task ForwardedHeadersFromAnUnknownAddressAreIgnored()
    {
        using var response = await ForwardedRequest.AuthorizeAsync(app);

        ForwardedRequest.AssertRedirectAndCookie(response, $"http://{ForwardedRequest.PublicHost}", BrowserBinding.CookieName);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task OutsideDevelopmentEveryCookieIsSecureEvenOverPlainHttp()
    {
        using var response = await ForwardedRequest.AuthorizeAsync(app);

        Assert.Contains("; secure", ForwardedRequest.BrowserCookie(response), StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>The framework's own switch, ASPNETCORE_FORWARDEDHEADERS_ENABLED=true, works too.</summary>
public sealed class FrameworkSwitchTests(FrameworkSwitchFixture app) : IClassFixture<FrameworkSwitchFixture>
{
    [Fact]
    public async Task TheFrameworkSwitchAloneGivesHttpsOriginsAndTheSecureCookie()
    {
        using var response = await ForwardedRequest.AuthorizeAsync(app);

        ForwardedRequest.AssertRedirectAndCookie(response, $"https://{ForwardedRequest.PublicHost}", BrowserBinding.SecureCookieName);
    }
}

/// <summary>With the public HTTPS port set (<c>HTTPS_PORT</c>), a visit the proxy took over plain HTTP is sent to HTTPS.</summary>
public sealed class HttpsRedirectionTests(HttpsPortFixture app) : IClassFixture<HttpsPortFixture>
{
    [Fact]
    public async Task APlainHttpVisitIsRedirectedToTheHttpsOriginAndAnHttpsOneIsServed()
    {
        using var plain = await ForwardedRequest.AuthorizeAsync(app, scheme: "http");
        using var secure = await ForwardedRequest.AuthorizeAsync(app);

        Assert.Equal(HttpStatusCode.TemporaryRedirect, plain.StatusCode);
        Assert.Equal($"https://{ForwardedRequest.PublicHost}/authorize", plain.Headers.Location!.ToString());
        ForwardedRequest.AssertRedirectAndCookie(secure, $"https://{ForwardedRequest.PublicHost}", BrowserBinding.SecureCookieName);
    }
}

/// <summary>A trusted network (Proxy:KnownNetworks) works as a trusted proxy address does.</summary>
public sealed class KnownNetworkTests(KnownNetworkFixture app) : IClassFixture<KnownNetworkFixture>
{
    [Fact]
    public async Task ForwardedHeadersFromAProxyInAKnownNetworkGiveHttpsOriginsAndTheSecureCookie()
    {
        using var response = await ForwardedRequest.AuthorizeAsync(app);

        ForwardedRequest.AssertRedirectAndCookie(response, $"https://{ForwardedRequest.PublicHost}", BrowserBinding.SecureCookieName);
    }
}
