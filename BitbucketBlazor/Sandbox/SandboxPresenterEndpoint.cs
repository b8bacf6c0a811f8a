namespace BitbucketBlazor.Sandbox;

/// <summary>
/// <c>POST {PathBase}/presenter/expire-token</c>: lets a presenter show what an expired token
/// looks like without waiting two hours. The token to expire is the bearer token of the request
/// itself, so a caller can only ever expire a token it already holds, and never via the URL.
/// </summary>
internal static class SandboxPresenterEndpoint
{
    public static async Task<IResult> ExpireTokenAsync(HttpContext context, SandboxTokenStore tokens)
    {
        var presented = SandboxRestApi.ReadBearerToken(context);
        if (presented is null)
        {
            return SandboxRestApi.Unauthorized(context, "Access token required", "Send the token to expire in an Authorization: Bearer header.", tokenError: null);
        }

        return await tokens.ExpireAccessTokenAsync(presented)
            ? Results.NoContent()
            : SandboxRestApi.Unauthorized(context, "Invalid access token", "The access token is not one the sandbox issued, or it was forgotten.", "invalid_token");
    }
}
