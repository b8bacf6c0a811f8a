using BitbucketBlazor.Components.Presentation;
using BitbucketBlazor.Components.Shared;
using BitbucketBlazor.OAuth;
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
        services.AddScoped<PublicUrls>();
        return services;
    }

    /// <summary>Maps static assets and the Razor components.</summary>
    public static WebApplication MapUserInterface(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
