using System.Text.Json;
using Microsoft.Playwright;

namespace BenchRunner;

/// <summary>
/// A Chromium performance trace over the DevTools protocol (what the Performance panel records), written as a
/// trace-event JSON file that <c>bench/trace-summary.py</c> reads and chrome://tracing or Perfetto open.
/// </summary>
internal sealed class BrowserTrace
{
    private const string Categories = "devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink,toplevel";

    private readonly ICDPSession _session;
    private readonly List<JsonElement> _events = [];
    private readonly TaskCompletionSource _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private BrowserTrace(ICDPSession session)
    {
        _session = session;
        _session.Event("Tracing.dataCollected").OnEvent += (_, e) =>
        {
            if (e is { } data && data.TryGetProperty("value", out var value))
            {
                lock (_events)
                {
                    _events.AddRange(value.EnumerateArray().Select(v => v.Clone()));
                }
            }
        };
        _session.Event("Tracing.tracingComplete").OnEvent += (_, _) => _complete.TrySetResult();
    }

    /// <summary>Starts tracing every page of <paramref name="browser"/>.</summary>
    public static async Task<BrowserTrace> StartAsync(IBrowser browser)
    {
        var trace = new BrowserTrace(await browser.NewBrowserCDPSessionAsync());
        await trace._session.SendAsync("Tracing.start", new() { ["categories"] = Categories, ["transferMode"] = "ReportEvents" });
        return trace;
    }

    /// <summary>Ends the trace and writes it to <paramref name="path"/>.</summary>
    public async Task StopAsync(string path)
    {
        await _session.SendAsync("Tracing.end");
        await _complete.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, new { traceEvents = _events });
        await _session.DetachAsync();
    }
}
