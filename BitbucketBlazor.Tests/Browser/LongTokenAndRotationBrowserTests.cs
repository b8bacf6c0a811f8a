using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BitbucketBlazor.Tests.Browser;

/// <summary>
/// Bitbucket's new tokens (over 2,500 characters) through every step, at phone and desktop widths, and rotating
/// refresh tokens as the Refresh step teaches them. Runs its own app with <c>Sandbox:LongTokens</c> on.
/// </summary>
public sealed class LongTokenAndRotationBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private readonly AppFixture _app = new AppFixture().WithSetting("Bitbucket:Sandbox:LongTokens", "true");

    /// <inheritdoc />
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await _app.InitializeAsync();
    }

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1280, 900)]
    public async Task LongTokensFitTheScreenStayMaskedShortAndCopyWhole(int width, int height)
    {
        var page = await NewVisitorPageAsync();
        await page.SetViewportSizeAsync(width, height);
        await GetTokenAsync(page);

        var masked = (await page.GetByTestId("access-token").InnerTextAsync()).Trim();
        Assert.True(masked.Length < 40, $"The masked token is {masked.Length} characters long: {masked}");
        await AssertFitsAsync(page, "token response, masked");

        await page.GetByTestId("reveal-token").ClickAsync();
        await Expect(page.GetByTestId("access-token")).ToHaveAttributeAsync("data-revealed", "true");
        var token = (await page.GetByTestId("access-token").InnerTextAsync()).Trim();
        Assert.True(token.Length > 2500, $"The sandbox issued a {token.Length}-character token; Bitbucket's are over 2,500.");
        await AssertFitsAsync(page, "token revealed");
        await page.GetByTestId("copy-token").ClickAsync();
        await Expect(page.GetByTestId("copy-token")).ToContainTextAsync("Copied");
        Assert.Equal(token, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await page.GetByTestId("reveal-token").ClickAsync();

        await page.GetByTestId("go-to-api").ClickAsync();
        await page.GetByTestId("send-api-request").ClickAsync();
        await Expect(page.GetByTestId("api-exchange-status")).ToContainTextAsync("200");
        await Expect(page.GetByTestId("scope-check")).ToHaveAttributeAsync("data-allowed", "true");
        await Expect(page.GetByTestId("scopes-granted")).ToContainTextAsync("x-oauth-scopes");
        await AssertFitsAsync(page, "API call");

        await page.GetByText("Refresh", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("send-refresh").ClickAsync();
        await Expect(page.GetByTestId("refresh-success")).ToBeVisibleAsync();
        Assert.True((await page.GetByTestId("old-refresh-token").InnerTextAsync()).Trim().Length < 40);
        Assert.True((await page.GetByTestId("new-refresh-token").InnerTextAsync()).Trim().Length < 40);
        await AssertFitsAsync(page, "refresh");
        await SaveScreenshotAsync(page, $"long-tokens-refresh-{width}");
        await AssertHealthyPageAsync(page, DemoConsumers.Private.Secret, token);
    }

    [Fact]
    public async Task TheOldRefreshTokenWorksWithinGraceAndIsRefusedOnceThePresenterAgesIt()
    {
        var page = await NewVisitorPageAsync();
        await GetTokenAsync(page);
        await page.GetByText("Refresh", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("send-refresh").ClickAsync();
        await Expect(page.GetByTestId("rotation-explained")).ToContainTextAsync("grace period of 10 minutes");
        var newest = await page.GetByTestId("new-refresh-token").InnerTextAsync();

        await page.GetByTestId("try-old-refresh-token").ClickAsync();
        await Expect(page.GetByTestId("old-refresh-token-worked")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("new-refresh-token")).Not.ToHaveTextAsync(newest);

        await page.GetByTestId("retire-old-refresh-token").ClickAsync();
        await Expect(page.GetByTestId("rotation-message")).ToContainTextAsync("past its grace period");
        await page.GetByTestId("try-old-refresh-token").ClickAsync();
        await Expect(page.GetByTestId("error-explanation")).ToHaveAttributeAsync("data-kind", "RefreshTokenAlreadyUsed");
        await Expect(page.GetByTestId("error-quote")).ToHaveTextAsync("invalid_request: Invalid refresh_token");
        await Expect(page.GetByTestId("old-refresh-exchange-status")).ToContainTextAsync("400");
        await SaveScreenshotAsync(page, "rotation-old-refresh-token-refused");

        // The tab still holds the newest refresh token, and it works.
        await page.GetByTestId("send-refresh").ClickAsync();
        await Expect(page.GetByTestId("refresh-exchange-status")).ToContainTextAsync("200");
        await AssertHealthyPageAsync(page, DemoConsumers.Private.Secret);
    }

    private async Task GetTokenAsync(IPage page)
    {
        await page.GotoAsync(new Uri(_app.RootUri, "client-credentials").ToString());
        await WaitForInteractiveAsync(page);
        await page.GetByTestId("choose-sandbox-private-key").ClickAsync();
        await page.GetByTestId("send-token-request").ClickAsync();
        await Expect(page.GetByTestId("token-exchange-status")).ToContainTextAsync("200");
    }

    private static async Task AssertFitsAsync(IPage page, string where)
    {
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, $"The page scrolls sideways ({where}).");
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _app.DisposeAsync();
    }
}
