using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Bitbucket.Models;
using BitbucketBlazor.Components.Shared;
using BitbucketBlazor.OAuth;
using BitbucketBlazor.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace BitbucketBlazor.Tests.OAuth;

/// <summary>The refresh panel and the auto-refresher, on the walkthrough's context with a Cloud consumer.</summary>
public sealed class AuthorizationCodeRefreshPanelTests : WalkthroughContext
{
    private static readonly ConsumerCredentials s_consumer = new("key", "the-secret", "Consumer", ConsumerSource.Configured);
    private bool _refuse;
    private int _issued;

    public AuthorizationCodeRefreshPanelTests()
    {
        Services.AddSingleton(Options.Create(new BitbucketOptions { Mode = BitbucketMode.Cloud, ClientId = "key", ClientSecret = "the-secret" }));
        Presenter.IsAvailable = false;
        Tokens.Refresh = Answer;
    }

    [Fact]
    public async Task TheRefreshRequestIsShownWithTheRefreshTokenMaskedAndRefreshingReplacesTheToken()
    {
        await GiveTokenAsync("first-access", "first-refresh-token-value");
        var panel = Render<RefreshPanel>();

        var preview = panel.Find("[data-testid=refresh-request-preview]").TextContent;
        Assert.Contains("grant_type=refresh_token", preview, StringComparison.Ordinal);
        Assert.DoesNotContain("first-refresh-token-value", panel.Markup, StringComparison.Ordinal);
        // Nor in what the panel hands its children: that is on the wire too.
        RenderedSecrets.AssertNotSent(panel, JSInterop, "first-refresh-token-value", "a2V5OnRoZS1zZWNyZXQ=");

        await panel.Find("[data-testid=send-refresh]").ClickAsync(new());

        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("[data-testid=refresh-success]")));
        Assert.Equal("refreshed-1", State.Token!.AccessToken);
        Assert.Equal(TokenRefresher.Grant, State.Grant);
        Assert.Equal("first-refresh-token-value", Tokens.RefreshTokensUsed.Single());
        Assert.Single(State.History);
        var success = string.Join(' ', panel.Find("[data-testid=refresh-success]").TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("previous access token was not revoked and keeps working until its own expiry", success, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedRefreshIsExplainedAndKeepsTheCurrentToken()
    {
        await GiveTokenAsync("first-access", "unknown-refresh");
        _refuse = true;
        var panel = Render<RefreshPanel>();

        await panel.Find("[data-testid=send-refresh]").ClickAsync(new());

        panel.WaitForAssertion(() => Assert.Contains("invalid_grant", panel.Find("[data-testid=error-explanation]").TextContent, StringComparison.Ordinal));
        Assert.Equal("first-access", State.Token!.AccessToken);
    }

    [Fact]
    public async Task AutoRefreshRefreshesSixtySecondsBeforeExpiryVisiblyAndKeepsGoing()
    {
        await GiveTokenAsync("first-access", "refresh-1", expiresIn: 600);
        Render<AutoRefresher>();
        var panel = Render<RefreshPanel>();
        await panel.Find("input[data-testid=auto-refresh]").ChangeAsync(new() { Value = true });
        panel.WaitForAssertion(() => Assert.Contains("Next automatic refresh", panel.Find("[data-testid=auto-refresh-due]").TextContent, StringComparison.Ordinal));

        Clock.Advance(TimeSpan.FromSeconds(539));
        Assert.Equal("first-access", State.Token!.AccessToken);

        Clock.Advance(TimeSpan.FromSeconds(1));
        panel.WaitForAssertion(() => Assert.Equal("refreshed-1", State.Token!.AccessToken));
        panel.WaitForAssertion(() => Assert.Contains("automatically", panel.Find("[data-testid=refresh-success]").TextContent, StringComparison.Ordinal));
        Assert.Contains(Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Message?.Contains("refreshed automatically", StringComparison.Ordinal) == true);

        // The new token gets its own refresh, 60 s before its own expiry.
        Clock.Advance(TimeSpan.FromSeconds(540));
        panel.WaitForAssertion(() => Assert.Equal("refreshed-2", State.Token!.AccessToken));
        Assert.Equal(2, State.History.Count);
    }

    [Fact]
    public async Task AFailedAutoRefreshIsShownAndSwitchesAutoRefreshOff()
    {
        await GiveTokenAsync("first-access", "refresh-1", expiresIn: 600);
        _refuse = true;
        Render<AutoRefresher>();
        var panel = Render<RefreshPanel>();
        await panel.Find("input[data-testid=auto-refresh]").ChangeAsync(new() { Value = true });

        Clock.Advance(TimeSpan.FromSeconds(540));

        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("[data-testid=error-explanation]")));
        Assert.Contains("automatic refresh at", panel.Find("[data-testid=auto-refresh-failed]").TextContent, StringComparison.Ordinal);
        Assert.Empty(panel.FindAll("[data-testid=auto-refresh-due]"));
        Assert.False(State.AutoRefresh);
        Assert.Contains(Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Severity == Severity.Error);
        Clock.Advance(TimeSpan.FromHours(1));
        Assert.Single(Tokens.RefreshTokensUsed);
    }

    [Fact]
    public async Task AutoRefreshSwitchedOnInTheRefreshStepKeepsWorkingAfterTheVisitorLeavesTheStepAndShowsOnReturn()
    {
        await GiveTokenAsync("first-access", "refresh-1", expiresIn: 600);
        Render<AutoRefresher>();
        var stepper = Render<MudStepper>(p => p
            .Add(s => s.NonLinear, true)
            .Add(s => s.ActiveIndex, 1)
            .AddChildContent<MudStep>(step => step.Add(x => x.Title, "API call").AddChildContent("<p data-testid=\"api-step\">API call</p>"))
            .AddChildContent<MudStep>(step => step.Add(x => x.Title, "Refresh").AddChildContent<RefreshPanel>()));
        await stepper.Find("input[data-testid=auto-refresh]").ChangeAsync(new() { Value = true });

        stepper.Render(p => p.Add(s => s.ActiveIndex, 0));
        Assert.Empty(stepper.FindComponents<RefreshPanel>()); // MudStepper renders only the active step
        Assert.NotNull(stepper.Find("[data-testid=api-step]"));
        Clock.Advance(TimeSpan.FromSeconds(540));

        stepper.WaitForAssertion(() => Assert.Equal("refreshed-1", State.Token!.AccessToken));
        Assert.True(State.LastRefresh is { Automatic: true, Result.Succeeded: true });
        Assert.Contains(Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Message?.Contains("refreshed automatically", StringComparison.Ordinal) == true);

        stepper.Render(p => p.Add(s => s.ActiveIndex, 1));
        var refreshedAt = Clock.GetUtcNow();
        Assert.True(IsOn(stepper.Find("input[data-testid=auto-refresh]")));
        Assert.Contains($"Next automatic refresh at {refreshedAt.AddSeconds(540).ToLocalTime():HH:mm:ss}", stepper.Find("[data-testid=auto-refresh-due]").TextContent, StringComparison.Ordinal);
        Assert.Contains($"Refreshed automatically at {refreshedAt.ToLocalTime():HH:mm:ss}", stepper.Find("[data-testid=refresh-success]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(stepper.Find("[data-testid=refresh-exchange]"));
    }

    [Fact]
    public async Task AnExpiredTokenWithAutoRefreshOnIsRefreshedAtOnce()
    {
        await GiveTokenAsync("first-access", "refresh-1");
        var refresher = Render<AutoRefresher>();
        await refresher.InvokeAsync(() => State.SetAutoRefreshAsync(true));
        Clock.Advance(TimeSpan.FromMinutes(5));

        await refresher.InvokeAsync(State.MarkExpiredAsync);
        Clock.Advance(TimeSpan.Zero);

        Assert.Equal("refreshed-1", State.Token!.AccessToken);
        Assert.Single(Tokens.RefreshTokensUsed);
    }

    [Fact]
    public async Task WithoutTheAutoRefresherTheSwitchAloneRefreshesNothing()
    {
        await GiveTokenAsync("first-access", "refresh-1", expiresIn: 600);
        var panel = Render<RefreshPanel>();
        await panel.Find("input[data-testid=auto-refresh]").ChangeAsync(new() { Value = true });

        Clock.Advance(TimeSpan.FromHours(1));

        Assert.True(State.AutoRefresh);
        Assert.Empty(Tokens.RefreshTokensUsed);
    }

    [Fact]
    public async Task DisposingTheAutoRefresherStopsItsTimer()
    {
        await GiveTokenAsync("first-access", "refresh-1", expiresIn: 600);
        var refresher = Render<AutoRefresher>();
        await refresher.InvokeAsync(() => State.SetAutoRefreshAsync(true));

        await DisposeComponentsAsync();
        Clock.Advance(TimeSpan.FromHours(1));

        Assert.Empty(Tokens.RefreshTokensUsed);
    }

    [Fact]
    public async Task ATokenFromAFreshGrantForgetsTheLastRefreshButKeepsTheAutoRefreshWish()
    {
        await GiveTokenAsync("first-access", "refresh-1");
        await State.SetAutoRefreshAsync(true);
        var panel = Render<RefreshPanel>();
        await panel.Find("[data-testid=send-refresh]").ClickAsync(new());
        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("[data-testid=refresh-success]")));

        await panel.InvokeAsync(() => GiveTokenAsync("second-access", "refresh-2"));

        Assert.Null(State.LastRefresh);
        Assert.Empty(panel.FindAll("[data-testid=refresh-success]"));
        Assert.True(IsOn(panel.Find("input[data-testid=auto-refresh]")));
    }

    [Fact]
    public async Task TheButtonDuringARefreshGetsThatRefreshsAnswerInsteadOfSpendingTheRefreshTokenTwice()
    {
        await GiveTokenAsync("first-access", "refresh-1");
        var answer = new TaskCompletionSource();
        Tokens.Hold = answer.Task;
        var refresher = Services.GetRequiredService<TokenRefresher>();

        var first = refresher.RefreshAsync(Xunit.TestContext.Current.CancellationToken);
        var second = refresher.RefreshAsync(Xunit.TestContext.Current.CancellationToken);
        answer.SetResult();

        Assert.Same(first, second);
        Assert.Equal("refreshed-1", (await second).Token!.AccessToken);
        Assert.Single(Tokens.RefreshTokensUsed);
    }

    [Fact]
    public async Task RefreshingTheBrowsersOwnLoginUpdatesItsServerSideRecordSoAReloadGetsTheNewToken()
    {
        await GiveTokenAsync("first-access", "refresh-1");
        var store = Services.GetRequiredService<AuthorizedBrowserStore>();
        Services.GetRequiredService<AuthorizationCodeSession>().BrowserId = "browser-a";
        await store.SetAsync("browser-a", new BrowserAuthorization(s_consumer, State.Token!, "authorization_code", Clock.GetUtcNow()), Xunit.TestContext.Current.CancellationToken);

        await Services.GetRequiredService<TokenRefresher>().RefreshAsync(Xunit.TestContext.Current.CancellationToken);

        Assert.Equal("refreshed-1", (await store.FindAsync("browser-a", Xunit.TestContext.Current.CancellationToken))!.Token.AccessToken);
    }

    [Fact]
    public async Task RefreshingAnotherFlowsTokenLeavesTheBrowsersLoginAlone()
    {
        await GiveTokenAsync("client-credentials-access", "cc-refresh");
        var store = Services.GetRequiredService<AuthorizedBrowserStore>();
        Services.GetRequiredService<AuthorizationCodeSession>().BrowserId = "browser-a";
        var login = new TokenResponse("user-access", "account", 7200, "user-refresh", "bearer", "authorization_code");
        await store.SetAsync("browser-a", new BrowserAuthorization(s_consumer, login, "authorization_code", Clock.GetUtcNow()), Xunit.TestContext.Current.CancellationToken);

        await Services.GetRequiredService<TokenRefresher>().RefreshAsync(Xunit.TestContext.Current.CancellationToken);

        Assert.Equal("refreshed-1", State.Token!.AccessToken);
        Assert.Equal("user-access", (await store.FindAsync("browser-a", Xunit.TestContext.Current.CancellationToken))!.Token.AccessToken);
    }

    [Fact]
    public void WithoutATokenThePanelSaysSo()
    {
        var panel = Render<RefreshPanel>();

        Assert.NotNull(panel.Find("[data-testid=refresh-no-token]"));
    }

    private static bool IsOn(AngleSharp.Dom.IElement input) => ((AngleSharp.Html.Dom.IHtmlInputElement)input).IsChecked;

    private async Task GiveTokenAsync(string access, string refresh, int expiresIn = 7200)
    {
        await State.SelectConsumerAsync(s_consumer);
        await State.SetTokenAsync(new TokenResponse(access, "account", expiresIn, refresh, "bearer", "authorization_code"), "authorization_code");
    }

    // Refused like Bitbucket refuses an unknown refresh token, or a new token pair numbered from 1.
    private TokenResult Answer(string refreshToken)
    {
        if (_refuse)
        {
            return FakeTokenClient.Failure(s_consumer, "invalid_grant", "Invalid refresh_token");
        }

        var n = ++_issued;
        var token = new TokenResponse($"refreshed-{n}", "account", 600, $"refresh-{n + 1}", "bearer", "refresh_token");
        return new TokenResult(TestExchanges.Make("POST", FakeTokenClient.TokenUrl, 200, "{}", requestBody: "grant_type=refresh_token&refresh_token=x"), token, null, null);
    }
}
