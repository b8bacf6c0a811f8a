using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Common.Stores;
using BitbucketBlazor.Sandbox;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BitbucketBlazor.Tests.Sandbox;

/// <summary>
/// The sandbox token store's two parts, checked against every store backend: direct callers filling
/// theirs cannot stop the app's own calls, no part evicts a live token, and a token works (validates,
/// refreshes, expires, retires) whichever part holds it.
/// </summary>
public abstract class SandboxTokenRoomsContract
{
    private const int Cap = 10;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));

    protected abstract IBoundedStoreFactory Factory { get; }

    [Fact]
    public async Task AFullPublicPartRefusesStrangersButNotTheAppAndDropsNobody()
    {
        var store = NewStore();
        var strangers = new List<SandboxTokenGrant>();
        for (var i = 0; i < Cap; i++)
        {
            strangers.Add((await store.IssueAsync(DemoConsumers.Private, SandboxTokenRoom.Public))!);
        }

        Assert.Null(await store.IssueAsync(DemoConsumers.Private, SandboxTokenRoom.Public));
        var visitor = await store.IssueAsync(DemoConsumers.Private, SandboxTokenRoom.Host);

        Assert.NotNull(visitor);
        Assert.Equal(SandboxTokenStatus.Valid, (await store.ValidateAsync(visitor.AccessToken)).Status);
        foreach (var stranger in strangers)
        {
            Assert.Equal(SandboxTokenStatus.Valid, (await store.ValidateAsync(stranger.AccessToken)).Status);
        }

        Assert.Equal(Cap, await store.CountLiveAccessTokensAsync(SandboxTokenRoom.Public));
        Assert.Equal(1, await store.CountLiveAccessTokensAsync(SandboxTokenRoom.Host));
    }

    [Fact]
    public async Task AFullHostPartRefusesTheAppsNewcomerInTurn()
    {
        var store = NewStore();
        for (var i = 0; i < Cap; i++)
        {
            Assert.NotNull(await store.IssueAsync(DemoConsumers.Private, SandboxTokenRoom.Host));
        }

        Assert.Null(await store.IssueAsync(DemoConsumers.Private, SandboxTokenRoom.Host));
        Assert.Equal(0, await store.CountLiveRefreshTokensAsync(SandboxTokenRoom.Public));
        Assert.NotNull(await store.IssueAsync(DemoConsumers.Private, SandboxTokenRoom.Public));
    }

    [Fact]
    public async Task ATokenOfEitherPartRefreshesExpiresAndRetiresWhereverItIs()
    {
        var store = NewStore();
        var grant = (await store.IssueAsync(DemoConsumers.Private, SandboxTokenRoom.Public))!;

        // Refreshed by the app: the new tokens land in the host part; the used one is still found in the public part.
        var refreshed = (await store.RefreshAsync(DemoConsumers.Private, grant.RefreshToken, SandboxTokenRoom.Host)).Grant;

        Assert.NotNull(refreshed);
        Assert.Equal(1, await store.CountLiveAccessTokensAsync(SandboxTokenRoom.Host));
        Assert.Equal(SandboxRefreshTokenStatus.UsedWithinGrace, await store.ValidateRefreshTokenAsync(DemoConsumers.Private.Key, grant.RefreshToken));
        Assert.True(await store.RetireRefreshTokenAsync(grant.RefreshToken));
        Assert.Equal(SandboxRefreshTokenStatus.Retired, await store.ValidateRefreshTokenAsync(DemoConsumers.Private.Key, grant.RefreshToken));
        Assert.True(await store.ExpireAccessTokenAsync(refreshed.AccessToken));
        Assert.Equal(SandboxTokenStatus.Expired, (await store.ValidateAsync(refreshed.AccessToken)).Status);
        Assert.Equal(SandboxTokenStatus.Valid, (await store.ValidateAsync(grant.AccessToken)).Status);
    }

    private SandboxTokenStore NewStore() =>
        new(new SandboxClock(_clock), Options.Create(new SandboxOptions { MaxTokens = Cap }), Factory);
}

/// <summary>The two parts in process memory.</summary>
public sealed class InMemorySandboxTokenRoomsTests : SandboxTokenRoomsContract
{
    protected override IBoundedStoreFactory Factory { get; } = new InMemoryBoundedStoreFactory();
}
