using BitbucketBlazor.Components.Presentation;
using BitbucketBlazor.Components.Shared;
using BitbucketBlazor.OAuth;
using BitbucketBlazor.Tests.Infrastructure;
using Bunit;

namespace BitbucketBlazor.Tests.Components;

public sealed class CopyAsCodeTests : WalkthroughContext
{
    [Fact]
    public void NoSnippetEmbedsTheSecretButEachNamesItsPlaceholder()
    {
        var preview = Tokens.PreviewClientCredentials(PrivateDemo);
        var request = CodeRequests.ForToken(preview, PrivateDemo.ClientId, u => u);

        var code = Render<CopyAsCode>(p => p.Add(x => x.Request, request));

        Assert.DoesNotContain(PrivateDemo.ClientSecret, code.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(preview.Headers[0].Value, code.Markup, StringComparison.Ordinal);
        Assert.Contains("$BITBUCKET_CLIENT_SECRET", code.Find("[data-testid=copy-as-code-curl]").TextContent, StringComparison.Ordinal);
        Assert.Contains(PrivateDemo.ClientId, code.Find("[data-testid=copy-as-code-curl]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void OffersCurlCSharpRefitAndJavaScript()
    {
        var request = CodeRequests.ForApi("GET", new Uri(FakeBitbucketApi.ApiBase + "/user"), new Uri(FakeBitbucketApi.ApiBase), "GetCurrentUserAsync(accessToken, CancellationToken.None)");

        var code = Render<CopyAsCode>(p => p.Add(x => x.Request, request));

        var tabs = code.FindAll(".mud-tab").Select(t => t.TextContent.Trim()).ToList();
        Assert.Equal(["curl", "C# HttpClient", "C# Refit", "JavaScript fetch"], tabs);
        Assert.Contains($"${CodeSnippetGenerator.AccessTokenVariable}", code.Find("[data-testid=copy-as-code-curl]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ARecordedTokenExchangeBecomesCodeWithTheKeyButNotTheSecret()
    {
        var exchange = TestExchanges.Make("POST", FakeTokenClient.TokenUrl, 200, "{}",
            [new("Authorization", TestExchanges.Basic(PrivateDemo.ClientId, PrivateDemo.ClientSecret)), new("Content-Type", "application/x-www-form-urlencoded")],
            "grant_type=client_credentials");

        var request = CodeRequests.FromExchange(exchange, u => u);

        Assert.Equal(PrivateDemo.ClientId, request.BasicClientId);
        Assert.Equal([new KeyValuePair<string, string>("grant_type", "client_credentials")], request.Form);
        Assert.False(request.UsesBearerToken);
    }

    [Fact]
    public void ARecordedApiExchangeBecomesCodeWithTheTokenPlaceholder()
    {
        var exchange = TestExchanges.Make("GET", FakeBitbucketApi.ApiBase + "/user", 200, "{}", [new("Authorization", "Bearer real-token-value")]);

        var viewer = Render<ExchangeViewer>(p => p.Add(x => x.Exchange, exchange).Add(x => x.ShowCode, true));

        // The code is rendered when its header is opened; a closed section costs nothing on the circuit.
        var header = viewer.Find("[data-testid=exchange-code-panel-header]");
        Assert.Equal("false", header.GetAttribute("aria-expanded"));
        header.Click();

        Assert.Equal("true", viewer.Find("[data-testid=exchange-code-panel-header]").GetAttribute("aria-expanded"));
        Assert.DoesNotContain("real-token-value", viewer.Markup, StringComparison.Ordinal);
        Assert.Contains("Bearer $BITBUCKET_ACCESS_TOKEN", viewer.Find("[data-testid=exchange-code-curl]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTabsFollowTheAriaTabsPatternWithClicksAndArrowKeys()
    {
        var request = CodeRequests.ForApi("GET", new Uri(FakeBitbucketApi.ApiBase + "/user"), new Uri(FakeBitbucketApi.ApiBase), "GetCurrentUserAsync(accessToken, CancellationToken.None)");
        var code = Render<CopyAsCode>(p => p.Add(x => x.Request, request));

        string Selected() => code.Find("[role=tab][aria-selected=true]").TextContent.Trim();
        Assert.Equal("curl", Selected());
        Assert.Single(code.FindAll("[role=tab][tabindex='0']"));
        var panel = code.Find("[role=tabpanel]");
        Assert.Equal(code.Find("[role=tab][aria-selected=true]").Id, panel.GetAttribute("aria-labelledby"));

        code.Find("[data-testid=copy-as-code-tab-javascript]").Click();
        Assert.Equal("JavaScript fetch", Selected());
        Assert.Contains("fetch(", code.Find("[data-testid=copy-as-code-javascript]").TextContent, StringComparison.Ordinal);
        Assert.Empty(code.FindAll("[data-testid=copy-as-code-curl]"));

        code.Find("[role=tablist]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "ArrowRight" });
        Assert.Equal("curl", Selected());
        code.Find("[role=tablist]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "End" });
        Assert.Equal("JavaScript fetch", Selected());
        code.Find("[role=tablist]").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "ArrowLeft" });
        Assert.Equal("C# Refit", Selected());
    }
}
