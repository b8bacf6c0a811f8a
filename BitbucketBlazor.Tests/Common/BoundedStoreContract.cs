using BitbucketBlazor.Common.Stores;
using Microsoft.Extensions.Time.Testing;

namespace BitbucketBlazor.Tests.Common;

/// <summary>
/// The one store policy, checked against every backend: refuse the newcomer when full, never
/// evict a live entry, expired entries do not count, an owner's newest replaces its own oldest,
/// single-use takes, atomic swaps.
/// </summary>
public abstract class BoundedStoreContract
{
    /// <summary>The value type stored in these tests: a record, as the app's stores keep.</summary>
    public sealed record Note(string Text, DateTimeOffset At);

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract IBoundedStoreFactory Factory { get; }

    [Fact]
    public async Task WhenFullANewcomerIsRefusedAndEveryLiveEntryStays()
    {
        var store = Create(capacity: 3);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(StoreWrite.Stored, await store.SetAsync($"k{i}", NoteFor(i), Live(TimeSpan.FromMinutes(10)), cancellationToken: Ct));
        }

        Assert.Equal(StoreWrite.Full, await store.SetAsync("newcomer", NoteFor(9), Live(TimeSpan.FromMinutes(10)), cancellationToken: Ct));
        Assert.Null(await store.GetAsync("newcomer", Ct));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal($"note {i}", (await store.GetAsync($"k{i}", Ct))!.Text);
        }

        Assert.Equal(3, await store.CountLiveAsync(Ct));
    }

    [Fact]
    public async Task ReplacingAHeldKeyNeedsNoRoom()
    {
        var store = Create(capacity: 1);
        await store.SetAsync("k", NoteFor(1), Live(TimeSpan.FromMinutes(10)), cancellationToken: Ct);

        Assert.Equal(StoreWrite.Stored, await store.SetAsync("k", NoteFor(2), Live(TimeSpan.FromMinutes(10)), cancellationToken: Ct));
        Assert.Equal("note 2", (await store.GetAsync("k", Ct))!.Text);
    }

    [Fact]
    public async Task ExpiredEntriesDoNotCountButCanStillBeReadUntilForgotten()
    {
        var store = Create(capacity: 2);
        var lifetime = new StoreLifetime(Clock.GetUtcNow().AddMinutes(1), Clock.GetUtcNow().AddMinutes(5));
        await store.SetAsync("old-1", NoteFor(1), lifetime, cancellationToken: Ct);
        await store.SetAsync("old-2", NoteFor(2), lifetime, cancellationToken: Ct);

        Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, await store.CountLiveAsync(Ct));
        Assert.Equal(StoreWrite.Stored, await store.SetAsync("new-1", NoteFor(3), Live(TimeSpan.FromMinutes(10)), cancellationToken: Ct));
        Assert.Equal(StoreWrite.Stored, await store.SetAsync("new-2", NoteFor(4), Live(TimeSpan.FromMinutes(10)), cancellationToken: Ct));
        Assert.NotNull(await store.GetAsync("old-1", Ct));

        Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Null(await store.GetAsync("old-1", Ct));
        Assert.Null(await store.GetAsync("old-2", Ct));
    }

    [Fact]
    public async Task AnOwnersNewestEntryReplacesItsOwnOldestNotSomeoneElses()
    {
        var store = Create(capacity: 10, perOwner: 2);
        await store.SetAsync("other", NoteFor(0), Live(TimeSpan.FromMinutes(10)), "browser-b", Ct);
        await store.SetAsync("a1", NoteFor(1), Live(TimeSpan.FromMinutes(10)), "browser-a", Ct);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await store.SetAsync("a2", NoteFor(2), Live(TimeSpan.FromMinutes(10)), "browser-a", Ct);
        Clock.Advance(TimeSpan.FromSeconds(1));
        await store.SetAsync("a3", NoteFor(3), Live(TimeSpan.FromMinutes(10)), "browser-a", Ct);

        Assert.Null(await store.GetAsync("a1", Ct));
        Assert.NotNull(await store.GetAsync("a2", Ct));
        Assert.NotNull(await store.GetAsync("a3", Ct));
        Assert.NotNull(await store.GetAsync("other", Ct));
        Assert.Equal("note 3", (await store.FindNewestAsync("browser-a", Ct))!.Text);
        Assert.Equal("note 0", (await store.FindNewestAsync("browser-b", Ct))!.Text);
        Assert.Null(await store.FindNewestAsync("browser-c", Ct));
    }

    [Fact]
    public async Task AnOwnerAtItsCapCanStillStartAfreshInAFullStore()
    {
        var store = Create(capacity: 2, perOwner: 2);
        await store.SetAsync("a1", NoteFor(1), Live(TimeSpan.FromMinutes(10)), "browser-a", Ct);
        await store.SetAsync("a2", NoteFor(2), Live(TimeSpan.FromMinutes(10)), "browser-a", Ct);

        Assert.Equal(StoreWrite.Stored, await store.SetAsync("a3", NoteFor(3), Live(TimeSpan.FromMinutes(10)), "browser-a", Ct));
        Assert.Equal(StoreWrite.Full, await store.SetAsync("b1", NoteFor(4), Live(TimeSpan.FromMinutes(10)), "browser-b", Ct));
    }

    [Fact]
    public async Task ATakenEntryIsGoneAndOfRacingTakersExactlyOneGetsIt()
    {
        var store = Create(capacity: 10);
        await store.SetAsync("code", NoteFor(1), Live(TimeSpan.FromMinutes(5)), cancellationToken: Ct);

        var takers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => store.TakeAsync("code", Ct), Ct)));

        Assert.Single(takers, t => t is not null);
        Assert.Null(await store.GetAsync("code", Ct));
        Assert.Equal(0, await store.CountLiveAsync(Ct));
    }

    [Fact]
    public async Task ASwapHandsBackWhatItReplacedAndOfRacingSwapsEachSeesItsPredecessor()
    {
        var store = Create(capacity: 10);
        await store.SetAsync("state", NoteFor(0), Live(TimeSpan.FromMinutes(5)), cancellationToken: Ct);

        var seen = await Task.WhenAll(Enumerable.Range(1, 20).Select(i =>
            Task.Run(() => store.SwapAsync("state", NoteFor(i), Live(TimeSpan.FromMinutes(5)), Ct), Ct)));

        Assert.Single(seen, s => s!.Text == "note 0");
        Assert.Equal(20, seen.Select(s => s!.Text).Distinct().Count());
        Assert.Null(await store.SwapAsync("never-set", NoteFor(1), Live(TimeSpan.FromMinutes(5)), Ct));
        Assert.Null(await store.GetAsync("never-set", Ct));
    }

    [Fact]
    public async Task ValuesComeBackAsStored()
    {
        var store = Create(capacity: 10);
        var note = new Note("ünïcödé \"quoted\" \n line", Clock.GetUtcNow());
        await store.SetAsync("k", note, Live(TimeSpan.FromMinutes(5)), cancellationToken: Ct);

        Assert.Equal(note, await store.GetAsync("k", Ct));
    }

    protected IBoundedStore<Note> Create(int capacity, int perOwner = 0) =>
        Factory.Create<Note>(new BoundedStoreLimits("test-" + Guid.NewGuid().ToString("N")[..8], capacity, perOwner), Clock.GetUtcNow);

    protected StoreLifetime Live(TimeSpan span) => StoreLifetime.Until(Clock.GetUtcNow() + span);

    protected Note NoteFor(int i) => new($"note {i}", Clock.GetUtcNow());
}

