namespace BitbucketBlazor.Common.Stores;

/// <summary>How long a stored entry counts as live, and how long it is kept at all.</summary>
/// <param name="LiveUntil">Until then the entry is live: it takes a place in the store and is never evicted.</param>
/// <param name="KeepUntil">
/// Until then the entry can still be read (so its owner can be told "expired" rather than
/// "unknown"), without taking a place; then it is forgotten. Never before <paramref name="LiveUntil"/>.
/// </param>
public readonly record struct StoreLifetime(DateTimeOffset LiveUntil, DateTimeOffset KeepUntil)
{
    /// <summary>A lifetime whose entry is forgotten the moment it stops being live.</summary>
    public static StoreLifetime Until(DateTimeOffset liveUntil) => new(liveUntil, liveUntil);
}

/// <summary>What became of a write.</summary>
public enum StoreWrite
{
    /// <summary>The entry is stored.</summary>
    Stored,

    /// <summary>
    /// Refused: the store already holds as many live entries as it may. Nobody's live entry is
    /// ever pushed out to make room; the caller tells its visitor to try again later.
    /// </summary>
    Full,
}

/// <summary>The bounds of one store.</summary>
/// <param name="Name">A short, stable name (it prefixes the store's keys in a shared backend).</param>
/// <param name="Capacity">The most live entries held at once; at least 1.</param>
/// <param name="PerOwnerCapacity">
/// The most live entries one owner (a browser) holds; a new one replaces that owner's own oldest.
/// Zero means entries have no owner cap.
/// </param>
public sealed record BoundedStoreLimits(string Name, int Capacity, int PerOwnerCapacity = 0);

/// <summary>
/// A string-keyed store of short-lived entries with a fixed bound, shared by every visitor: the one
/// policy behind every OAuth and sandbox store. When full it refuses the newcomer; it never evicts
/// a live entry (expired ones do not count); an owner's own entries are capped separately, the
/// owner's oldest giving way to its newest.
/// </summary>
/// <remarks>
/// Implementations: <see cref="InMemoryBoundedStore{TValue}"/> for one process, a Redis one for
/// a cluster. Keys are expected to be unguessable or fingerprints; values come back as stored.
/// </remarks>
/// <typeparam name="TValue">What is kept under each key: a record that serializes to JSON.</typeparam>
public interface IBoundedStore<TValue>
    where TValue : class
{
    /// <summary>
    /// Stores <paramref name="value"/> under <paramref name="key"/>. Replacing a held key always
    /// succeeds; a new key needs room among the live entries (after the owner's cap made some).
    /// </summary>
    Task<StoreWrite> SetAsync(string key, TValue value, StoreLifetime lifetime, string? owner = null, CancellationToken cancellationToken = default);

    /// <summary>Gets the value under <paramref name="key"/> while it is kept, live or not; null otherwise.</summary>
    Task<TValue?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Removes the value under <paramref name="key"/> and hands it over atomically: of racing callers, one gets it.</summary>
    Task<TValue?> TakeAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the value under a held <paramref name="key"/> and hands back the one it replaced,
    /// atomically (of racing callers, each sees the value the one before it left); writes nothing
    /// and returns null when the key is not held. It keeps the entry's owner.
    /// </summary>
    Task<TValue?> SwapAsync(string key, TValue replacement, StoreLifetime lifetime, CancellationToken cancellationToken = default);

    /// <summary>Gets <paramref name="owner"/>'s most recently stored live value, or null.</summary>
    Task<TValue?> FindNewestAsync(string owner, CancellationToken cancellationToken = default);

    /// <summary>Gets how many live entries are held.</summary>
    Task<int> CountLiveAsync(CancellationToken cancellationToken = default);
}

/// <summary>Makes the stores, all with the same backend: process memory, or Redis for a cluster.</summary>
public interface IBoundedStoreFactory
{
    /// <summary>Creates a store; <paramref name="clock"/> is the time its lifetimes are measured in.</summary>
    IBoundedStore<TValue> Create<TValue>(BoundedStoreLimits limits, Func<DateTimeOffset> clock)
        where TValue : class;
}
