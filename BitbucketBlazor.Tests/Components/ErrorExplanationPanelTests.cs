using BitbucketBlazor.Components.Presentation;
using BitbucketBlazor.Components.Shared;
using BitbucketBlazor.OAuth;
using BitbucketBlazor.Tests.Infrastructure;
using Bunit;

namespace BitbucketBlazor.Tests.Components;

public sealed class ErrorExplanationPanelTests : WalkthroughContext
{
    [Theory]
    [InlineData(ErrorKind.PublicConsumer)]
    [InlineData(ErrorKind.ExpiredToken)]
    [InlineData(ErrorKind.MissingScope)]
    [InlineData(ErrorKind.NetworkFault)]
    public void ShowsTitleQuoteCauseAndFix(ErrorKind kind)
    {
        var explanation = new ErrorExplanation(kind, "Title " + kind, "Because.", "Do this.", "Bitbucket's words");

        var panel = Render<ErrorExplanationPanel>(p => p.Add(x => x.Explanation, explanation));

        Assert.Equal(kind.ToString(), panel.Find("[data-testid=error-explanation]").GetAttribute("data-kind"));
        Assert.Equal("Title " + kind, panel.Find("[data-testid=error-title]").TextContent.Trim());
        Assert.Equal("Bitbucket's words", panel.Find("[data-testid=error-quote]").TextContent);
        Assert.Contains("Because.", panel.Find("[data-testid=error-cause]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Do this.", panel.Find("[data-testid=error-fix]").TextContent, StringComparison.Ordinal);
    }
}
