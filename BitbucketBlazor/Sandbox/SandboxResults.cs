using System.Text.Encodings.Web;
using System.Text.Json;
using BitbucketBlazor.Bitbucket.Facts;

namespace BitbucketBlazor.Sandbox;

/// <summary>The sandbox's answers in Bitbucket's two error shapes, and its JSON.</summary>
internal static class SandboxResults
{
    /// <summary>The realm named in the sandbox's <c>WWW-Authenticate</c> challenges.</summary>
    public const string Realm = "Bitbucket Sandbox";

    // Bitbucket's conventions, with '&' and '<' written as themselves: the app shows raw bodies
    // to people, and "\u0026" in every next link teaches nothing. Bodies are served as JSON only.
    private static readonly JsonSerializerOptions s_jsonOptions = new(BitbucketJson.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>JSON in Bitbucket's conventions (snake_case, nulls left out).</summary>
    public static IResult Json(object body, int statusCode = StatusCodes.Status200OK) =>
        Results.Json(body, s_jsonOptions, statusCode: statusCode);

    /// <summary>An RFC 6749 §5.2 error from the token endpoint, never cached.</summary>
    public static IResult OAuthError(HttpContext context, SandboxTokenError error)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        return Json(new { error.Error, ErrorDescription = error.Description }, error.StatusCode);
    }

    /// <summary>A REST API 2.0 error: <c>{"type":"error","error":{"message":…,"detail":…,"data":…}}</c>.</summary>
    public static IResult ApiError(int statusCode, string message, string? detail = null, object? data = null) =>
        Json(new { Type = "error", Error = new { Message = message, Detail = detail, Data = data } }, statusCode);

    /// <summary>Bitbucket's 404 for anything it does not serve.</summary>
    public static IResult NotFound(string? detail = null) =>
        ApiError(StatusCodes.Status404NotFound, "Resource not found", detail ?? "There is no API hosted at this URL.");
}
