using BitbucketBlazor.Components.Pages.ClientCredentials;
using BitbucketBlazor.Tests.Infrastructure;
using Bunit;

namespace BitbucketBlazor.Tests.Components.Walkthrough;

public sealed class TokenResponseStepTests : WalkthroughContext
{
    [Fact]
    public async Task ASuccessShowsTheRawResponseAndTheInspector()
    {
        var token = await HoldTokenAsync();
        var result = FakeTokenClient.Success(PrivateDemo, token);

        var step = Render<TokenResponseStep>(p => p.Add(x => x.Result, result));

        Assert.Contains("200", step.Find("[data-testid=token-exchange-status]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(step.Find("[data-testid=token-inspector]"));
        Assert.Empty(step.FindAll("[data-testid=error-explanation]"));
        Assert.DoesNotContain(token, step.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void APublicConsumersRefusalIsExplainedWithoutAnInspector()
    {
        var result = FakeTokenClient.Failure(PrivateDemo, "invalid_grant",
            "Cannot use client_credentials with a consumer marked as \"public\". Calls for auto generated consumers should use urn:bitbucket:oauth2:jwt instead.");

        var step = Render<TokenResponseStep>(p => p.Add(x => x.Result, result));

        Assert.Equal("PublicConsumer", step.Find("[data-testid=error-explanation]").GetAttribute("data-kind"));
        Assert.Empty(step.FindAll("[data-testid=token-inspector]"));
        Assert.Empty(step.FindAll("[data-testid=go-to-api]"));
    }

    [Fact]
    public void RequestANewTokenAsksThePageToGoBack()
    {
        var asked = false;
        var result = FakeTokenClient.Failure(PrivateDemo, "invalid_client", "bad");
        var step = Render<TokenResponseStep>(p => p.Add(x => x.Result, result).Add(x => x.OnRequestAgain, () => asked = true));

        step.Find("[data-testid=request-new-token]").Click();

        Assert.True(asked);
    }
}
