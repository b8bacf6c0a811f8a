using BitbucketBlazor.Common.Stores;
using BitbucketBlazor.Hosting.SharedState;
using BitbucketBlazor.Tests.Infrastructure;
using BitbucketBlazor.Tests.Sandbox;
using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;

namespace BitbucketBlazor.Tests.Scale;

/// <summary>The sandbox token store's two parts against a real Redis, as a cluster keeps them.</summary>
public sealed class RedisSandboxTokenRoomsTests(RedisServerFixture redis) : SandboxTokenRoomsContract, IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private ConnectionMultiplexer? _connection;
    private IBoundedStoreFactory? _factory;

    protected override IBoundedStoreFactory Factory => _factory!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        redis.SkipUnlessRunning();

        // A prefix per test: each starts with empty parts in the shared Redis.
        _connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        _factory = new RedisBoundedStoreFactory(_connection, new EphemeralDataProtectionProvider(), $"rooms-{Guid.NewGuid():N}:");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
