namespace BitbucketBlazor.Common.Stores;

/// <summary>
/// <see cref="IBoundedStore{TValue}"/> in process memory, for a single instance. Thread-safe; every
/// operation costs O(log n) plus the entries it drops.
/// </summary>
/// <remarks>
/// Every entry is in exactly one of two ordered sets: live (by the end of its life) or kept (no
/// longer live, by when it is forgotten). Each call first moves what stopped being live and forgets
/// what is due, so counting live entries is just the size of the first set. Kept entries are
/// bounded too (at most <see cref="BoundedStoreLimits.Capacity"/>, the soonest-forgotten go
/// first): they are no one's live entry, and a caller that can end an entry's life early must not
/// be able to grow memory that way.
/// </remarks>
/// <typeparam name="TValue">What is kept under each key.</typeparam>
public sealed class InMemoryBoundedStore<TValue> : IBoundedStore<TValue>
    where TValue : class
{
    private readonly BoundedStoreLimits _limits;
    private readonly Func<DateTimeOffset> _clock;
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly SortedSet<Entry> _live = new(Comparer<Entry>.Create((a, b) => Compare(a.Lifetime.LiveUntil, a, b.Lifetime.LiveUntil, b)));
    private readonly SortedSet<Entry> _kept = new(Comparer<Entry>.Create((a, b) => Compare(a.Lifetime.KeepUntil, a, b.Lifetime.KeepUntil, b)));
    private readonly Dictionary<string, List<Entry>> _byOwner = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _sequence;

    /// <summary>Creates an empty store.</summary>
    public InMemoryBoundedStore(BoundedStoreLimits limits, Func<DateTimeOffset> clock)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.Capacity);
        ArgumentOutOfRangeException.ThrowIfNegative(limits.PerOwnerCapacity);
        _limits = limits;
        _clock = clock;
    }

    /// <summary>Gets how many entries are held, live or kept: never more than twice the capacity.</summary>
    public int HeldCount
    {
        get
        {
            lock (_gate)
            {
                Sweep(_clock());
                return _entries.Count;
            }
        }
    }

    /// <inheritdoc />
    public Task<StoreWrite> SetAsync(string key, TValue value, StoreLifetime lifetime, string? owner = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            var now = _clock();
            Sweep(now);
            var replacing = _entries.TryGetValue(key, out var held);
            if (!replacing)
            {
                MakeRoomForOwner(owner, now);
            }

            // Replacing a live entry takes no new place; anything else needs a free one.
            var needsRoom = lifetime.LiveUntil > now && !(held?.Lifetime.LiveUntil > now);
            if (needsRoom && _live.Count >= _limits.Capacity)
            {
                return Task.FromResult(StoreWrite.Full);
            }

            if (held is not null)
            {
                Forget(held);
            }

            Insert(new Entry(key, value, lifetime, owner, ++_sequence), now);
            return Task.FromResult(StoreWrite.Stored);
        }
    }

    /// <inheritdoc />
    public Task<TValue?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Sweep(_clock());
            return Task.FromResult(_entries.TryGetValue(key, out var entry) ? entry.Value : null);
        }
    }

    /// <inheritdoc />
    public Task<TValue?> TakeAsync(string key, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Sweep(_clock());
            if (!_entries.TryGetValue(key, out var entry))
            {
                return Task.FromResult<TValue?>(null);
            }

            Forget(entry);
            return Task.FromResult<TValue?>(entry.Value);
        }
    }

    /// <inheritdoc />
    public Task<TValue?> SwapAsync(string key, TValue replacement, StoreLifetime lifetime, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        lock (_gate)
        {
            var now = _clock();
            Sweep(now);
            if (!_entries.TryGetValue(key, out var held))
            {
                return Task.FromResult<TValue?>(null);
            }

            Forget(held);
            Insert(new Entry(key, replacement, lifetime, held.Owner, ++_sequence), now);
            return Task.FromResult<TValue?>(held.Value);
        }
    }

    /// <inheritdoc />
    public Task<TValue?> FindNewestAsync(string owner, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var now = _clock();
            Sweep(now);
            var newest = _byOwner.TryGetValue(owner, out var entries) ? entries.LastOrDefault(e => e.Lifetime.LiveUntil > now) : null;
            return Task.FromResult(newest?.Value);
        }
    }

    /// <inheritdoc />
    public Task<int> CountLiveAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            Sweep(_clock());
            return Task.FromResult(_live.Count);
        }
    }

    private static int Compare(DateTimeOffset at, Entry a, DateTimeOffset bt, Entry b)
    {
        var byTime = at.CompareTo(bt);
        return byTime != 0 ? byTime : a.Sequence.CompareTo(b.Sequence);
    }

    // The owner's own oldest live entries give way, so a browser that keeps starting logins
    // only ever replaces its own.
    private void MakeRoomForOwner(string? owner, DateTimeOffset now)
    {
        if (owner is null || _limits.PerOwnerCapacity == 0 || !_byOwner.TryGetValue(owner, out var entries))
        {
            return;
        }

        while (entries.Count(e => e.Lifetime.LiveUntil > now) >= _limits.PerOwnerCapacity)
        {
            Forget(entries.First(e => e.Lifetime.LiveUntil > now));
        }
    }

    private void Insert(Entry entry, DateTimeOffset now)
    {
        if (entry.Lifetime.KeepUntil <= now)
        {
            return;
        }

        _entries[entry.Key] = entry;
        (entry.Lifetime.LiveUntil > now ? _live : _kept).Add(entry);
        if (entry.Owner is not null)
        {
            if (!_byOwner.TryGetValue(entry.Owner, out var entries))
            {
                _byOwner[entry.Owner] = entries = [];
            }

            entries.Add(entry);
        }

        TrimKept();
    }

    private void Sweep(DateTimeOffset now)
    {
        while (_live.Min is { } ended && ended.Lifetime.LiveUntil <= now)
        {
            _live.Remove(ended);
            _kept.Add(ended);
        }

        while (_kept.Min is { } due && due.Lifetime.KeepUntil <= now)
        {
            Forget(due);
        }

        TrimKept();
    }

    private void TrimKept()
    {
        while (_kept.Count > _limits.Capacity)
        {
            Forget(_kept.Min!);
        }
    }

    private void Forget(Entry entry)
    {
        _entries.Remove(entry.Key);
        if (!_live.Remove(entry))
        {
            _kept.Remove(entry);
        }

        if (entry.Owner is not null && _byOwner.TryGetValue(entry.Owner, out var entries))
        {
            entries.Remove(entry);
            if (entries.Count == 0)
            {
                _byOwner.Remove(entry.Owner);
            }
        }
    }

    // A class, not a record: entries are told apart by identity, never by value.
    private sealed class Entry(string key, TValue value, StoreLifetime lifetime, string? owner, long sequence)
    {
        public string Key { get; } = key;

        public TValue Value { get; } = value;

        public StoreLifetime Lifetime { get; } = lifetime;

        public string? Owner { get; } = owner;

        public long Sequence { get; } = sequence;
    }
}

/// <summary>Makes <see cref="InMemoryBoundedStore{TValue}"/>s: the backend when no Redis is configured.</summary>
public sealed class InMemoryBoundedStoreFactory : IBoundedStoreFactory
{
    /// <inheritdoc />
    public IBoundedStore<TValue> Create<TValue>(BoundedStoreLimits limits, Func<DateTimeOffset> clock)
        where TValue : class => new InMemoryBoundedStore<TValue>(limits, clock);
}
