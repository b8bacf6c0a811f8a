using System.Net;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Sandbox;
using Microsoft.AspNetCore.WebUtilities;

namespace BitbucketBlazor.Tests.Sandbox;

public sealed class SandboxConsentPageTests(SandboxFixture app) : IClassFixture<SandboxFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private SandboxClient Sandbox => app.Sandbox;

    private Uri Callback => new(app.RootUri, "/oauth-callback");

    [Fact]
    public async Task ConsentPageShowsTheConsumerAndItsScopesWithoutAnyScriptOrExternalResource()
    {
        using var response = await Sandbox.AuthorizeAsync($"client_id={DemoConsumers.Private.Key}&response_type=code&state=abc");
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(DemoConsumers.Private.Name, html, StringComparison.Ordinal);
        Assert.All(DemoConsumers.Private.Scopes, scope => Assert.Contains($"<code>{scope}</code>", html, StringComparison.Ordinal));
        Assert.Contains(System.Net.WebUtility.HtmlEncode(ScopeCatalog.MeaningOf("repository")), html, StringComparison.Ordinal);
        Assert.Contains("value=\"grant\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"deny\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http://", html.Replace(Callback.ToString(), "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.DoesNotContain(DemoConsumers.Private.Secret, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrantRedirectsToTheCallbackWithACodeAndTheState()
    {
        var consent = await Sandbox.OpenConsentAsync(DemoConsumers.Private, state: "xyz 1/2");

        using var response = await Sandbox.DecideAsync(consent, grant: true);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal(Callback.GetLeftPart(UriPartial.Path), location.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("xyz 1/2", query["state"]);
        Assert.True(query["code"].ToString().Length >= 22, "a code carries at least 128 random bits");
    }

    [Fact]
    public async Task StateIsLeftOffTheRedirectWhenTheClientGaveNone()
    {
        var consent = await Sandbox.OpenConsentAsync(DemoConsumers.Private);

        using var response = await Sandbox.DecideAsync(consent, grant: true);

        var query = QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        Assert.True(query.ContainsKey("code"));
        Assert.False(query.ContainsKey("state"));
    }

    [Fact]
    public async Task CancelRedirectsToTheCallbackWithAccessDeniedAndTheState()
    {
        var consent = await Sandbox.OpenConsentAsync(DemoConsumers.Private, state: "abc");

        using var response = await Sandbox.DecideAsync(consent, grant: false);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var query = QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        Assert.Equal("access_denied", query["error"]);
        Assert.False(string.IsNullOrEmpty(query["error_description"]));
        Assert.Equal("abc", query["state"]);
        Assert.False(query.ContainsKey("code"));
    }

    [Fact]
    public async Task AConsentCanBeAnsweredOnlyOnce()
    {
        var consent = await Sandbox.OpenConsentAsync(DemoConsumers.Private);
        using var first = await Sandbox.DecideAsync(consent, grant: true);

        using var second = await Sandbox.DecideAsync(consent, grant: true);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Null(second.Headers.Location);
    }

    [Fact]
    public async Task MismatchedRedirectUriShowsInvalidRedirectUriAndNeverRedirects()
    {
        var evil = Uri.EscapeDataString("https://attacker.example/steal");

        using var response = await Sandbox.AuthorizeAsync($"client_id={DemoConsumers.Private.Key}&response_type=code&redirect_uri={evil}");
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("Invalid redirect_uri", html, StringComparison.Ordinal);
        Assert.DoesNotContain("attacker.example", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MatchingRedirectUriIsAccepted()
    {
        var consent = await Sandbox.OpenConsentAsync(DemoConsumers.Private, redirectUri: Callback.ToString());

        using var response = await Sandbox.DecideAsync(consent, grant: true);

        Assert.Equal(Callback.GetLeftPart(UriPartial.Path), response.Headers.Location!.GetLeftPart(UriPartial.Path));
    }

    [Fact]
    public async Task TheCallbackIsResolvedAgainstTheOriginTheBrowserCameTo()
    {
        var host = $"localhost:{app.RootUri.Port}";

        using var response = await Sandbox.AuthorizeAsync($"client_id={DemoConsumers.Private.Key}&response_type=code", host);
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Contains($"http://{host}/oauth-callback", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownClientIdShowsAnErrorPage()
    {
        using var response = await Sandbox.AuthorizeAsync("client_id=nobody&response_type=code");
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("Invalid client_id", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsumerWithoutCallbackShowsBitbucketsNoCallbackMessage()
    {
        using var response = await Sandbox.AuthorizeAsync($"client_id={DemoConsumers.NoCallback.Key}&response_type=code");
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("No callback uri defined for the OAuth client.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResponseTypeOtherThanCodeRedirectsWithUnsupportedResponseType()
    {
        using var response = await Sandbox.AuthorizeAsync($"client_id={DemoConsumers.Private.Key}&response_type=token&state=s1");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var query = QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        Assert.Equal("unsupported_response_type", query["error"]);
        Assert.Equal("s1", query["state"]);
    }

    [Fact]
    public async Task ValuesFromTheRequestAreHtmlEncodedOnTheErrorPage()
    {
        using var response = await Sandbox.AuthorizeAsync($"client_id=%3Cscript%3Ealert(1)%3C%2Fscript%3E&response_type=code");
        var html = await response.Content.ReadAsStringAsync(Cancel);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }
}
