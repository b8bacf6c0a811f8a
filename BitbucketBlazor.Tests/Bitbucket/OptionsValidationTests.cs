using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Sandbox;
using BitbucketBlazor.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BitbucketBlazor.Tests.Bitbucket;

public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("Bitbucket:SiteUrl", "bitbucket.org", "Bitbucket:SiteUrl")]
    [InlineData("Bitbucket:ApiUrl", "ftp://api.bitbucket.org/2.0", "Bitbucket:ApiUrl")]
    [InlineData("Bitbucket:CallbackUrl", "/oauth-callback", "Bitbucket:CallbackUrl")]
    [InlineData("Bitbucket:Sandbox:PathBase", "sandbox", "Bitbucket:Sandbox:PathBase")]
    [InlineData("Bitbucket:Sandbox:InternalBaseUrl", "localhost:5142", "Bitbucket:Sandbox:InternalBaseUrl")]
    [InlineData("Bitbucket:Sandbox:RefreshTokenGracePeriod", "-00:01:00", "Bitbucket:Sandbox:RefreshTokenGracePeriod")]
    public async Task AMalformedSettingStopsStartUpWithAMessageNamingTheKey(string key, string value, string namedKey)
    {
        var failure = await StartHostAsync((key, value));

        Assert.Contains(namedKey, failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKeyWithoutASecretStopsStartUpNamingTheMissingSecret()
    {
        var failure = await StartHostAsync(("Bitbucket:ClientId", "my-key"));

        Assert.Contains("Bitbucket:ClientSecret", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("my-key", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloudModeWithoutAConsumerStopsStartUp()
    {
        var failure = await StartHostAsync(("Bitbucket:Mode", "Cloud"));

        Assert.Contains("Bitbucket:Mode", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKeyAndSecretSwitchAutoModeToBitbucketCloud()
    {
        await using var app = new AppFixture()
            .WithSetting("Bitbucket:Mode", "Auto")
            .WithSetting("Bitbucket:ClientId", "my-key")
            .WithSetting("Bitbucket:ClientSecret", "my-secret");

        await app.InitializeAsync();
        var endpoints = app.Services.GetRequiredService<BitbucketEndpoints>();

        Assert.Equal(BitbucketMode.Cloud, endpoints.Mode);
        Assert.Equal(new Uri("https://bitbucket.org/site/oauth2/access_token"), endpoints.TokenUrl);
        Assert.Equal(new Uri("https://api.bitbucket.org/2.0"), endpoints.ApiUrl);
    }

    [Fact]
    public async Task SandboxModeSendsEveryCallToTheAppsOwnLoopbackAddress()
    {
        await using var app = new AppFixture();

        await app.InitializeAsync();
        var endpoints = app.Services.GetRequiredService<BitbucketEndpoints>();

        Assert.True(endpoints.IsSandbox);
        Assert.Equal(new Uri(app.RootUri, "sandbox/site/oauth2/access_token"), endpoints.TokenUrl);
        Assert.Equal(new Uri(app.RootUri, "sandbox/2.0"), endpoints.ApiUrl);
    }

    /// <summary>Starts a host with the app's Bitbucket and sandbox registrations and returns why start-up failed.</summary>
    private static async Task<string> StartHostAsync(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value)));
        builder.AddBitbucketClients();
        builder.Services.AddBitbucketSandbox();
        using var host = builder.Build();

        // Other options that read BitbucketOptions while being validated (the resilience pipeline's)
        // fail with the same message, so start-up may report it inside an AggregateException.
        var failure = await Record.ExceptionAsync(() => host.StartAsync(TestContext.Current.CancellationToken));
        var failures = failure switch
        {
            OptionsValidationException single => [single],
            AggregateException many => many.Flatten().InnerExceptions.OfType<OptionsValidationException>().ToList(),
            _ => [],
        };
        Assert.NotEmpty(failures);
        return string.Join(" | ", failures.SelectMany(f => f.Failures));
    }
}
