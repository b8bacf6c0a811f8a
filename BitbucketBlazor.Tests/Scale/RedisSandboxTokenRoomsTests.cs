using BitbucketBlazor.Common.Stores;
using BitbucketBlazor.Tests.Infrastructure;
using BitbucketBlazor.Tests.Sandbox;

namespace BitbucketBlazor.Tests.Scale;

/// <summary>The sandbox token store's two parts against a real Redis, as a cluster keeps them.</summary>
public sealed class RedisSandboxTokenRoomsTests(RedisServerFixture redis) : SandboxTokenRoomsContract, IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private RedisStores? _redis;

    protected override IBoundedStoreFactory Factory => _redis!.Factory;

    /// <inheritdoc />
    public async ValueTask InitializeAsync() =>
        _redis = await RedisStores.ConnectAsync(redis, $"rooms-{Guid.NewGuid():N}:"); // each test starts with empty parts

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
