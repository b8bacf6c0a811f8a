using BitbucketBlazor.Sandbox;

namespace BitbucketBlazor.Bitbucket;

/// <summary>Registers the Bitbucket options, endpoints and HTTP clients.</summary>
public static class BitbucketServiceExtensions
{
    /// <summary>
    /// Binds and validates <see cref="BitbucketOptions"/> (a bad setting stops start-up with a
    /// message naming the key) and registers the Bitbucket clients.
    /// </summary>
    public static IHostApplicationBuilder AddBitbucketClients(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BitbucketOptions>()
            .BindConfiguration(BitbucketOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddSingleton<SandboxAddress>();
        builder.Services.AddSingleton<BitbucketEndpoints>();
        return builder;
    }
}
