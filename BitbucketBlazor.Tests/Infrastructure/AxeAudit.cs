using System.Globalization;
using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace BitbucketBlazor.Tests.Infrastructure;

/// <summary>
/// Runs axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA) on a page in every theme and width a
/// visitor may use, and keeps what it found per screen, theme and width for the report.
/// </summary>
/// <remarks>
/// One walkthrough visits many states; at each state the page is scanned at a desktop and a phone
/// width, each in the light and the dark theme. The findings are written to
/// <c>TestResults/axe/&lt;name&gt;.md</c> so the counts can be read after a run, pass or fail.
/// </remarks>
public sealed class AxeAudit(string name)
{
    /// <summary>The axe tags run: WCAG 2.0, 2.1 and 2.2 at levels A and AA.</summary>
    public static readonly IReadOnlyList<string> Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    /// <summary>The widths checked: a phone and a laptop.</summary>
    public static readonly IReadOnlyList<ViewportSize> Widths =
    [
        new() { Width = 1280, Height = 900 },
        new() { Width = 390, Height = 844 },
    ];

    private readonly List<AxeFinding> _findings = [];

    /// <summary>Gets every finding so far, one per screen, theme and width.</summary>
    public IReadOnlyList<AxeFinding> Findings => _findings;

    /// <summary>Scans the page as it is now in both themes at both widths, then puts it back to light at desktop width.</summary>
    /// <param name="page">The page, showing the state to check.</param>
    /// <param name="screen">What the state is called in the report, for example "client-credentials: API result".</param>
    public async Task ScanAsync(IPage page, string screen)
    {
        foreach (var size in Widths)
        {
            await page.SetViewportSizeAsync(size.Width, size.Height);
            foreach (var dark in new[] { false, true })
            {
                await SetThemeAsync(page, dark);
                var result = await page.RunAxe(new AxeRunOptions
                {
                    RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Tags] },
                });
                _findings.Add(new AxeFinding(screen, dark ? "dark" : "light", size.Width, result.Violations));
            }
        }

        await page.SetViewportSizeAsync(Widths[0].Width, Widths[0].Height);
        await SetThemeAsync(page, dark: false);
        await WriteReportAsync();
    }

    /// <summary>Describes every serious or critical violation found, or returns an empty string when there is none.</summary>
    public string SeriousViolations()
    {
        var text = new StringBuilder();
        foreach (var finding in _findings.Where(f => f.Serious > 0))
        {
            foreach (var item in finding.Violations.Where(v => IsSerious(v.Impact)))
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"{finding.Screen} ({finding.Theme}, {finding.Width} px): {item.Id} [{item.Impact}] on {item.Nodes.Length} element(s), " +
                    $"first {string.Join(" ", item.Nodes[0].Target)}: {item.Help}");
            }
        }

        return text.ToString();
    }

    /// <summary>Switches the page's theme: the colour scheme the browser reports, and the app's own toggle when the page has one.</summary>
    public static async Task SetThemeAsync(IPage page, bool dark)
    {
        // The app follows the browser's colour scheme too: flip the toggle first, then match the
        // browser to it, so the two never race each other.
        var toggle = page.GetByTestId("theme-toggle");
        var wanted = dark ? "true" : "false";
        if (await toggle.CountAsync() == 1 && await toggle.GetAttributeAsync("data-dark") != wanted)
        {
            await toggle.ClickAsync();
            await Assertions.Expect(toggle).ToHaveAttributeAsync("data-dark", wanted);
        }

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = dark ? ColorScheme.Dark : ColorScheme.Light });

        // Colours and the drawer may still be moving after a switch; axe measures what is painted.
        await page.WaitForTimeoutAsync(400);
        if (await toggle.CountAsync() == 1)
        {
            await Assertions.Expect(toggle).ToHaveAttributeAsync("data-dark", wanted);
        }
    }

    internal static bool IsSerious(string? impact) => impact is "serious" or "critical";

    private async Task WriteReportAsync()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "axe");
        Directory.CreateDirectory(folder);
        var text = new StringBuilder("| screen | theme | width | serious+critical (elements) | moderate+minor (elements) | rules |\n|---|---|---|---|---|---|\n");
        foreach (var f in _findings)
        {
            var rules = string.Join(", ", f.Violations.Select(v => $"{v.Id} ({v.Impact}, {v.Nodes.Length})"));
            text.AppendLine(CultureInfo.InvariantCulture, $"| {f.Screen} | {f.Theme} | {f.Width} | {f.Serious} | {f.Other} | {rules} |");
        }

        await File.WriteAllTextAsync(Path.Combine(folder, name + ".md"), text.ToString());
    }
}

/// <summary>What axe found on one screen in one theme at one width.</summary>
/// <param name="Screen">The state checked.</param>
/// <param name="Theme">"light" or "dark".</param>
/// <param name="Width">The viewport width in CSS pixels.</param>
/// <param name="Violations">axe's violations.</param>
public sealed record AxeFinding(string Screen, string Theme, int Width, AxeResultItem[] Violations)
{
    /// <summary>Gets how many elements fail a serious or critical rule.</summary>
    public int Serious => Violations.Where(v => AxeAudit.IsSerious(v.Impact)).Sum(v => v.Nodes.Length);

    /// <summary>Gets how many elements fail a moderate or minor rule.</summary>
    public int Other => Violations.Where(v => !AxeAudit.IsSerious(v.Impact)).Sum(v => v.Nodes.Length);
}
