using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Components.Presentation;
using BitbucketBlazor.Common.Stores;
using BitbucketBlazor.Components.Shared;
using BitbucketBlazor.OAuth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace BitbucketBlazor.Tests.Infrastructure;

/// <summary>
/// bUnit base for the walkthrough's components: a real <see cref="TokenState"/> on a fake clock,
/// fakes at the client interfaces, the app's own UI services, and sandbox-mode endpoints.
/// </summary>
public abstract class WalkthroughContext : MudBunitContext
{
    protected WalkthroughContext()
    {
        Services.AddSingleton(Options.Create(new BitbucketOptions { Mode = BitbucketMode.Sandbox }));
        Services.AddSingleton(new SandboxLocation("/sandbox", () => new Uri("http://127.0.0.1:5000/")));
        Services.AddSingleton<BitbucketEndpoints>();
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddSingleton(State);
        Services.AddSingleton<ITokenClient>(Tokens);
        Services.AddSingleton<IBitbucketApiClient>(Api);
        Services.AddSingleton<IPresenterControls>(Presenter);
        Services.AddSingleton<CodeSnippetGenerator>();
        Services.AddSingleton<BitbucketBlazor.Components.Presentation.Har.SessionHarExporter>();
        Services.AddScoped<PublicUrls>();
        Services.AddScoped<AuthorizationCodeSession>();
        Services.AddSingleton(new AuthorizedBrowserStore(new InMemoryBoundedStoreFactory(), Clock));
        Services.AddScoped<TokenRefresher>();
        Services.AddLogging();
    }

    internal FakeTimeProvider Clock { get; } = new(TestExchanges.Start);

    internal TokenState State => _state ??= new TokenState(Clock);

    internal FakeTokenClient Tokens { get; } = new();

    internal FakeBitbucketApi Api { get; } = new();

    internal FakePresenterControls Presenter { get; } = new();

    internal static ConsumerCredentials PrivateDemo { get; } =
        new(DemoConsumers.Private.Key, DemoConsumers.Private.Secret, DemoConsumers.Private.Name, ConsumerSource.SandboxDemo);

    private TokenState? _state;

    /// <summary>Puts a consumer and a fresh token in the state, as after a successful token request.</summary>
    internal async Task<string> HoldTokenAsync(string accessToken = "test-access-token-0123456789", string scopes = "account repository")
    {
        await State.SelectConsumerAsync(PrivateDemo);
        var result = FakeTokenClient.Success(PrivateDemo, accessToken, scopes);
        await State.SetTokenAsync(result.Token!, "client_credentials");
        return accessToken;
    }
}
