namespace BenchRunner;

/// <summary>What one subject measured.</summary>
internal sealed class Results(Subject subject)
{
    public Subject Subject { get; } = subject;

    public List<double> ColdStartsMs { get; } = [];

    public double FirstLoadBytes { get; set; }

    public double FirstLoadUncompressedBytes { get; set; }

    public double FirstLoadSocketBytes { get; set; }

    /// <summary>Live heap per circuit (bytes) after a forced full GC, by circuit count.</summary>
    public SortedDictionary<int, double> HeapPerCircuit { get; } = [];

    public int PagesAtOnce { get; set; }

    /// <summary>Per step (in walk order): server CPU per page, latencies seen in the pages, WebSocket bytes per page.</summary>
    public List<StepResult> Steps { get; } = [];

    public List<double> SoloTokenStepMs { get; } = [];

    /// <summary>The first step clicked alone in a fresh page (no request behind it): what one click costs at the least.</summary>
    public List<double> SoloFirstStepMs { get; } = [];

    /// <summary>The solo token click as the server handled it (Blazor's handle_event.duration), one per round.</summary>
    public List<double> SoloTokenServerMs { get; } = [];

    public List<double> CurlTokenMs { get; } = [];

    public double CurlTokenCpuMs { get; set; }

    public double CurlApiCpuMs { get; set; }

    /// <summary>The API request sent as many times at once as the last phase has pages, from one HttpClient with no page stepping (three rounds).</summary>
    public List<double> ApiTogetherMs { get; } = [];

    /// <summary>Server CPU per second (ms) while every walked circuit sits open and nobody clicks.</summary>
    public double IdleCpuMsPerSecond { get; set; }

    /// <summary>Per step, the page's main-thread task time in each solo round (CDP Performance.getMetrics TaskDuration).</summary>
    public List<List<double>> MainThreadMsPerStep { get; } = [];
}

/// <summary>
/// One step clicked by many pages at once (markup pieces: innerHTML sets in the page, one per markup frame; browser CPU:
/// every Chromium process, per page, including the half second after the last answer that the server's figure waits too).
/// </summary>
internal sealed record StepResult(string Name, double CpuMsPerPage, double BrowserCpuMsPerPage, IReadOnlyList<double> LatenciesMs, IReadOnlyList<double> ServerEventMs, IReadOnlyList<double> SocketBytes, IReadOnlyList<double> MarkupPieces)
{
    public double MedianMarkupPieces => Stats.Percentile(MarkupPieces, 0.50);

    public double P50 => Stats.Percentile(LatenciesMs, 0.50);

    public double P95 => Stats.Percentile(LatenciesMs, 0.95);

    public double ServerP50 => Stats.Percentile(ServerEventMs, 0.50);

    public double ServerP95 => Stats.Percentile(ServerEventMs, 0.95);

    public double MedianBytes => Stats.Percentile(SocketBytes, 0.50);
}

/// <summary>Order statistics.</summary>
internal static class Stats
{
    public static double Percentile(IReadOnlyList<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public static double Median(IReadOnlyList<double> values) => Percentile(values, 0.5);
}
