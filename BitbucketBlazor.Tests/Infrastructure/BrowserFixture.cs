using Microsoft.Playwright;

namespace BitbucketBlazor.Tests.Infrastructure;

/// <summary>
/// One real Chromium and one app on real Kestrel (sandbox mode), shared by the browser tests.
/// Each test opens its own browser context: a separate visitor with its own cookies and circuit.
/// </summary>
/// <remarks>
/// The browser is found in this order: <c>CHROMIUM_PATH</c>, <c>/usr/bin/chromium</c>, then
/// Playwright's own install. Without one the browser tests skip with a message saying how to get
/// one — unless <c>BITBUCKETBLAZOR_REQUIRE_BROWSER=1</c> (set by <c>.ci/run</c>), where a missing
/// browser is a failure.
/// </remarks>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>The variable that turns a missing browser into a failure.</summary>
    public const string RequireBrowserVariable = "BITBUCKETBLAZOR_REQUIRE_BROWSER";

    // Without these, Chromium reaches for Google's services at start and, on a closed network,
    // stalls or floods the log; none of them matter to a test.
    private static readonly string[] s_chromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    private IPlaywright? _playwright;

    /// <summary>Gets the app under test.</summary>
    public AppFixture App { get; } = new();

    /// <summary>Gets the browser, or null when none was found (see <see cref="SkipReason"/>).</summary>
    public IBrowser? Browser { get; private set; }

    /// <summary>Gets why the browser tests skip, or null when a browser is running.</summary>
    public string? SkipReason { get; private set; }

    /// <summary>Gets the folder screenshots are saved in.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        await App.InitializeAsync();
        Directory.CreateDirectory(ScreenshotFolder);
        // Playwright's expectations give up after 5 s by default; on CI's two busy cores a
        // circuit round trip can take longer, and a slow pass is still a pass.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();

        var candidates = new[] { Environment.GetEnvironmentVariable("CHROMIUM_PATH"), "/usr/bin/chromium" }
            .Where(p => !string.IsNullOrWhiteSpace(p) && File.Exists(p))
            .Cast<string?>()
            .Append(null); // null: Playwright's own downloaded browser, if `playwright install` was run.

        var failures = new List<string>();
        foreach (var executable in candidates)
        {
            try
            {
                Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
                {
                    ExecutablePath = executable,
                    Headless = true,
                    Args = s_chromiumArgs,
                });
                return;
            }
            catch (PlaywrightException ex)
            {
                failures.Add($"{executable ?? "Playwright's bundled Chromium"}: {ex.Message.Split('\n')[0]}");
            }
        }

        SkipReason =
            "No Chromium found for the browser tests (" + string.Join("; ", failures) + "). " +
            "Install one with 'apt-get install chromium' (Debian/Ubuntu), point CHROMIUM_PATH at a Chromium binary, " +
            "or run 'pwsh BitbucketBlazor.Tests/bin/Debug/net10.0/playwright.ps1 install chromium'.";
        if (Environment.GetEnvironmentVariable(RequireBrowserVariable) == "1")
        {
            throw new InvalidOperationException(SkipReason);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>The browser tests share one Chromium and one app, and run one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserTestGroup : ICollectionFixture<BrowserFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Browser";
}
