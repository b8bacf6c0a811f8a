using BitbucketBlazor.Common;
using Microsoft.Extensions.Time.Testing;

namespace BitbucketBlazor.Tests.Common;

public sealed class ExpiringMapTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public void AnExpiredEntryIsStillFoundUntilTheNextWriteDropsIt()
    {
        var map = NewMap(capacity: 10, "old");

        _clock.Advance(Lifetime);
        Assert.True(map.TryGet("old", out var stillThere));
        Assert.Equal("old", stillThere.Name);

        SetEach(map, "new");
        Assert.False(map.TryGet("old", out _));
        Assert.Equal(1, map.Count);
    }

    [Fact]
    public void AnEntryIsKeptUpToTheMomentItExpires()
    {
        var map = NewMap(capacity: 10, "a");

        _clock.Advance(Lifetime - TimeSpan.FromTicks(1));
        SetEach(map, "b");

        Assert.True(map.TryGet("a", out _));
        Assert.Equal(2, map.Count);
    }

    [Fact]
    public void WhenFullTheLeastRecentlySetEntryGoesFirst()
    {
        var map = NewMap(capacity: 3, "a", "b", "c");
        map.Set("a", Expiring("a again"));

        SetEach(map, "d", "e");

        Assert.Equal(3, map.Count);
        Assert.False(map.TryGet("b", out _));
        Assert.False(map.TryGet("c", out _));
        Assert.True(map.TryGet("a", out var a));
        Assert.Equal("a again", a.Name);
    }

    [Fact]
    public void ExpiredEntriesAreDroppedBeforeAnyLiveOneIsEvicted()
    {
        var map = NewMap(capacity: 3, "a", "b");
        _clock.Advance(TimeSpan.FromMinutes(1));
        SetEach(map, "live");

        _clock.Advance(Lifetime - TimeSpan.FromMinutes(1));
        SetEach(map, "c");

        Assert.Equal(2, map.Count);
        Assert.True(map.TryGet("live", out _));
    }

    [Fact]
    public void ReplacingAKeyInAFullMapEvictsNothing()
    {
        var map = NewMap(capacity: 2, "a", "b");

        map.Set("b", Expiring("b again"));

        Assert.True(map.TryGet("a", out _));
        Assert.True(map.TryGet("b", out _));
    }

    [Fact]
    public void AnEntryCanBeTakenOnlyOnce()
    {
        var map = NewMap(capacity: 10, "a");

        Assert.True(map.TryTake("a", out var taken));
        Assert.Equal("a", taken.Name);
        Assert.False(map.TryTake("a", out _));
        Assert.False(map.TryGet("a", out _));
        Assert.Equal(0, map.Count);
    }

    [Fact]
    public void OfManyRacingTakersExactlyOneGetsTheEntry()
    {
        var map = NewMap(capacity: 10, "a");
        var winners = 0;

        Parallel.For(0, 1_000, attempt =>
        {
            if (map.TryTake("a", out _))
            {
                Interlocked.Increment(ref winners);
            }
        });

        Assert.Equal(1, winners);
    }

    [Fact]
    public void ParallelAddsNeverGrowTheMapPastItsCapacity()
    {
        const int capacity = 100;
        var map = NewMap(capacity);
        var largestSeen = 0;

        Parallel.For(0, 1_000, i =>
        {
            map.Set($"key-{i}", Expiring($"value-{i}"));
            var count = map.Count;
            InterlockedMax(ref largestSeen, count);
        });

        Assert.Equal(capacity, map.Count);
        Assert.InRange(largestSeen, 1, capacity);
    }

    [Fact]
    public void RemoveForgetsTheEntry()
    {
        var map = NewMap(capacity: 10, "a");

        Assert.True(map.Remove("a"));
        Assert.False(map.Remove("a"));
        Assert.False(map.TryGet("a", out _));
    }

    [Fact]
    public void FindNewestGetsTheMostRecentlySetMatchingKey()
    {
        var map = NewMap(capacity: 10);
        map.Set("a", Expiring("match"));
        map.Set("b", Expiring("match"));
        map.Set("c", Expiring("other"));

        Assert.Equal("b", map.FindNewest(v => v.Name == "match"));
        map.Set("a", Expiring("match"));
        Assert.Equal("a", map.FindNewest(v => v.Name == "match"));
        Assert.Null(map.FindNewest(v => v.Name == "none"));
    }

    [Fact]
    public void AMapMustHoldAtLeastOneEntry()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NewMap(capacity: 0));
    }

    private ExpiringMap<Item> NewMap(int capacity, params string[] keys)
    {
        var map = new ExpiringMap<Item>(capacity, v => v.ExpiresAt, _clock.GetUtcNow);
        SetEach(map, keys);
        return map;
    }

    /// <summary>Sets each key to a value of the same name that lives <see cref="Lifetime"/> from now.</summary>
    private void SetEach(ExpiringMap<Item> map, params string[] keys)
    {
        foreach (var key in keys)
        {
            map.Set(key, Expiring(key));
        }
    }

    private Item Expiring(string name) => new(name, _clock.GetUtcNow() + Lifetime);

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private sealed record Item(string Name, DateTimeOffset ExpiresAt);
}
