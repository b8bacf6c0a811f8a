using BitbucketBlazor.Tests.Infrastructure;

namespace BitbucketBlazor.Tests.Endpoints;

/// <summary>The app in Bitbucket Cloud mode with a configured consumer and callback URL. Nothing is sent to bitbucket.org: redirects are only read.</summary>
public sealed class CloudModeFixture : AppFixture
{
    /// <summary>The configured consumer's key.</summary>
    public const string Key = "cloud-consumer-key";

    /// <summary>The configured callback URL.</summary>
    public const string Callback = "https://example.test/oauth-callback";

    /// <summary>Configures Cloud mode.</summary>
    public CloudModeFixture()
    {
        WithSetting("Bitbucket:Mode", "Cloud");
        WithSetting("Bitbucket:ClientId", Key);
        WithSetting("Bitbucket:ClientSecret", "cloud-consumer-secret");
        WithSetting("Bitbucket:CallbackUrl", Callback);
    }
}

public sealed class AuthorizationCodeCloudModeTests(CloudModeFixture app) : IClassFixture<CloudModeFixture>
{
    [Fact]
    public async Task InCloudModeAuthorizeSendsTheBrowserToBitbucketWithTheConfiguredConsumerAndRedirectUri()
    {
        using var visitor = new OAuthTestVisitor(app.RootUri);

        var authorizeUrl = await visitor.StartAsync("?consumer=sandbox-private-key");

        Assert.Equal("https://bitbucket.org/site/oauth2/authorize", authorizeUrl.GetLeftPart(UriPartial.Path));
        Assert.Equal(CloudModeFixture.Key, OAuthTestVisitor.Query(authorizeUrl, "client_id"));
        Assert.Equal("code", OAuthTestVisitor.Query(authorizeUrl, "response_type"));
        Assert.Equal(CloudModeFixture.Callback, OAuthTestVisitor.Query(authorizeUrl, "redirect_uri"));
        Assert.Equal(43, OAuthTestVisitor.Query(authorizeUrl, "state")!.Length);
        Assert.DoesNotContain("secret", authorizeUrl.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
