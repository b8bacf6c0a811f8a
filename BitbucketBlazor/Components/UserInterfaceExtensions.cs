using BitbucketBlazor.Components.Presentation.Har;
using BitbucketBlazor.Components.Presentation;
using BitbucketBlazor.Components.Shared;
using BitbucketBlazor.OAuth;
using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace BitbucketBlazor.Components;

/// <summary>Registers and maps the Blazor UI.</summary>
public static class UserInterfaceExtensions
{
    /// <summary>Registers Razor components with interactive server rendering, and MudBlazor.</summary>
    public static IServiceCollection AddUserInterface(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddSingleton<CodeSnippetGenerator>();
        services.AddSingleton<SessionHarExporter>();
        services.AddSingleton<Layout.ThemeStylesheet>();
        services.AddScoped<PublicUrls>();
        services.AddPageCompression();
        return services;
    }

    /// <summary>Maps static assets (served pre-compressed by MapStaticAssets) and the Razor components (their HTML compressed on the fly).</summary>
    public static WebApplication MapUserInterface(this WebApplication app)
    {
        app.UseResponseCompression();
        app.MapStaticAssets();
        Layout.ThemeStylesheet.Map(app);
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    // Only the HTML documents and the theme's stylesheet: static assets come pre-compressed from MapStaticAssets, and the circuit's WebSocket
    // has its own compression. The pages hold no secret (everything is masked before rendering), so compressing
    // them over HTTPS gives an attacker nothing to guess at.
    private static void AddPageCompression(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            options.EnableForHttps = true;
            options.MimeTypes = ["text/html", "text/css"];
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Fastest);
    }
}
