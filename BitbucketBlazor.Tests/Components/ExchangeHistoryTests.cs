using BitbucketBlazor.Components.Shared;
using BitbucketBlazor.Tests.Infrastructure;
using Bunit;

namespace BitbucketBlazor.Tests.Components;

public sealed class ExchangeHistoryTests : WalkthroughContext
{
    [Fact]
    public async Task ListsThisTabsExchangesNewestFirstAndOpensOneIntoTheMaskedRawView()
    {
        var first = TestExchanges.Make("POST", FakeTokenClient.TokenUrl, 200, """{"access_token":"AAAAAAAAAAAAAAAAAAAAAAAA"}""");
        var second = TestExchanges.Make("GET", FakeBitbucketApi.ApiBase + "/user", 401, "{}", [new("Authorization", "Bearer AAAAAAAAAAAAAAAAAAAAAAAA")]);
        var history = Render<ExchangeHistory>();
        Assert.Contains("No requests yet", history.Markup, StringComparison.Ordinal);

        await history.InvokeAsync(() => State.RecordAsync([first, second]));

        var items = history.FindAll("[data-testid=history-item]");
        Assert.Equal(2, items.Count);
        Assert.Contains("GET", items[0].TextContent, StringComparison.Ordinal);
        Assert.Empty(history.FindAll("[data-testid=history-exchange-2]"));

        history.FindAll("button.disclosure-header")[0].Click();

        history.WaitForAssertion(() => Assert.NotNull(history.Find("[data-testid=history-exchange-2]")));
        Assert.DoesNotContain("AAAAAAAAAAAAAAAAAAAAAAAA", history.Markup, StringComparison.Ordinal);
    }
}
