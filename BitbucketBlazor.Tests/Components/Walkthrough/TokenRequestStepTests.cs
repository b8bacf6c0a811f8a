using BitbucketBlazor.Components.Pages.ClientCredentials;
using BitbucketBlazor.Components.Presentation;
using BitbucketBlazor.OAuth;
using BitbucketBlazor.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging.Testing;

namespace BitbucketBlazor.Tests.Components.Walkthrough;

public sealed class TokenRequestStepTests : WalkthroughContext
{
    [Fact]
    public void ThePreviewShowsTheRequestWithTheBasicHeaderMaskedAndTheKeyButNeverTheSecret()
    {
        var step = Render<TokenRequestStep>(p => p.Add(x => x.Consumer, PrivateDemo));

        var preview = step.Find("[data-testid=token-request-preview]").TextContent;
        Assert.Contains($"POST {FakeTokenClient.TokenUrl} HTTP/1.1", preview, StringComparison.Ordinal);
        Assert.Contains("Authorization: Basic c2Fu…(masked)", preview, StringComparison.Ordinal);
        Assert.Contains("grant_type=client_credentials", preview, StringComparison.Ordinal);
        Assert.Equal(PrivateDemo.ClientId, step.Find("[data-testid=request-key]").TextContent);
        Assert.DoesNotContain(PrivateDemo.ClientSecret, step.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(TestExchanges.Basic(PrivateDemo.ClientId, PrivateDemo.ClientSecret)[6..], step.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendingKeepsTheTokenTheExchangeAndTheResultInTheStateWithOneNotification()
    {
        await State.SelectConsumerAsync(PrivateDemo);
        var notifications = 0;
        using var subscription = State.NotifyOnChange(EventCallback.Factory.Create(this, () => notifications++));
        var step = Render<TokenRequestStep>(p => p.Add(x => x.Consumer, PrivateDemo));

        step.Find("[data-testid=send-token-request]").Click();

        step.WaitForAssertion(() => Assert.NotNull(State.LastClientCredentialsResult));
        var kept = State.LastClientCredentialsResult!;
        Assert.True(kept.Succeeded);
        Assert.Equal(kept.Token, State.Token);
        Assert.Equal("client_credentials", State.Grant);
        Assert.Equal(kept.Exchange, Assert.Single(State.History));
        // One notification for the exchange, the token and the answer: each would render the page once more.
        Assert.Equal(1, notifications);
    }

    [Fact]
    public void AClientThatThrowsBecomesAnExplainedFaultNotADeadCircuitAndTheLogKeepsTheMaskedDetail()
    {
        CaptureLogs();
        Tokens.ClientCredentials = _ => throw new HttpRequestException("boom at /oauth-callback?code=the-secret-code&state=s");
        var step = Render<TokenRequestStep>(p => p.Add(x => x.Consumer, PrivateDemo));

        step.Find("[data-testid=send-token-request]").Click();

        step.WaitForAssertion(() => Assert.NotNull(State.LastClientCredentialsResult));
        var handed = State.LastClientCredentialsResult!;
        Assert.False(handed.Succeeded);
        Assert.DoesNotContain("boom", handed.Fault, StringComparison.Ordinal);
        Assert.Contains("The token request failed unexpectedly", handed.Fault, StringComparison.Ordinal);
        Assert.Contains("Send it again.", handed.Fault, StringComparison.Ordinal);
        Assert.Equal(ErrorKind.NetworkFault, ErrorExplainer.ForToken(handed)!.Kind);
        var logs = Services.GetFakeLogCollector().AllText();
        Assert.Contains("boom at /oauth-callback?code=***", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("the-secret-code", logs, StringComparison.Ordinal);
    }
}
