namespace BitbucketBlazor.Common;

/// <summary>
/// Endpoint metadata saying that an endpoint answers programs, not people: an API or token endpoint that imitates
/// another service. The app's page-security headers (Content-Security-Policy, X-Frame-Options, Referrer-Policy)
/// are left off its answers, so what the exchange viewer shows is what that service would send.
/// </summary>
public sealed class MachineAnswersMetadata
{
    /// <summary>The one instance endpoints carry.</summary>
    public static MachineAnswersMetadata Instance { get; } = new();

    private MachineAnswersMetadata()
    {
    }
}

/// <summary>Marks endpoints with <see cref="MachineAnswersMetadata"/>.</summary>
public static class MachineAnswersExtensions
{
    /// <summary>Leaves the app's page-security headers off this endpoint's (or group's) answers.</summary>
    public static TBuilder WithoutPageSecurityHeaders<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(MachineAnswersMetadata.Instance);
}
