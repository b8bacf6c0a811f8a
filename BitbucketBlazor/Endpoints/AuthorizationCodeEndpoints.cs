using BitbucketBlazor.Common;
using BitbucketBlazor.OAuth;

namespace BitbucketBlazor.Endpoints;

/// <summary>
/// The original sample's <c>/authorize</c> and <c>/oauth-callback</c>: the browser half of the
/// authorization code grant. Both are plain HTTP endpoints (full page loads), not Blazor pages,
/// because Bitbucket sends the browser to the callback with a top-level redirect.
/// </summary>
public static class AuthorizationCodeEndpoints
{
    /// <summary>The path that starts the login.</summary>
    public const string AuthorizePath = "/authorize";

    /// <summary>The callback path Bitbucket redirects back to (the consumer's callback URL).</summary>
    public const string CallbackPath = "/oauth-callback";

    /// <summary>The walkthrough page the callback hands over to.</summary>
    public const string WalkthroughPath = "/authorization-code";

    /// <summary>The query parameter choosing a sandbox demo consumer by key.</summary>
    public const string ConsumerParameter = "consumer";

    /// <summary>The query parameter that asks for consent again although this browser is authorized.</summary>
    public const string FreshParameter = "fresh";

    /// <summary>Maps <c>/authorize</c> and <c>/oauth-callback</c>.</summary>
    public static IEndpointRouteBuilder MapAuthorizationCodeEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(AuthorizePath, AuthorizeAsync).ExcludeFromDescription();
        endpoints.MapGet(CallbackPath, CallbackAsync).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext context, AuthorizationCodeFlow flow)
    {
        NoStore(context);
        var browserId = BrowserBinding.GetOrCreate(context);
        var query = context.Request.Query;
        if (await flow.FindAuthorizationAsync(browserId, context.RequestAborted) is not null && query[FreshParameter] != "1")
        {
            return Results.Redirect(WalkthroughPath);
        }

        var choice = flow.ResolveConsumer(query[ConsumerParameter]);
        if (choice.Consumer is null)
        {
            return CallbackPage.Error(new CallbackFailure(
                CallbackFailureKind.ConsumerGone,
                "No consumer to log in with",
                choice.Problem!,
                "Pick one of the consumers on the walkthrough page (/authorization-code).",
                []));
        }

        var request = await flow.StartAsync(AppOrigin(context), browserId, choice.Consumer, context.RequestAborted);
        if (request is null)
        {
            context.Response.Headers.RetryAfter = "60";
            return CallbackPage.Error(
                CallbackFailure.Busy("pending logins", (int)AuthorizationStateStore.Lifetime.TotalMinutes),
                StatusCodes.Status503ServiceUnavailable);
        }

        return Results.Redirect(request.Url.ToString());
    }

    private static async Task<IResult> CallbackAsync(
        HttpContext context, AuthorizationCodeFlow flow, BrowserStepStore browserSteps, ILoggerFactory loggers)
    {
        NoStore(context);
        CallbackOutcome outcome;

        // A new browser id on success: an id someone planted or saw before the sign-in (session
        // fixation) then opens nothing. It is only sent to the browser if the sign-in succeeds.
        var renewedId = Crypto.NewRandomToken();
        try
        {
            outcome = await flow.CompleteAsync(
                AppOrigin(context), BrowserBinding.Find(context), context.Request.Query, context.RequestAborted, renewedId);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            // Not the developer exception page: the query holds a code, and no stack trace belongs on this page.
            loggers.CreateLogger(typeof(AuthorizationCodeEndpoints)).LogError("The OAuth callback failed unexpectedly: {Detail}", UnexpectedFailure.MaskedDetail(ex));
            return CallbackPage.Error(
                new CallbackFailure(
                    CallbackFailureKind.ExchangeFailed,
                    "The callback failed unexpectedly",
                    "Something went wrong in this app while handling Bitbucket's redirect. The server log has the error's type.",
                    "Start the login again from this browser.",
                    []),
                StatusCodes.Status500InternalServerError);
        }

        if (outcome.Failure is { } failure)
        {
            return CallbackPage.Error(failure);
        }

        var previousId = BrowserBinding.Find(context);
        BrowserBinding.Issue(context, renewedId);
        await browserSteps.RebindAsync(previousId, renewedId, context.RequestAborted);

        // Only a plain path: the code and token stay on the server, in the hand-off.
        return Results.Redirect(WalkthroughPath);
    }

    private static void NoStore(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
    }

    private static Uri AppOrigin(HttpContext context) => new($"{context.Request.Scheme}://{context.Request.Host}");
}
