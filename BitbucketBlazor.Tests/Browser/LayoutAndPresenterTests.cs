using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Components.Layout;
using BitbucketBlazor.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BitbucketBlazor.Tests.Browser;

/// <summary>The layout never clips, presenter mode works by keyboard alone, and the browser's motion and colour settings are honoured.</summary>
public sealed class LayoutAndPresenterTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static readonly int[] s_widths = [320, 375, 600, 768, 960, 1024, 1280, 1440, 1920];

    // Every element of every step strip, measured against the strip's own box: none may stick out.
    private const string StepperOverflowScript = """
        () => {
            const problems = [];
            for (const nav of document.querySelectorAll('.mud-stepper-nav')) {
                const box = nav.getBoundingClientRect();
                if (nav.scrollWidth > nav.clientWidth + 1) {
                    problems.push(`strip scrolls: ${nav.scrollWidth} px of content in ${nav.clientWidth} px`);
                }
                const main = document.querySelector('.mud-main-content').getBoundingClientRect();
                if (box.right > Math.min(main.right, window.innerWidth) + 1) {
                    problems.push(`strip ends at ${Math.round(box.right)} px, past the content's ${Math.round(main.right)} px`);
                }
                for (const element of nav.querySelectorAll('*')) {
                    const r = element.getBoundingClientRect();
                    if (r.width > 0 && (r.right > box.right + 1 || r.left < box.left - 1)) {
                        problems.push(`${element.className || element.tagName} spans ${Math.round(r.left)}-${Math.round(r.right)} px, outside ${Math.round(box.left)}-${Math.round(box.right)} px`);
                    }
                }
            }
            return problems.slice(0, 5).join('; ');
        }
        """;

    [Fact]
    public async Task TheStepStripsFitOrWrapAtEveryWidthWithTheMenuOpenOrClosed()
    {
        var page = await NewVisitorPageAsync();
        var problems = new List<string>();
        foreach (var path in new[] { "/authorization-code", "/client-credentials" })
        {
            await GotoInteractiveAsync(page, path);
            foreach (var width in s_widths)
            {
                await page.SetViewportSizeAsync(width, 900);
                // A responsive drawer opens or closes itself when the width crosses a breakpoint; let it.
                await page.WaitForTimeoutAsync(500);
                foreach (var menuOpen in new[] { true, false })
                {
                    await SetMenuAsync(page, menuOpen);
                    var problem = await page.EvaluateAsync<string>(StepperOverflowScript);
                    if (problem.Length > 0)
                    {
                        problems.Add($"{path} at {width} px, menu {(menuOpen ? "open" : "closed")}: {problem}");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        await AssertHealthyPageAsync(page);
    }

    [Fact]
    public async Task OnANarrowWindowTheMenuStartsClosedCoversThePageWhenOpenedAndFollowsTheBreakpoint()
    {
        var page = await NewVisitorPageAsync();
        await page.SetViewportSizeAsync(600, 900);
        await GotoInteractiveAsync(page, "/client-credentials");
        await WaitForPreferencesAsync(page);
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" });
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" });
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(menu).Not.ToBeInViewportAsync();

        await toggle.ClickAsync();
        await Expect(menu).ToBeInViewportAsync();
        var backdrop = page.Locator(".mud-drawer-overlay");
        await Expect(backdrop).ToBeVisibleAsync();
        await backdrop.ClickAsync(new() { Position = new() { X = 500, Y = 400 } });
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(menu).Not.ToBeInViewportAsync();

        // Widening past the breakpoint opens the menu beside the page, with no backdrop; narrowing again closes it.
        await page.SetViewportSizeAsync(1280, 900);
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(menu).ToBeInViewportAsync();
        await Expect(backdrop).Not.ToBeVisibleAsync();
        await page.SetViewportSizeAsync(600, 900);
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await AssertHealthyPageAsync(page);
    }

    [Fact]
    public async Task InPresenterModeTheKeyboardShortcutsAloneDriveAWholeClientCredentialsWalkthrough()
    {
        var page = await NewVisitorPageAsync();
        await GotoInteractiveAsync(page, "/client-credentials");
        await page.GetByTestId("presenter-toggle").ClickAsync();
        await Expect(page.GetByTestId("presenter-toggle")).ToHaveAttributeAsync("aria-pressed", "true");

        // Remembered per browser: a reload comes back in presenter mode, menu folded, type larger.
        await GotoInteractiveAsync(page, "/client-credentials");
        await WaitForPreferencesAsync(page);
        await Expect(page.GetByTestId("presenter-legend")).ToContainTextAsync("next step");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" })).ToHaveAttributeAsync("aria-expanded", "false");
        Assert.Equal("20px", await page.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).fontSize"));
        await page.Locator("h1").ClickAsync(); // focus on the page, as a presenter's first click would leave it

        await page.Keyboard.PressAsync("s");
        await Expect(page.GetByTestId("token-request-preview")).ToContainTextAsync("grant_type=client_credentials");
        await page.Keyboard.PressAsync("s");
        await Expect(page.GetByTestId("token-exchange-status")).ToContainTextAsync("200");
        await Expect(page.GetByTestId("access-token")).ToHaveAttributeAsync("data-revealed", "false");
        await Expect(page.GetByTestId("reveal-token")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("presenter-dock").GetByTestId("expire-token")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("token-inspector").GetByTestId("expire-token")).ToHaveCountAsync(0);

        await page.Keyboard.PressAsync("n");
        await Expect(page.GetByTestId("send-api-request")).ToBeVisibleAsync(); // a presenter, too, waits to see the step
        await page.Keyboard.PressAsync("s");
        await Expect(page.GetByTestId("api-exchange-status")).ToContainTextAsync("200");
        await Expect(page.GetByTestId("repo-name")).ToHaveCountAsync(10);
        await page.Keyboard.PressAsync("n");
        await Expect(page.GetByTestId("send-refresh")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("s");
        await Expect(page.GetByTestId("refresh-exchange-status")).ToContainTextAsync("200");
        await SaveScreenshotAsync(page, "presenter-mode-refresh");

        await page.Keyboard.PressAsync("p");
        await Expect(page.GetByTestId("send-api-request")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("flow-message-3")).ToHaveAttributeAsync("data-active", "true");
        await AssertHealthyPageAsync(page, DemoConsumers.Private.Secret);
    }

    [Fact]
    public async Task AFirstVisitFollowsTheBrowsersColourSchemeAndWithReducedMotionTheCountdownAndDiagramStillMove()
    {
        var page = await NewVisitorPageAsync(o =>
        {
            o.ColorScheme = ColorScheme.Dark;
            o.ReducedMotion = ReducedMotion.Reduce;
        });
        await GotoInteractiveAsync(page, "/client-credentials");
        await Expect(page.GetByTestId("theme-toggle")).ToHaveAttributeAsync("data-dark", "true");
        Assert.Equal(Rgba(AppTheme.Theme.PaletteDark.Primary), await PrimaryColourAsync(page));

        await page.GetByTestId("choose-sandbox-private-key").ClickAsync();
        await Expect(page.GetByTestId("flow-message-1")).ToHaveAttributeAsync("data-active", "true");
        await page.GetByTestId("send-token-request").ClickAsync();
        await Expect(page.GetByTestId("flow-message-2")).ToHaveAttributeAsync("data-active", "true");
        var start = int.Parse((await page.GetByTestId("token-countdown").GetAttributeAsync("data-remaining-seconds"))!, System.Globalization.CultureInfo.InvariantCulture);
        await Expect(page.GetByTestId("token-countdown")).Not.ToHaveAttributeAsync("data-remaining-seconds", start.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var transition = await page.GetByTestId("go-to-api").EvaluateAsync<string>("e => getComputedStyle(e).transitionDuration");
        Assert.All(transition.Split(','), d => Assert.True(double.Parse(d.Trim().TrimEnd('s'), System.Globalization.CultureInfo.InvariantCulture) < 0.01, $"transition-duration {transition}"));

        // The visitor's own choice then wins over the browser's scheme, on this and later visits.
        await page.GetByTestId("theme-toggle").ClickAsync();
        await Expect(page.GetByTestId("theme-toggle")).ToHaveAttributeAsync("data-dark", "false");
        await Expect(page.Locator("html")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex(ThemeStylesheet.DarkClass));
        Assert.Equal(Rgba(AppTheme.Theme.PaletteLight.Primary), await PrimaryColourAsync(page));
        await GotoInteractiveAsync(page, "/");
        await WaitForPreferencesAsync(page);
        await Expect(page.GetByTestId("theme-toggle")).ToHaveAttributeAsync("data-dark", "false");
        await AssertHealthyPageAsync(page, DemoConsumers.Private.Secret);
    }

    // The palette the page really uses: theme.css's variables under the class the theme scripts set.
    private static async Task<string> PrimaryColourAsync(IPage page) =>
        (await page.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).getPropertyValue('--mud-palette-primary')")).Trim();

    private static string Rgba(MudBlazor.Utilities.MudColor color) => color.ToString(MudBlazor.Utilities.MudColorOutputFormats.RGBA);

    // The saved theme and presenter mode apply once the layout's script has read them.
    private static Task WaitForPreferencesAsync(IPage page) =>
        page.Locator("#app-interactive[data-preferences='applied']").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    private static async Task SetMenuAsync(IPage page, bool open)
    {
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" });
        if (await toggle.GetAttributeAsync("aria-expanded") != (open ? "true" : "false"))
        {
            // On a phone the open menu's backdrop covers the app bar; the event goes to the button itself.
            await toggle.DispatchEventAsync("click");
            await Expect(toggle).ToHaveAttributeAsync("aria-expanded", open ? "true" : "false");
        }

        // The drawer slides; measure once it has settled.
        await page.WaitForTimeoutAsync(350);
    }
}
