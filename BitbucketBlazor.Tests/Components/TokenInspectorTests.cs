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
    public async Task TheCountdownStartsFromTheTimeLeftAndTheServerTurnsItToExpiredOnTime()
    {
        await HoldTokenAsync();
        var inspector = Render<TokenInspector>();
        var countdown = () => inspector.Find("[data-testid=token-countdown]");
        Assert.Equal("2:00:00", countdown().TextContent);
        Assert.Equal("7200", countdown().GetAttribute("data-countdown-from"));
        Assert.Equal(State.ExpiresAt!.Value.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), countdown().GetAttribute("data-countdown-key"));
        var renders = inspector.FindComponent<ExpiryCountdown>().RenderCount;

        // The seconds between are counted in the browser (wwwroot/js/countdown.js): the server does not render them.
        Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(renders, inspector.FindComponent<ExpiryCountdown>().RenderCount);

        Clock.Advance(TimeSpan.FromHours(2));

        inspector.WaitForAssertion(() => Assert.Equal("expired", countdown().TextContent));
        Assert.Contains("expired", countdown().ClassList);
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
