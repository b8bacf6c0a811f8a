using BitbucketBlazor.Components.Shared;
using BitbucketBlazor.OAuth;
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
}
