using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BitbucketBlazor.Tests.Scale;

/// <summary>
/// An attendee's walkthrough through HAProxy survives the loss of the instance serving it: after a
/// graceful stop (rolling deploy) or a SIGKILL (crash), the page comes back on the other instance
/// at the same step, with the same token and the same history, and no error banner.
/// </summary>
public sealed class FailoverBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheWalkthroughResumesOnTheOtherInstanceWhenItsInstanceGoesAway(bool hard)
    {
        if (LocalCluster.SkipReason() is { } reason)
        {
            Assert.Skip(reason);
        }

        await using var cluster = await LocalCluster.StartAsync();
        var page = await NewVisitorPageAsync();
        await GotoInteractiveAsync(page, new Uri(cluster.LoadBalancer, "client-credentials").ToString());
        await page.GetByTestId("choose-sandbox-private-key").ClickAsync();
        await page.GetByTestId("send-token-request").ClickAsync();
        await Expect(page.GetByTestId("token-exchange-status")).ToContainTextAsync("200");
        await page.GetByTestId("go-to-api").ClickAsync();
        await page.GetByTestId("send-api-request").ClickAsync();
        await Expect(page.GetByTestId("repo-name")).ToHaveCountAsync(10);
        var bearerBefore = await MaskedBearerAsync(page);
        var historyBefore = await page.GetByTestId("history-panel").InnerTextAsync();
        var serving = await ServingInstanceAsync(page);
        await page.EvaluateAsync("() => window.beforeTheInstanceWentAway = true");

        await cluster.KillAsync(serving, hard);

        // Blazor notices the lost connection, fails to resume on the dead instance, and reloads:
        // HAProxy sends the reload to the other instance, which resumes from the shared state.
        // The marker is gone only from a reloaded document, so the old page cannot pass for it.
        await page.WaitForFunctionAsync("() => window.beforeTheInstanceWentAway === undefined", null, new() { Timeout = 120_000 });

        // The dead page's console (the dropped WebSocket, the refused reconnect) is the instance loss
        // itself; from the reloaded page on, every check of a healthy page applies.
        ConsoleErrors.Clear();
        await WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("send-api-request")).ToBeVisibleAsync();
        Assert.NotEqual(serving, await ServingInstanceAsync(page));
        Assert.Equal(historyBefore, await page.GetByTestId("history-panel").InnerTextAsync());

        await page.GetByTestId("send-api-request").ClickAsync();
        await Expect(page.GetByTestId("api-exchange-status")).ToContainTextAsync("200");
        Assert.Equal(bearerBefore, await MaskedBearerAsync(page));
        await AssertHealthyPageAsync(page, DemoConsumers.Private.Secret);
    }

    // The masked Authorization header of the API request shown: the same token shows the same prefix.
    private static async Task<string> MaskedBearerAsync(IPage page)
    {
        var request = await page.GetByTestId("api-exchange-request").InnerTextAsync();
        return request.Split('\n').Single(line => line.StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase)).Trim();
    }

    private static async Task<string> ServingInstanceAsync(IPage page) =>
        (await page.Context.CookiesAsync()).Single(c => c.Name == "SRV").Value.ToUpperInvariant();
}
