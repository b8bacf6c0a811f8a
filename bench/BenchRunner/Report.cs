using System.Globalization;
using System.Text;

namespace BenchRunner;

/// <summary>Prints the side-by-side table in the shape.</summary>
internal static class Report
{
    public static string Table(Results template, Results app)
    {
        var counts = string.Join(" / ", app.HeapPerCircuit.Keys);
        var builder = new StringBuilder();
        builder.AppendLine("| figure | MudBlazor template page | this app | budget |");
        builder.AppendLine("|---|---|---|---|");
        Row(builder, $"live GC heap per open walkthrough circuit (after a full GC, {counts} circuits)",
            Heap(template), Heap(app), "≤ 500 KB");
        Row(builder, "first load, bytes on the wire (Chromium, br / no compression)",
            $"{Kb(template.FirstLoadBytes)} / {Kb(template.FirstLoadUncompressedBytes)}", $"{Kb(app.FirstLoadBytes)} / {Kb(app.FirstLoadUncompressedBytes)}", "≤ 150 KB (br)");
        Row(builder, "first load, WebSocket payload until interactive", Kb(template.FirstLoadSocketBytes), Kb(app.FirstLoadSocketBytes), "—");
        Row(builder, $"server CPU per step, {app.PagesAtOnce} pages stepping at once",
            $"{F(PerClick(template, s => s.CpuMsPerPage))} ms per click", string.Join(" / ", app.Steps.Select(s => F(s.CpuMsPerPage))) + " ms",
            $"≤ 2 ms beyond curl's request ({F(app.CurlTokenCpuMs)} ms token, {F(app.CurlApiCpuMs)} ms API)");
        Row(builder, $"browser CPU per step (all Chromium processes), {app.PagesAtOnce} pages stepping at once, per page",
            $"{F(PerClick(template, s => s.BrowserCpuMsPerPage))} ms per click", string.Join(" / ", app.Steps.Select(s => F(s.BrowserCpuMsPerPage))) + " ms", "—");
        Row(builder, $"each step seen by each of {app.PagesAtOnce} pages clicking together, p50 (p95)",
            $"{F0(PerClick(template, s => s.P50))} ({F0(PerClick(template, s => s.P95))}) ms per click",
            string.Join(" / ", app.Steps.Select(s => $"{F0(s.P50)} ({F0(s.P95)})")) + " ms", "≤ 300 (500) ms");
        Row(builder, $"the same clicks handled on the server, p50 (p95) (Blazor's handle_event.duration: dispatch to the handler's end)",
            $"{F(PerClick(template, s => s.ServerP50))} ({F(PerClick(template, s => s.ServerP95))}) ms per click",
            string.Join(" / ", app.Steps.Select(s => $"{F(s.ServerP50)} ({F(s.ServerP95)})")) + " ms", "—");
        Row(builder, $"the API request {app.PagesAtOnce} at once from one HttpClient, no pages stepping, p50 (p95)", "—",
            $"{F(Stats.Percentile(app.ApiTogetherMs, 0.5))} ({F(Stats.Percentile(app.ApiTogetherMs, 0.95))}) ms", "—");
        var open = app.HeapPerCircuit.Keys.LastOrDefault() + 1;
        Row(builder, $"server CPU with {open} circuits open and nobody clicking, per second", $"{F(template.IdleCpuMsPerSecond)} ms",
            $"{F(app.IdleCpuMsPerSecond)} ms", "—");
        var solo = Stats.Median(app.SoloTokenStepMs);
        var curl = Stats.Median(app.CurlTokenMs);
        Row(builder, "app overhead of the token step over the same request by curl (medians, one at a time)", "—",
            $"{F(solo - curl)} ms ({F(solo)} vs {F(curl)})", "≤ 5 ms");
        Row(builder, "the token click handled on the server alone vs curl's request (medians; handle_event.duration)", "—",
            $"{F(Stats.Median(app.SoloTokenServerMs) - curl)} ms ({F(Stats.Median(app.SoloTokenServerMs))} vs {F(curl)})", "—");
        Row(builder, "the first step alone, click to answer in the DOM (median; no request behind it)",
            $"{F(Stats.Median(template.SoloFirstStepMs))} ms", $"{F(Stats.Median(app.SoloFirstStepMs))} ms", "—");
        Row(builder, "the page's main thread per step, one page alone (Chromium's TaskDuration, median)",
            $"{F(MainThread(template))} ms per click", string.Join(" / ", app.MainThreadMsPerStep.Select(s => F(Stats.Median(s)))) + " ms", "—");
        Row(builder, "WebSocket payload per step (median per page)",
            $"{Kb(PerClick(template, s => s.MedianBytes))} per click", string.Join(" / ", app.Steps.Select(s => Kb(s.MedianBytes))), "—");
        Row(builder, "pieces of markup the page parses per step (median per page)",
            $"{F(PerClick(template, s => s.MedianMarkupPieces))} per click", string.Join(" / ", app.Steps.Select(s => F0(s.MedianMarkupPieces))), "—");
        Row(builder, "render batch sent for one \"Send API request\"", "—", Kb(app.Steps[^1].MedianBytes), "≤ 50 KB");
        var coldTemplate = Stats.Median(template.ColdStartsMs);
        var coldApp = Stats.Median(app.ColdStartsMs);
        Row(builder, $"cold start, spawn → first 200 on the start page (median of {app.ColdStartsMs.Count})",
            $"{F0(coldTemplate)} ms", $"{F0(coldApp)} ms ({F(coldApp / coldTemplate)}×)", "≤ 1.15× the template");
        return builder.ToString();
    }

    private static void Row(StringBuilder builder, string figure, string template, string app, string budget) =>
        builder.AppendLine(CultureInfo.InvariantCulture, $"| {figure} | {template} | {app} | {budget} |");

    // NaN when the subject was not run (--app-only), like the medians of empty lists.
    private static double PerClick(Results results, Func<StepResult, double> figure) =>
        results.Steps.Count == 0 ? double.NaN : results.Steps.Average(figure);

    private static double MainThread(Results results) =>
        results.MainThreadMsPerStep.Count == 0 ? double.NaN : results.MainThreadMsPerStep.Average(Stats.Median);

    private static string Heap(Results results) => string.Join(" / ", results.HeapPerCircuit.Values.Select(Kb));

    private static string Kb(double bytes) => (bytes / 1024).ToString("#,0.0", CultureInfo.InvariantCulture) + " KB";

    private static string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string F0(double value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
