using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Components.Layout;
using BitbucketBlazor.Sandbox;
using BitbucketBlazor.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BitbucketBlazor.Tests.Components;

public sealed class ModeBadgeTests : MudBunitContext
{
    [Fact]
    public void ShowsSandboxWhenNoConsumerIsConfigured()
    {
        UseOptions(new BitbucketOptions());

        var badge = Render<ModeBadge>();

        Assert.Equal("Sandbox", badge.Find("[data-testid=mode-badge]").TextContent.Trim());
    }

    [Fact]
    public void ShowsBitbucketCloudWhenAConsumerIsConfigured()
    {
        UseOptions(new BitbucketOptions { ClientId = "key", ClientSecret = "secret" });

        var badge = Render<ModeBadge>();

        Assert.Equal("Bitbucket Cloud", badge.Find("[data-testid=mode-badge]").TextContent.Trim());
    }

    [Fact]
    public void ForcedSandboxModeWinsOverAConfiguredConsumer()
    {
        UseOptions(new BitbucketOptions { Mode = BitbucketMode.Sandbox, ClientId = "key", ClientSecret = "secret" });

        var badge = Render<ModeBadge>();

        Assert.Equal("Sandbox", badge.Find("[data-testid=mode-badge]").TextContent.Trim());
    }

    private void UseOptions(BitbucketOptions options)
    {
        var wrapped = Options.Create(options);
        Services.AddSingleton(wrapped);
        Services.AddSingleton(new BitbucketEndpoints(wrapped));
    }
}
