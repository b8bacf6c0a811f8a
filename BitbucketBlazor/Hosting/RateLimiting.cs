using System.Globalization;
using System.Text.Encodings.Web;
using System.Threading.RateLimiting;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Common;
using BitbucketBlazor.Endpoints;
using BitbucketBlazor.Sandbox;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BitbucketBlazor.Hosting;

/// <summary>
/// ASP.NET Core's rate limiter on the routes a stranger can hammer without a circuit:
/// <c>/authorize</c>, <c>/oauth-callback</c> and the sandbox. Each client address has its own
/// fixed-window count per route kind (<see cref="RateLimitOptions"/>); past it the answer is 429
/// with <c>Retry-After</c> and a page, or Bitbucket's JSON error on the sandbox's API.
/// </summary>
public static class RateLimiting
{
    /// <summary>The routes that are counted, each with its own limit.</summary>
    internal enum RouteKind
    {
        /// <summary>Not rate-limited here.</summary>
        None,

        /// <summary><c>/authorize</c>.</summary>
        Authorize,

        /// <summary><c>/oauth-callback</c>.</summary>
        Callback,

        /// <summary>Anything under the sandbox's path base.</summary>
        Sandbox,
    }

    /// <summary>Binds and validates <see cref="RateLimitOptions"/> and registers the limiter.</summary>
    public static IServiceCollection AddClientRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>()
            .BindConfiguration(RateLimitOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<SelfCallMarker>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>()
            .Configure<IOptions<RateLimitOptions>, IOptions<SandboxOptions>, SelfCallMarker>((limiter, limits, sandbox, marker) =>
            {
                var sandboxBase = new PathString(sandbox.Value.PathBase);
                limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, (RouteKind, string)>(context =>
                {
                    var kind = Classify(context.Request.Path, sandboxBase);
                    if (kind == RouteKind.None || marker.IsSelfCall(context))
                    {
                        return RateLimitPartition.GetNoLimiter((RouteKind.None, ""));
                    }

                    var permits = kind switch
                    {
                        RouteKind.Authorize => limits.Value.AuthorizePerWindow,
                        RouteKind.Callback => limits.Value.CallbackPerWindow,
                        _ => limits.Value.SandboxPerWindow,
                    };
                    return RateLimitPartition.GetFixedWindowLimiter((kind, ClientAddress.PartitionKey(context)), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = permits,
                        Window = limits.Value.Window,
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    });
                });
                limiter.OnRejected = (rejected, _) => RejectAsync(rejected, sandboxBase, limits.Value.Window);
            });
        return services;
    }

    /// <summary>Tells which limit, if any, a request path counts against.</summary>
    internal static RouteKind Classify(PathString path, PathString sandboxBase) =>
        path.StartsWithSegments(AuthorizationCodeEndpoints.AuthorizePath, StringComparison.OrdinalIgnoreCase) ? RouteKind.Authorize
        : path.StartsWithSegments(AuthorizationCodeEndpoints.CallbackPath, StringComparison.OrdinalIgnoreCase) ? RouteKind.Callback
        : path.StartsWithSegments(sandboxBase, StringComparison.OrdinalIgnoreCase) ? RouteKind.Sandbox
        : RouteKind.None;

    private static async ValueTask RejectAsync(OnRejectedContext rejected, PathString sandboxBase, TimeSpan window)
    {
        var context = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : window;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";

        var path = context.Request.Path;
        var what = $"Too many requests from your address: this server takes only so many per address in a while, so that " +
            $"one visitor cannot crowd out the others. Try again in {seconds} s.";
        IResult answer;
        if (Classify(path, sandboxBase) == RouteKind.Sandbox && !IsHtmlPage(path, sandboxBase))
        {
            // Bitbucket's own wording and shape, so a client reads it as it would read Bitbucket's 429.
            answer = Results.Json(
                new { type = "error", error = new { message = "Rate limit for this resource has been exceeded", detail = what } },
                statusCode: StatusCodes.Status429TooManyRequests);
        }
        else
        {
            var html = HtmlEncoder.Default;
            answer = StandalonePage.Render(
                "Too many requests — BitbucketBlazor",
                "body{font-family:system-ui,sans-serif;margin:3rem auto;max-width:40rem;padding:0 1rem}h1{font-size:1.4rem;color:#b00020}",
                $"<h1 id=\"rate-limited\">Too many requests</h1><p>{html.Encode(what)}</p>" +
                "<p>If many people share your network (a conference room, one office), they share this allowance too.</p>",
                StatusCodes.Status429TooManyRequests);
        }

        await answer.ExecuteAsync(context);
    }

    // The sandbox's consent page is a page for people; everything else under the sandbox is an API.
    private static bool IsHtmlPage(PathString path, PathString sandboxBase) =>
        path.StartsWithSegments(sandboxBase + BitbucketPaths.AuthorizePath, StringComparison.OrdinalIgnoreCase);
}
