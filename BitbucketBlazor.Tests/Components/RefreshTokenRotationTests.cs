using BitbucketBlazor.Bitbucket.Models;
using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Components.Presentation;
using BitbucketBlazor.Components.Shared;
using BitbucketBlazor.OAuth;
using BitbucketBlazor.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace BitbucketBlazor.Tests.Components;

/// <summary>The refresh step's lesson on rotating refresh tokens, against a token client that rotates like Bitbucket.</summary>
public sealed class RefreshTokenRotationTests : WalkthroughContext
{
    private const string FirstRefreshToken = "refresh-test-access-token-0123456789";
    private int _issued;

    public RefreshTokenRotationTests()
    {
        Tokens.Refresh = Rotate;
    }

    private TokenRefresher Refresher => Services.GetRequiredService<TokenRefresher>();

    [Fact]
    public async Task AfterARefreshTheOldAndNewRefreshTokensShowMaskedSideBySideWithTheGracePeriod()
    {
        await HoldTokenAsync();
        var view = Render<RefreshTokenRotation>();

        await view.InvokeAsync(() => Refresher.RefreshAsync(Xunit.TestContext.Current.CancellationToken));

        var newest = State.Token!.RefreshToken!;
        Assert.Equal("rotated-refresh-token-number-1", newest);
        Assert.Equal("refr" + MaskingPolicy.DisplayMarker, view.Find("[data-testid=old-refresh-token]").TextContent);
        Assert.Equal("rota" + MaskingPolicy.DisplayMarker, view.Find("[data-testid=new-refresh-token]").TextContent);
        Assert.DoesNotContain(FirstRefreshToken, view.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(newest, view.Markup, StringComparison.Ordinal);
        Assert.Contains("grace period of 10 minutes", Text(view, "rotation-explained"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefreshKeepsItsExchangeAndItsTokenWithOneNotification()
    {
        await HoldTokenAsync();
        var historyBefore = State.History.Count;
        var notifications = 0;
        using var subscription = State.NotifyOnChange(EventCallback.Factory.Create(this, () => notifications++));

        var result = await Refresher.RefreshAsync(Xunit.TestContext.Current.CancellationToken);

        Assert.Equal("rotated-refresh-token-number-1", State.Token!.RefreshToken);
        Assert.Equal(result.Exchange, State.History[^1]);
        Assert.Equal(historyBefore + 1, State.History.Count);
        // Each notification renders the page once more (after the request, Blazor renders at each): one for both.
        Assert.Equal(1, notifications);
    }

    [Fact]
    public async Task TheOldRefreshTokenWorksWithinTheGracePeriodAndTheNewestAnswerIsKept()
    {
        await HoldTokenAsync();
        var view = Render<RefreshTokenRotation>();
        await view.InvokeAsync(() => Refresher.RefreshAsync(Xunit.TestContext.Current.CancellationToken));

        await view.Find("[data-testid=try-old-refresh-token]").ClickAsync(new());

        view.WaitForAssertion(() => Assert.NotNull(view.Find("[data-testid=old-refresh-token-worked]")));
        Assert.Equal([FirstRefreshToken, FirstRefreshToken], Tokens.RefreshTokensUsed);
        Assert.Equal("rotated-refresh-token-number-2", State.Token!.RefreshToken);
        Assert.Equal(FirstRefreshToken, State.PreviousRefreshToken!.Value);
    }

    [Fact]
    public async Task ThePresenterAgesTheOldOneAndTryingItIsExplainedAsAlreadyUsed()
    {
        await HoldTokenAsync();
        var view = Render<RefreshTokenRotation>();
        await view.InvokeAsync(() => Refresher.RefreshAsync(Xunit.TestContext.Current.CancellationToken));
        var kept = State.Token!;

        await view.Find("[data-testid=retire-old-refresh-token]").ClickAsync(new());
        view.WaitForAssertion(() => Assert.Contains("past its grace period", Text(view, "rotation-message"), StringComparison.Ordinal));
        await view.Find("[data-testid=try-old-refresh-token]").ClickAsync(new());

        view.WaitForAssertion(() => Assert.Equal(nameof(ErrorKind.RefreshTokenAlreadyUsed), view.Find("[data-testid=error-explanation]").GetAttribute("data-kind")));
        Assert.Equal([FirstRefreshToken], Presenter.Retired);
        Assert.Contains("Invalid refresh_token", Text(view, "error-quote"), StringComparison.Ordinal);
        Assert.Same(kept, State.Token);
    }

    [Fact]
    public async Task TheBrowsersAuthorizationAlwaysGetsTheNewestRefreshTokenToo()
    {
        await HoldTokenAsync();
        var store = Services.GetRequiredService<AuthorizedBrowserStore>();
        Services.GetRequiredService<AuthorizationCodeSession>().BrowserId = "browser-a";
        await store.SetAsync("browser-a", new BrowserAuthorization(PrivateDemo, State.Token!, "authorization_code", Clock.GetUtcNow()), Xunit.TestContext.Current.CancellationToken);
        var view = Render<RefreshTokenRotation>();

        await view.InvokeAsync(() => Refresher.RefreshAsync(Xunit.TestContext.Current.CancellationToken));
        Assert.Equal("rotated-refresh-token-number-1", (await store.FindAsync("browser-a", Xunit.TestContext.Current.CancellationToken))!.Token.RefreshToken);
        await view.InvokeAsync(() => Refresher.RefreshWithPreviousAsync(Xunit.TestContext.Current.CancellationToken));

        Assert.Equal("rotated-refresh-token-number-2", (await store.FindAsync("browser-a", Xunit.TestContext.Current.CancellationToken))!.Token.RefreshToken);
        Assert.Equal(State.Token!.RefreshToken, (await store.FindAsync("browser-a", Xunit.TestContext.Current.CancellationToken))!.Token.RefreshToken);
    }

    [Fact]
    public async Task TheSameRefreshTokenBackIsShownAsNoRotationWithoutThePresenterControl()
    {
        await HoldTokenAsync();
        Tokens.Refresh = sent => Answer(sent);
        var view = Render<RefreshTokenRotation>();

        await view.InvokeAsync(() => Refresher.RefreshAsync(Xunit.TestContext.Current.CancellationToken));

        Assert.NotNull(view.Find("[data-testid=rotation-none]"));
        Assert.Empty(view.FindAll("[data-testid=retire-old-refresh-token]"));
    }

    [Fact]
    public async Task AgainstBitbucketCloudThereIsNoPresenterControl()
    {
        Presenter.IsAvailable = false;
        await HoldTokenAsync();
        var view = Render<RefreshTokenRotation>();

        await view.InvokeAsync(() => Refresher.RefreshAsync(Xunit.TestContext.Current.CancellationToken));

        Assert.NotNull(view.Find("[data-testid=rotation-explained]"));
        Assert.Empty(view.FindAll("[data-testid=retire-old-refresh-token]"));
    }

    private static string Text(IRenderedComponent<RefreshTokenRotation> view, string testId) =>
        string.Join(' ', view.Find($"[data-testid={testId}]").TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    // Like Bitbucket: every refresh answers a new refresh token; a retired one is refused.
    private TokenResult Rotate(string sent) =>
        Presenter.Retired.Contains(sent)
            ? FakeTokenClient.Failure(PrivateDemo, "invalid_request", "Invalid refresh_token")
            : Answer($"rotated-refresh-token-number-{++_issued}");

    private static TokenResult Answer(string refreshToken)
    {
        var success = FakeTokenClient.Success(PrivateDemo, "access-" + refreshToken);
        return success with { Token = success.Token! with { RefreshToken = refreshToken, State = "refresh_token" } };
    }
}
