using BitbucketBlazor.Bitbucket.Models;
using BitbucketBlazor.Components.Pages.ClientCredentials;
using BitbucketBlazor.Components.Shared;
using BitbucketBlazor.Tests.Infrastructure;
using Bunit;

namespace BitbucketBlazor.Tests.Components.Walkthrough;

public sealed class ApiCallStepTests : WalkthroughContext
{
    [Fact]
    public async Task TheRequestIsPrefilledForTheSandboxAndItsBearerTokenIsMasked()
    {
        var token = await HoldTokenAsync();

        var step = Render<ApiCallStep>();

        var preview = step.Find("[data-testid=api-request-preview]").TextContent;
        Assert.Contains($"GET {FakeBitbucketApi.ApiBase}/repositories/{ApiCallStep.DefaultWorkspace} HTTP/1.1", preview, StringComparison.Ordinal);
        Assert.Contains("Authorization: Bearer test…(masked)", preview, StringComparison.Ordinal);
        Assert.DoesNotContain(token, step.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterACallTheWholeProgramIsOfferedInThreeLanguagesWithoutTheTokenOrSecret()
    {
        var token = await HoldTokenAsync();
        var step = Render<ApiCallStep>();

        step.Find("[data-testid=send-api-request]").Click();
        step.WaitForAssertion(() => Assert.NotNull(step.Find("[data-testid=api-program-panel]")));
        step.Find("[data-testid=api-program-panel-header]").Click();

        step.WaitForAssertion(() => Assert.Contains("while [ -n \"$url\" ]", step.Find("[data-testid=api-program-bash]").TextContent, StringComparison.Ordinal));
        var panel = step.Find("[data-testid=api-program-panel]").TextContent;
        Assert.All(["bash + curl", "C# Refit", "JavaScript (Node.js)"], label => Assert.Contains(label, panel, StringComparison.Ordinal));
        Assert.DoesNotContain(token, step.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(PrivateDemo.ClientSecret, step.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepositoriesAreListedAndNextFollowsTheResponsesNextUrl()
    {
        await HoldTokenAsync();
        var step = Render<ApiCallStep>();

        step.Find("[data-testid=send-api-request]").Click();
        step.WaitForAssertion(() => Assert.Equal(10, step.FindAll("[data-testid=repo-name]").Count));
        Assert.Equal("blazor-demo/repo-p1-1", step.FindAll("[data-testid=repo-name]")[0].TextContent);

        step.Find("[data-testid=page-next]").Click();

        step.WaitForAssertion(() => Assert.Equal("blazor-demo/repo-p2-1", step.FindAll("[data-testid=repo-name]")[0].TextContent));
        Assert.Equal(["repositories blazor-demo", $"page {FakeBitbucketApi.ApiBase}/repositories/blazor-demo?page=2"], Api.Calls);
        Assert.Equal("Page 2", step.Find("[data-testid=page-number]").TextContent);
        Assert.Equal(2, State.History.Count);
    }

    [Fact]
    public async Task AnExpiredTokensAnswerIsExplainedWithAWayToANewToken()
    {
        await HoldTokenAsync();
        Api.Repositories = (_, ws) => FakeBitbucketApi.Error<Paginated<Repository>>(
            $"{FakeBitbucketApi.ApiBase}/repositories/{ws}", 401, "Access token expired. Use your refresh token to obtain a new access token.");
        var wentBack = false;
        var step = Render<ApiCallStep>(p => p.Add(x => x.OnGetNewToken, () => wentBack = true));

        step.Find("[data-testid=send-api-request]").Click();

        step.WaitForAssertion(() => Assert.Equal("ExpiredToken", step.Find("[data-testid=error-explanation]").GetAttribute("data-kind")));
        step.Find("[data-testid=get-new-token]").Click();
        Assert.True(wentBack);
    }

    [Fact]
    public async Task AMissingScopeIsExplained()
    {
        await HoldTokenAsync(scopes: "account");
        Api.Repositories = (_, ws) => FakeBitbucketApi.Error<Paginated<Repository>>(
            $"{FakeBitbucketApi.ApiBase}/repositories/{ws}", 403, "Your credentials lack one or more required privilege scopes.");
        var step = Render<ApiCallStep>();

        step.Find("[data-testid=send-api-request]").Click();

        step.WaitForAssertion(() => Assert.Equal("MissingScope", step.Find("[data-testid=error-explanation]").GetAttribute("data-kind")));
    }

    [Fact]
    public async Task AClientThatThrowsIsShownAsAFaultAndTheComponentKeepsWorking()
    {
        await HoldTokenAsync();
        Api.Repositories = (_, _) => throw new InvalidOperationException("kaput");
        var step = Render<ApiCallStep>();

        step.Find("[data-testid=send-api-request]").Click();

        step.WaitForAssertion(() => Assert.Equal("NetworkFault", step.Find("[data-testid=error-explanation]").GetAttribute("data-kind")));
        Assert.False(step.Find("[data-testid=send-api-request]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task TheCurrentUserIsShownAsACard()
    {
        await HoldTokenAsync();
        var step = Render<ApiCallStep>();

        step.Find("[data-testid=endpoint-CurrentUser]").Click();
        step.Find("[data-testid=send-api-request]").Click();

        step.WaitForAssertion(() => Assert.Contains("Sandbox Demo User", step.Find("[data-testid=user-card]").TextContent, StringComparison.Ordinal));
        Assert.Equal(["user"], Api.Calls);
    }

    [Fact]
    public async Task TheEndpointRadiosRenderOnlyWhenTheChoiceChanges()
    {
        await HoldTokenAsync();
        var step = Render<ApiCallStep>();
        var radios = step.FindComponent<EndpointChoice>();
        var rendersBefore = radios.RenderCount;

        step.Find("[data-testid=send-api-request]").Click();
        step.WaitForAssertion(() => Assert.NotNull(step.Find("[data-testid=api-result]")));

        Assert.Equal(rendersBefore, radios.RenderCount);
        Assert.True(step.Find("[data-testid=endpoint-Repositories]").HasAttribute("checked"));

        step.Find("[data-testid=endpoint-CurrentUser]").Click();

        Assert.True(radios.RenderCount > rendersBefore);
        Assert.True(step.Find("[data-testid=endpoint-CurrentUser]").HasAttribute("checked"));
        Assert.False(step.Find("[data-testid=endpoint-Repositories]").HasAttribute("checked"));
        Assert.Contains("/user HTTP/1.1", step.Find("[data-testid=api-request-preview]").TextContent, StringComparison.Ordinal);
    }
}
