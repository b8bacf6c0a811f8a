using System.Diagnostics;
using BenchRunner;
using Microsoft.Playwright;

namespace LoadRunner;

/// <summary>
/// One attendee in real Chromium (its own browser context, its own circuit): the whole
/// client-credentials walkthrough through the load balancer; after the kill, the page must be
/// back, on the surviving instance if its own died, at the same step with the same token and the
/// same history, with no error banner, and must send the API request again.
/// </summary>
internal sealed class BrowserAttendee(Ledger ledger)
{
    private const string Prefix = "browser: ";
    private IPage? _page;
    private string _bearer = "";
    private string _history = "";

    /// <summary>Gets the instance (A or B) serving this page before the kill, from HAProxy's SRV cookie.</summary>
    public string? Instance { get; private set; }

    /// <summary>Gets whether the page came back whole after the kill.</summary>
    public bool Resumed { get; private set; }

    /// <summary>Opens the walkthrough's page in a context of its own and waits until its circuit is up.</summary>
    public async Task OpenAsync(IBrowser browser, Uri root)
    {
        try
        {
            var clock = Stopwatch.StartNew();
            _page = await Pages.OpenAsync(browser, root, Subject.App("").StartPath);
            ledger.Sample(Prefix + "open until interactive", clock.Elapsed.TotalMilliseconds);
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            ledger.Error(Prefix + "open", Short(e));
        }
    }

    /// <summary>Walks the open page: Use this consumer, Send token request, Call the API, Send API request.</summary>
    public async Task WalkAsync()
    {
        if (_page is null)
        {
            return;
        }

        try
        {
            foreach (var step in Subject.App("").Steps)
            {
                ledger.Sample(Prefix + step.Name, await Pages.ClickAsync(_page, step));
            }

            Instance = await ServingInstanceAsync(_page);
            _bearer = await MaskedBearerAsync(_page);
            _history = await HistoryAsync(_page);
            await _page.EvaluateAsync("() => window.beforeTheKill = true");
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException)
        {
            ledger.Error(Prefix + "walkthrough", Short(e));
        }
    }

    /// <summary>After the kill: waits for the page to be back and checks it is the same walkthrough.</summary>
    public async Task ResumeAsync(string killed)
    {
        if (_page is null || Instance is null)
        {
            return;
        }

        const string step = Prefix + "after the kill";
        try
        {
            var clock = Stopwatch.StartNew();
            if (Instance == killed)
            {
                // Blazor loses its socket, cannot resume the circuit on the dead instance and reloads;
                // only a reloaded document lacks the marker, so the old page cannot pass for it.
                await _page.WaitForFunctionAsync("() => window.beforeTheKill === undefined", null, new() { Timeout = 180_000 });
                await Pages.WaitInteractiveAsync(_page);
                ledger.Sample(Prefix + "back after the kill (from its end to interactive)", clock.Elapsed.TotalMilliseconds);
            }

            await _page.GetByTestId("send-api-request").WaitForAsync();
            var now = await ServingInstanceAsync(_page);
            Check(now != killed, $"still pinned to the killed instance {killed}");
            Check(await HistoryAsync(_page) == _history, "a different history");
            var count = await _page.GetByTestId("history-panel").InnerTextAsync();
            clock.Restart();
            await _page.GetByTestId("send-api-request").ClickAsync();
            // The history grows by the new exchange once its answer is rendered.
            await _page.WaitForFunctionAsync(
                "before => document.querySelector('[data-testid=history-panel]').textContent.trim() !== before.trim()", count);
            await _page.GetByTestId("api-exchange-status").Filter(new() { HasText = "200" }).WaitForAsync();
            ledger.Sample(Prefix + "Send API request again after the kill", clock.Elapsed.TotalMilliseconds);
            Check(await MaskedBearerAsync(_page) == _bearer, "a different token");
            Check(!await _page.Locator("#blazor-error-ui").IsVisibleAsync(), "the Blazor error banner");
            Resumed = true;
        }
        catch (Exception e) when (e is PlaywrightException or TimeoutException or InvalidOperationException)
        {
            ledger.Error(step, Short(e));
        }
    }

    /// <summary>Closes the attendee's browser context.</summary>
    public async Task CloseAsync()
    {
        if (_page is not null)
        {
            await _page.Context.CloseAsync();
        }
    }

    private static void Check(bool condition, string problem)
    {
        if (!condition)
        {
            throw new InvalidOperationException(problem);
        }
    }

    private static string Short(Exception e) => e.Message.Split('\n')[0].Trim();

    private static async Task<string> HistoryAsync(IPage page) => await page.GetByTestId("history-panel").InnerTextAsync();

    // The masked Authorization header of the API request shown: the same token shows the same prefix.
    private static async Task<string> MaskedBearerAsync(IPage page) =>
        (await page.GetByTestId("api-exchange-request").InnerTextAsync()).Split('\n')
            .Single(line => line.StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase)).Trim();

    private static async Task<string?> ServingInstanceAsync(IPage page) =>
        (await page.Context.CookiesAsync()).SingleOrDefault(c => c.Name == "SRV")?.Value.ToUpperInvariant();
}
