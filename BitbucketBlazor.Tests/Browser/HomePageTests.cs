using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Tests.Infrastructure;

namespace BitbucketBlazor.Tests.Browser;

public sealed class HomePageTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task HomePageLoadsInteractiveAndShowsSandboxMode()
    {
        var page = await NewVisitorPageAsync();

        await GotoInteractiveAsync(page, "/");

        Assert.Equal("Sandbox", (await page.GetByTestId("mode-badge").InnerTextAsync()).Trim());
        await SaveScreenshotAsync(page, "home-page");
        await AssertHealthyPageAsync(page);
    }

    [Fact]
    public async Task HomePageIsServedWithAStrictContentSecurityPolicy()
    {
        var page = await NewVisitorPageAsync();

        var response = await page.GotoAsync("/");

        var policy = await response!.HeaderValueAsync("content-security-policy");
        Assert.NotNull(policy);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        await WaitForInteractiveAsync(page);
        await AssertHealthyPageAsync(page);
    }

    [Fact]
    public async Task TheSandboxConsumersPageListsTheDemoKeysAndShowsASecretOnlyWhenAsked()
    {
        var page = await NewVisitorPageAsync();
        await GotoInteractiveAsync(page, "/");

        await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Sandbox consumers" }).ClickAsync();
        var privateCard = page.GetByTestId($"sandbox-consumer-{DemoConsumers.Private.Key}");
        await Microsoft.Playwright.Assertions.Expect(privateCard.GetByTestId("consumer-key")).ToHaveTextAsync(DemoConsumers.Private.Key);
        await AssertHealthyPageAsync(page, DemoConsumers.Private.Secret);

        await privateCard.GetByTestId("reveal-consumer-secret").ClickAsync();

        await Microsoft.Playwright.Assertions.Expect(privateCard.GetByTestId("consumer-secret")).ToHaveTextAsync(DemoConsumers.Private.Secret);
        await SaveScreenshotAsync(page, "sandbox-consumers");
        await AssertHealthyPageAsync(page, DemoConsumers.Public.Secret);
    }
}
