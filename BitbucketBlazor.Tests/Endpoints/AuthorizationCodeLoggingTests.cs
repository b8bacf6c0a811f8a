using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.OAuth;
using BitbucketBlazor.Sandbox;
using BitbucketBlazor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;

namespace BitbucketBlazor.Tests.Endpoints;

/// <summary>The app with every log record kept, and the app's own categories at their most talkative.</summary>
public sealed class LogCapturingFixture : AppFixture
{
    /// <summary>Turns on trace logging for the app's own code.</summary>
    public LogCapturingFixture() => WithSetting("Logging:LogLevel:BitbucketBlazor", "Trace");

    /// <summary>Gets every log record written so far.</summary>
    public IReadOnlyList<FakeLogRecord> Logs => Services.GetRequiredService<FakeLogCollector>().GetSnapshot();

    /// <inheritdoc />
    protected override void ConfigureTestServices(IServiceCollection services) => services.AddFakeLogging();
}

public sealed class AuthorizationCodeLoggingTests(LogCapturingFixture app) : IClassFixture<LogCapturingFixture>
{
    [Fact]
    public async Task NoLogRecordOfAWholeLoginHoldsTheCodeTheStateTheTokensOrTheSecret()
    {
        using var visitor = new OAuthTestVisitor(app.RootUri);
        var callback = await visitor.AuthorizeAsync();
        using var done = await visitor.GetAsync(callback.ToString());
        var handoffs = app.Services.GetRequiredService<AuthorizationHandoffStore>();
        var handoff = handoffs.Claim(handoffs.FindPending(visitor.BrowserId), visitor.BrowserId)!;
        var refreshed = await app.Services.GetRequiredService<ITokenClient>()
            .RefreshAsync(handoff.Consumer, handoff.Token.RefreshToken!, TestContext.Current.CancellationToken);

        var secrets = new[]
        {
            OAuthTestVisitor.Query(callback, "code")!,
            OAuthTestVisitor.Query(callback, "state")!,
            handoff.Token.AccessToken,
            handoff.Token.RefreshToken!,
            refreshed.Token!.AccessToken,
            DemoConsumers.Private.Secret,
            visitor.BrowserId!,
        };
        var logs = app.Logs;
        Assert.Contains(logs, r => r.Message.Contains("Code exchanged for a token", StringComparison.Ordinal));
        foreach (var record in logs)
        {
            var text = record.Message + " " + record.Exception;
            Assert.All(secrets, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        }
    }
}
