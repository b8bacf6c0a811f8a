using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Common.Stores;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BitbucketBlazor.OAuth;

/// <summary>Registers the OAuth flows and the per-circuit token state.</summary>
public static class OAuthExtensions
{
    /// <summary>
    /// Registers the token client and the OAuth flow services; <see cref="TokenState"/> is one per
    /// circuit (browser tab). The token client needs the Bitbucket clients' registration
    /// (<see cref="BitbucketServiceExtensions.AddBitbucketHttpClients"/>).
    /// </summary>
    public static IServiceCollection AddOAuthFlows(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddTransient<ITokenClient, TokenClient>();
        services.AddScoped<TokenState>();

        // The authorization code grant: server-side records shared by all requests and circuits.
        // Their backend (process memory, or Redis for a cluster) comes from the one IBoundedStoreFactory.
        services.TryAddSingleton<IBoundedStoreFactory, InMemoryBoundedStoreFactory>();
        services.TryAddSingleton(sp => new AuthorizationStateStore(sp.GetRequiredService<IBoundedStoreFactory>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new AuthorizationHandoffStore(sp.GetRequiredService<IBoundedStoreFactory>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new AuthorizedBrowserStore(sp.GetRequiredService<IBoundedStoreFactory>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new WalkthroughStore(sp.GetRequiredService<IBoundedStoreFactory>(), sp.GetRequiredService<TimeProvider>()));
        // The browser's own login steps (for the HAR export) stay in process memory: they are a teaching record, not a login.
        services.TryAddSingleton(sp => new BrowserStepStore(sp.GetRequiredService<IBoundedStoreFactory>(), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<AuthorizationCodeFlow>();
        services.AddScoped<AuthorizationCodeSession>();
        services.AddScoped<AuthorizationCodeResume>();
        services.AddScoped<TokenRefresher>();
        return services;
    }
}
