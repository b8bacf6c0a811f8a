using MudBlazor;

namespace BitbucketBlazor.Components.Layout;

/// <summary>
/// The app's one theme. Fonts are the system's own: nothing is fetched from a font CDN, so the
/// app works offline and under a strict Content-Security-Policy.
/// </summary>
public static class AppTheme
{
    private static readonly string[] s_systemFonts =
        ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    /// <summary>Monospace stack for HTTP exchanges and code.</summary>
    public const string MonospaceFonts = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace";

    /// <summary>Gets the theme, light and dark palettes in Bitbucket's blues.</summary>
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0c66e4",
            Secondary = "#6e5dc6",
            AppbarBackground = "#0747a6",
            Success = "#1f845a",
            Error = "#c9372c",
            Warning = "#a54800",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#579dff",
            Secondary = "#9f8fef",
            AppbarBackground = "#1d2125",
            Success = "#4bce97",
            Error = "#f87168",
            Warning = "#fea362",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = s_systemFonts },
        },
    };
}
