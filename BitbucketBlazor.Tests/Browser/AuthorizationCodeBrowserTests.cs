using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Sandbox;
using BitbucketBlazor.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BitbucketBlazor.Tests.Browser;

public sealed class AuthorizationCodeBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task AUserGrantsAccessOnTheConsentPageCallsTheApiAsThemselvesAndRefreshesTheToken()
    {
        var page = await NewVisitorPageAsync();
        await page.GotoAsync("/authorize");
        await page.GetByRole(AriaRole.Button, new() { Name = "Grant access" }).WaitForAsync();
        Assert.Contains("/sandbox/site/oauth2/authorize?", page.Url, StringComparison.Ordinal);
        await SaveScreenshotAsync(page, "authcode-1-consent");

        await page.GetByRole(AriaRole.Button, new() { Name = "Grant access" }).ClickAsync();
        await page.WaitForURLAsync(new Uri(RootUri, "/authorization-code").ToString());
        await WaitForInteractiveAsync(page);

        Assert.Equal(new Uri(RootUri, "/authorization-code").ToString(), page.Url);
        Assert.DoesNotContain("code=", page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain("token", page.Url, StringComparison.OrdinalIgnoreCase);
        var maskedCode = await page.GetByTestId("callback-code").InnerTextAsync();
        Assert.EndsWith("…", maskedCode, StringComparison.Ordinal);
        await SaveScreenshotAsync(page, "authcode-2-callback");
        await AssertHealthyPageAsync(page, DemoConsumers.Private.Secret);

        await page.GetByTestId("go-to-token").ClickAsync();
        await Assertions.Expect(page.GetByTestId("token-grant")).ToContainTextAsync("authorization_code");
        await Assertions.Expect(page.GetByTestId("code-exchange-status")).ToContainTextAsync("200");
        await SaveScreenshotAsync(page, "authcode-3-token");

        await page.GetByTestId("go-to-api").ClickAsync();
        await page.GetByTestId("send-api-request").ClickAsync();
        await Assertions.Expect(page.GetByTestId("api-exchange-status")).ToContainTextAsync("200");
        await SaveScreenshotAsync(page, "authcode-4-api");

        await page.GetByTestId("go-to-refresh").ClickAsync();
        await Assertions.Expect(page.GetByTestId("refresh-request-preview")).ToContainTextAsync("grant_type");
        await page.GetByTestId("send-refresh").ClickAsync();
        await Assertions.Expect(page.GetByTestId("refresh-success")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("refresh-exchange-status")).ToContainTextAsync("200");
        await SaveScreenshotAsync(page, "authcode-5-refresh");

        Assert.Equal(new Uri(RootUri, "/authorization-code").ToString(), page.Url);
        await AssertHealthyPageAsync(page, DemoConsumers.Private.Secret);
    }

    [Fact]
    public async Task TheWalkthroughExplainsTheAuthorizeUrlAndItsButtonStartsTheLoginWithAFullPageLoad()
    {
        var page = await NewVisitorPageAsync();
        await GotoInteractiveAsync(page, "/authorization-code");

        await Assertions.Expect(page.GetByTestId("authorize-url")).ToContainTextAsync("response_type=code");
        await Assertions.Expect(page.GetByTestId("authorize-parameter-client_id")).ToContainTextAsync(DemoConsumers.Private.Key);
        await Assertions.Expect(page.GetByTestId("authorize-parameter-state")).ToContainTextAsync("CSRF");
        await SaveScreenshotAsync(page, "authcode-0-authorize-url");

        await page.GetByTestId("go-to-consent").ClickAsync();
        await page.GetByTestId("start-authorize").ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Grant access" }).WaitForAsync();
        Assert.Contains("/sandbox/site/oauth2/authorize?", page.Url, StringComparison.Ordinal);
        Assert.Contains("client_id=" + DemoConsumers.Private.Key, page.Url, StringComparison.Ordinal);
        await AssertHealthyPageAsync(page, DemoConsumers.Private.Secret);
    }

    [Fact]
    public async Task AnAuthorizedBrowserGoingToAuthorizeAgainLandsOnTheWalkthroughWithItsToken()
    {
        var page = await NewVisitorPageAsync();
        await page.GotoAsync("/authorize");
        await page.GetByRole(AriaRole.Button, new() { Name = "Grant access" }).ClickAsync();
        await page.WaitForURLAsync("**/authorization-code");
        await WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByTestId("callback-code")).ToBeVisibleAsync(); // the hand-off is claimed

        await page.GotoAsync("/authorize");
        await page.WaitForURLAsync("**/authorization-code");
        await WaitForInteractiveAsync(page);

        await Assertions.Expect(page.GetByTestId("authcode-notice")).ToContainTextAsync("already authorized");
        await Assertions.Expect(page.GetByTestId("token-inspector")).ToBeVisibleAsync();
        await AssertHealthyPageAsync(page, DemoConsumers.Private.Secret);
    }

    [Fact]
    public async Task AUserWhoCancelsOnTheConsentPageSeesAnExplainedAccessDeniedPage()
    {
        var page = await NewVisitorPageAsync();
        await page.GotoAsync("/authorize");

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();

        // The expectation waits for the redirect to land on the callback's error page.
        await Assertions.Expect(page.Locator("#callback-error")).ToHaveTextAsync("Access was not granted");
        Assert.Contains("/oauth-callback?", page.Url, StringComparison.Ordinal);
        Assert.Contains("error=access_denied", page.Url, StringComparison.Ordinal);
        await SaveScreenshotAsync(page, "authcode-denied");
        await AssertHealthyPageAsync(page, DemoConsumers.Private.Secret);
    }

    [Fact]
    public async Task ATamperedStateInTheCallbackUrlShowsTheStateErrorPage()
    {
        var page = await NewVisitorPageAsync();
        await page.GotoAsync("/authorize");
        var state = new Uri(page.Url).Query.Split('&').Single(p => p.StartsWith("state=", StringComparison.Ordinal))["state=".Length..];

        var response = await page.GotoAsync($"/oauth-callback?code=anything&state={state}x");

        Assert.Equal(400, response!.Status);
        await Assertions.Expect(page.Locator("#callback-error")).ToHaveTextAsync("This state was not issued by this app");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("No code was sent to the token endpoint");
        await SaveScreenshotAsync(page, "authcode-tampered-state");
        await AssertHealthyPageAsync(page, DemoConsumers.Private.Secret);
    }
}
