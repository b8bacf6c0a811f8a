using BitbucketBlazor.Common.Stores;
using BitbucketBlazor.Hosting.SharedState;
using BitbucketBlazor.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;

namespace BitbucketBlazor.Tests.Scale;

/// <summary>A connection to the test Redis and a store factory over it, with a key prefix of the test's own.</summary>
internal sealed class RedisStores : IAsyncDisposable
{
    private RedisStores(ConnectionMultiplexer connection, IBoundedStoreFactory factory)
    {
        Connection = connection;
        Factory = factory;
    }

    /// <summary>Gets the connection.</summary>
    public ConnectionMultiplexer Connection { get; }

    /// <summary>Gets a factory of Redis-backed stores under the prefix.</summary>
    public IBoundedStoreFactory Factory { get; }

    /// <summary>Connects, or skips the calling test with the reason when Redis is not available.</summary>
    public static async Task<RedisStores> ConnectAsync(RedisServerFixture redis, string keyPrefix)
    {
        redis.SkipUnlessRunning();
        var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        return new RedisStores(connection, new RedisBoundedStoreFactory(connection, new EphemeralDataProtectionProvider(), keyPrefix));
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
