namespace BitbucketBlazor.OAuth;

/// <summary>Registers the OAuth flows and the per-circuit token state.</summary>
public static class OAuthExtensions
{
    /// <summary>Registers the OAuth flow services; <see cref="TokenState"/> is one per circuit (browser tab).</summary>
    public static IServiceCollection AddOAuthFlows(this IServiceCollection services)
    {
        services.AddScoped<TokenState>();
        return services;
    }
}
