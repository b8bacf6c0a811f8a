using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Common.Stores;
using BitbucketBlazor.Hosting.SharedState;
using BitbucketBlazor.OAuth;
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

    [Fact]
    public async Task ABrowsersLoginStepsRecordedOnOneInstanceAreTakenWholeOnAnother()
    {
        var browserId = "browser-" + Guid.NewGuid().ToString("N");
        var recorder = new BrowserStepStore(Factory, Clock);
        var resumer = new BrowserStepStore(Factory, Clock);
        var authorize = new HttpExchange(
            "GET", new Uri("http://127.0.0.1:5000/authorize"), [new("Host", "127.0.0.1:5000")], null, Clock.GetUtcNow(),
            TimeSpan.FromMilliseconds(7), 302, "Found", [new("Location", "http://127.0.0.1:5000/sandbox/site/oauth2/authorize?state=***")], null, null);
        var callback = authorize with { Url = new Uri("http://127.0.0.1:5000/oauth-callback?code=***&state=***"), StatusCode = 200, ReasonPhrase = "OK" };

        Assert.True(await recorder.RecordAsync(browserId, authorize, startsLogin: true, cancellationToken: Ct));
        Assert.True(await recorder.RecordAsync(browserId, callback, startsLogin: false, cancellationToken: Ct));
        var taken = await resumer.TakeAsync(browserId, Ct);

        Assert.Equal([authorize.Url, callback.Url], taken.Select(s => s.Url));
        Assert.Equal(authorize.ResponseHeaders, taken[0].ResponseHeaders);
        Assert.Equal(authorize.Duration, taken[0].Duration);
        Assert.Equal(200, taken[1].StatusCode);
        Assert.Empty(await recorder.TakeAsync(browserId, Ct));
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
