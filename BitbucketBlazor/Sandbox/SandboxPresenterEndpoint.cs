namespace BitbucketBlazor.Sandbox;

/// <summary>
/// The presenter's endpoints: <c>POST {PathBase}/presenter/expire-token</c> shows what an expired
/// token looks like without waiting two hours, and <c>POST {PathBase}/presenter/retire-refresh-token</c>
/// what a used refresh token looks like once its grace period is over. The token to act on is one
/// the request itself presents (the bearer token; the refresh token in the form body), so a caller
/// can only ever act on a token it already holds, and never via the URL.
/// </summary>
internal static class SandboxPresenterEndpoint
{
    public static IResult ExpireToken(HttpContext context, SandboxTokenStore tokens)
    {
        var presented = SandboxRestApi.ReadBearerToken(context);
        if (presented is null)
        {
            return SandboxRestApi.Unauthorized(context, "Access token required", "Send the token to expire in an Authorization: Bearer header.", tokenError: null);
        }

        return tokens.ExpireAccessToken(presented)
            ? Results.NoContent()
            : SandboxRestApi.Unauthorized(context, "Invalid access token", "The access token is not one the sandbox issued, or it was forgotten.", "invalid_token");
    }

    public static async Task<IResult> RetireRefreshTokenAsync(HttpContext context, SandboxTokenStore tokens)
    {
        string? presented = context.Request.HasFormContentType
            ? (await context.Request.ReadFormAsync(context.RequestAborted))["refresh_token"]
            : default;
        if (string.IsNullOrEmpty(presented))
        {
            return SandboxResults.ApiError(StatusCodes.Status400BadRequest, "refresh_token required", "Send the refresh token to retire as the refresh_token field of a form body.");
        }

        return tokens.RetireRefreshToken(presented)
            ? Results.NoContent()
            : SandboxResults.NotFound("The refresh token is not one the sandbox issued, or it was forgotten.");
    }
}
