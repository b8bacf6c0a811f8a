using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.OAuth;
using BitbucketBlazor.Sandbox;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BitbucketBlazor.Hosting;

/// <summary>
/// Connects the client side to the built-in sandbox. Neither knows the other: the client side
/// asks for a <see cref="SandboxLocation"/>, the presenter controls for an <see cref="IPresenterControls"/>;
/// only the host, which composes both, turns the sandbox's settings and state into them.
/// </summary>
public static class SandboxWiring
{
    /// <summary>
    /// Registers the sandbox's location for the Bitbucket clients (its path and the app's own
    /// loopback address) and the sandbox-backed presenter controls. Expects
    /// <see cref="SandboxExtensions.AddBitbucketSandbox"/> to be registered.
    /// </summary>
    public static IServiceCollection AddSandboxForClients(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new SandboxLocation(
            sp.GetRequiredService<IOptions<SandboxOptions>>().Value.PathBase,
            () => sp.GetRequiredService<SandboxAddress>().BaseUrl));
        services.TryAddSingleton<IPresenterControls, SandboxPresenterControls>();
        return services;
    }
}
