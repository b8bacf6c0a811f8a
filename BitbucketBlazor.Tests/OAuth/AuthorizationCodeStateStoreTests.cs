using BitbucketBlazor.OAuth;
using Microsoft.Extensions.Time.Testing;

namespace BitbucketBlazor.Tests.OAuth;

public sealed class AuthorizationCodeStateStoreTests
{
    private const string Browser = "browser-a";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void IssuedStatesAreLongRandomAndNeverRepeatOverManyIssues()
    {
        var store = new AuthorizationStateStore(_clock, capacity: 20_000);
        var states = Enumerable.Range(0, 10_000).Select(_ => store.Issue(Browser, "key", null)).ToList();

        Assert.Equal(states.Count, states.Distinct(StringComparer.Ordinal).Count());
        Assert.All(states, s =>
        {
            // 43 base64url characters = 256 bits, well above the 128 the brief asks for.
            Assert.Equal(43, s.Length);
            Assert.Matches("^[A-Za-z0-9_-]+$", s);
        });

        // Every base64url symbol shows up in each position at least once over 10,000 draws
        // unless the generator is badly biased; a counter or a timestamp would fail this.
        var distinctFirstChars = states.Select(s => s[0]).Distinct().Count();
        var distinctMiddleChars = states.Select(s => s[20]).Distinct().Count();
        Assert.Equal(64, distinctFirstChars);
        Assert.Equal(64, distinctMiddleChars);
    }

    [Fact]
    public void AStateIsAcceptedFromTheBrowserItWasIssuedToAndCarriesWhatWasRecorded()
    {
        var store = new AuthorizationStateStore(_clock);
        var state = store.Issue(Browser, "sandbox-private-key", "http://127.0.0.1/oauth-callback");

        var check = store.Consume(state, Browser);

        Assert.Equal(StateCheckOutcome.Valid, check.Outcome);
        Assert.Equal("sandbox-private-key", check.Request!.ConsumerKey);
        Assert.Equal("http://127.0.0.1/oauth-callback", check.Request.RedirectUri);
    }

    [Fact]
    public void AStateFromAnotherBrowserIsRefusedAndStaysUsableByItsOwnBrowser()
    {
        var store = new AuthorizationStateStore(_clock);
        var state = store.Issue(Browser, "key", null);

        Assert.Equal(StateCheckOutcome.OtherBrowser, store.Consume(state, "browser-b").Outcome);
        Assert.Equal(StateCheckOutcome.OtherBrowser, store.Consume(state, null).Outcome);
        Assert.Equal(StateCheckOutcome.Valid, store.Consume(state, Browser).Outcome);
    }

    [Fact]
    public void AStateIsAcceptedOnlyOnce()
    {
        var store = new AuthorizationStateStore(_clock);
        var state = store.Issue(Browser, "key", null);

        Assert.True(store.Consume(state, Browser).IsValid);
        Assert.Equal(StateCheckOutcome.AlreadyUsed, store.Consume(state, Browser).Outcome);
    }

    [Fact]
    public void OfManyCallbacksRacingWithOneStateOnlyOneIsAccepted()
    {
        var store = new AuthorizationStateStore(_clock);
        var state = store.Issue(Browser, "key", null);

        var outcomes = new StateCheckOutcome[1_000];
        Parallel.For(0, outcomes.Length, i => outcomes[i] = store.Consume(state, Browser).Outcome);

        Assert.Single(outcomes, o => o == StateCheckOutcome.Valid);
        Assert.All(outcomes.Where(o => o != StateCheckOutcome.Valid), o => Assert.Equal(StateCheckOutcome.AlreadyUsed, o));
    }

    [Fact]
    public void AStateExpiresAfterTenMinutes()
    {
        var store = new AuthorizationStateStore(_clock);
        var fresh = store.Issue(Browser, "key", null);
        var stale = store.Issue(Browser, "key", null);

        _clock.Advance(AuthorizationStateStore.Lifetime - TimeSpan.FromSeconds(1));
        Assert.True(store.Consume(fresh, Browser).IsValid);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(StateCheckOutcome.Expired, store.Consume(stale, Browser).Outcome);
    }

    [Fact]
    public void MissingAndInventedStatesAreRefused()
    {
        var store = new AuthorizationStateStore(_clock);
        var state = store.Issue(Browser, "key", null);

        Assert.Equal(StateCheckOutcome.Missing, store.Consume(null, Browser).Outcome);
        Assert.Equal(StateCheckOutcome.Missing, store.Consume("", Browser).Outcome);
        Assert.Equal(StateCheckOutcome.Unknown, store.Consume(state[..^1] + (state[^1] == 'A' ? 'B' : 'A'), Browser).Outcome);
    }

    [Fact]
    public void TheStoreNeverHoldsMoreThanItsCapacityAndDropsTheOldestFirst()
    {
        var store = new AuthorizationStateStore(_clock, capacity: 10);
        var first = store.Issue(Browser, "key", null);
        for (var i = 0; i < 50; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(1));
            store.Issue(Browser, "key", null);
        }

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        var last = store.Issue(Browser, "key", null);

        Assert.Equal(10, store.Count);
        Assert.Equal(StateCheckOutcome.Unknown, store.Consume(first, Browser).Outcome);
        Assert.True(store.Consume(last, Browser).IsValid);
    }

    [Fact]
    public void ExpiredStatesAreSweptBeforeAnyPendingOneIsDropped()
    {
        var store = new AuthorizationStateStore(_clock, capacity: 10);
        for (var i = 0; i < 9; i++)
        {
            store.Issue(Browser, "key", null);
        }

        _clock.Advance(AuthorizationStateStore.Lifetime);
        var pending = store.Issue(Browser, "key", null);
        store.Issue(Browser, "key", null);

        Assert.Equal(2, store.Count);
        Assert.True(store.Consume(pending, Browser).IsValid);
    }
}
