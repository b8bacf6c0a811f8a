using System.Net;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.OAuth;
using BitbucketBlazor.Sandbox;
using BitbucketBlazor.Tests.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace BitbucketBlazor.Tests.Endpoints;

/// <summary>The sample's /authorize and /oauth-callback over real HTTP against the built-in sandbox.</summary>
public sealed class AuthorizationCodeEndpointTests(SandboxFixture app) : IClassFixture<SandboxFixture>
{
    private AuthorizationHandoffStore Handoffs => app.Services.GetRequiredService<AuthorizationHandoffStore>();

    [Fact]
    public async Task AuthorizeRedirectsToTheSandboxConsentPageWithClientIdResponseTypeAndAFreshState()
    {
        using var visitor = new OAuthTestVisitor(app.RootUri);

        var first = await visitor.StartAsync();
        var second = await visitor.StartAsync();

        Assert.Equal(new Uri(app.RootUri, "/sandbox/site/oauth2/authorize").AbsolutePath, first.AbsolutePath);
        Assert.Equal(DemoConsumers.Private.Key, OAuthTestVisitor.Query(first, "client_id"));
        Assert.Equal("code", OAuthTestVisitor.Query(first, "response_type"));
        Assert.Null(OAuthTestVisitor.Query(first, "redirect_uri"));
        Assert.Equal(43, OAuthTestVisitor.Query(first, "state")!.Length);
        Assert.NotEqual(OAuthTestVisitor.Query(first, "state"), OAuthTestVisitor.Query(second, "state"));
        Assert.NotNull(visitor.BrowserId);
    }

