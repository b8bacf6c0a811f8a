using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Components.Pages;
using BitbucketBlazor.Sandbox;
using BitbucketBlazor.Tests.Infrastructure;
using Bunit;

namespace BitbucketBlazor.Tests.Components;

public sealed class SandboxConsumersPageTests : WalkthroughContext
{
    [Fact]
    public void ListsEveryDemoConsumerWithItsKeyAndWhatItDemonstrates()
    {
        var page = Render<SandboxConsumersPage>();

        foreach (var consumer in DemoConsumers.All)
        {
            var card = page.Find($"[data-testid=sandbox-consumer-{consumer.Key}]");
            Assert.Contains(consumer.Key, card.TextContent, StringComparison.Ordinal);
            Assert.Contains(consumer.Demonstrates, card.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SecretsStayHiddenUntilAskedForOneByOne()
    {
        var page = Render<SandboxConsumersPage>();
        Assert.All(DemoConsumers.All, c => Assert.DoesNotContain(c.Secret, page.Markup, StringComparison.Ordinal));

        page.Find($"[data-testid=sandbox-consumer-{DemoConsumers.Public.Key}] [data-testid=reveal-consumer-secret]").Click();

        Assert.Equal(DemoConsumers.Public.Secret, page.Find("[data-testid=consumer-secret]").TextContent);
        Assert.DoesNotContain(DemoConsumers.Private.Secret, page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTerminalSnippetKeepsTheSecretInAnEnvironmentVariable()
    {
        var page = Render<SandboxConsumersPage>();

        var snippet = page.Find("[data-testid=sandbox-curl]").TextContent;
        Assert.Contains("$BITBUCKET_CLIENT_SECRET", snippet, StringComparison.Ordinal);
        Assert.Contains("/sandbox/site/oauth2/access_token", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain(DemoConsumers.Private.Secret, snippet, StringComparison.Ordinal);
    }
}
