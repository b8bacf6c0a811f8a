using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BitbucketBlazor.Common.Stores;
using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;

namespace BitbucketBlazor.Hosting.SharedState;

/// <summary>
/// <see cref="IBoundedStore{TValue}"/> in Redis, shared by every instance: the same policy as in
/// memory, enforced by Lua scripts that run atomically (<see cref="RedisStoreScripts"/>), with
/// native TTLs. Nothing usable is kept in plain text: keys and owners are SHA-256 hashes, values
/// are JSON encrypted with Data Protection (whose key ring is in the same Redis, so every
/// instance can read them).
/// </summary>
/// <typeparam name="TValue">What is kept under each key.</typeparam>
public sealed class RedisBoundedStore<TValue> : IBoundedStore<TValue>
    where TValue : class
{
    // A little beyond the app's own expiry, so the index, not a TTL racing it, decides.
    private static readonly TimeSpan s_ttlMargin = TimeSpan.FromMinutes(1);

    private readonly IConnectionMultiplexer _redis;
    private readonly IDataProtector _protector;
    private readonly BoundedStoreLimits _limits;
    private readonly Func<DateTimeOffset> _clock;
    private readonly string _prefix;

    /// <summary>Creates a store named by <paramref name="limits"/> under <paramref name="keyPrefix"/>.</summary>
    public RedisBoundedStore(IConnectionMultiplexer redis, IDataProtectionProvider protection, string keyPrefix, BoundedStoreLimits limits, Func<DateTimeOffset> clock)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limits.Capacity);
        _redis = redis;
        _limits = limits;
        _clock = clock;
        _prefix = $"{keyPrefix}{limits.Name}:";
        _protector = protection.CreateProtector("BitbucketBlazor.SharedState", limits.Name);
    }

    /// <inheritdoc />
    public async Task<StoreWrite> SetAsync(string key, TValue value, StoreLifetime lifetime, string? owner = null, CancellationToken cancellationToken = default)
    {
        var now = _clock();
        var result = await RunAsync(RedisStoreScripts.Set, Hash(key), now,
            Protect(value), Ms(lifetime.LiveUntil), Ms(lifetime.KeepUntil), Ttl(lifetime, now),
            _limits.Capacity, _limits.PerOwnerCapacity, owner is null ? "" : Hash(owner));
        return (int)result == 1 ? StoreWrite.Stored : StoreWrite.Full;
    }

    /// <inheritdoc />
    public async Task<TValue?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        Unprotect(await RunAsync(RedisStoreScripts.Get, Hash(key), _clock()));

    /// <inheritdoc />
    public async Task<TValue?> TakeAsync(string key, CancellationToken cancellationToken = default) =>
        Unprotect(await RunAsync(RedisStoreScripts.Take, Hash(key), _clock()));

    /// <inheritdoc />
    public async Task<TValue?> SwapAsync(string key, TValue replacement, StoreLifetime lifetime, CancellationToken cancellationToken = default)
    {
        var now = _clock();
        return Unprotect(await RunAsync(RedisStoreScripts.Swap, Hash(key), now,
            Protect(replacement), Ms(lifetime.LiveUntil), Ms(lifetime.KeepUntil), Ttl(lifetime, now), _limits.Capacity));
    }

    /// <inheritdoc />
    public async Task<TValue?> FindNewestAsync(string owner, CancellationToken cancellationToken = default) =>
        Unprotect(await RunAsync(RedisStoreScripts.FindNewest, Hash(owner), _clock()));

    /// <inheritdoc />
    public async Task<int> CountLiveAsync(CancellationToken cancellationToken = default) =>
        (int)await RunAsync(RedisStoreScripts.CountLive, "", _clock());

    /// <summary>SHA-256 of a key or owner, base64url: what Redis sees instead of the value itself.</summary>
    internal static string Hash(string value) => Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private static long Ms(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    private static long Ttl(StoreLifetime lifetime, DateTimeOffset now) =>
        (long)Math.Max(1, (lifetime.KeepUntil - now + s_ttlMargin).TotalMilliseconds);

    private Task<RedisResult> RunAsync(string script, string member, DateTimeOffset now, params RedisValue[] more) =>
        _redis.GetDatabase().ScriptEvaluateAsync(script, keys: null, values: [_prefix, member, Ms(now), .. more]);

    private byte[] Protect(TValue value) => _protector.Protect(JsonSerializer.SerializeToUtf8Bytes(value, SharedStateJson.Options));

    private TValue? Unprotect(RedisResult result) =>
        result.IsNull ? null : JsonSerializer.Deserialize<TValue>(_protector.Unprotect((byte[])result!), SharedStateJson.Options);
}

/// <summary>The JSON form of what goes into shared state, one for all stores.</summary>
internal static class SharedStateJson
{
    /// <summary>Web defaults: camelCase, case-insensitive, records through their constructors.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}

/// <summary>Makes <see cref="RedisBoundedStore{TValue}"/>s over one connection.</summary>
/// <param name="redis">The shared connection.</param>
/// <param name="protection">Data Protection, its key ring in the same Redis.</param>
/// <param name="keyPrefix">What every key of this app starts with.</param>
public sealed class RedisBoundedStoreFactory(IConnectionMultiplexer redis, IDataProtectionProvider protection, string keyPrefix) : IBoundedStoreFactory
{
    /// <inheritdoc />
    public IBoundedStore<TValue> Create<TValue>(BoundedStoreLimits limits, Func<DateTimeOffset> clock)
        where TValue : class => new RedisBoundedStore<TValue>(redis, protection, keyPrefix, limits, clock);
}