public sealed class InMemoryBoundedStoreTests : BoundedStoreContract
{
    protected override IBoundedStoreFactory Factory { get; } = new InMemoryBoundedStoreFactory();

    [Fact]
    public async Task EntriesWhoseLifeWasEndedEarlyCannotGrowMemoryPastTwiceTheCapacity()
    {
        var store = new InMemoryBoundedStore<Note>(new BoundedStoreLimits("t", 10), Clock.GetUtcNow);
        for (var i = 0; i < 1_000; i++)
        {
            await store.SetAsync($"k{i}", NoteFor(i), Live(TimeSpan.FromHours(2)), cancellationToken: Ct);
            await store.SwapAsync($"k{i}", NoteFor(i), new StoreLifetime(Clock.GetUtcNow(), Clock.GetUtcNow().AddHours(2)), Ct);
        }

        Assert.InRange(store.HeldCount, 10, 20);
        Assert.Equal(0, await store.CountLiveAsync(Ct));
    }

    [Fact]
    public async Task AFloodOfNewcomersNeverGrowsTheStoreAndLiveEntriesSurviveIt()
    {
        var store = new InMemoryBoundedStore<Note>(new BoundedStoreLimits("t", 100, 3), Clock.GetUtcNow);
        await store.SetAsync("early", NoteFor(0), Live(TimeSpan.FromMinutes(10)), "early-browser", Ct);
        var refused = 0;
        for (var i = 0; i < 20_000; i++)
        {
            if (await store.SetAsync($"flood{i}", NoteFor(i), Live(TimeSpan.FromMinutes(10)), $"flooder{i}", Ct) == StoreWrite.Full)
            {
                refused++;
            }
        }

        Assert.Equal(20_000 - 99, refused);
        Assert.Equal(100, store.HeldCount);
        Assert.NotNull(await store.GetAsync("early", Ct));
    }
}
