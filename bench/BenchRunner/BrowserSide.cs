using Microsoft.Playwright;

namespace BenchRunner;

/// <summary>What a step costs the browser itself, one page at a time, away from the crowd.</summary>
internal static class BrowserSide
{
    /// <summary>
    /// The page's main-thread task time per step (Chromium's own <c>Performance.getMetrics</c> TaskDuration: script,
    /// style, layout, paint, parsing) from the click until a quarter of a second after the step is done, one fresh
    /// page per round. Steadier than the crowd's latency, which mixes every page.
    /// </summary>
    /// <returns>Per step, one figure per round, in milliseconds.</returns>
    public static async Task<List<List<double>>> MainThreadPerStepAsync(IBrowser browser, Uri root, Subject subject, int rounds)
    {
        var perStep = subject.Steps.Select(_ => new List<double>()).ToList();
        for (var round = 0; round < rounds; round++)
        {
            var page = await Pages.OpenAsync(browser, root, subject.StartPath);
            var metrics = await page.Context.NewCDPSessionAsync(page);
            await metrics.SendAsync("Performance.enable");
            await Task.Delay(300);
            for (var step = 0; step < subject.Steps.Count; step++)
            {
                var before = await TaskDurationMsAsync(metrics);
                await Pages.ClickAsync(page, subject.Steps[step]);
                await Task.Delay(250);
                perStep[step].Add(await TaskDurationMsAsync(metrics) - before);
            }

            await page.Context.CloseAsync();
        }

        return perStep;
    }

    private static async Task<double> TaskDurationMsAsync(ICDPSession metrics)
    {
        var answer = await metrics.SendAsync("Performance.getMetrics");
        foreach (var metric in answer!.Value.GetProperty("metrics").EnumerateArray())
        {
            if (metric.GetProperty("name").GetString() == "TaskDuration")
            {
                return metric.GetProperty("value").GetDouble() * 1000;
            }
        }

        throw new InvalidOperationException("Chromium's Performance.getMetrics gave no TaskDuration.");
    }
}
