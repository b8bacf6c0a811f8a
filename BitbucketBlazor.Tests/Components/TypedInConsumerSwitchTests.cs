using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Components.Shared;
using BitbucketBlazor.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BitbucketBlazor.Tests.Components;

/// <summary>Bitbucket:AllowTypedInConsumers=false takes away the typed-in consumer, so a public Cloud instance is no open relay.</summary>
public sealed class TypedInConsumerSwitchTests : WalkthroughContext
{
    [Fact]
    public void WithTheSwitchOffOnlyTheConfiguredConsumerIsOffered()
    {
        Services.AddSingleton(Options.Create(new BitbucketOptions { ClientId = "cloud-key", ClientSecret = "cloud-secret-value", AllowTypedInConsumers = false }));

        var picker = Render<ConsumerPicker>();

        Assert.Empty(picker.FindAll("[data-testid=consumer-typed]"));
        Assert.Single(picker.FindAll("[data-testid=consumer-configured]"));
    }

    [Fact]
    public void ByDefaultAVisitorMayTypeInAConsumer()
    {
        var picker = Render<ConsumerPicker>();

        Assert.Single(picker.FindAll("[data-testid=consumer-typed]"));
    }
}
