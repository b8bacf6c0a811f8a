using BitbucketBlazor.Bitbucket.Facts;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace BitbucketBlazor.Sandbox;

/// <summary>
/// <c>GET {PathBase}/site/oauth2/authorize</c> and the consent page's decision: Bitbucket's
/// browser side of the authorization code grant.
/// </summary>
internal static class SandboxAuthorizeEndpoint
{
    /// <summary>The decision path under the sandbox's path base.</summary>
    public const string DecisionPath = "/site/oauth2/authorize/decision";

    public static IResult Authorize(HttpContext context, SandboxAuthorizationCodes codes, IOptions<SandboxOptions> options)
    {
        var query = context.Request.Query;
        var consumer = DemoConsumers.FindByKey(query["client_id"]);
        if (consumer is null)
        {
            return ConsentPage.Error("Invalid client_id", "No OAuth consumer with this key exists in the sandbox.");
        }

        if (consumer.CallbackPath is null)
        {
            return ConsentPage.Error(SandboxTokenEndpoint.NoCallbackMessage);
        }

        // The callback is the consumer's path on whichever origin the browser came to, so the
        // same consumer works on localhost, 127.0.0.1 or a tunnel.
        var callback = new Uri(new Uri($"{context.Request.Scheme}://{context.Request.Host}"), consumer.CallbackPath);
        string? redirectUri = query["redirect_uri"];
        if (!string.IsNullOrEmpty(redirectUri) && !string.Equals(redirectUri, callback.ToString(), StringComparison.Ordinal))
        {
            return ConsentPage.Error("Invalid redirect_uri", "The redirect_uri must be exactly the consumer's callback URL.");
        }

        var state = string.IsNullOrEmpty(query["state"]) ? null : query["state"].ToString();

        // Client and callback are verified, so RFC 6749 §4.1.2.1 says to tell the client by
        // redirect rather than strand the user on an error page.
        string? responseType = query["response_type"];
        if (responseType != "code")
        {
            return string.IsNullOrEmpty(responseType)
                ? RedirectWithError(callback, "invalid_request", "The response_type parameter is missing.", state)
                : RedirectWithError(callback, "unsupported_response_type", "The sandbox supports only response_type=code.", state);
        }

        var consentId = codes.BeginConsent(consumer, callback, string.IsNullOrEmpty(redirectUri) ? null : redirectUri, state);
        return ConsentPage.Consent(consumer, consentId, context.Request.PathBase + options.Value.PathBase + DecisionPath, callback);
    }

    public static async Task<IResult> DecideAsync(HttpContext context, SandboxAuthorizationCodes codes)
    {
        var form = context.Request.HasFormContentType
            ? await context.Request.ReadFormAsync(context.RequestAborted)
            : FormCollection.Empty;

        // The redirect carries a code: no cache may keep it.
        context.Response.Headers.CacheControl = "no-store";
        var consent = codes.TakeConsent(form["consent"]);
        if (consent is null)
        {
            return ConsentPage.Error(
                "This authorization request has expired or was already answered",
                "Go back to the app and start again.");
        }

        if (form["decision"] != "grant")
        {
            return RedirectWithError(consent.Callback, "access_denied", "The user denied access.", consent.State);
        }

        var parameters = new Dictionary<string, string?> { ["code"] = codes.IssueCode(consent) };
        if (consent.State is not null)
        {
            parameters["state"] = consent.State;
        }

        return Results.Redirect(QueryHelpers.AddQueryString(consent.Callback.ToString(), parameters));
    }

    private static IResult RedirectWithError(Uri callback, string error, string description, string? state)
    {
        var parameters = new Dictionary<string, string?> { ["error"] = error, ["error_description"] = description };
        if (state is not null)
        {
            parameters["state"] = state;
        }

        return Results.Redirect(QueryHelpers.AddQueryString(callback.ToString(), parameters));
    }
}
