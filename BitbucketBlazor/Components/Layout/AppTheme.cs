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

    // Dark text on the dark theme's light fills: white on #85b8ff would be 2.7:1.
    private const string DarkInk = "#1d2125";

    /// <summary>Monospace stack for HTTP exchanges and code.</summary>
    public const string MonospaceFonts = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace";

    /// <summary>Gets the theme, light and dark palettes in Bitbucket's blues.</summary>
    public static MudTheme Theme { get; } = new()
    {
        // Every colour below is chosen for WCAG AA contrast (4.5:1 or more) as text on the surface
        // and on the code blocks' grey, and as a chip's fill under its ContrastText. Chips, JSON
        // colours and status badges all read these: change a colour here and check axe again.
        PaletteLight = new PaletteLight
        {
            Primary = "#0c66e4",
            Secondary = "#6e5dc6",
            AppbarBackground = "#0747a6",
            Success = "#19744e",
            Error = "#c9372c",
            Warning = "#a54800",
            Info = "#0b66c3",
            TextSecondary = "rgba(0,0,0,0.64)",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#85b8ff",
            PrimaryContrastText = DarkInk,
            Secondary = "#c0b6f2",
            SecondaryContrastText = DarkInk,
            AppbarBackground = "#1d2125",
            Success = "#4bce97",
            SuccessContrastText = DarkInk,
            Error = "#ff9c94",
            ErrorContrastText = DarkInk,
            Warning = "#fea362",
            WarningContrastText = DarkInk,
            Info = "#75b5ff",
            InfoContrastText = DarkInk,
            // MudBlazor writes a text alert's message in the "darken" shade; on a dark surface that must be a
            // lighter one, or the message falls under 4.5:1 on a raised panel (axe: color-contrast).
            InfoDarken = "#9ccbff",
            SuccessDarken = "#7ee2b8",
            WarningDarken = "#fec195",
            ErrorDarken = "#ffbdb7",
            TextPrimary = "rgba(255,255,255,0.87)",
            TextSecondary = "rgba(255,255,255,0.70)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = s_systemFonts },
        },
    };
}
