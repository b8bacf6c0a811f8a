using BitbucketBlazor.Common.Stores;
using BitbucketBlazor.Tests.Common;
using BitbucketBlazor.Tests.Infrastructure;
using StackExchange.Redis;

namespace BitbucketBlazor.Tests.Scale;

/// <summary>The store policy against a real Redis: the same contract the in-memory store meets.</summary>
public sealed class RedisBoundedStoreTests(RedisServerFixture redis) : BoundedStoreContract, IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private RedisStores? _redis;

    protected override IBoundedStoreFactory Factory => _redis!.Factory;

    /// <inheritdoc />
    public async ValueTask InitializeAsync() => _redis = await RedisStores.ConnectAsync(redis, "test:");

    [Fact]
    public async Task NothingInRedisReadsAsTheKeyTheOwnerOrTheValue()
    {
        var store = Create(capacity: 10, perOwner: 2);
        await store.SetAsync("secret-key-123456", new Note("secret-value-abcdef", Clock.GetUtcNow()), Live(TimeSpan.FromMinutes(5)), "secret-owner-7890", Ct);

        var connection = _redis!.Connection;
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        var dump = new List<string>();
        await foreach (var key in server.KeysAsync(pattern: "*"))
        {
            dump.Add(key.ToString());
            var type = await connection.GetDatabase().KeyTypeAsync(key);
            dump.Add(type switch
            {
                RedisType.String => (await connection.GetDatabase().StringGetAsync(key)).ToString(),
                RedisType.SortedSet => string.Join(",", await connection.GetDatabase().SortedSetRangeByRankAsync(key)),
                _ => "",
            });
        }

        var all = string.Join("\n", dump);
        Assert.Contains("test:", all, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-key", all, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", all, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-owner", all, StringComparison.Ordinal);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }
    }
}
