using BitbucketBlazor.Components.Pages.ClientCredentials;
using BitbucketBlazor.Components.Shared;
using BitbucketBlazor.Tests.Infrastructure;
using Bunit;

namespace BitbucketBlazor.Tests.Components;

/// <summary>
/// Masking what is displayed is not enough in Blazor Server: every string a component renders, passes to a child or
/// hands to JS goes over the WebSocket. These check all three, not only the markup.
/// </summary>
public sealed class WireSecrecyTests : WalkthroughContext
{
    private const string AccessToken = "AT-abcdefghijklmnopqrstuvwxyz0123";
    private const string RefreshToken = "RT-abcdefghijklmnopqrstuvwxyz0123";
    private const string Code = "CODE-abcdefghijklmnopqrstuvwxyz";

    [Fact]
    public void AnExchangeViewerHandsItsChildrenOnlyMaskedBodiesAndHeaders()
    {
        var basic = TestExchanges.Basic(PrivateDemo.ClientId, PrivateDemo.ClientSecret);
        var exchange = TestExchanges.Make("POST", FakeTokenClient.TokenUrl, 200,
            $$"""{"access_token":"{{AccessToken}}","refresh_token":"{{RefreshToken}}","token_type":"bearer"}""",
            [new("Authorization", basic)],
            $"grant_type=authorization_code&code={Code}");

        var viewer = Render<ExchangeViewer>(p => p.Add(x => x.Exchange, exchange).Add(x => x.ShowCode, true));

        RenderedSecrets.AssertNotSent(viewer, JSInterop, AccessToken, RefreshToken, Code, basic[6..], PrivateDemo.ClientSecret);
        Assert.Contains("\"token_type\": \"bearer\"", viewer.Find("[data-testid=exchange-response-body]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void TheCheckSeesARawStringHandedToAChildThatOnlyDisplaysItMasked()
    {
        var body = $$"""{"access_token":"{{AccessToken}}"}""";

        var view = Render<HttpMessageView>(p => p.Add(x => x.StartLine, "HTTP/1.1 200 OK").Add(x => x.Body, body));

        Assert.DoesNotContain(AccessToken, view.Markup, StringComparison.Ordinal);
        var leak = Assert.Single(RenderedSecrets.WhatIsSent(view, JSInterop), s => s.Value.Contains(AccessToken, StringComparison.Ordinal));
        Assert.Equal("parameter Body of HttpMessageView", leak.Where);
        RenderedSecrets.AssertNotSent(view.FindComponent<JsonView>(), JSInterop, AccessToken);
    }

    [Fact]
    public async Task TheTokenInspectorSendsTheTokenOnlyOnRevealOrCopyAndCopiesTheRealOne()
    {
        var token = await HoldTokenAsync(AccessToken);
        var inspector = Render<TokenInspector>();

        RenderedSecrets.AssertNotSent(inspector, JSInterop, token);

        await inspector.Find("[data-testid=copy-token]").ClickAsync(new());

        inspector.WaitForAssertion(() => Assert.Contains(JSInterop.Invocations, i => i.Identifier == "copyText" && Equals(i.Arguments[0], token)));
        Assert.DoesNotContain(token, inspector.Markup, StringComparison.Ordinal);

        inspector.Find("[data-testid=reveal-token]").Click();
        Assert.Equal(token, inspector.Find("[data-testid=access-token]").TextContent);
    }

    [Fact]
    public async Task TheApiRequestPreviewPassesTheBearerTokenMasked()
    {
        var token = await HoldTokenAsync(AccessToken);

        var step = Render<ApiCallStep>();

        Assert.Contains("Bearer AT-a…(masked)", step.Find("[data-testid=api-request-preview]").TextContent, StringComparison.Ordinal);
        RenderedSecrets.AssertNotSent(step, JSInterop, token);
    }

    [Fact]
    public void TheTokenRequestPreviewPassesTheBasicHeaderMasked()
    {
        var step = Render<TokenRequestStep>(p => p.Add(x => x.Consumer, PrivateDemo));

        RenderedSecrets.AssertNotSent(step, JSInterop,
            PrivateDemo.ClientSecret, TestExchanges.Basic(PrivateDemo.ClientId, PrivateDemo.ClientSecret)[6..]);
    }

    [Fact]
    public void ATypedSecretIsReadButNeverRenderedBackNorHandedToAChild()
    {
        const string secret = "typed-secret-never-echoed-0123";
        var picker = Render<ConsumerPicker>();

        picker.Find("[data-testid=typed-key] input, input[data-testid=typed-key]").Input("my-key");
        picker.Find("input[data-testid=typed-secret]").Input(secret);

        RenderedSecrets.AssertNotSent(picker, JSInterop, secret);
        picker.Find("[data-testid=use-typed-consumer]").Click();
        Assert.Equal(secret, State.Consumer?.ClientSecret);
        RenderedSecrets.AssertNotSent(picker, JSInterop, secret);
    }
}
