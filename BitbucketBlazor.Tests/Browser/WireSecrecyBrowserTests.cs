using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Tests.Infrastructure;
using Microsoft.Playwright;
using static BitbucketBlazor.Tests.Infrastructure.VisitorTraffic.Kind;
using static Microsoft.Playwright.Assertions;

namespace BitbucketBlazor.Tests.Browser;

/// <summary>
/// Records every WebSocket frame and response body of two visitors walking both flows at once, learns the real tokens
/// on the server side (a tap on the app's own HTTP to the sandbox), and checks that no token, refresh token, code or
/// secret reached a browser before that visitor's own Reveal or Copy click — and never another visitor's browser.
/// </summary>
public sealed class WireSecrecyBrowserTests(BrowserFixture fixture, WireTappedAppFixture app)
    : BrowserTest(fixture), IClassFixture<WireTappedAppFixture>
{
    private static readonly VisitorTraffic.Kind[] s_toTheBrowser = [FrameReceived, ResponseBody];
    private static readonly VisitorTraffic.Kind[] s_everything = [FrameReceived, FrameSent, ResponseBody];

    /// <inheritdoc />
    protected override Uri RootUri => app.RootUri;

    [Fact]
    public async Task NoSecretReachesABrowserBeforeItsOwnRevealOrCopyClickNorEverAnotherVisitors()
    {
        var (clientPage, client) = await NewRecordedVisitorAsync();
        var (userPage, user) = await NewRecordedVisitorAsync();

        var marks = await Task.WhenAll(WalkClientCredentialsAsync(clientPage, client), WalkAuthorizationCodeAsync(userPage, user));
        await client.SettleAsync();
        await user.SettleAsync();

        var grants = app.Tap.Requests;
        var clientGrant = Assert.Single(grants, g => g.GrantType == "client_credentials");
        var codeGrant = Assert.Single(grants, g => g.GrantType == "authorization_code");
        var clientRefresh = Assert.Single(grants, g => g.GrantType == "refresh_token" && g.Form["refresh_token"] == clientGrant.RefreshToken);
        var userRefresh = Assert.Single(grants, g => g.GrantType == "refresh_token" && g.Form["refresh_token"] == codeGrant.RefreshToken);

        // The client-credentials visitor revealed only the refreshed token, after refreshing; the user copied only
        // the first token, before refreshing. Everything else never had a click.
        var clientSecrets = new Dictionary<string, int?>
        {
            [DemoConsumers.Private.Secret] = null,
            [clientGrant.AccessToken!] = null,
            [clientGrant.RefreshToken!] = null,
            [clientRefresh.AccessToken!] = marks[0].Mark,
            [clientRefresh.RefreshToken!] = null,
        };
        var userSecrets = new Dictionary<string, int?>
        {
            [codeGrant.Form["code"]] = null,
            [codeGrant.AccessToken!] = marks[1].Mark,
            [codeGrant.RefreshToken!] = null,
            [userRefresh.AccessToken!] = null,
            [userRefresh.RefreshToken!] = null,
        };

        AssertOnlyAfterItsClick(client, clientSecrets, "the client-credentials visitor");
        AssertOnlyAfterItsClick(user, userSecrets, "the authorization-code visitor");
        AssertNeverSeen(user, clientSecrets.Keys, "the authorization-code visitor");
        AssertNeverSeen(client, userSecrets.Keys, "the client-credentials visitor");

        // The recording does see a token once it is asked for: the revealed one in a render batch, the copied one in
        // the clipboard call. Without this the checks above could pass on frames the test failed to read.
        Assert.NotNull(client.FirstSighting(clientRefresh.AccessToken!, marks[0].Mark, int.MaxValue, FrameReceived));
        Assert.NotNull(user.FirstSighting(codeGrant.AccessToken!, marks[1].Mark, int.MaxValue, FrameReceived));
        Assert.Equal(clientRefresh.AccessToken, marks[0].Shown);
        Assert.Equal(codeGrant.AccessToken, marks[1].Shown);
        await AssertHealthyPageAsync(clientPage, DemoConsumers.Private.Secret);
        await AssertHealthyPageAsync(userPage, DemoConsumers.Private.Secret);
    }

    private static void AssertOnlyAfterItsClick(VisitorTraffic traffic, Dictionary<string, int?> secrets, string who)
    {
        foreach (var (secret, click) in secrets)
        {
            // Only what reaches the browser: a typed-in secret is in the visitor's own outgoing frames (they typed it).
            var early = traffic.FirstSighting(secret, 0, click ?? int.MaxValue, s_toTheBrowser);
            Assert.True(early is null, $"{Describe(secret)} reached {who} before any click of theirs asked for it: {early}.");
        }
    }

    private static void AssertNeverSeen(VisitorTraffic traffic, IEnumerable<string> secrets, string who)
    {
        foreach (var secret in secrets)
        {
            var seen = traffic.FirstSighting(secret, 0, int.MaxValue, s_everything);
            Assert.True(seen is null, $"Another visitor's {Describe(secret)} reached {who}: {seen}.");
        }
    }

    private static string Describe(string secret) => $"a secret starting '{secret[..4]}' ({secret.Length} characters)";

    private async Task<(IPage Page, VisitorTraffic Traffic)> NewRecordedVisitorAsync()
    {
        var page = await NewVisitorPageAsync();
        var traffic = new VisitorTraffic();
        traffic.Record(page);
        return (page, traffic);
    }

    /// <summary>Types in a key and secret, gets a token, calls the API, refreshes, then reveals the new token. Returns the Reveal click's mark and what it showed.</summary>
    private static async Task<(int Mark, string Shown)> WalkClientCredentialsAsync(IPage page, VisitorTraffic traffic)
    {
        await GotoInteractiveAsync(page, "/client-credentials");
        await page.Locator("input[data-testid=typed-key], [data-testid=typed-key] input").First.FillAsync(DemoConsumers.Private.Key);
        await page.Locator("input[data-testid=typed-secret]").FillAsync(DemoConsumers.Private.Secret);
        await page.GetByTestId("use-typed-consumer").ClickAsync();
        await page.GetByTestId("send-token-request").ClickAsync();
        await Expect(page.GetByTestId("token-exchange-status")).ToContainTextAsync("200");

        await page.GetByTestId("go-to-api").ClickAsync();
        await page.GetByTestId("send-api-request").ClickAsync();
        await Expect(page.GetByTestId("api-exchange-status")).ToContainTextAsync("200");

        await page.GetByText("Refresh", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("send-refresh").ClickAsync();
        await Expect(page.GetByTestId("refresh-success")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("refresh-exchange-status")).ToContainTextAsync("200");

        await OpenEveryRecordedExchangeAsync(page);

        await page.GetByText("Token response", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("access-token")).ToHaveAttributeAsync("data-revealed", "false");
        var mark = traffic.Count;
        await page.GetByTestId("reveal-token").ClickAsync();
        await Expect(page.GetByTestId("access-token")).ToHaveAttributeAsync("data-revealed", "true");
        return (mark, (await page.GetByTestId("access-token").InnerTextAsync()).Trim());
    }

    /// <summary>Grants access, sees the code exchange, copies the token, calls the API and refreshes. Returns the Copy click's mark and what it copied.</summary>
    private static async Task<(int Mark, string Shown)> WalkAuthorizationCodeAsync(IPage page, VisitorTraffic traffic)
    {
        await page.GotoAsync("/authorize");
        await page.GetByRole(AriaRole.Button, new() { Name = "Grant access" }).ClickAsync();
        await page.WaitForURLAsync("**/authorization-code");
        await WaitForInteractiveAsync(page);
        await Expect(page.GetByTestId("callback-code")).ToBeVisibleAsync();

        await page.GetByTestId("go-to-token").ClickAsync();
        await Expect(page.GetByTestId("code-exchange-status")).ToContainTextAsync("200");
        var mark = traffic.Count;
        await page.GetByTestId("copy-token").ClickAsync();
        await Expect(page.GetByTestId("copy-token")).ToContainTextAsync("Copied");
        var copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");

        await page.GetByTestId("go-to-api").ClickAsync();
        await page.GetByTestId("send-api-request").ClickAsync();
        await Expect(page.GetByTestId("api-exchange-status")).ToContainTextAsync("200");

        await page.GetByTestId("go-to-refresh").ClickAsync();
        await Expect(page.GetByTestId("refresh-request-preview")).ToContainTextAsync("grant_type=refresh_token");
        await page.GetByTestId("send-refresh").ClickAsync();
        await Expect(page.GetByTestId("refresh-success")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("refresh-exchange-status")).ToContainTextAsync("200");
        await OpenEveryRecordedExchangeAsync(page);
        return (mark, copied);
    }

    /// <summary>Opens the tab's history, every exchange in it and each one's "Copy as code": all of it is rendered then.</summary>
    private static async Task OpenEveryRecordedExchangeAsync(IPage page)
    {
        var topLeft = new LocatorClickOptions { Position = new() { X = 12, Y = 12 } }; // the header of an expansion panel
        await page.GetByTestId("history-panel").ClickAsync(topLeft);
        var items = page.GetByTestId("history-item");
        await Expect(items.First).ToBeVisibleAsync();
        // By number, oldest first, reading the count again each time: an exchange recorded while this runs goes on top
        // with the next number and is opened too, where positions counted once would shift under the clicks.
        var number = 0;
        while (number < await items.CountAsync())
        {
            number++;
            var item = items.Filter(new() { Has = page.Locator(".disclosure-title .mud-typography-caption", new() { HasTextRegex = new($"^#{number}$") }) });
            await item.ClickAsync(topLeft);
            await page.GetByTestId($"history-exchange-{number}-code-panel").ClickAsync(topLeft);
            await Expect(page.GetByTestId($"history-exchange-{number}-code-curl")).ToBeVisibleAsync();
        }

        Assert.True(number >= 3, $"Expected the token, API and refresh exchanges in the history, found {number}.");
    }
}
