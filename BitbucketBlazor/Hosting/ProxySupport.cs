using BitbucketBlazor.Common;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BitbucketBlazor.Hosting;

/// <summary>
/// Makes the app right about its own address behind a reverse proxy that ends TLS: the visitor's
/// address and scheme from trusted proxies' forwarded headers, HSTS and HTTPS redirection outside
/// Development, and Secure cookies outside Development.
/// </summary>
/// <remarks>
/// Two ways to turn forwarded headers on. The framework's own <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c>
/// trusts any sender (fine only when nothing but the proxy can reach the app); <c>Proxy:KnownProxies</c> /
/// <c>Proxy:KnownNetworks</c> trust only those, and also narrow the framework's switch when both are set.
/// </remarks>
public static class ProxySupport
{
    /// <summary>The configuration key behind <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c>.</summary>
    public const string FrameworkSwitch = "FORWARDEDHEADERS_ENABLED";

    /// <summary>How long browsers remember to use HTTPS only, once told by HSTS.</summary>
    public static readonly TimeSpan HstsMaxAge = TimeSpan.FromDays(365);

    /// <summary>Binds and validates <see cref="ProxyOptions"/> and configures forwarded headers, HSTS and the cookie policy.</summary>
    public static IHostApplicationBuilder AddProxySupport(this IHostApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.TryAddSingleton<SelfCallMarker>();
        builder.Services.AddOptions<ProxyOptions>()
            .BindConfiguration(ProxyOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // PostConfigure: after the framework's own setup for its switch, which trusts everyone.
        builder.Services.AddOptions<ForwardedHeadersOptions>().PostConfigure<IOptions<ProxyOptions>>((forwarded, proxy) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = proxy.Value.ForwardLimit;
            if (proxy.Value.HasTrustedProxies)
            {
                forwarded.KnownProxies.Clear();
                forwarded.KnownIPNetworks.Clear();
                foreach (var address in proxy.Value.ProxyAddresses())
                {
                    forwarded.KnownProxies.Add(address);
                }

                foreach (var network in proxy.Value.ProxyNetworks())
                {
                    forwarded.KnownIPNetworks.Add(network);
                }
            }
        });

        builder.Services.AddHsts(hsts => hsts.MaxAge = HstsMaxAge);
        builder.Services.Configure<CookiePolicyOptions>(cookies =>
            cookies.Secure = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);
        builder.Services.AddAntiforgery(antiforgery =>
            antiforgery.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);
        return builder;
    }

    /// <summary>
    /// Adds forwarded-header handling (when <c>Proxy</c> names trusted proxies and the framework's
    /// switch has not already added it), then HSTS and HTTPS redirection outside Development, and
    /// the cookie policy. Call first in the pipeline.
    /// </summary>
    public static WebApplication UseProxySupport(this WebApplication app)
    {
        var proxy = app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value;
        if (proxy.HasTrustedProxies && !app.Configuration.GetValue<bool>(FrameworkSwitch))
        {
            app.UseForwardedHeaders();
        }

        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();

            // The app's own loopback calls to its sandbox stay on plain HTTP: they never leave the machine.
            var marker = app.Services.GetRequiredService<SelfCallMarker>();
            app.UseWhen(context => !marker.IsSelfCall(context), https => https.UseHttpsRedirection());
        }

        app.UseCookiePolicy();
        return app;
    }
}
