namespace BitbucketBlazor.Endpoints;

/// <summary>The original sample app's routes: <c>/healthcheck</c>, <c>/authorize</c>, <c>/oauth-callback</c>.</summary>
public static class SampleEndpoints
{
    /// <summary>The health check's path, as in the original sample.</summary>
    public const string HealthCheckPath = "/healthcheck";

    /// <summary>Maps the health check and the authorization-code endpoints at the paths the original sample used (a consumer's callback URL names them).</summary>
    public static IEndpointRouteBuilder MapSampleEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(HealthCheckPath);
        endpoints.MapAuthorizationCodeEndpoints();
        return endpoints;
    }
}
