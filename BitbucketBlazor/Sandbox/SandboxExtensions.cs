using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Common;
using BitbucketBlazor.Common.Stores;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BitbucketBlazor.Sandbox;

/// <summary>Registers and maps the built-in Bitbucket sandbox.</summary>
public static class SandboxExtensions
{
    /// <summary>
    /// Binds and validates <see cref="SandboxOptions"/> (a bad setting stops start-up with a
    /// message naming the key) and registers the sandbox's in-memory state. Its <see cref="SandboxClock"/> is added with
    /// <c>TryAdd</c> so tests can put one over a <c>FakeTimeProvider</c> in its place.
    /// </summary>
    public static IServiceCollection AddBitbucketSandbox(this IServiceCollection services)
    {
        services.AddOptions<SandboxOptions>()
            .BindConfiguration(SandboxOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(new SandboxClock(TimeProvider.System));
        services.TryAddSingleton<SandboxAddress>();
        services.TryAddSingleton<SandboxTokenStore>();
        services.TryAddSingleton<SandboxAuthorizationCodes>();
        services.TryAddSingleton<IBoundedStoreFactory, InMemoryBoundedStoreFactory>();
        services.TryAddSingleton<ISandboxRateLimiter, SandboxRateLimiter>();
        services.TryAddSingleton<SelfCallMarker>();
        return services;
    }

    /// <summary>
    /// Maps the sandbox's OAuth, REST and presenter endpoints under <c>Bitbucket:Sandbox:PathBase</c>.
    /// They read forms themselves and carry no antiforgery token: OAuth clients are not browsers
    /// with this app's cookie, and the consent form is protected by its single-use id.
    /// </summary>
    public static IEndpointRouteBuilder MapBitbucketSandbox(this IEndpointRouteBuilder endpoints)
    {
        var pathBase = endpoints.ServiceProvider.GetRequiredService<IOptions<SandboxOptions>>().Value.PathBase;
        var sandbox = endpoints.MapGroup(pathBase).DisableAntiforgery().ExcludeFromDescription();

        // The authorize endpoints serve pages (the consent page, its errors) and keep the app's page protections;
        // everything else answers programs, as Bitbucket's own endpoints do, with Bitbucket's headers only.
        sandbox.MapGet(BitbucketPaths.AuthorizePath, SandboxAuthorizeEndpoint.AuthorizeAsync);
        sandbox.MapPost(SandboxAuthorizeEndpoint.DecisionPath, SandboxAuthorizeEndpoint.DecideAsync);

        var machines = sandbox.MapGroup("").WithoutPageSecurityHeaders();
        machines.MapPost(BitbucketPaths.TokenPath, SandboxTokenEndpoint.HandleAsync);
        machines.MapPost("/presenter/expire-token", SandboxPresenterEndpoint.ExpireTokenAsync);
        machines.MapPost("/presenter/retire-refresh-token", SandboxPresenterEndpoint.RetireRefreshTokenAsync);
        SandboxRestApi.Map(machines, pathBase);
        return endpoints;
    }
}
