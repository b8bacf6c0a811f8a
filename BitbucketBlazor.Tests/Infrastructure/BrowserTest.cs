using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace BitbucketBlazor.Tests.Infrastructure;

/// <summary>
/// Base of every browser test: a fresh visitor (browser context) per test, console errors
/// collected, and the checks every page must pass — the Blazor error banner hidden, no secret
/// in the page, no Content-Security-Policy violation.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public abstract class BrowserTest(BrowserFixture fixture) : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];

    /// <summary>Gets the console errors seen in any page of this test.</summary>
    protected List<string> ConsoleErrors { get; } = [];

    /// <summary>Gets the shared fixture.</summary>
    protected BrowserFixture Fixture { get; } = fixture;

    /// <summary>Gets the app's root URL; a test class with an app of its own points this at it.</summary>
    protected virtual Uri RootUri => Fixture.App.RootUri;

    /// <inheritdoc />
    public virtual ValueTask InitializeAsync()
    {
        if (Fixture.SkipReason is not null)
        {
            Assert.Skip(Fixture.SkipReason);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Opens a page as a new visitor (own cookies, own circuit).</summary>
    /// <param name="configure">Changes the browser's settings first, for example its colour scheme. Defaults to none.</param>
    protected async Task<IPage> NewVisitorPageAsync(Action<BrowserNewContextOptions>? configure = null)
    {
        var options = new BrowserNewContextOptions
        {
            BaseURL = RootUri.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Permissions = ["clipboard-read", "clipboard-write"],
        };
        configure?.Invoke(options);
        var context = await Fixture.Browser!.NewContextAsync(options);
        // Generous: CI's two cores are shared with the other test classes running in parallel.
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(30_000);
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                ConsoleErrors.Add(message.Text);
            }
        };
        return page;
    }

    /// <summary>Goes to <paramref name="path"/> and waits until the Blazor circuit is interactive.</summary>
    protected static async Task GotoInteractiveAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await WaitForInteractiveAsync(page);
    }

    /// <summary>Waits for the layout's marker that the circuit is connected and rendering.</summary>
    protected static Task WaitForInteractiveAsync(IPage page) =>
        page.Locator("#app-interactive[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>Asserts what every page must hold: no error banner, no secret in the page, no CSP violation, no missing asset.</summary>
    protected async Task AssertHealthyPageAsync(IPage page, params string[] secrets)
    {
        Assert.False(await page.Locator("#blazor-error-ui").IsVisibleAsync(), "The Blazor error banner is showing: the circuit died.");
        var content = await page.ContentAsync();
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, content, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(ConsoleErrors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        // A missing asset (script, style, icon) is a broken page even when it still looks right.
        Assert.DoesNotContain(ConsoleErrors, e => e.Contains("status of 404", StringComparison.Ordinal));
    }

    /// <summary>Saves a full-page screenshot under the test output's <c>TestResults/screenshots</c>.</summary>
    protected static async Task<string> SaveScreenshotAsync(IPage page, string name)
    {
        var file = Path.Combine(BrowserFixture.ScreenshotFolder, Regex.Replace(name, "[^A-Za-z0-9_-]", "-") + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        return file;
    }

    /// <inheritdoc />
    public virtual async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
