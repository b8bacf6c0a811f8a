using BitbucketBlazor.Common;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace BitbucketBlazor.Hosting;

/// <summary>Cross-cutting hosting concerns: health checks, error handling and security headers.</summary>
public static class HostingExtensions
{
    /// <summary>
    /// The Content-Security-Policy every page is served with. Nothing is loaded from a third
    /// party; MudBlazor sets inline style attributes, hence 'unsafe-inline' for styles only.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    /// <summary>Registers the health checks behind <c>/healthcheck</c>.</summary>
    public static IServiceCollection AddAppHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks();
        return services;
    }

    /// <summary>
    /// Registers what a public instance needs: forwarded headers, HSTS and Secure cookies
    /// (<see cref="ProxySupport"/>) and the per-address rate limits (<see cref="RateLimiting"/>).
    /// </summary>
    public static IHostApplicationBuilder AddPublicHosting(this IHostApplicationBuilder builder)
    {
        builder.AddProxySupport();
        builder.Services.AddClientRateLimits();

        // A room of attendees each leaves a handful of idle keep-alive connections behind once the page has loaded (the
        // circuit has its own WebSocket, which this does not touch); each holds buffers on the server. Closed after 15 s
        // instead of Kestrel's 130 s; Kestrel:Limits:KeepAliveTimeout overrides it.
        builder.Services.Configure<KestrelServerOptions>(options => options.Limits.KeepAliveTimeout =
            builder.Configuration.GetValue("Kestrel:Limits:KeepAliveTimeout", TimeSpan.FromSeconds(15)));
        return builder;
    }

    /// <summary>Adds proxy support, error handling, the security headers and the rate limiter to the pipeline.</summary>
    public static WebApplication UseAppHosting(this WebApplication app)
    {
        app.UseProxySupport();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";

            // Routing has run, so the endpoint is known. The sandbox's API and token answers imitate Bitbucket's and
            // carry its headers, not the page protections of this app (its consent page is a page and keeps them).
            if (context.GetEndpoint()?.Metadata.GetMetadata<MachineAnswersMetadata>() is null)
            {
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers["Referrer-Policy"] = "no-referrer";
                headers.XFrameOptions = "DENY";
            }

            await next(context);
        });

        app.UseRateLimiter();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAntiforgery();
        return app;
    }
}
