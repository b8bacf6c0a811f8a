using BitbucketBlazor.Bitbucket.Models;
using BitbucketBlazor.Common.Stores;
using BitbucketBlazor.OAuth;
using Microsoft.Extensions.Time.Testing;

namespace BitbucketBlazor.Tests.OAuth;

public sealed class AuthorizationCodeHandoffStoreTests
{
    private const string Browser = "browser-a";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
    private readonly InMemoryBoundedStoreFactory _stores = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AHandoffIsClaimedOnceByItsBrowser()
    {
        var store = new AuthorizationHandoffStore(_stores, _clock);
        var handoff = NewHandoff();
        var id = (await store.PutAsync(Browser, handoff, Ct))!;

        Assert.Equal(id, await store.FindPendingAsync(Browser, Ct));
        Assert.Same(handoff, await store.ClaimAsync(id, Browser, Ct));
        Assert.Null(await store.ClaimAsync(id, Browser, Ct));
        Assert.Null(await store.FindPendingAsync(Browser, Ct));
    }

    [Fact]
    public async Task AnotherBrowserCannotFindOrClaimTheHandoff()
    {
        var store = new AuthorizationHandoffStore(_stores, _clock);
        var id = (await store.PutAsync(Browser, NewHandoff(), Ct))!;

        Assert.Null(await store.FindPendingAsync("browser-b", Ct));
        Assert.Null(await store.ClaimAsync(id, "browser-b", Ct));
        Assert.Null(await store.ClaimAsync(id, null, Ct));
        Assert.NotNull(await store.ClaimAsync(id, Browser, Ct));
    }

    [Fact]
    public async Task AHandoffExpiresAfterTwoMinutes()
    {
        var store = new AuthorizationHandoffStore(_stores, _clock);
        var early = (await store.PutAsync(Browser, NewHandoff(), Ct))!;
        var late = (await store.PutAsync(Browser, NewHandoff(), Ct))!;

        _clock.Advance(AuthorizationHandoffStore.Lifetime - TimeSpan.FromSeconds(1));
        Assert.NotNull(await store.ClaimAsync(early, Browser, Ct));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(await store.FindPendingAsync(Browser, Ct));
        Assert.Null(await store.ClaimAsync(late, Browser, Ct));
    }

    [Fact]
    public async Task HandoffIdsAreLongRandomAndUnique()
    {
        var store = new AuthorizationHandoffStore(_stores, _clock, capacity: 2_000);
        var ids = new List<string>();
        for (var i = 0; i < 1_000; i++)
        {
            ids.Add((await store.PutAsync(Browser, NewHandoff(), Ct))!);
        }


        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Equal(43, id.Length));
    }

    [Fact]
    public async Task AFullHandoffStoreRefusesTheNewcomerAndKeepsEveryWaitingHandoff()
    {
        var store = new AuthorizationHandoffStore(_stores, _clock, capacity: 10);
        var waiting = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            waiting.Add((await store.PutAsync($"browser-{i}", NewHandoff(), Ct))!);
        }

        Assert.Null(await store.PutAsync("browser-late", NewHandoff(), Ct));
        Assert.Equal(10, await store.CountPendingAsync(Ct));
        for (var i = 0; i < 10; i++)
        {
            Assert.NotNull(await store.ClaimAsync(waiting[i], $"browser-{i}", Ct));
        }
    }

    [Fact]
    public async Task ABrowsersNewHandoffReplacesItsOwnOldestBeyondItsCap()
    {
        var store = new AuthorizationHandoffStore(_stores, _clock, capacity: 100, perBrowser: 2);
        var first = (await store.PutAsync(Browser, NewHandoff(), Ct))!;
        var second = (await store.PutAsync(Browser, NewHandoff(), Ct))!;
        var third = (await store.PutAsync(Browser, NewHandoff(), Ct))!;

        Assert.Equal(third, await store.FindPendingAsync(Browser, Ct));
        Assert.Null(await store.ClaimAsync(first, Browser, Ct));
        Assert.NotNull(await store.ClaimAsync(second, Browser, Ct));
    }

    [Fact]
    public async Task AnAuthorizationIsRememberedPerBrowserUntilForgottenOrStale()
    {
        var store = new AuthorizedBrowserStore(_stores, _clock);
        var handoff = NewHandoff();
        await store.SetAsync(Browser, new BrowserAuthorization(handoff.Consumer, handoff.Token, "authorization_code", _clock.GetUtcNow()), Ct);

        Assert.NotNull(await store.FindAsync(Browser, Ct));
        Assert.Null(await store.FindAsync("browser-b", Ct));

        await store.ForgetAsync(Browser, Ct);
        Assert.Null(await store.FindAsync(Browser, Ct));

        await store.SetAsync(Browser, new BrowserAuthorization(handoff.Consumer, handoff.Token, "authorization_code", _clock.GetUtcNow()), Ct);
        _clock.Advance(AuthorizedBrowserStore.Lifetime);
        Assert.Null(await store.FindAsync(Browser, Ct));
    }

    private AuthorizationHandoff NewHandoff() => new(
        new ConsumerCredentials("key", "secret", "Consumer", ConsumerSource.SandboxDemo),
        new TokenResponse("access", "account", 7200, "refresh", "bearer", "authorization_code"),
        [],
        new CallbackFacts(new Uri("http://127.0.0.1/sandbox/site/oauth2/authorize"), null, "abcd…", 32, "state", _clock.GetUtcNow(), _clock.GetUtcNow()));
}
