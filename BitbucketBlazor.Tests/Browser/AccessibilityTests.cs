using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BitbucketBlazor.Tests.Browser;

/// <summary>
/// axe-core on every screen and state a visitor reaches, light and dark, phone and desktop:
/// no serious or critical WCAG 2.x A/AA violation anywhere. Each test walks one flow once and
/// scans at every stop, so the whole audit costs two walkthroughs.
/// </summary>
public sealed class AccessibilityTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task HomeSandboxConsumersAndTheClientCredentialsWalkthroughHaveNoSeriousViolations()
    {
        var audit = new AxeAudit("client-credentials");
        var page = await NewVisitorPageAsync();
        await GotoInteractiveAsync(page, "/");
        // The skip link is the first stop in the tab order, shows when focused, and moves focus to the content.
        Assert.Equal("skip-link", await page.EvaluateAsync<string?>(
            "() => document.querySelector('a[href], button:not([disabled]), input, [tabindex]:not([tabindex=\"-1\"])')?.dataset.testid"));
        await page.GetByTestId("skip-link").FocusAsync();
        await Expect(page.GetByTestId("skip-link")).ToBeInViewportAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#main-content")).ToBeFocusedAsync();
        await audit.ScanAsync(page, "home");
        await GotoInteractiveAsync(page, "/sandbox-consumers");
        await audit.ScanAsync(page, "sandbox consumers");

        await GotoInteractiveAsync(page, "/client-credentials");
        await audit.ScanAsync(page, "client-credentials: 1 consumer");
        await page.GetByTestId("choose-sandbox-public-key").ClickAsync();
        await page.GetByTestId("send-token-request").ClickAsync();
        await Expect(page.GetByTestId("error-explanation")).ToHaveAttributeAsync("data-kind", "PublicConsumer");
        await Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "public" })).ToBeVisibleAsync();
        await audit.ScanAsync(page, "client-credentials: 3 token error (public consumer)");

        await page.GetByText("Consumer", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("choose-sandbox-private-key").ClickAsync();
        await Expect(page.GetByTestId("token-request-preview")).ToContainTextAsync("grant_type=client_credentials");
        await audit.ScanAsync(page, "client-credentials: 2 token request");
        await page.GetByTestId("send-token-request").ClickAsync();
        await Expect(page.GetByTestId("token-exchange-status")).ToContainTextAsync("200");
        await page.GetByTestId("copy-token").ClickAsync();
        await Expect(page.GetByTestId("copy-token-announcement")).ToHaveTextAsync("Copied");
        await Expect(page.GetByTestId("copy-token-announcement")).ToHaveAttributeAsync("role", "status");
        await audit.ScanAsync(page, "client-credentials: 3 token response");

        await page.GetByTestId("expire-token").ClickAsync();
        await Expect(page.GetByTestId("token-countdown")).ToHaveTextAsync("expired");
        await page.GetByTestId("go-to-api").ClickAsync();
        await page.GetByTestId("send-api-request").ClickAsync();
        await Expect(page.GetByTestId("error-explanation")).ToHaveAttributeAsync("data-kind", "ExpiredToken");
        await audit.ScanAsync(page, "client-credentials: 4 API error (expired token)");

        await page.GetByTestId("get-new-token").ClickAsync();
        await page.GetByTestId("send-token-request").ClickAsync();
        await Expect(page.GetByTestId("token-exchange-status")).ToContainTextAsync("200");
        await page.GetByTestId("go-to-api").ClickAsync();
        await page.GetByTestId("send-api-request").ClickAsync();
        await Expect(page.GetByTestId("repo-name")).ToHaveCountAsync(10);
        var codeHeader = page.GetByRole(AriaRole.Button, new() { Name = "Copy as code" });
        await Expect(codeHeader).ToHaveAttributeAsync("aria-expanded", "false");
        await codeHeader.ClickAsync();
        await Expect(codeHeader).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(page.GetByTestId("api-code-curl")).ToBeVisibleAsync();
        await audit.ScanAsync(page, "client-credentials: 4 API result, code open");

        await page.GetByText("Refresh", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("send-refresh").ClickAsync();
        await Expect(page.GetByTestId("refresh-exchange-status")).ToContainTextAsync("200");
        await page.GetByTestId("history-panel-header").ClickAsync();
        await Expect(page.GetByTestId("history-panel-header")).ToHaveAttributeAsync("aria-expanded", "true");
        await audit.ScanAsync(page, "client-credentials: 5 refresh, history open");

        await AssertHealthyPageAsync(page, DemoConsumers.Private.Secret, DemoConsumers.Public.Secret);
        Assert.True(audit.SeriousViolations().Length == 0, audit.SeriousViolations());
    }

    [Fact]
    public async Task TheAuthorizationCodeWalkthroughConsentAndCallbackErrorPagesHaveNoSeriousViolations()
    {
        var audit = new AxeAudit("authorization-code");
        var page = await NewVisitorPageAsync();
        await GotoInteractiveAsync(page, "/authorization-code");
        await Expect(page.GetByTestId("authorize-url")).ToContainTextAsync("response_type=code");
        await audit.ScanAsync(page, "authorization-code: 1 authorize URL");
        await page.GetByTestId("go-to-consent").ClickAsync();
        await Expect(page.GetByTestId("start-authorize")).ToBeVisibleAsync();
        await audit.ScanAsync(page, "authorization-code: 2 consent step");

        await page.GotoAsync("/authorize");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).WaitForAsync();
        await audit.ScanAsync(page, "sandbox consent page");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(page.Locator("#callback-error")).ToHaveTextAsync("Access was not granted");
        await audit.ScanAsync(page, "callback error: access denied");

        await page.GotoAsync("/authorize");
        var state = new Uri(page.Url).Query.Split('&').Single(p => p.StartsWith("state=", StringComparison.Ordinal))["state=".Length..];
        await page.GotoAsync($"/oauth-callback?code=anything&state={state}x");
        await Expect(page.Locator("#callback-error")).ToHaveTextAsync("This state was not issued by this app");
        await audit.ScanAsync(page, "callback error: unknown state");

        await page.GotoAsync("/authorize");
        await page.GetByRole(AriaRole.Button, new() { Name = "Grant access" }).ClickAsync();
        await page.WaitForURLAsync("**/authorization-code");
        await WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("callback-code")).ToBeVisibleAsync();
        await audit.ScanAsync(page, "authorization-code: 3 redirect back");
        await page.GetByTestId("go-to-token").ClickAsync();
        await Expect(page.GetByTestId("code-exchange-status")).ToContainTextAsync("200");
        await audit.ScanAsync(page, "authorization-code: 4 token");
        await page.GetByTestId("go-to-api").ClickAsync();
        await page.GetByTestId("send-api-request").ClickAsync();
        await Expect(page.GetByTestId("api-exchange-status")).ToContainTextAsync("200");
        await audit.ScanAsync(page, "authorization-code: 5 API result");
        await page.GetByTestId("go-to-refresh").ClickAsync();
        await page.GetByTestId("send-refresh").ClickAsync();
        await Expect(page.GetByTestId("refresh-exchange-status")).ToContainTextAsync("200");
        await audit.ScanAsync(page, "authorization-code: 6 refresh");

        await AssertHealthyPageAsync(page, DemoConsumers.Private.Secret);
        Assert.True(audit.SeriousViolations().Length == 0, audit.SeriousViolations());
    }
}
