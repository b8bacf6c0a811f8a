using BitbucketBlazor.Components.Shared;
using BitbucketBlazor.Tests.Infrastructure;
using Bunit;

namespace BitbucketBlazor.Tests.Components;

public sealed class TokenInspectorTests : WalkthroughContext
{
    [Fact]
    public async Task TheAccessTokenIsMaskedUntilRevealed()
    {
        var token = await HoldTokenAsync();

        var inspector = Render<TokenInspector>();

        var shown = inspector.Find("[data-testid=access-token]").TextContent;
        Assert.DoesNotContain(token, inspector.Markup, StringComparison.Ordinal);
        Assert.Contains("(masked)", shown, StringComparison.Ordinal);

        inspector.Find("[data-testid=reveal-token]").Click();

        Assert.Equal(token, inspector.Find("[data-testid=access-token]").TextContent);
    }

    [Fact]
    public async Task ANewTokenStartsMaskedAgainAfterTheLastOneWasRevealed()
    {
        await HoldTokenAsync("first-token-abcdefghijklmnop");
        var inspector = Render<TokenInspector>();
        inspector.Find("[data-testid=reveal-token]").Click();

        await inspector.InvokeAsync(() => HoldTokenAsync("second-token-abcdefghijklmnop"));

        inspector.WaitForAssertion(() =>
            Assert.Equal("seco…(masked)", inspector.Find("[data-testid=access-token]").TextContent));
    }

    [Fact]
    public async Task EachScopeIsAChipWithItsMeaning()
    {
        await HoldTokenAsync(scopes: "account repository pullrequest");

        var inspector = Render<TokenInspector>();

        var chips = inspector.FindAll("[data-testid=scope-chip]").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["account", "repository", "pullrequest"], chips);
        Assert.Contains("Read pull requests", inspector.Find("[data-testid=token-scopes]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCountdownDecreasesAsTheClockMoves()
    {
        await HoldTokenAsync();
        var inspector = Render<TokenInspector>();
        Assert.Equal("2:00:00", inspector.Find("[data-testid=token-countdown]").TextContent);

        Clock.Advance(TimeSpan.FromSeconds(5));

        inspector.WaitForAssertion(() => Assert.Equal("1:59:55", inspector.Find("[data-testid=token-countdown]").TextContent));

        Clock.Advance(TimeSpan.FromHours(2));

        inspector.WaitForAssertion(() => Assert.Equal("expired", inspector.Find("[data-testid=token-countdown]").TextContent));
    }

    [Fact]
    public async Task SaysWhetherARefreshTokenCameBack()
    {
        await HoldTokenAsync();

        var inspector = Render<TokenInspector>();

        Assert.StartsWith("Yes", inspector.Find("[data-testid=token-refresh]").TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePresenterExpiresExactlyThisTokenAndTheStateKnowsIt()
    {
        var token = await HoldTokenAsync();
        var inspector = Render<TokenInspector>();

        inspector.Find("[data-testid=expire-token]").Click();

        inspector.WaitForAssertion(() => Assert.Contains("Expired", inspector.Find("[data-testid=expire-token-result]").TextContent, StringComparison.Ordinal));
        Assert.Equal([token], Presenter.Expired);
        Assert.True(State.IsExpired);
        Assert.Equal("expired", inspector.Find("[data-testid=token-countdown]").TextContent);
    }

    [Fact]
    public async Task PresenterControlsAreNotOfferedWhereTheyDoNotWork()
    {
        Presenter.IsAvailable = false;
        await HoldTokenAsync();

        var inspector = Render<TokenInspector>();

        Assert.Empty(inspector.FindAll("[data-testid=expire-token]"));
    }

    [Fact]
    public void WithoutATokenItSaysSo()
    {
        var inspector = Render<TokenInspector>();

        Assert.Equal("No token yet.", inspector.Find("[data-testid=token-inspector-empty]").TextContent);
    }
}
