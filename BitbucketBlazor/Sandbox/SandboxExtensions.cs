namespace BitbucketBlazor.Sandbox;

/// <summary>Registers and maps the built-in Bitbucket sandbox.</summary>
public static class SandboxExtensions
{
    /// <summary>Registers the sandbox's in-memory state.</summary>
    public static IServiceCollection AddBitbucketSandbox(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>Maps the sandbox's OAuth and REST endpoints under <c>Bitbucket:Sandbox:PathBase</c>.</summary>
    public static IEndpointRouteBuilder MapBitbucketSandbox(this IEndpointRouteBuilder endpoints)
    {
        return endpoints;
    }
}
