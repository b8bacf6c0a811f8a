using System.Net;
using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.OAuth;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Sandbox;
using BitbucketBlazor.Tests.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace BitbucketBlazor.Tests.Bitbucket;

/// <summary>The sandbox with a tiny hourly quota per token (3), and a per-visitor allowance too high to get in the way.</summary>
public sealed class TinyQuotaFixture : SandboxFixture
{
    /// <summary>Applies both settings before the app starts.</summary>
    public TinyQuotaFixture() =>
        WithSetting("Bitbucket:Sandbox:RateLimitPerHour", "3").WithSetting("Bitbucket:Calls:PerVisitorPerMinute", "10000");
}

/// <summary>One visitor's spent quota is theirs alone: the REST client's shared circuit breaker does not count 429s.</summary>
public sealed class VisitorIsolationTests(TinyQuotaFixture app) : IClassFixture<TinyQuotaFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task VisitorAExhaustsItsQuotaAndKeepsCallingWhileVisitorBsCallsStillSucceed()
    {
        var tokens = app.ForVisitor<ITokenClient>();
        var consumer = new ConsumerCredentials(DemoConsumers.Private.Key, DemoConsumers.Private.Secret, "demo", ConsumerSource.SandboxDemo);
        var tokenA = (await tokens.RequestClientCredentialsAsync(consumer, Ct)).Token!.AccessToken;
        var tokenB = (await tokens.RequestClientCredentialsAsync(consumer, Ct)).Token!.AccessToken;
        var visitorA = app.ForVisitor<IBitbucketApiClient>();
        var visitorB = app.ForVisitor<IBitbucketApiClient>();

        // The standard breaker opens at a 10% failure ratio over at least 100 calls: 150 calls,
        // all but the first few answered 429, would open it if 429s were counted.
        var refused = 0;
        for (var i = 0; i < 150; i++)
        {
            var call = await visitorA.GetCurrentUserAsync(tokenA, Ct);
            refused += call.Exchange?.StatusCode == (int)HttpStatusCode.TooManyRequests ? 1 : 0;
            Assert.Null(call.Fault);
        }

        var b = await visitorB.GetCurrentUserAsync(tokenB, Ct);

        Assert.Equal(150 - 3, refused);
        Assert.True(b.Succeeded, b.Fault ?? b.Error?.Error?.Message);
    }
}

/// <summary>A visitor past their per-minute allowance of calls is told so, and no call goes out; another visitor is unaffected.</summary>
public sealed class VisitorCallBudgetTests
{
    [Fact]
    public async Task PastTheAllowanceNoCallIsMadeAndTheMessageSaysWhyWhileAnotherVisitorStillCalls()
    {
        await using var stub = await StubBitbucket.StartAsync((c, _) => StubBitbucket.Json(c, 200, """{"type":"user","uuid":"{u}","display_name":"Ada","account_id":"1"}"""));
        await using var app = StubBitbucket.ClientsFor(stub.BaseUri, configure: services =>
            services.Configure<BitbucketCallOptions>(o => o.PerVisitorPerMinute = 3));
        using var scopeA = app.Services.CreateScope();
        using var scopeB = app.Services.CreateScope();
        var a = scopeA.ServiceProvider.GetRequiredService<IBitbucketApiClient>();
        var tokensA = scopeA.ServiceProvider.GetRequiredService<ITokenClient>();

        for (var i = 0; i < 3; i++)
        {
            Assert.True((await a.GetCurrentUserAsync("AT", TestContext.Current.CancellationToken)).Succeeded);
        }

        var refused = await a.GetCurrentUserAsync("AT", TestContext.Current.CancellationToken);
        var refusedToken = await tokensA.RequestClientCredentialsAsync(
            new ConsumerCredentials("k", "s", "k", ConsumerSource.TypedIn), TestContext.Current.CancellationToken);
        var other = await scopeB.ServiceProvider.GetRequiredService<IBitbucketApiClient>().GetCurrentUserAsync("AT", TestContext.Current.CancellationToken);

        Assert.False(refused.Succeeded);
        Assert.Empty(refused.Exchanges);
        Assert.Contains("Bitbucket:Calls:PerVisitorPerMinute", refused.Fault, StringComparison.Ordinal);
        Assert.Contains("Try again in", refused.Fault, StringComparison.Ordinal);
        Assert.StartsWith("Not sent", refusedToken.Fault, StringComparison.Ordinal);
        Assert.True(other.Succeeded, other.Fault);
        Assert.Equal(4, stub.Requests.Count);
    }
}
