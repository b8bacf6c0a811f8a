using BitbucketBlazor.Common.Stores;
using BitbucketBlazor.Hosting.SharedState;
using BitbucketBlazor.Tests.Common;
using BitbucketBlazor.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;

namespace BitbucketBlazor.Tests.Scale;

/// <summary>The store policy against a real Redis: the same contract the in-memory store meets.</summary>
public sealed class RedisBoundedStoreTests(RedisServerFixture redis) : BoundedStoreContract, IClassFixture<RedisServerFixture>, IAsyncLifetime
{
    private ConnectionMultiplexer? _connection;
    private IBoundedStoreFactory? _factory;

    protected override IBoundedStoreFactory Factory => _factory!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        redis.SkipUnlessRunning();
        _connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        _factory = new RedisBoundedStoreFactory(_connection, new EphemeralDataProtectionProvider(), "test:");
    }

    [Fact]
    public async Task NothingInRedisReadsAsTheKeyTheOwnerOrTheValue()
    {
        var store = Create(capacity: 10, perOwner: 2);
        await store.SetAsync("secret-key-123456", new Note("secret-value-abcdef", Clock.GetUtcNow()), Live(TimeSpan.FromMinutes(5)), "secret-owner-7890", Ct);

        var server = _connection!.GetServer(_connection.GetEndPoints()[0]);
        var dump = new List<string>();
        await foreach (var key in server.KeysAsync(pattern: "*"))
        {
            dump.Add(key.ToString());
            var type = await _connection.GetDatabase().KeyTypeAsync(key);
            dump.Add(type switch
            {
                RedisType.String => (await _connection.GetDatabase().StringGetAsync(key)).ToString(),
                RedisType.SortedSet => string.Join(",", await _connection.GetDatabase().SortedSetRangeByRankAsync(key)),
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
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
