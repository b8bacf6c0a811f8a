using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Components.Pages.ClientCredentials;
using BitbucketBlazor.Sandbox;
using BitbucketBlazor.Tests.Infrastructure;
using Bunit;

namespace BitbucketBlazor.Tests.Components.Walkthrough;

public sealed class ClientCredentialsPageTests : WalkthroughContext
{
    [Fact]
    public void TheWalkthroughMovesFromConsumerToRequestToResponseAndTheDiagramFollows()
    {
        var page = Render<ClientCredentialsPage>();
        Assert.Empty(page.FindAll("[data-active=true]"));

        page.Find($"[data-testid=choose-{DemoConsumers.Private.Key}]").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=send-token-request]")));
        Assert.Equal("flow-message-1", page.Find("[data-active=true]").GetAttribute("data-testid"));

        page.Find("[data-testid=send-token-request]").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=token-inspector]")));
        Assert.Equal("flow-message-2", page.Find("[data-active=true]").GetAttribute("data-testid"));

        page.Find("[data-testid=go-to-api]").Click();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=send-api-request]")));
        Assert.Equal(["flow-message-3", "flow-message-4"], page.FindAll("[data-active=true]").Select(m => m.GetAttribute("data-testid")));
    }

    [Fact]
    public async Task ChoosingAnotherConsumerForgetsTheLastResponse()
    {
        var page = Render<ClientCredentialsPage>();
        page.Find($"[data-testid=choose-{DemoConsumers.Private.Key}]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=send-token-request]").Click());
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=token-inspector]")));

        await page.InvokeAsync(() => State.SelectConsumerAsync(new(DemoConsumers.Narrow.Key, DemoConsumers.Narrow.Secret, DemoConsumers.Narrow.Name, BitbucketBlazor.OAuth.ConsumerSource.SandboxDemo)));

        page.WaitForAssertion(() => Assert.Null(State.Token));
        Assert.Empty(page.FindAll("[data-testid=token-inspector]"));
    }

    [Fact]
    public void ComingBackToThePageShowsTheLastTokenResponseAgain()
    {
        var first = Render<ClientCredentialsPage>();
        first.Find($"[data-testid=choose-{DemoConsumers.Private.Key}]").Click();
        first.WaitForAssertion(() => first.Find("[data-testid=send-token-request]").Click());
        first.WaitForAssertion(() => Assert.NotNull(first.Find("[data-testid=token-inspector]")));
        first.Dispose();

        var again = Render<ClientCredentialsPage>();

        Assert.NotNull(again.Find("[data-testid=token-inspector]"));
        Assert.Equal("flow-message-2", again.Find("[data-active=true]").GetAttribute("data-testid"));
    }
}
