using System.Globalization;
using System.Text;
using BenchRunner;

namespace LoadRunner;

/// <summary>What one run measured besides the ledger: the setup, the clock and each instance's memory.</summary>
internal sealed class RunFigures
{
    public required int HttpAttendees { get; init; }

    public required int Browsers { get; init; }

    public required string Killed { get; init; }

    public required bool Hard { get; init; }

    public required double KillAt { get; init; }

    public int ArrivedWhenGone { get; set; }

    public double HttpSeconds { get; set; }

    public double SecondsToKill { get; set; }

    public int RequestsAtKill { get; set; }

    public double KillSeconds { get; set; }

    /// <summary>RSS in bytes by moment ("idle", "circuits open", …) and instance.</summary>
    public Dictionary<(string Moment, string Instance), double> Rss { get; } = [];

    /// <summary>Live GC heap growth per open circuit in bytes, by moment and instance.</summary>
    public Dictionary<(string Moment, string Instance), double> HeapPerCircuit { get; } = [];

    /// <summary>Open circuits by instance after the walk.</summary>
    public Dictionary<string, int> Circuits { get; } = [];

    public List<HttpAttendee> HttpRun { get; } = [];

    public List<BrowserAttendee> BrowserRun { get; } = [];
}

/// <summary>Prints a run as markdown tables.</summary>
internal static class LoadReport
{
    private static readonly string[] s_names = ["A", "B"];

    public static string Tables(RunFigures run, Ledger ledger)
    {
        var text = new StringBuilder();
        var killedHttp = run.HttpRun.Where(a => a.InstanceAtKill == run.Killed).ToList();
        var otherHttp = run.HttpRun.Where(a => a.InstanceAtKill != run.Killed).ToList();
        var killedBrowsers = run.BrowserRun.Where(b => b.Instance == run.Killed).ToList();
        var otherBrowsers = run.BrowserRun.Where(b => b.Instance != run.Killed).ToList();
        text.AppendLine("| figure | value |").AppendLine("|---|---|");
        Row(text, "attendees at once", $"{run.HttpAttendees} over HTTP + {run.Browsers} Chromium circuits");
        Row(text, "instance killed", $"{run.Killed} ({(run.Hard ? "SIGKILL" : "SIGTERM, graceful")}, took {F(run.KillSeconds)} s) once {run.KillAt:P0} of the HTTP attendees had reached the kill; {run.ArrivedWhenGone} had when it was gone");
        Row(text, "HTTP requests per second until the kill began", $"{F(run.RequestsAtKill / run.SecondsToKill)} ({run.RequestsAtKill} in {F(run.SecondsToKill)} s)");
        Row(text, "HTTP requests per second, whole run", $"{F(ledger.Requests / run.HttpSeconds)} ({ledger.Requests} in {F(run.HttpSeconds)} s, the kill included)");
        Row(text, "errors other than the instance loss", ledger.Errors.Values.Sum().ToString(CultureInfo.InvariantCulture));
        Row(text, "requests lost with the killed instance (each tried again)", ledger.Losses.Values.Sum().ToString(CultureInfo.InvariantCulture));
        Row(text, $"HTTP attendees resumed (on {run.Killed} / on the other)", $"{killedHttp.Count(a => a.Resumed)} of {killedHttp.Count} / {otherHttp.Count(a => a.Resumed)} of {otherHttp.Count}");
        Row(text, $"browser circuits resumed (on {run.Killed} / on the other)", $"{killedBrowsers.Count(b => b.Resumed)} of {killedBrowsers.Count} / {otherBrowsers.Count(b => b.Resumed)} of {otherBrowsers.Count}");
        foreach (var moment in run.Rss.Keys.Select(k => k.Moment).Distinct())
        {
            Row(text, $"RSS, {moment} (A / B)", string.Join(" / ", s_names.Select(i => run.Rss.TryGetValue((moment, i), out var b) ? Mb(b) : "—")));
        }

        foreach (var moment in run.HeapPerCircuit.Keys.Select(k => k.Moment).Distinct())
        {
            Row(text, $"live GC heap per circuit, {moment} (A / B)", string.Join(" / ", s_names.Select(i => run.HeapPerCircuit.TryGetValue((moment, i), out var b) ? Kb(b) : "—")));
        }

        text.AppendLine().AppendLine("| step | done | p50 ms | p95 ms | errors | lost with the instance |").AppendLine("|---|---|---|---|---|---|");
        foreach (var (step, ms) in ledger.Steps)
        {
            var errors = ledger.Errors.Where(e => e.Key.Step == step).Sum(e => e.Value);
            var losses = ledger.Losses.Where(e => e.Key.Step == step).Sum(e => e.Value);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {step} | {ms.Count} | {F0(Stats.Percentile(ms, 0.5))} | {F0(Stats.Percentile(ms, 0.95))} | {errors} | {losses} |");
        }

        Failures(text, "errors (not the instance loss)", ledger.Errors);
        Failures(text, "requests lost with the killed instance", ledger.Losses);
        return text.ToString();
    }

    private static void Failures(StringBuilder text, string title, IReadOnlyDictionary<(string Step, string Kind), int> failures)
    {
        if (failures.Count == 0)
        {
            return;
        }

        text.AppendLine().AppendLine($"| {title}: step | kind | count |").AppendLine("|---|---|---|");
        foreach (var ((step, kind), count) in failures.OrderBy(f => f.Key.Step))
        {
            text.AppendLine($"| {step} | {kind.Replace('|', '/')} | {count} |");
        }
    }

    private static void Row(StringBuilder text, string figure, string value) => text.AppendLine($"| {figure} | {value} |");

    private static string Mb(double bytes) => (bytes / 1024 / 1024).ToString("#,0", CultureInfo.InvariantCulture) + " MB";

    private static string Kb(double bytes) => (bytes / 1024).ToString("#,0", CultureInfo.InvariantCulture) + " KB";

    private static string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string F0(double value) => double.IsNaN(value) ? "—" : value.ToString("#,0", CultureInfo.InvariantCulture);
}
