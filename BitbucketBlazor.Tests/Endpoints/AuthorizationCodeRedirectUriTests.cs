using System.Net;
using BitbucketBlazor.Tests.Infrastructure;

namespace BitbucketBlazor.Tests.Endpoints;

/// <summary>The app configured with a <c>Bitbucket:CallbackUrl</c> the consumer does not have.</summary>
public sealed class WrongCallbackUrlFixture : AppFixture
{
    /// <summary>The configured, wrong, callback URL.</summary>
    public const string WrongCallback = "http://127.0.0.1:1/not-the-callback";

    /// <summary>Configures the wrong callback URL.</summary>
    public WrongCallbackUrlFixture() => WithSetting("Bitbucket:CallbackUrl", WrongCallback);
}

public sealed class AuthorizationCodeRedirectUriTests(WrongCallbackUrlFixture app) : IClassFixture<WrongCallbackUrlFixture>
{
    [Fact]
    public async Task AConfiguredCallbackUrlIsSentAsRedirectUriAndTheSandboxRefusesAMismatch()
    {
        using var visitor = new OAuthTestVisitor(app.RootUri);
        var authorizeUrl = await visitor.StartAsync();

        using var page = await visitor.GetAsync(authorizeUrl.ToString());
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(WrongCallbackUrlFixture.WrongCallback, OAuthTestVisitor.Query(authorizeUrl, "redirect_uri"));
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("Invalid redirect_uri", html, StringComparison.Ordinal);
    }
}
