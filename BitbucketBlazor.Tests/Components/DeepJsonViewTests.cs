using BitbucketBlazor.Components.Shared;
using BitbucketBlazor.Tests.Infrastructure;
using Bunit;

namespace BitbucketBlazor.Tests.Components;

/// <summary>A response body nested 10,000 deep renders as plain text, not as 10,000 indented lines.</summary>
public sealed class DeepJsonViewTests : WalkthroughContext
{
    [Fact]
    public void TheExchangeViewerShowsATenThousandDeepBodyAsItCame()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);
        var exchange = TestExchanges.Make("GET", "https://api.example/2.0/user", 200, deep);

        var viewer = Render<ExchangeViewer>(p => p.Add(x => x.Exchange, exchange));

        var body = viewer.Find("[data-testid=exchange-response-body]");
        Assert.Equal(deep, body.TextContent.Trim());
        Assert.Empty(body.QuerySelectorAll(".json-punct"));
    }
}
