using BitbucketBlazor.Bitbucket.Models;
using BitbucketBlazor.OAuth;
using Microsoft.Extensions.Time.Testing;

namespace BitbucketBlazor.Tests.OAuth;

public sealed class AuthorizationCodeHandoffStoreTests
{
    private const string Browser = "browser-a";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void AHandoffIsClaimedOnceByItsBrowser()
    {
        var store = new AuthorizationHandoffStore(_clock);
        var handoff = NewHandoff();
        var id = store.Put(Browser, handoff);

        Assert.Equal(id, store.FindPending(Browser));
        Assert.Same(handoff, store.Claim(id, Browser));
        Assert.Null(store.Claim(id, Browser));
        Assert.Null(store.FindPending(Browser));
    }

    [Fact]
    public void AnotherBrowserCannotFindOrClaimTheHandoff()
    {
        var store = new AuthorizationHandoffStore(_clock);
        var id = store.Put(Browser, NewHandoff());

        Assert.Null(store.FindPending("browser-b"));
        Assert.Null(store.Claim(id, "browser-b"));
        Assert.Null(store.Claim(id, null));
        Assert.NotNull(store.Claim(id, Browser));
    }

    [Fact]
    public void AHandoffExpiresAfterTwoMinutes()
    {
        var store = new AuthorizationHandoffStore(_clock);
        var early = store.Put(Browser, NewHandoff());
        var late = store.Put(Browser, NewHandoff());

        _clock.Advance(AuthorizationHandoffStore.Lifetime - TimeSpan.FromSeconds(1));
        Assert.NotNull(store.Claim(early, Browser));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(store.FindPending(Browser));
        Assert.Null(store.Claim(late, Browser));
    }

    [Fact]
    public void HandoffIdsAreLongRandomAndUnique()
    {
        var store = new AuthorizationHandoffStore(_clock, capacity: 2_000);
        var ids = Enumerable.Range(0, 1_000).Select(_ => store.Put(Browser, NewHandoff())).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Equal(43, id.Length));
    }

    [Fact]
    public void TheHandoffStoreNeverHoldsMoreThanItsCapacity()
    {
        var store = new AuthorizationHandoffStore(_clock, capacity: 10);
        for (var i = 0; i < 25; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(1));
            store.Put(Browser, NewHandoff());
        }

        Assert.Equal(10, store.Count);
    }

    [Fact]
    public void AnAuthorizationIsRememberedPerBrowserUntilForgottenOrStale()
    {
        var store = new AuthorizedBrowserStore(_clock);
        var handoff = NewHandoff();
        store.Set(Browser, new BrowserAuthorization(handoff.Consumer, handoff.Token, "authorization_code", _clock.GetUtcNow()));

        Assert.NotNull(store.Find(Browser));
        Assert.Null(store.Find("browser-b"));

        store.Forget(Browser);
        Assert.Null(store.Find(Browser));

        store.Set(Browser, new BrowserAuthorization(handoff.Consumer, handoff.Token, "authorization_code", _clock.GetUtcNow()));
        _clock.Advance(AuthorizedBrowserStore.Lifetime);
        Assert.Null(store.Find(Browser));
    }

    private AuthorizationHandoff NewHandoff() => new(
        new ConsumerCredentials("key", "secret", "Consumer", ConsumerSource.SandboxDemo),
        new TokenResponse("access", "account", 7200, "refresh", "bearer", "authorization_code"),
        [],
        new CallbackFacts(new Uri("http://127.0.0.1/sandbox/site/oauth2/authorize"), null, "abcd…", 32, "state", _clock.GetUtcNow(), _clock.GetUtcNow()));
}
