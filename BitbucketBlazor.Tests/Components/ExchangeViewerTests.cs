using BitbucketBlazor.Components.Shared;
using BitbucketBlazor.Tests.Infrastructure;
using Bunit;

namespace BitbucketBlazor.Tests.Components;

public sealed class ExchangeViewerTests : WalkthroughContext
{
    private const string Secret = "super-secret-value-123";
    private const string AccessToken = "AT-abcdefghijklmnopqrstuvwxyz";
    private const string RefreshToken = "RT-abcdefghijklmnopqrstuvwxyz";

    [Fact]
    public void MasksTheAuthorizationHeaderTheClientSecretAndTheTokensByDefault()
    {
        var exchange = TestExchanges.Make("POST", FakeTokenClient.TokenUrl, 200,
            $$"""{"access_token":"{{AccessToken}}","refresh_token":"{{RefreshToken}}","token_type":"bearer"}""",
            [new("Authorization", TestExchanges.Basic("key", Secret))],
            $"grant_type=client_credentials&client_secret={Secret}");

        var viewer = Render<ExchangeViewer>(p => p.Add(x => x.Exchange, exchange));

        Assert.DoesNotContain(Secret, viewer.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(TestExchanges.Basic("key", Secret)[6..], viewer.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(AccessToken, viewer.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(RefreshToken, viewer.Markup, StringComparison.Ordinal);
        Assert.Contains("Authorization: Basic ", viewer.Find("[data-testid=exchange-request]").TextContent, StringComparison.Ordinal);
        Assert.Contains("grant_type=client_credentials", viewer.Markup, StringComparison.Ordinal);
        Assert.Contains("\"token_type\": \"bearer\"", viewer.Find("[data-testid=exchange-response-body]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void MasksAnAuthorizationCodeInTheUrl()
    {
        var exchange = TestExchanges.Make("GET", "http://127.0.0.1:5000/oauth-callback?code=abcdefghijklmnopqrstuvwx&state=s1", 200, null);

        var viewer = Render<ExchangeViewer>(p => p.Add(x => x.Exchange, exchange));

        Assert.DoesNotContain("abcdefghijklmnopqrstuvwx", viewer.Markup, StringComparison.Ordinal);
        Assert.Contains("state=s1", viewer.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void ShowsTheRequestLineStatusLineAndDuration()
    {
        var exchange = TestExchanges.Make("GET", FakeBitbucketApi.ApiBase + "/user", 404, """{"type":"error"}""");

        var viewer = Render<ExchangeViewer>(p => p.Add(x => x.Exchange, exchange));

        Assert.StartsWith($"GET {FakeBitbucketApi.ApiBase}/user HTTP/1.1", viewer.Find("[data-testid=exchange-request] .http-start").TextContent, StringComparison.Ordinal);
        Assert.Equal("HTTP/1.1 404 Not Found", viewer.Find("[data-testid=exchange-response] .http-start").TextContent);
        Assert.Equal("42 ms", viewer.Find("[data-testid=exchange-duration]").TextContent);
    }

    [Fact]
    public void AFaultWithoutAResponseIsShownAsSuch()
    {
        var exchange = TestExchanges.Make("GET", FakeBitbucketApi.ApiBase + "/user", null, null, fault: "Connection refused");

        var viewer = Render<ExchangeViewer>(p => p.Add(x => x.Exchange, exchange));

        Assert.Contains("Connection refused", viewer.Find("[data-testid=exchange-fault]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonIsColouredByKind()
    {
        var view = Render<JsonView>(p => p.Add(x => x.Json, """{"n":1,"ok":true,"s":"x"}"""));

        Assert.Equal("\"n\"", view.FindAll(".json-key")[0].TextContent);
        Assert.Equal("1", view.Find(".json-number").TextContent);
        Assert.Equal("true", view.Find(".json-literal").TextContent);
        Assert.Equal("\"x\"", view.Find(".json-string").TextContent);
    }
}
