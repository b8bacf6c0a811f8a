using System.Diagnostics.CodeAnalysis;

namespace BitbucketBlazor.Common;

/// <summary>
/// A thread-safe, string-keyed map that never holds more than its capacity: every write first drops
/// the entries that have expired, and when the map is still full the least recently set entry goes.
/// </summary>
/// <remarks>
/// <para>
/// It lives in <c>Common</c> because both the app's OAuth records (states, hand-offs, authorized
/// browsers) and the sandbox's consents and codes use it, and neither folder should depend on the
/// other.
/// </para>
/// <para>
/// Each value carries its own expiry, read through the selector given to the constructor. Lookups
/// find an entry until it is dropped, expired or not, so a caller can still tell "expired" from
/// "never issued"; deciding what an expired entry means is the caller's business.
/// </para>
/// <para>
/// Entries are expected to expire in the order they were set, as they do when a map gives all its
/// entries one lifetime. The sweep walks from the oldest entry and stops at the first live one, so
/// a write costs the entries it drops rather than a scan of the whole map.
/// </para>
/// </remarks>
/// <typeparam name="TValue">What is kept under each key.</typeparam>
public sealed class ExpiringMap<TValue>
{
    private readonly int _capacity;
    private readonly Func<TValue, DateTimeOffset> _expiresAt;
    private readonly Func<DateTimeOffset> _clock;
    private readonly Dictionary<string, LinkedListNode<KeyValuePair<string, TValue>>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<KeyValuePair<string, TValue>> _oldestFirst = new();
    private readonly Lock _gate = new();

    /// <summary>Creates an empty map.</summary>
    /// <param name="capacity">The most entries held at once; at least 1.</param>
    /// <param name="expiresAt">Reads a value's expiry: from that moment on, the next write drops it.</param>
    /// <param name="clock">The current time, e.g. <c>TimeProvider.GetUtcNow</c>.</param>
    public ExpiringMap(int capacity, Func<TValue, DateTimeOffset> expiresAt, Func<DateTimeOffset> clock)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentNullException.ThrowIfNull(expiresAt);
        ArgumentNullException.ThrowIfNull(clock);
        _capacity = capacity;
        _expiresAt = expiresAt;
        _clock = clock;
    }

    /// <summary>Gets how many entries are held, expired ones included until they are dropped.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>
    /// Adds <paramref name="value"/> under <paramref name="key"/>, or replaces what is there; either
    /// way it becomes the newest entry. Drops expired entries first, then, if a new key finds the
    /// map full, the oldest.
    /// </summary>
    public void Set(string key, TValue value)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            DropExpired(_clock());
            if (_entries.Remove(key, out var existing))
            {
                _oldestFirst.Remove(existing);
            }

            while (_entries.Count >= _capacity)
            {
                DropOldest();
            }

            _entries[key] = _oldestFirst.AddLast(KeyValuePair.Create(key, value));
        }
    }

    /// <summary>Gets the value under <paramref name="key"/> and leaves it in place.</summary>
    /// <returns>True when the key is held, expired or not.</returns>
    public bool TryGet(string key, [MaybeNullWhen(false)] out TValue value)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                value = node.Value.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>
    /// Removes the value under <paramref name="key"/> and hands it over, so of two racing callers
    /// only one gets it.
    /// </summary>
    /// <returns>True when the key was held, expired or not.</returns>
    public bool TryTake(string key, [MaybeNullWhen(false)] out TValue value)
    {
        lock (_gate)
        {
            if (_entries.Remove(key, out var node))
            {
                _oldestFirst.Remove(node);
                value = node.Value.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Removes the entry under <paramref name="key"/>, if any.</summary>
    /// <returns>True when the key was held.</returns>
    public bool Remove(string key) => TryTake(key, out _);

    /// <summary>Drops the entries that have expired, so a caller that refuses newcomers when full sees the room there is.</summary>
    public void DropExpired()
    {
        lock (_gate)
        {
            DropExpired(_clock());
        }
    }

    /// <summary>Gets the key of the most recently set entry whose value matches, or null.</summary>
    public string? FindNewest(Func<TValue, bool> match)
    {
        lock (_gate)
        {
            for (var node = _oldestFirst.Last; node is not null; node = node.Previous)
            {
                if (match(node.Value.Value))
                {
                    return node.Value.Key;
                }
            }
        }

        return null;
    }

    private void DropExpired(DateTimeOffset now)
    {
        while (_oldestFirst.First is { } oldest && now >= _expiresAt(oldest.Value.Value))
        {
            DropOldest();
        }
    }

    private void DropOldest()
    {
        _entries.Remove(_oldestFirst.First!.Value.Key);
        _oldestFirst.RemoveFirst();
    }
}