    [Fact]
    public async Task AuthorizeSetsAnHttpOnlyLaxBrowserCookie()
    {
        // Without a cookie jar, so the Set-Cookie header reaches the test as sent.
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.RootUri };
        using var response = await http.GetAsync("/authorize", TestContext.Current.CancellationToken);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(BrowserBinding.CookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase); // plain http in tests
    }

    [Fact]
    public async Task GrantingConsentEndsOnTheWalkthroughWithATokenWaitingInTheHandoffAndNoSecretInAnyUrl()
    {
        using var visitor = new OAuthTestVisitor(app.RootUri);
        var callback = await visitor.AuthorizeAsync(grant: true);
        Assert.Equal("/oauth-callback", callback.AbsolutePath);
        var code = OAuthTestVisitor.Query(callback, "code");
        Assert.False(string.IsNullOrEmpty(code));

        using var response = await visitor.GetAsync(callback.ToString());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/authorization-code", response.Headers.Location!.OriginalString);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());

        var handoffId = Handoffs.FindPending(visitor.BrowserId);
        var handoff = Handoffs.Claim(handoffId, visitor.BrowserId);
        Assert.NotNull(handoff);
        Assert.False(string.IsNullOrEmpty(handoff.Token.AccessToken));
        Assert.False(string.IsNullOrEmpty(handoff.Token.RefreshToken));
        Assert.Equal("authorization_code", handoff.Token.State);
        Assert.DoesNotContain(code!, handoff.Callback.MaskedCode, StringComparison.Ordinal);
        Assert.DoesNotContain(handoff.Token.AccessToken, response.Headers.Location.OriginalString, StringComparison.Ordinal);
        var exchange = Assert.Single(handoff.Exchanges);
        Assert.Contains("grant_type=authorization_code", exchange.RequestBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAuthorizedBrowserGoingToAuthorizeAgainIsSentToTheWalkthroughInstead()
    {
        using var visitor = new OAuthTestVisitor(app.RootUri);
        using var done = await visitor.GetAsync((await visitor.AuthorizeAsync()).ToString());

        using var again = await visitor.GetAsync("/authorize");
        var fresh = await visitor.StartAsync("?fresh=1");

        Assert.Equal("/authorization-code", again.Headers.Location!.OriginalString);
        Assert.Equal("/sandbox/site/oauth2/authorize", fresh.AbsolutePath);
    }

    [Fact]
    public async Task DenyingConsentShowsAnAccessDeniedPageAndLeavesNoHandoff()
    {
        using var visitor = new OAuthTestVisitor(app.RootUri);
        var callback = await visitor.AuthorizeAsync(grant: false);
        Assert.Equal("access_denied", OAuthTestVisitor.Query(callback, "error"));

        using var response = await visitor.GetAsync(callback.ToString());
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Contains("Access was not granted", html, StringComparison.Ordinal);
        Assert.Contains("access_denied", html, StringComparison.Ordinal);
        Assert.Contains("No code was sent to the token endpoint", html, StringComparison.Ordinal);
        Assert.Null(Handoffs.FindPending(visitor.BrowserId));
    }

    [Fact]
    public async Task ACallbackDeliveredToAnotherBrowserIsRefusedBeforeAnyExchange()
    {
        using var victim = new OAuthTestVisitor(app.RootUri);
        using var attacker = new OAuthTestVisitor(app.RootUri);
        var callback = await attacker.AuthorizeAsync();
        using var _ = await victim.GetAsync("/"); // the victim has been on the site before

        using var response = await victim.GetAsync(callback.ToString());
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("another browser", html, StringComparison.Ordinal);
        Assert.Contains("No code was sent to the token endpoint", html, StringComparison.Ordinal);

        // The code was not spent: the browser that started the login can still finish it.
        using var own = await attacker.GetAsync(callback.ToString());
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
    }

    [Fact]
    public async Task ACallbackWithoutStateIsRefused()
    {
        using var visitor = new OAuthTestVisitor(app.RootUri);
        var callback = await visitor.AuthorizeAsync();

        using var response = await visitor.GetAsync("/oauth-callback?code=" + Uri.EscapeDataString(OAuthTestVisitor.Query(callback, "code")!));
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The callback carries no state", html, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task ACallbackWithATamperedStateIsRefused()
    {
        using var visitor = new OAuthTestVisitor(app.RootUri);
        var callback = await visitor.AuthorizeAsync();
        var tampered = callback.ToString().Replace("state=", "state=x", StringComparison.Ordinal);

        using var response = await visitor.GetAsync(tampered);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This state was not issued by this app", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplayingACallbackIsRefusedAsAlreadyUsed()
    {
        using var visitor = new OAuthTestVisitor(app.RootUri);
        var callback = await visitor.AuthorizeAsync();
        using var first = await visitor.GetAsync(callback.ToString());

        using var replay = await visitor.GetAsync(callback.ToString());
        var html = await replay.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Contains("This callback was already used", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACallbackWithAValidStateButNoCodeIsRefused()
    {
        using var visitor = new OAuthTestVisitor(app.RootUri);
        var authorizeUrl = await visitor.StartAsync();

        using var response = await visitor.GetAsync("/oauth-callback?state=" + OAuthTestVisitor.Query(authorizeUrl, "state"));
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The callback carries no code", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReplayedCodeIsRefusedByTheTokenEndpointAndExplained()
    {
        using var first = new OAuthTestVisitor(app.RootUri);
        var callback = await first.AuthorizeAsync();
        using var used = await first.GetAsync(callback.ToString());
        using var second = new OAuthTestVisitor(app.RootUri);
        var state = OAuthTestVisitor.Query(await second.StartAsync(), "state");

        var replay = $"/oauth-callback?code={Uri.EscapeDataString(OAuthTestVisitor.Query(callback, "code")!)}&state={state}";
        using var response = await second.GetAsync(replay);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The code could not be exchanged for a token", html, StringComparison.Ordinal);
        Assert.Contains("invalid_grant", html, StringComparison.Ordinal);
        Assert.Contains("sent to the token endpoint once", html, StringComparison.Ordinal);
        Assert.DoesNotContain(OAuthTestVisitor.Query(callback, "code")!, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnExpiredCodeIsRefusedByTheTokenEndpointAndExplained()
    {
        using var visitor = new OAuthTestVisitor(app.RootUri);
        var callback = await visitor.AuthorizeAsync();

        // Codes live five minutes in the sandbox; the state (ten minutes) is still good.
        app.Clock.Advance(SandboxAuthorizationCodes.CodeLifetime + TimeSpan.FromSeconds(1));
        using var response = await visitor.GetAsync(callback.ToString());
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_grant", html, StringComparison.Ordinal);
        Assert.Contains("expired", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnErrorFromBitbucketIsShownHtmlEncoded()
    {
        using var visitor = new OAuthTestVisitor(app.RootUri);
        var state = OAuthTestVisitor.Query(await visitor.StartAsync(), "state");

        using var response = await visitor.GetAsync(
            $"/oauth-callback?error=invalid_scope&error_description={Uri.EscapeDataString("<script>alert(1)</script>")}&state={state}");
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("invalid_scope", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheNoCallbackDemoConsumerGetsTheSandboxsErrorOnItsConsentPage()
    {
        using var visitor = new OAuthTestVisitor(app.RootUri);
        var authorizeUrl = await visitor.StartAsync("?consumer=" + DemoConsumers.NoCallback.Key);

        using var page = await visitor.GetAsync(authorizeUrl.ToString());
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(DemoConsumers.NoCallback.Key, OAuthTestVisitor.Query(authorizeUrl, "client_id"));
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("No callback uri defined", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownConsumerChoiceIsRefusedWithoutRedirecting()
    {
        using var response = await app.Http.GetAsync("/authorize?consumer=nobody", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("no demo consumer with key", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefreshTokenFromTheCodeFlowGetsANewAccessTokenAndTheOldOneStillWorks()
    {
        using var visitor = new OAuthTestVisitor(app.RootUri);
        using var done = await visitor.GetAsync((await visitor.AuthorizeAsync()).ToString());
        var handoff = Handoffs.Claim(Handoffs.FindPending(visitor.BrowserId), visitor.BrowserId)!;
        var tokens = app.Services.GetRequiredService<ITokenClient>();

        var refreshed = await tokens.RefreshAsync(handoff.Consumer, handoff.Token.RefreshToken!, TestContext.Current.CancellationToken);

        Assert.True(refreshed.Succeeded, refreshed.Error?.ErrorDescription ?? refreshed.Fault);
        Assert.NotEqual(handoff.Token.AccessToken, refreshed.Token!.AccessToken);
        Assert.Equal("refresh_token", refreshed.Token.State);
        Assert.Equal(SandboxTokenStatus.Valid, app.Tokens.Validate(handoff.Token.AccessToken, out _));
        Assert.Equal(SandboxTokenStatus.Valid, app.Tokens.Validate(refreshed.Token.AccessToken, out _));
    }

    [Fact]
    public async Task AnUnknownRefreshTokenIsRefusedWithBitbucketsInvalidRequest()
    {
        var tokens = app.Services.GetRequiredService<ITokenClient>();
        var consumer = new ConsumerCredentials(DemoConsumers.Private.Key, DemoConsumers.Private.Secret, "Demo", ConsumerSource.SandboxDemo);

        var result = await tokens.RefreshAsync(consumer, "not-a-refresh-token", TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Equal("invalid_request", result.Error?.Error);
        Assert.Equal("Invalid refresh_token", result.Error?.ErrorDescription);
        Assert.Equal(400, result.Exchange?.StatusCode);
    }
}
