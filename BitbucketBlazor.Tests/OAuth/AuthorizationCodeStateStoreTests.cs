using BitbucketBlazor.Common.Stores;
using BitbucketBlazor.OAuth;
using Microsoft.Extensions.Time.Testing;

namespace BitbucketBlazor.Tests.OAuth;

public sealed class AuthorizationCodeStateStoreTests
{
    private const string Browser = "browser-a";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
    private readonly InMemoryBoundedStoreFactory _stores = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task IssuedStatesAreLongRandomAndNeverRepeatOverManyIssues()
    {
        var store = new AuthorizationStateStore(_stores, _clock, capacity: 20_000);
        var states = new List<string>();
        for (var i = 0; i < 10_000; i++)
        {
            states.Add((await store.IssueAsync(Browser, "key", null, Ct))!);
        }


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
    public async Task AStateIsAcceptedFromTheBrowserItWasIssuedToAndCarriesWhatWasRecorded()
    {
        var store = new AuthorizationStateStore(_stores, _clock);
        var state = (await store.IssueAsync(Browser, "sandbox-private-key", "http://127.0.0.1/oauth-callback", Ct))!;

        var check = await store.ConsumeAsync(state, Browser, Ct);

        Assert.Equal(StateCheckOutcome.Valid, check.Outcome);
        Assert.Equal("sandbox-private-key", check.Request!.ConsumerKey);
        Assert.Equal("http://127.0.0.1/oauth-callback", check.Request.RedirectUri);
    }

    [Fact]
    public async Task AStateFromAnotherBrowserIsRefusedAndStaysUsableByItsOwnBrowser()
    {
        var store = new AuthorizationStateStore(_stores, _clock);
        var state = (await store.IssueAsync(Browser, "key", null, Ct))!;

        Assert.Equal(StateCheckOutcome.OtherBrowser, (await store.ConsumeAsync(state, "browser-b", Ct)).Outcome);
        Assert.Equal(StateCheckOutcome.OtherBrowser, (await store.ConsumeAsync(state, null, Ct)).Outcome);
        Assert.Equal(StateCheckOutcome.Valid, (await store.ConsumeAsync(state, Browser, Ct)).Outcome);
    }

    [Fact]
    public async Task AStateIsAcceptedOnlyOnce()
    {
        var store = new AuthorizationStateStore(_stores, _clock);
        var state = (await store.IssueAsync(Browser, "key", null, Ct))!;

        Assert.True((await store.ConsumeAsync(state, Browser, Ct)).IsValid);
        Assert.Equal(StateCheckOutcome.AlreadyUsed, (await store.ConsumeAsync(state, Browser, Ct)).Outcome);
    }

    [Fact]
    public async Task OfManyCallbacksRacingWithOneStateOnlyOneIsAccepted()
    {
        var store = new AuthorizationStateStore(_stores, _clock);
        var state = (await store.IssueAsync(Browser, "key", null, Ct))!;

        var outcomes = new StateCheckOutcome[1_000];
        await Parallel.ForAsync(0, outcomes.Length, Ct, async (i, ct) => outcomes[i] = (await store.ConsumeAsync(state, Browser, ct)).Outcome);

        Assert.Single(outcomes, o => o == StateCheckOutcome.Valid);
        Assert.All(outcomes.Where(o => o != StateCheckOutcome.Valid), o => Assert.Equal(StateCheckOutcome.AlreadyUsed, o));
    }

    [Fact]
    public async Task AStateExpiresAfterTenMinutes()
    {
        var store = new AuthorizationStateStore(_stores, _clock);
        var fresh = (await store.IssueAsync(Browser, "key", null, Ct))!;
        var stale = (await store.IssueAsync(Browser, "key", null, Ct))!;

        _clock.Advance(AuthorizationStateStore.Lifetime - TimeSpan.FromSeconds(1));
        Assert.True((await store.ConsumeAsync(fresh, Browser, Ct)).IsValid);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(StateCheckOutcome.Expired, (await store.ConsumeAsync(stale, Browser, Ct)).Outcome);
    }

    [Fact]
    public async Task MissingAndInventedStatesAreRefused()
    {
        var store = new AuthorizationStateStore(_stores, _clock);
        var state = (await store.IssueAsync(Browser, "key", null, Ct))!;

        Assert.Equal(StateCheckOutcome.Missing, (await store.ConsumeAsync(null, Browser, Ct)).Outcome);
        Assert.Equal(StateCheckOutcome.Missing, (await store.ConsumeAsync("", Browser, Ct)).Outcome);
        Assert.Equal(StateCheckOutcome.Unknown, (await store.ConsumeAsync(state[..^1] + (state[^1] == 'A' ? 'B' : 'A'), Browser, Ct)).Outcome);
    }

    [Fact]
    public async Task AFullStoreRefusesANewLoginAndKeepsEveryPendingOne()
    {
        var store = new AuthorizationStateStore(_stores, _clock, capacity: 10);
        var pending = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            pending.Add((await store.IssueAsync($"browser-{i}", "key", null, Ct))!);
        }

        Assert.Null(await store.IssueAsync("browser-late", "key", null, Ct));
        Assert.Equal(10, await store.CountPendingAsync(Ct));
        for (var i = 0; i < 10; i++)
        {
            Assert.True((await store.ConsumeAsync(pending[i], $"browser-{i}", Ct)).IsValid);
        }
    }

    [Fact]
    public async Task ABrowsersNewStateReplacesItsOwnOldestBeyondItsCap()
    {
        var store = new AuthorizationStateStore(_stores, _clock, capacity: 100, perBrowser: 3);
        var other = (await store.IssueAsync("browser-b", "key", null, Ct))!;
        var mine = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            mine.Add((await store.IssueAsync(Browser, "key", null, Ct))!);
        }

        Assert.Equal(StateCheckOutcome.Unknown, (await store.ConsumeAsync(mine[0], Browser, Ct)).Outcome);
        Assert.True((await store.ConsumeAsync(mine[3], Browser, Ct)).IsValid);
        Assert.True((await store.ConsumeAsync(other, "browser-b", Ct)).IsValid);
    }

    [Fact]
    public async Task ExpiredAndSpentStatesDoNotTakeAPlace()
    {
        var store = new AuthorizationStateStore(_stores, _clock, capacity: 2);
        var spent = (await store.IssueAsync("browser-1", "key", null, Ct))!;
        await store.IssueAsync("browser-2", "key", null, Ct);
        Assert.True((await store.ConsumeAsync(spent, "browser-1", Ct)).IsValid);
        var third = (await store.IssueAsync("browser-3", "key", null, Ct))!;

        _clock.Advance(AuthorizationStateStore.Lifetime);
        var fresh = (await store.IssueAsync("browser-4", "key", null, Ct))!;
        await store.IssueAsync("browser-5", "key", null, Ct);

        Assert.Equal(StateCheckOutcome.AlreadyUsed, (await store.ConsumeAsync(spent, "browser-1", Ct)).Outcome);
        Assert.Equal(StateCheckOutcome.Expired, (await store.ConsumeAsync(third, "browser-3", Ct)).Outcome);
        Assert.True((await store.ConsumeAsync(fresh, "browser-4", Ct)).IsValid);
    }
}
