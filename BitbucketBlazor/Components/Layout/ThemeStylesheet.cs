using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace BitbucketBlazor.Components.Layout;

/// <summary>
/// The theme's CSS (MudBlazor's palette, typography and z-index variables, light and dark) as one stylesheet that
/// browsers cache. It is MudThemeProvider's own output, rendered once per process by the framework's
/// <see cref="HtmlRenderer"/>: a MudThemeProvider in the layout kept its 25 KB style text in every circuit, twice
/// once the saved theme had been applied (issue 12's heap per circuit). The dark palette applies under
/// <c>html.app-dark</c>, the class <c>js/theme.js</c> sets before the first paint and the layout toggles.
/// </summary>
public sealed partial class ThemeStylesheet(IServiceScopeFactory scopes, ILoggerFactory loggers)
{
    /// <summary>The stylesheet's URL path.</summary>
    public const string Path = "/theme.css";

    /// <summary>The class on the <c>html</c> element that turns the dark palette on.</summary>
    public const string DarkClass = "app-dark";

    private readonly Lazy<Task<Stylesheet>> _stylesheet = new(() => BuildAsync(scopes, loggers));

    /// <summary>Gets the stylesheet, built on first use.</summary>
    public Task<Stylesheet> GetAsync() => _stylesheet.Value;

    /// <summary>Maps <see cref="Path"/>: the stylesheet with an entity tag, so a reload costs a 304.</summary>
    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, async (ThemeStylesheet theme, HttpContext context) =>
        {
            var stylesheet = await theme.GetAsync();
            context.Response.Headers.CacheControl = "no-cache";
            context.Response.Headers.ETag = stylesheet.EntityTag;
            return context.Request.Headers.IfNoneMatch == stylesheet.EntityTag
                ? Results.StatusCode(StatusCodes.Status304NotModified)
                : Results.Text(stylesheet.Css, "text/css", Encoding.UTF8);
        }).ExcludeFromDescription();

    private static async Task<Stylesheet> BuildAsync(IServiceScopeFactory scopes, ILoggerFactory loggers)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        var light = await RenderAsync(renderer, dark: false);
        var dark = await RenderAsync(renderer, dark: true);
        var css = new StringBuilder(light).Append('\n');
        foreach (Match rule in CssRule().Matches(dark))
        {
            // Only what differs from the light theme is repeated, scoped to the dark class.
            if (!light.Contains(rule.Value, StringComparison.Ordinal))
            {
                css.Append(ScopeToDark(rule.Groups["selectors"].Value)).Append('{').Append(rule.Groups["body"].Value).Append('}').Append('\n');
            }
        }

        var text = css.ToString();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
        return new Stylesheet(text, $"\"{hash}\"");
    }

    private static async Task<string> RenderAsync(HtmlRenderer renderer, bool dark)
    {
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(MudThemeProvider.Theme)] = AppTheme.Theme,
                [nameof(MudThemeProvider.IsDarkMode)] = dark,
            });
            var output = await renderer.RenderComponentAsync<MudThemeProvider>(parameters);
            return output.ToHtmlString();
        });
        return string.Join('\n', StyleElement().Matches(html).Select(style => WebUtility.HtmlDecode(style.Groups["css"].Value.Trim())));
    }

    private static string ScopeToDark(string selectors) => string.Join(", ", selectors.Split(',').Select(selector =>
    {
        var trimmed = selector.Trim();
        return trimmed switch
        {
            ":root" => $":root.{DarkClass}",
            "html" => $"html.{DarkClass}",
            _ => $"html.{DarkClass} {trimmed}",
        };
    }));

    [GeneratedRegex(@"<style[^>]*>(?<css>.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleElement();

    [GeneratedRegex(@"(?<selectors>[^{}]+)\{(?<body>[^{}]*)\}")]
    private static partial Regex CssRule();

    /// <summary>The built stylesheet.</summary>
    /// <param name="Css">The CSS text.</param>
    /// <param name="EntityTag">Its quoted entity tag.</param>
    public sealed record Stylesheet(string Css, string EntityTag);
}
