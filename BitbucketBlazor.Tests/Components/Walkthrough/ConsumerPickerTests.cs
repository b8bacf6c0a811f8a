using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Components.Shared;
using BitbucketBlazor.OAuth;
using BitbucketBlazor.Sandbox;
using BitbucketBlazor.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BitbucketBlazor.Tests.Components.Walkthrough;

public sealed class ConsumerPickerTests : WalkthroughContext
{
    [Fact]
    public void InSandboxModeEveryDemoConsumerIsOfferedWithWhatItDemonstrates()
    {
        var picker = Render<ConsumerPicker>();

        foreach (var demo in DemoConsumers.All)
        {
            Assert.Contains(demo.Demonstrates, picker.Find($"[data-testid=consumer-{demo.Key}]").TextContent, StringComparison.Ordinal);
        }

        Assert.Contains("Sandbox", picker.Find("[data-testid=consumer-mode]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(DemoConsumers.Private.Secret, picker.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void ChoosingADemoConsumerPutsItInTheTabsStateAndTellsThePage()
    {
        ConsumerCredentials? chosen = null;
        var picker = Render<ConsumerPicker>(p => p.Add(x => x.OnChosen, c => chosen = c));

        picker.Find($"[data-testid=choose-{DemoConsumers.Narrow.Key}]").Click();

        Assert.Equal(DemoConsumers.Narrow.Key, State.Consumer?.ClientId);
        Assert.Equal(ConsumerSource.SandboxDemo, State.Consumer?.Source);
        Assert.Same(State.Consumer, chosen);
        Assert.Contains(DemoConsumers.Narrow.Name, picker.Find("[data-testid=chosen-consumer]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ATypedInSecretIsAPasswordFieldAndIsNeverRenderedBack()
    {
        var picker = Render<ConsumerPicker>();
        Assert.Equal("password", picker.Find("[data-testid=typed-secret] input, input[data-testid=typed-secret]").GetAttribute("type"));

        picker.Find("[data-testid=typed-key] input, input[data-testid=typed-key]").Input("my-key");
        picker.Find("[data-testid=typed-secret] input, input[data-testid=typed-secret]").Input("my-very-secret-secret");
        picker.Find("[data-testid=use-typed-consumer]").Click();

        Assert.Equal("my-key", State.Consumer?.ClientId);
        Assert.Equal("my-very-secret-secret", State.Consumer?.ClientSecret);
        Assert.Equal(ConsumerSource.TypedIn, State.Consumer?.Source);
        Assert.DoesNotContain("my-very-secret-secret", picker.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void InCloudModeTheConfiguredConsumerIsOfferedWithoutItsSecretAndNoDemoConsumers()
    {
        Services.AddSingleton(Options.Create(new BitbucketOptions { ClientId = "cloud-key", ClientSecret = "cloud-secret-value" }));
        var picker = Render<ConsumerPicker>();

        Assert.Contains("Bitbucket Cloud", picker.Find("[data-testid=consumer-mode]").TextContent, StringComparison.Ordinal);
        Assert.Empty(picker.FindAll($"[data-testid=consumer-{DemoConsumers.Private.Key}]"));
        Assert.DoesNotContain("cloud-secret-value", picker.Markup, StringComparison.Ordinal);

        picker.Find("[data-testid=choose-configured]").Click();

        Assert.Equal("cloud-key", State.Consumer?.ClientId);
        Assert.Equal(ConsumerSource.Configured, State.Consumer?.Source);
    }
}
