using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.OAuth;
using BitbucketBlazor.Sandbox;
using BitbucketBlazor.Tests.Infrastructure;
using BitbucketBlazor.Tests.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;

namespace BitbucketBlazor.Tests.Integration;

/// <summary>The whole app, logging at its most verbose, with every line captured.</summary>
public sealed class VerboseLoggingAppFixture : AppFixture
{
    /// <summary>Sets every category to Trace, so nothing escapes the check.</summary>
    public VerboseLoggingAppFixture()
    {
        WithSetting("Logging:LogLevel:Default", "Trace");
        WithSetting("Logging:LogLevel:Microsoft", "Trace");
        WithSetting("Logging:LogLevel:Microsoft.AspNetCore", "Trace");
        WithSetting("Logging:LogLevel:System.Net.Http", "Trace");
    }

    /// <summary>Gets every line the app has logged.</summary>
    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    /// <inheritdoc />
    protected override void ConfigureTestServices(IServiceCollection services) => services.AddFakeLogging();
}

public sealed class LogSecrecyTests(VerboseLoggingAppFixture app) : IClassFixture<VerboseLoggingAppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NoSecretTokenOrCodeReachesTheLogsThroughAWholeSession()
    {
        var consumer = new ConsumerCredentials(DemoConsumers.Private.Key, DemoConsumers.Private.Secret, "private", ConsumerSource.SandboxDemo);
        var tokens = app.ForVisitor<ITokenClient>();
        var api = app.ForVisitor<IBitbucketApiClient>();

        // Client credentials, API calls (one refused for scope), a refresh, a failed login, and a
        // token used after the presenter expired it.
        var issued = await tokens.RequestClientCredentialsAsync(consumer, Ct);
        Assert.True(issued.Succeeded, issued.Fault);
        var token = issued.Token!;
        var repositories = await api.GetRepositoriesAsync(token.AccessToken, "blazor-demo", cancellationToken: Ct);
        Assert.True(repositories.Succeeded);
        await api.GetPageAsync<global::BitbucketBlazor.Bitbucket.Models.Repository>(token.AccessToken, new Uri(repositories.Value!.Next!), Ct);
        var refreshed = await tokens.RefreshAsync(consumer, token.RefreshToken!, Ct);
        Assert.True(refreshed.Succeeded, refreshed.Fault);
        var wrongSecret = await tokens.RequestClientCredentialsAsync(consumer with { ClientSecret = "wrong-secret-value-123" }, Ct);
        Assert.False(wrongSecret.Succeeded);
        await app.Services.GetRequiredService<SandboxTokenStore>().ExpireAccessTokenAsync(refreshed.Token!.AccessToken);
        var expired = await api.GetCurrentUserAsync(refreshed.Token.AccessToken, Ct);
        Assert.Equal(401, expired.Exchange!.StatusCode);

        // An authorization code through the sandbox's consent page, exchanged by the app.
        using var browser = new SandboxClient(app.RootUri);
        var code = await browser.AuthorizationCodeAsync(DemoConsumers.Private);
        var exchanged = await tokens.ExchangeCodeAsync(consumer, code, null, Ct);
        Assert.True(exchanged.Succeeded, exchanged.Fault ?? exchanged.Error?.ErrorDescription);

        var logged = app.Logs.AllText();
        Assert.NotEmpty(app.Logs.Lines());
        Assert.Contains("/sandbox/site/oauth2/access_token", logged, StringComparison.Ordinal); // the check sees the traffic
        string[] secrets =
        [
            DemoConsumers.Private.Secret, "wrong-secret-value-123",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{DemoConsumers.Private.Key}:{DemoConsumers.Private.Secret}")),
            token.AccessToken, token.RefreshToken!, refreshed.Token.AccessToken, code, exchanged.Token!.AccessToken,
        ];
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, logged, StringComparison.Ordinal);
        }
    }
}
