using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BitbucketBlazor.Tests.Bitbucket;

/// <summary>
/// A large REST answer is kept once for every circuit that received the same text, never handed to a circuit that
/// received other text, and the store refuses newcomers when full instead of evicting anyone's entry.
/// </summary>
public sealed class SharedResponseBodiesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void TheSameLargeBodyDecodedTwiceIsKeptOnce()
    {
        var store = new SharedResponseBodies();
        var first = LargeJson.Page("repo");
        var second = new string(first.AsSpan());
        Assert.NotSame(first, second);

        Assert.Same(first, store.Share(first));
        Assert.Same(first, store.Share(second));
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void ABodyThatDiffersKeepsItsOwnText()
    {
        var store = new SharedResponseBodies();
        store.Share(LargeJson.Page("alpha"));
        var other = LargeJson.Page("omega");

        Assert.Same(other, store.Share(other));
        Assert.Equal(2, store.Count);
    }

    [Fact]
    public void ASmallBodyIsNotKept()
    {
        var store = new SharedResponseBodies();
        const string error = """{"type":"error","error":{"message":"Access token expired."}}""";

        Assert.Same(error, store.Share(error));
        Assert.Null(store.Share(null));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void ALargeBodyWithASecretInItIsNotKept()
    {
        var store = new SharedResponseBodies();
        var body = LargeJson.Page("repo")[..^1] + ",\"access_token\":\"AT-secret\"}";
        Assert.True(body.Length >= SharedResponseBodies.MinLength);

        Assert.Same(body, store.Share(body));
        Assert.NotSame(store.Share(new string(body.AsSpan())), body);
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void AFullStoreRefusesNewcomersAndKeepsWhatItHas()
    {
        var store = new SharedResponseBodies(maxEntries: 1);
        var kept = LargeJson.Page("first");
        store.Share(kept);
        var newcomer = LargeJson.Page("second");

        Assert.Same(newcomer, store.Share(newcomer));
        Assert.Same(kept, store.Share(LargeJson.Page("first")));
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void TheCharacterBoundRefusesABodyThatWouldPassIt()
    {
        var store = new SharedResponseBodies(maxCharacters: 100);

        store.Share(LargeJson.Page("big"));

        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task TwoVisitorsListingTheSameRepositoriesOverHttpShareOneCopyOfThePage()
    {
        var page = LargeJson.Page("shared");
        await using var stub = await StubBitbucket.StartAsync((c, _) => StubBitbucket.Json(c, 200, page));
        await using var app = StubBitbucket.ClientsFor(stub.BaseUri);

        // Two visitors: two DI scopes, as two circuits are, each with its own client and its own token.
        await using var first = app.Services.CreateAsyncScope();
        await using var second = app.Services.CreateAsyncScope();
        var one = await first.ServiceProvider.GetRequiredService<IBitbucketApiClient>().GetRepositoriesAsync("AT-1", "ws", cancellationToken: Ct);
        var other = await second.ServiceProvider.GetRequiredService<IBitbucketApiClient>().GetRepositoriesAsync("AT-2", "ws", cancellationToken: Ct);

        var body = Assert.Single(one.Exchanges).ResponseBody;
        Assert.Equal(page, body);
        Assert.Same(body, Assert.Single(other.Exchanges).ResponseBody);
    }
}
