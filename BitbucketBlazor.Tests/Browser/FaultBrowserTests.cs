using System.Net;
using System.Net.Sockets;
using BitbucketBlazor.Tests.Bitbucket;
using BitbucketBlazor.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BitbucketBlazor.Tests.Browser;

/// <summary>
/// Bitbucket Cloud mode against a Bitbucket that is down or misbehaving (a closed port, a stub
/// over real HTTP): the walkthrough explains each fault and the circuit survives.
/// </summary>
public sealed class FaultBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string CloudSecret = "cloud-secret-never-shown-7f3a";
    private const string StubAccessToken = "stub-access-token-1234567890";
    private const string StubToken =
        """{"access_token":"stub-access-token-1234567890","scopes":"account","expires_in":7200,"refresh_token":"stub-refresh-token-0987654321","token_type":"bearer","state":"client_credentials"}""";

    [Fact]
    public async Task AnUnreachableBitbucketIsExplainedAsANetworkFaultAndTheCircuitSurvives()
    {
        var closedPort = ClosedLoopbackPort();
        await using var app = await StartCloudAppAsync(new Uri($"http://127.0.0.1:{closedPort}"));
        var page = await NewVisitorPageAsync();
        await GotoInteractiveAsync(page, new Uri(app.RootUri, "client-credentials").ToString());

        await page.GetByTestId("choose-configured").ClickAsync();
        await page.GetByTestId("send-token-request").ClickAsync();

        var explanation = page.GetByTestId("error-explanation");
        await Expect(explanation).ToHaveAttributeAsync("data-kind", "NetworkFault");
        await Expect(page.GetByTestId("error-fix")).Not.ToBeEmptyAsync();
        await SaveScreenshotAsync(page, "fault-network");

        // Still interactive: the visitor can go back and choose again.
        await page.GetByText("Consumer", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("choose-configured")).ToBeVisibleAsync();
        await AssertHealthyPageAsync(page, CloudSecret);
    }

    [Theory]
    [InlineData(503, "ServerError")]
    [InlineData(429, "RateLimited")]
    public async Task AnApiThatFailsIsExplainedWithItsRawAnswer(int status, string kind)
    {
        await using var stub = await StubBitbucket.StartAsync(async (context, _) =>
        {
            if (context.Request.Path.StartsWithSegments("/site/oauth2/access_token"))
            {
                await StubBitbucket.Json(context, 200, StubToken);
                return;
            }

            context.Response.StatusCode = status;
            // An hour-long Retry-After is past what the client waits for, so the 429 reaches the page.
            context.Response.Headers.RetryAfter = "3600";
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body>Upstream trouble</body></html>");
        });
        await using var app = await StartCloudAppAsync(stub.BaseUri);
        var page = await OpenCurrentUserCallAsync(app);
        await page.GetByTestId("send-api-request").ClickAsync();

        await Expect(page.GetByTestId("error-explanation")).ToHaveAttributeAsync("data-kind", kind);
        await Expect(page.GetByTestId("api-exchange-status")).ToContainTextAsync(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await SaveScreenshotAsync(page, $"fault-api-{status}");
        await AssertHealthyPageAsync(page, CloudSecret, StubAccessToken);
    }

    [Fact]
    public async Task ATenThousandDeepAndAFiftyMegabyteAnswerAreExplainedAndTheNextCallStillWorks()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);

        // A raw socket server, one request per connection: Kestrel would swallow writes after the app
        // hangs up, so it could not tell how much of the 50 MB the app really took.
        await using var stub = HugeBodyServer.Start(announcesLength: false, n => n switch
        {
            0 => StubToken,
            1 => deep,
            2 => null, // the 50 MB answer
            _ => """{"type":"user","uuid":"{u}","display_name":"Ada After","account_id":"1"}""",
        });
        await using var app = await StartCloudAppAsync(stub.BaseUri);
        var page = await OpenCurrentUserCallAsync(app);

        // 10,000 deep: explained, and the body shown as it came (plain text), not as 10,000 indented levels.
        await page.GetByTestId("send-api-request").ClickAsync();
        await Expect(page.GetByTestId("error-explanation")).ToHaveAttributeAsync("data-kind", "UnusableAnswer");
        await Expect(page.GetByTestId("error-cause")).ToContainTextAsync("could not be read");
        Assert.Equal(deep, (await page.GetByTestId("api-exchange-response-body").TextContentAsync())?.Trim());
        await AssertHealthyPageAsync(page, CloudSecret, StubAccessToken);

        // 50 MB: the app stops reading at the cap and says so, naming the setting.
        await page.GetByTestId("send-api-request").ClickAsync();
        await Expect(page.GetByTestId("error-cause")).ToContainTextAsync("larger than 1 MiB");
        await Expect(page.GetByTestId("error-cause")).ToContainTextAsync("Bitbucket:Calls:MaxResponseBytes");
        var taken = await stub.BytesSentForTheBigAnswer.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.True(taken < 16L * 1024 * 1024, $"{taken:N0} bytes of the 50 MB answer were taken before the app stopped reading");
        await SaveScreenshotAsync(page, "fault-api-fifty-megabytes");
        await AssertHealthyPageAsync(page, CloudSecret, StubAccessToken);

        // The circuit lives: the next click is answered.
        await page.GetByTestId("send-api-request").ClickAsync();
        await Expect(page.GetByTestId("user-card")).ToContainTextAsync("Ada After");
        await Expect(page.GetByTestId("error-explanation")).ToHaveCountAsync(0);
        await AssertHealthyPageAsync(page, CloudSecret, StubAccessToken);
    }

    // A new visitor gets a token from the stub with the configured consumer and picks the current-user call.
    private async Task<IPage> OpenCurrentUserCallAsync(AppFixture app)
    {
        var page = await NewVisitorPageAsync();
        await GotoInteractiveAsync(page, new Uri(app.RootUri, "client-credentials").ToString());
        await page.GetByTestId("choose-configured").ClickAsync();
        await page.GetByTestId("send-token-request").ClickAsync();
        await Expect(page.GetByTestId("token-exchange-status")).ToContainTextAsync("200");
        await page.GetByTestId("go-to-api").ClickAsync();
        await page.GetByTestId("endpoint-CurrentUser").CheckAsync();
        return page;
    }

    private static async Task<AppFixture> StartCloudAppAsync(Uri bitbucket)
    {
        var app = new AppFixture()
            .WithSetting("Bitbucket:Mode", "Cloud")
            .WithSetting("Bitbucket:ClientId", "cloud-key")
            .WithSetting("Bitbucket:ClientSecret", CloudSecret)
            .WithSetting("Bitbucket:SiteUrl", bitbucket.ToString())
            .WithSetting("Bitbucket:ApiUrl", new Uri(bitbucket, "2.0").ToString())
            .WithSetting("Bitbucket:RequestTimeout", "00:00:05");
        await app.InitializeAsync();
        return app;
    }

    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
