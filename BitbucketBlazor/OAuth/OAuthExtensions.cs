namespace BitbucketBlazor.OAuth;

/// <summary>Registers the OAuth flows and the per-circuit token state.</summary>
public static class OAuthExtensions
{
    /// <summary>Registers the OAuth flow services.</summary>
    public static IServiceCollection AddOAuthFlows(this IServiceCollection services)
    {
        return services;
    }
}
