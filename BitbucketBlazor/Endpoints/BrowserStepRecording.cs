using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.OAuth;
using BitbucketBlazor.Sandbox;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace BitbucketBlazor.Endpoints;

/// <summary>
/// Records the browser's own requests of an authorization-code login (<c>/authorize</c>, the
/// sandbox's consent page and decision, <c>/oauth-callback</c>) into the <see cref="BrowserStepStore"/>,
/// bound to the browser's cookie, so a tab's HAR export can show them beside the server's exchanges.
/// </summary>
/// <remarks>
/// A step is recorded when its response starts, before the browser can follow a redirect, so the
/// callback's step is there when the tab claims the login. URLs and the <c>Location</c> header are
/// masked before they are stored (the callback's URL carries the code); bodies are not kept.
/// </remarks>
public static class BrowserStepRecording
{
    private const int MaxHeaderValueLength = 2_048;

    private static readonly string[] s_requestHeaders = ["Host", "User-Agent", "Accept", "Content-Type", "Cookie"];
    private static readonly string[] s_responseHeaders = ["Location", "Content-Type", "Cache-Control", "Set-Cookie"];

    /// <summary>Adds the recording to the pipeline; it looks only at the login's four paths.</summary>
    public static WebApplication UseBrowserStepRecording(this WebApplication app)
    {
        var sandboxBase = app.Services.GetRequiredService<IOptions<SandboxOptions>>().Value.PathBase;
        var store = app.Services.GetRequiredService<BrowserStepStore>();
        var time = app.Services.GetRequiredService<TimeProvider>();
        app.Use(async (context, next) =>
        {
            if (IsLoginStep(context.Request, sandboxBase) is { } startsLogin)
            {
                var startedAt = time.GetUtcNow();
                var started = time.GetTimestamp();
                var method = context.Request.Method;
                var url = Mask(new Uri(context.Request.GetEncodedUrl()));
                var requestHeaders = Pick(context.Request.Headers, s_requestHeaders);
                context.Response.OnStarting(async () =>
                {
                    if (BrowserBinding.Current(context) is { } browserId)
                    {
                        var response = context.Response;
                        var step = new HttpExchange(method, url, requestHeaders, null, startedAt, time.GetElapsedTime(started),
                            response.StatusCode, ReasonPhrases.GetReasonPhrase(response.StatusCode), Pick(response.Headers, s_responseHeaders), null, null);
                        await store.RecordAsync(browserId, MaskingPolicy.ForDisplay.MaskExchange(step), startsLogin, context.RequestAborted);
                    }
                });
            }

            await next(context);
        });
        return app;
    }

    // Null when the request is not a login step; otherwise whether it starts a new login.
    private static bool? IsLoginStep(HttpRequest request, string sandboxBase)
    {
        var path = request.Path;
        if (HttpMethods.IsGet(request.Method) && path.Equals(AuthorizationCodeEndpoints.AuthorizePath, StringComparison.Ordinal))
        {
            return true;
        }

        var isStep =
            (HttpMethods.IsGet(request.Method) && path.Equals(AuthorizationCodeEndpoints.CallbackPath, StringComparison.Ordinal)) ||
            (HttpMethods.IsGet(request.Method) && path.Equals(sandboxBase + BitbucketPaths.AuthorizePath, StringComparison.Ordinal)) ||
            (HttpMethods.IsPost(request.Method) && path.Equals(sandboxBase + SandboxAuthorizeEndpoint.DecisionPath, StringComparison.Ordinal));
        return isStep ? false : null;
    }

    private static List<KeyValuePair<string, string>> Pick(IHeaderDictionary headers, string[] names) =>
    [
        .. names.SelectMany(name => headers[name].Select(value => new KeyValuePair<string, string>(
            name, name == "Location" ? MaskLocation(value ?? "") : Cap(value ?? "")))),
    ];

    private static string MaskLocation(string location) =>
        Uri.TryCreate(location, UriKind.RelativeOrAbsolute, out var uri) && uri.IsAbsoluteUri ? Cap(Mask(uri).ToString()) : Cap(location);

    private static Uri Mask(Uri url) => Uri.TryCreate(MaskingPolicy.ForDisplay.MaskUrl(url), UriKind.Absolute, out var masked) ? masked : url;

    private static string Cap(string value) => value.Length <= MaxHeaderValueLength ? value : value[..MaxHeaderValueLength] + "…";
}
