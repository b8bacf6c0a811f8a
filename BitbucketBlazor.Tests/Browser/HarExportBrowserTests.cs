using System.Text.Json.Nodes;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Tests.Har;
using BitbucketBlazor.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BitbucketBlazor.Tests.Browser;

/// <summary>
/// One tab goes through the authorization code flow (full page loads through the consent page) and
/// then, in the same circuit, the client credentials flow; its session is downloaded as HAR,
/// masked and then unmasked, each validated against the suite's HAR 1.2 schema and replayed by
/// Playwright's own HAR router.
/// </summary>
public sealed class HarExportBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task TheTabsSessionAfterBothFlowsDownloadsAsValidHarWithTheBrowsersLoginStepsAndSecretsMaskedByDefault()
    {
        var page = await NewVisitorPageAsync();
        await RunAuthorizationCodeFlowAsync(page);
        await RunClientCredentialsFlowInTheSameTabAsync(page);
        await page.GetByText("This tab's requests").ClickAsync();

        var masked = await DownloadAsync(page);
        await page.Locator("input[data-testid=har-unmasked]").CheckAsync();
        var unmasked = await DownloadAsync(page);

        HarSchema.AssertValid(masked);
        HarSchema.AssertValid(unmasked);
        var entries = Entries(masked);
        Assert.Equal(
            [
                "GET /authorize 302", "GET /sandbox/site/oauth2/authorize 200", "POST /sandbox/site/oauth2/authorize/decision 302",
                "GET /oauth-callback 302", "POST /sandbox/site/oauth2/access_token 200", "GET /sandbox/2.0/repositories/blazor-demo 200",
                "POST /sandbox/site/oauth2/access_token 200", "POST /sandbox/site/oauth2/access_token 200", "GET /sandbox/2.0/repositories/blazor-demo 200",
            ],
            entries.Select(e => $"{e["request"]!["method"]} {new Uri((string)e["request"]!["url"]!).AbsolutePath} {e["response"]!["status"]}"));
        Assert.Equal(["authorization_code", "refresh_token", "client_credentials"], TokenResponses(entries).Select(e => (string)e["state"]!));
        Assert.All(entries[..4], e => Assert.Equal("document", (string?)e["_resourceType"]));
        Assert.All(entries, e => Assert.True((double)e["time"]! >= 0 && (double)e["timings"]!["wait"]! == (double)e["time"]!));
        Assert.Equal(entries.Select(e => DateTimeOffset.Parse((string)e["startedDateTime"]!, System.Globalization.CultureInfo.InvariantCulture)).Order(), entries.Select(e => DateTimeOffset.Parse((string)e["startedDateTime"]!, System.Globalization.CultureInfo.InvariantCulture)));

        // The callback's URL carried the code: the export (and the server's store before it) has it masked.
        var callbackCode = QueryValue(entries[3], "code");
        Assert.EndsWith("(masked)", callbackCode, StringComparison.Ordinal);
        Assert.Contains("(masked)", (string)entries[2]["response"]!["redirectURL"]!, StringComparison.Ordinal);

        var secrets = TokenResponses(Entries(unmasked)).SelectMany(t => new[] { (string)t["access_token"]!, (string)t["refresh_token"]! }).ToList();
        Assert.Equal(6, secrets.Count);
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, masked, StringComparison.Ordinal));
        Assert.DoesNotContain(DemoConsumers.Private.Secret, unmasked, StringComparison.Ordinal); // the secret goes as Basic, base64
        await AssertHealthyPageAsync(page, [DemoConsumers.Private.Secret, .. secrets]);
        await AssertPlaywrightReplaysTheHarAsync(unmasked, entries[^1]);
    }

    private static async Task RunAuthorizationCodeFlowAsync(IPage page)
    {
        await page.GotoAsync("/authorize");
        await page.GetByRole(AriaRole.Button, new() { Name = "Grant access" }).ClickAsync();
        await page.WaitForURLAsync("**/authorization-code");
        await WaitForInteractiveAsync(page);
        await page.GetByTestId("go-to-token").ClickAsync();
        await page.GetByTestId("go-to-api").ClickAsync();
        await page.GetByTestId("send-api-request").ClickAsync();
        await Expect(page.GetByTestId("api-exchange-status")).ToContainTextAsync("200");
        await page.GetByTestId("go-to-refresh").ClickAsync();
        await page.GetByTestId("send-refresh").ClickAsync();
        await Expect(page.GetByTestId("refresh-success")).ToBeVisibleAsync();
    }

    private static async Task RunClientCredentialsFlowInTheSameTabAsync(IPage page)
    {
        // A link inside the app: the same circuit, so the same tab's session.
        await page.GetByRole(AriaRole.Link, new() { Name = "Client credentials" }).ClickAsync();
        await page.WaitForURLAsync("**/client-credentials");
        await page.GetByTestId("choose-sandbox-private-key").ClickAsync();
        await page.GetByTestId("send-token-request").ClickAsync();
        await Expect(page.GetByTestId("token-exchange-status")).ToContainTextAsync("200");
        await page.GetByTestId("go-to-api").ClickAsync();
        await page.GetByTestId("send-api-request").ClickAsync();
        await Expect(page.GetByTestId("api-exchange-status")).ToContainTextAsync("200");
    }

    private static async Task<string> DownloadAsync(IPage page)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("har-download").ClickAsync());
        Assert.EndsWith(".har", download.SuggestedFilename, StringComparison.Ordinal);
        return await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
    }

    // Playwright's HAR router is an independent HAR reader: it must find the entry and answer with its body.
    private async Task AssertPlaywrightReplaysTheHarAsync(string har, JsonNode entry)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("har-").FullName, "session.har");
        await File.WriteAllTextAsync(file, har, TestContext.Current.CancellationToken);
        var page = await NewVisitorPageAsync();
        var url = (string)entry["request"]!["url"]!;
        await page.Context.RouteFromHARAsync(file, new() { Url = "**/sandbox/2.0/**", NotFound = HarNotFound.Abort });

        // Sent without a token, the live sandbox would answer 401; the recording answers as it did then.
        var response = await page.GotoAsync(url);

        Assert.Equal(200, response!.Status);
        Assert.Equal((string)entry["response"]!["content"]!["text"]!, await response.TextAsync());
    }

    private static JsonNode[] Entries(string har) => [.. JsonNode.Parse(har)!["log"]!["entries"]!.AsArray().Select(e => e!)];

    private static IEnumerable<JsonNode> TokenResponses(IEnumerable<JsonNode> entries) =>
        entries.Where(e => ((string)e["request"]!["url"]!).EndsWith("/access_token", StringComparison.Ordinal))
            .Select(e => JsonNode.Parse((string)e["response"]!["content"]!["text"]!)!);

    private static string QueryValue(JsonNode entry, string name) =>
        (string)entry["request"]!["queryString"]!.AsArray().Single(q => (string)q!["name"]! == name)!["value"]!;
}
