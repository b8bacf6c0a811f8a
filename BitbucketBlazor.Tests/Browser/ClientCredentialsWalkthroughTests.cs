using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Sandbox;
using BitbucketBlazor.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BitbucketBlazor.Tests.Browser;

/// <summary>The client-credentials walkthrough, driven the way a visitor uses it.</summary>
public sealed class ClientCredentialsWalkthroughTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task AVisitorGetsATokenWithThePrivateConsumerAndPagesThroughRepositoriesByFollowingNext()
    {
        var page = await NewVisitorPageAsync();
        await GotoInteractiveAsync(page, "/client-credentials");

        await page.GetByTestId("choose-sandbox-private-key").ClickAsync();
        await Expect(page.GetByTestId("token-request-preview")).ToContainTextAsync("grant_type=client_credentials");
        await Expect(page.GetByTestId("token-request-preview")).ToContainTextAsync("Authorization: Basic");
        await Expect(page.GetByTestId("token-request-preview")).ToContainTextAsync("(masked)");
        await Expect(page.GetByTestId("flow-message-1")).ToHaveAttributeAsync("data-active", "true");

        await page.GetByTestId("send-token-request").ClickAsync();
        await Expect(page.GetByTestId("token-exchange-status")).ToContainTextAsync("200");
        await Expect(page.GetByTestId("token-exchange-response-body")).ToContainTextAsync("\"access_token\"");
        await Expect(page.GetByTestId("scope-chip")).ToHaveCountAsync(DemoConsumers.Private.Scopes.Count);
        await Expect(page.GetByTestId("access-token")).ToHaveAttributeAsync("data-revealed", "false");
        await SaveScreenshotAsync(page, "client-credentials-token-response");

        await page.GetByTestId("go-to-api").ClickAsync();
        await page.GetByTestId("send-api-request").ClickAsync();
        await Expect(page.GetByTestId("api-exchange-status")).ToContainTextAsync("200");
        await Expect(page.GetByTestId("repo-name")).ToHaveCountAsync(10);
        await Expect(page.GetByTestId("page-number")).ToHaveTextAsync("Page 1");
        var firstPage = await page.GetByTestId("repo-name").AllInnerTextsAsync();

        await page.GetByTestId("page-next").ClickAsync();
        await Expect(page.GetByTestId("page-number")).ToHaveTextAsync("Page 2");
        await Expect(page.GetByTestId("api-exchange-request")).ToContainTextAsync("page=2");
        var secondPage = await page.GetByTestId("repo-name").AllInnerTextsAsync();

        Assert.Equal(10, secondPage.Count);
        Assert.Empty(firstPage.Intersect(secondPage));
        await SaveScreenshotAsync(page, "client-credentials-repositories-page-2");
        await AssertHealthyPageAsync(page, DemoConsumers.Private.Secret);
    }

    [Fact]
    public async Task ThePublicConsumerIsRefusedAndThePageExplainsHowToMakeItPrivate()
    {
        var page = await NewVisitorPageAsync();
        await GotoInteractiveAsync(page, "/client-credentials");

        await page.GetByTestId("choose-sandbox-public-key").ClickAsync();
        await page.GetByTestId("send-token-request").ClickAsync();

        await Expect(page.GetByTestId("token-exchange-status")).ToContainTextAsync("400");
        await Expect(page.GetByTestId("error-explanation")).ToHaveAttributeAsync("data-kind", "PublicConsumer");
        await Expect(page.GetByTestId("error-quote")).ToContainTextAsync("public");
        await Expect(page.GetByTestId("error-fix")).ToContainTextAsync("This is a private consumer");
        await Expect(page.GetByTestId("token-inspector")).ToHaveCountAsync(0);
        await SaveScreenshotAsync(page, "client-credentials-public-consumer");
        await AssertHealthyPageAsync(page, DemoConsumers.Public.Secret, DemoConsumers.Private.Secret);
    }

    [Fact]
    public async Task AnExpiredTokenGetsA401WithItsExplanationAndANewTokenFixesIt()
    {
        var page = await NewVisitorPageAsync();
        await GotoInteractiveAsync(page, "/client-credentials");
        await page.GetByTestId("choose-sandbox-private-key").ClickAsync();
        await page.GetByTestId("send-token-request").ClickAsync();
        await Expect(page.GetByTestId("token-exchange-status")).ToContainTextAsync("200");

        await page.GetByTestId("expire-token").ClickAsync();
        await Expect(page.GetByTestId("expire-token-result")).ToContainTextAsync("Expired");
        await Expect(page.GetByTestId("token-countdown")).ToHaveTextAsync("expired");

        await page.GetByTestId("go-to-api").ClickAsync();
        await page.GetByTestId("send-api-request").ClickAsync();
        await Expect(page.GetByTestId("api-exchange-status")).ToContainTextAsync("401");
        await Expect(page.GetByTestId("error-explanation")).ToHaveAttributeAsync("data-kind", "ExpiredToken");
        await Expect(page.GetByTestId("error-fix")).ToContainTextAsync("new token");
        await SaveScreenshotAsync(page, "client-credentials-expired-token");

        await page.GetByTestId("get-new-token").ClickAsync();
        await page.GetByTestId("send-token-request").ClickAsync();
        await Expect(page.GetByTestId("token-exchange-status")).ToContainTextAsync("200");
        await page.GetByTestId("go-to-api").ClickAsync();
        await page.GetByTestId("send-api-request").ClickAsync();

        await Expect(page.GetByTestId("api-exchange-status")).ToContainTextAsync("200");
        await Expect(page.GetByTestId("error-explanation")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("repo-name")).ToHaveCountAsync(10);
        await AssertHealthyPageAsync(page, DemoConsumers.Private.Secret);
    }

    [Fact]
    public async Task WorkspacesOneRepositoryAndItsPullRequestsEachGetAReadableView()
    {
        var page = await NewVisitorPageAsync();
        await GotoInteractiveAsync(page, "/client-credentials");
        await page.GetByTestId("choose-sandbox-private-key").ClickAsync();
        await page.GetByTestId("send-token-request").ClickAsync();
        await page.GetByTestId("go-to-api").ClickAsync();

        await page.GetByTestId("endpoint-Workspaces").CheckAsync();
        await page.GetByTestId("send-api-request").ClickAsync();
        await Expect(page.GetByTestId("workspace-slug")).ToHaveTextAsync(["blazor-demo", "sandbox-labs"]);

        await page.GetByTestId("endpoint-Repository").CheckAsync();
        await Expect(page.GetByTestId("repo-input").Or(page.Locator("[data-testid=repo-input] input")).First).ToBeVisibleAsync();
        await page.GetByTestId("send-api-request").ClickAsync();
        await Expect(page.GetByTestId("repository-card")).ToContainTextAsync("blazor-demo/bitbucket-oauth-demo");

        await page.GetByTestId("endpoint-PullRequests").CheckAsync();
        await page.GetByTestId("send-api-request").ClickAsync();
        await Expect(page.GetByTestId("api-exchange-request")).ToContainTextAsync("/repositories/blazor-demo/bitbucket-oauth-demo/pullrequests");
        await Expect(page.GetByTestId("pr-title").First).ToBeVisibleAsync();
        await SaveScreenshotAsync(page, "client-credentials-pull-requests");
        await AssertHealthyPageAsync(page, DemoConsumers.Private.Secret);
    }

    [Fact]
    public async Task ANarrowScopeConsumersTokenGetsA403ExplainedAsAMissingScope()
    {
        var page = await NewVisitorPageAsync();
        await GotoInteractiveAsync(page, "/client-credentials");
        await page.GetByTestId("choose-sandbox-narrow-key").ClickAsync();
        await page.GetByTestId("send-token-request").ClickAsync();
        await Expect(page.GetByTestId("scope-chip")).ToHaveTextAsync(["account"]);

        await page.GetByTestId("go-to-api").ClickAsync();
        await page.GetByTestId("send-api-request").ClickAsync();

        await Expect(page.GetByTestId("api-exchange-status")).ToContainTextAsync("403");
        await Expect(page.GetByTestId("error-explanation")).ToHaveAttributeAsync("data-kind", "MissingScope");
        await Expect(page.GetByTestId("error-fix")).ToContainTextAsync("get a new token");

        await page.GetByTestId("endpoint-CurrentUser").CheckAsync();
        await page.GetByTestId("send-api-request").ClickAsync();
        await Expect(page.GetByTestId("user-card")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("error-explanation")).ToHaveCountAsync(0);
        await SaveScreenshotAsync(page, "client-credentials-narrow-scope-user");
        await AssertHealthyPageAsync(page, DemoConsumers.Narrow.Secret);
    }

    [Fact]
    public async Task TwoVisitorsHoldDifferentTokensAtTheSameTime()
    {
        var first = await NewVisitorPageAsync();
        var second = await NewVisitorPageAsync();

        var firstToken = await GetAndRevealTokenAsync(first);
        var secondToken = await GetAndRevealTokenAsync(second);

        Assert.NotEqual(firstToken, secondToken);
        Assert.Equal(firstToken, (await first.GetByTestId("access-token").InnerTextAsync()).Trim());

        // Copy goes through the app's own JS module (no inline script under the CSP) to the real clipboard.
        await second.GetByTestId("copy-token").ClickAsync();
        await Expect(second.GetByTestId("copy-token")).ToContainTextAsync("Copied");
        Assert.Equal(secondToken, await second.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await SaveScreenshotAsync(second, "client-credentials-second-visitor");
        await AssertHealthyPageAsync(first, DemoConsumers.Private.Secret);
        await AssertHealthyPageAsync(second, DemoConsumers.Private.Secret);
    }

    [Fact]
    public async Task AKeyAndSecretTypedInWorkAndTheSecretIsNeverShownBack()
    {
        var page = await NewVisitorPageAsync();
        await GotoInteractiveAsync(page, "/client-credentials");

        await TextInput(page, "typed-key").FillAsync(DemoConsumers.Private.Key);
        await TextInput(page, "typed-secret").FillAsync(DemoConsumers.Private.Secret);
        await page.GetByTestId("use-typed-consumer").ClickAsync();
        await Expect(page.GetByTestId("request-key")).ToHaveTextAsync(DemoConsumers.Private.Key);
        await page.GetByTestId("send-token-request").ClickAsync();

        await Expect(page.GetByTestId("token-exchange-status")).ToContainTextAsync("200");
        await AssertHealthyPageAsync(page, DemoConsumers.Private.Secret);
    }

    [Fact]
    public async Task TheHomePageExplainsTheGrantAndLeadsIntoTheWalkthrough()
    {
        var page = await NewVisitorPageAsync();
        await GotoInteractiveAsync(page, "/");
        await Expect(page.GetByTestId("flow-diagram")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("start-authorization-code")).ToHaveAttributeAsync("href", "authorization-code");
        await SaveScreenshotAsync(page, "home-explained");

        await page.GetByTestId("start-client-credentials").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Uri(RootUri, "client-credentials").ToString());
        await Expect(page.GetByTestId("choose-sandbox-private-key")).ToBeVisibleAsync();
        await AssertHealthyPageAsync(page, DemoConsumers.Private.Secret);
    }

    [Fact]
    public async Task OnAPhoneTheWalkthroughStillFitsAndWorks()
    {
        var page = await NewVisitorPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await GotoInteractiveAsync(page, "/client-credentials");

        await page.GetByTestId("choose-sandbox-private-key").ClickAsync();
        await page.GetByTestId("send-token-request").ClickAsync();
        await Expect(page.GetByTestId("token-exchange-status")).ToContainTextAsync("200");

        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "The page scrolls sideways at phone width.");
        await SaveScreenshotAsync(page, "client-credentials-phone");
        await AssertHealthyPageAsync(page, DemoConsumers.Private.Secret);
    }

    [Fact]
    public async Task TheRefreshStepGetsANewAccessTokenWhileTheOldOneStillWorks()
    {
        var page = await NewVisitorPageAsync();
        var firstToken = await GetAndRevealTokenAsync(page);

        await page.GetByText("Refresh", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("refresh-request-preview")).ToContainTextAsync("grant_type=refresh_token");
        await Expect(page.GetByTestId("flow-message-5")).ToHaveAttributeAsync("data-active", "true");
        await page.GetByTestId("send-refresh").ClickAsync();
        await Expect(page.GetByTestId("refresh-success")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("refresh-exchange-status")).ToContainTextAsync("200");
        await SaveScreenshotAsync(page, "client-credentials-refresh");

        // Several access tokens can be valid at once: the first still reads the API.
        using var api = new HttpClient { BaseAddress = RootUri };
        api.DefaultRequestHeaders.Authorization = new("Bearer", firstToken);
        using var stillValid = await api.GetAsync("sandbox/2.0/user", TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, stillValid.StatusCode);

        await page.GetByText("Token response", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("reveal-token").ClickAsync();
        var secondToken = (await page.GetByTestId("access-token").InnerTextAsync()).Trim();
        Assert.NotEqual(firstToken, secondToken);
        await AssertHealthyPageAsync(page, DemoConsumers.Private.Secret);
    }

    [Fact]
    public async Task AutoRefreshSwitchedOnInTheRefreshStepRefreshesAnExpiredTokenWhileTheVisitorIsOnAnotherStep()
    {
        var page = await NewVisitorPageAsync();
        await GotoInteractiveAsync(page, "/client-credentials");
        await page.GetByTestId("choose-sandbox-private-key").ClickAsync();
        await page.GetByTestId("send-token-request").ClickAsync();
        await Expect(page.GetByTestId("token-exchange-status")).ToContainTextAsync("200");

        await page.GetByText("Refresh", new() { Exact = true }).ClickAsync();
        await page.Locator("input[data-testid=auto-refresh]").CheckAsync();
        await Expect(page.GetByTestId("auto-refresh-due")).ToContainTextAsync("Next automatic refresh at");

        await page.GetByText("API call", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("send-api-request")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("refresh-panel")).ToHaveCountAsync(0);
        await page.GetByText("Token response", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("token-grant")).ToContainTextAsync("client_credentials");
        await page.GetByTestId("expire-token").ClickAsync();

        // Nobody is on the Refresh step: the layout's AutoRefresher replaces the expired token by itself.
        await Expect(page.GetByText("The token was refreshed automatically")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("token-grant")).ToContainTextAsync("refresh_token");
        await Expect(page.GetByTestId("token-countdown")).Not.ToHaveTextAsync("expired");
        await Expect(page.GetByTestId("history-panel")).ToContainTextAsync("This tab's requests (2)");
        await Expect(page.GetByTestId("refresh-panel")).ToHaveCountAsync(0);
        await SaveScreenshotAsync(page, "client-credentials-auto-refreshed-on-another-step");

        await page.GetByText("API call", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("send-api-request").ClickAsync();
        await Expect(page.GetByTestId("api-exchange-status")).ToContainTextAsync("200");

        await page.GetByText("Refresh", new() { Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("refresh-success")).ToContainTextAsync("Refreshed automatically at");
        await Expect(page.GetByTestId("refresh-exchange-status")).ToContainTextAsync("200");
        await Expect(page.Locator("input[data-testid=auto-refresh]")).ToBeCheckedAsync();
        await Expect(page.GetByTestId("auto-refresh-due")).ToContainTextAsync("Next automatic refresh at");
        await SaveScreenshotAsync(page, "client-credentials-auto-refresh-outcome");
        await AssertHealthyPageAsync(page, DemoConsumers.Private.Secret);
    }

    [Fact]
    public async Task AKeyboardAloneGetsATokenWithTheFocusAlwaysVisible()
    {
        var page = await NewVisitorPageAsync();
        await GotoInteractiveAsync(page, "/client-credentials");

        await TabToAsync(page, "choose-sandbox-private-key");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("token-request-preview")).ToContainTextAsync("grant_type=client_credentials");
        await TabToAsync(page, "send-token-request");
        var focusRing = await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle");
        Assert.NotEqual("none", focusRing);
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByTestId("token-exchange-status")).ToContainTextAsync("200");
        await AssertHealthyPageAsync(page, DemoConsumers.Private.Secret);
    }

    /// <summary>Presses Tab until the element with <paramref name="testId"/> has focus, as a keyboard user would.</summary>
    private static async Task TabToAsync(IPage page, string testId)
    {
        for (var presses = 0; presses < 60; presses++)
        {
            var focused = await page.EvaluateAsync<string?>("() => document.activeElement?.getAttribute('data-testid')");
            if (focused == testId)
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached '{testId}' within 60 presses.");
    }

    // MudTextField puts extra attributes on its input or its wrapper depending on the version; accept either.
    private static ILocator TextInput(IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;

    private static async Task<string> GetAndRevealTokenAsync(IPage page)
    {
        await GotoInteractiveAsync(page, "/client-credentials");
        await page.GetByTestId("choose-sandbox-private-key").ClickAsync();
        await page.GetByTestId("send-token-request").ClickAsync();
        await Expect(page.GetByTestId("token-exchange-status")).ToContainTextAsync("200");
        await page.GetByTestId("reveal-token").ClickAsync();
        await Expect(page.GetByTestId("access-token")).ToHaveAttributeAsync("data-revealed", "true");
        var token = (await page.GetByTestId("access-token").InnerTextAsync()).Trim();
        Assert.DoesNotContain("masked", token, StringComparison.Ordinal);
        return token;
    }
}
