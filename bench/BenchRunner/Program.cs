using System.Diagnostics;
using System.Globalization;
using BenchRunner;
using Microsoft.Playwright;

// Usage: BenchRunner OUTDIR [--quick] [--circuits A,B] [--cold N] [--solo N] [--warm N] [--only heap] [--gcdump DIR] [--app-only] [--pause-before-steps S] [--timeline] [--trace FILE]
//   --only heap: no cold starts, first loads or solo token step: the heap (and the walk's bytes), which machine load does not skew.
//   --gcdump DIR: also writes a dotnet-gcdump of each server after its base walk and after each phase (compare N with N+10);
//     with BENCH_FULLDUMP=1 also a heap dump (dotnet-dump) beside each, for `dumpheap -stat -live` and `dumpheap -strings`.
//   Phase A walks A pages together, phase B another B pages together (CPU and latency are read in
//   phase B); the heap per circuit is read after each phase, at A and A+B open circuits.
var outDir = Path.GetFullPath(args.Length > 0 ? args[0] : "bench/out");
var quick = args.Contains("--quick");
var circuits = Option("--circuits", quick ? "5,15" : "20,60").Split(',').Select(int.Parse).ToArray();
var heapOnly = Option("--only", "") == "heap";
var gcdumpDir = Option("--gcdump", "");
var coldRounds = heapOnly ? 0 : int.Parse(Option("--cold", quick ? "3" : "5"), CultureInfo.InvariantCulture);
var soloRounds = int.Parse(Option("--solo", quick ? "5" : "10"), CultureInfo.InvariantCulture);
var hook = Path.Combine(outDir, "hook", "HeapHook.dll");
// --pause-before-steps S: wait S seconds before each step of the last phase, time to attach a profiler (perf, dotnet-trace) to one step.
// --timeline: print the WebSocket messages of the last solo token step, timed from the click.
var timeline = args.Contains("--timeline");
// --trace FILE: a Chromium performance trace of the last solo token step (bench/trace-summary.py FILE says where the browser's time went).
var traceFile = Option("--trace", "");
// --warm N: N walks (six pages at a time, closed after each) on each server before the solo steps, so those time a server whose
// code has tiered up, as a hosted one serving a room has; without it they time a server that has served one walk. The
// warm-up's circuits stay in memory for a while once closed: read the heap rows from a run without it.
var warmWalks = int.Parse(Option("--warm", "0"), CultureInfo.InvariantCulture);
var pauseBeforeSteps = TimeSpan.FromSeconds(double.Parse(Option("--pause-before-steps", "0"), CultureInfo.InvariantCulture));

var template = new Results(Subject.Template(outDir));
var app = new Results(Subject.App(outDir));
// --app-only: the app alone, for quick comparisons while changing it (the table shows no template figures).
Results[] both = args.Contains("--app-only") ? [app] : [template, app];

Log($"cold start: {coldRounds} rounds, interleaved");
for (var round = 0; round < coldRounds; round++)
{
    foreach (var results in both)
    {
        var (server, ms) = await ServerProcess.StartAsync(results.Subject.Executable, hook, results.Subject.StartPath);
        results.ColdStartsMs.Add(ms);
        await server.DisposeAsync();
    }
}

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
    Headless = true,
    Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
        // Many pages at once: none of them may be throttled as a background tab.
        "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
    ],
});

var servers = new Dictionary<Results, ServerProcess>();
var pages = both.ToDictionary(r => r, _ => new List<IPage>());
var baseHeap = new Dictionary<Results, long>();
try
{
    foreach (var results in both)
    {
        servers[results] = (await ServerProcess.StartAsync(results.Subject.Executable, hook, results.Subject.StartPath)).Server;
    }

    foreach (var results in both)
    {
        Log($"{results.Subject.Name}: first load");
        var server = servers[results];
        if (!heapOnly)
        {
            (results.FirstLoadBytes, results.FirstLoadSocketBytes) = await Pages.FirstLoadAsync(browser, server.Root, results.Subject.StartPath, compressed: true);
            (results.FirstLoadUncompressedBytes, _) = await Pages.FirstLoadAsync(browser, server.Root, results.Subject.StartPath, compressed: false);
        }

        // One walked circuit stays open through the run: the heap is counted from here, after everything lazy is loaded.
        await WalkAsync(results, 1, record: false);
        baseHeap[results] = await server.LiveHeapBytesAsync();
        GcDump(results, 1);
    }

    // The token step alone is timed before the walks, while each server holds one idle circuit: with the
    // walked pages still open, Chromium and both servers are busy and the "alone" figure is not alone.
    if (!heapOnly)
    {
        foreach (var results in both)
        {
            await WarmAsync(results, servers[results]);
        }

        foreach (var results in both)
        {
            Log($"{results.Subject.Name}: the first step alone");
            await MeasureSoloFirstStepAsync(results, servers[results]);
        }

        foreach (var results in both)
        {
            Log($"{results.Subject.Name}: the page's main thread per step, one page alone");
            results.MainThreadMsPerStep.AddRange(await BrowserSide.MainThreadPerStepAsync(browser, servers[results].Root, results.Subject, soloRounds));
        }

        Log("app: the token step alone, then the same request by curl");
        await MeasureSoloAsync(app, servers[app]);
    }

    var total = 0;
    foreach (var (count, phase) in circuits.Select((c, i) => (c, i)))
    {
        total += count;
        foreach (var results in both)
        {
            Log($"{results.Subject.Name}: {count} pages walk together (uptime: {Uptime()})");
            await WalkAsync(results, count, record: phase == circuits.Length - 1);
            var heap = await servers[results].LiveHeapBytesAsync();
            results.HeapPerCircuit[total] = (double)(heap - baseHeap[results]) / total;
            GcDump(results, 1 + total);
        }
    }

    // What the open circuits cost with nobody clicking (timers, keep-alives): it is paid during every step too.
    const int idleSeconds = 5;
    foreach (var results in both)
    {
        var cpuBefore = servers[results].CpuMs();
        await Task.Delay(TimeSpan.FromSeconds(idleSeconds));
        results.IdleCpuMsPerSecond = (servers[results].CpuMs() - cpuBefore) / idleSeconds;
    }

}
finally
{
    foreach (var server in servers.Values)
    {
        await server.DisposeAsync();
    }
}

Console.WriteLine();
Console.WriteLine($"Machine load at the end: {Uptime()}; {Environment.ProcessorCount} cores.");
Console.WriteLine();
Console.WriteLine(Report.Table(template, app));
return 0;

async Task WalkAsync(Results results, int count, bool record)
{
    var server = servers[results];
    var opened = new List<IPage>();
    // Opened a few at a time: the measured thing is the stepping, not a stampede of page loads.
    foreach (var chunk in Enumerable.Range(0, count).Chunk(4))
    {
        opened.AddRange(await Task.WhenAll(chunk.Select(_ => Pages.OpenAsync(browser, server.Root, results.Subject.StartPath))));
    }

    pages[results].AddRange(opened);
    await Task.Delay(1000);
    foreach (var step in results.Subject.Steps)
    {
        if (record && pauseBeforeSteps > TimeSpan.Zero)
        {
            Log($"{results.Subject.Name}: {pauseBeforeSteps.TotalSeconds} s before \"{step.Name}\"");
            await Task.Delay(pauseBeforeSteps);
        }

        Log($"{results.Subject.Name}: {count} pages click \"{step.Name}\"");
        await server.EventDurationsMsAsync();
        var cpuBefore = server.CpuMs();
        var browserBefore = BrowserCpu.Snapshot();
        var latencies = await Task.WhenAll(opened.Select(p => Pages.ClickAsync(p, step)));
        // Let the last acknowledgements and disposals land before reading the CPU and the bytes.
        await Task.Delay(500);
        var cpu = server.CpuMs() - cpuBefore;
        var browserCpu = BrowserCpu.Since(browserBefore);
        var handled = await server.EventDurationsMsAsync();
        var bytes = await Task.WhenAll(opened.Select(Pages.BytesSinceClickAsync));
        var markup = await Task.WhenAll(opened.Select(Pages.MarkupPiecesSinceClickAsync));
        if (record)
        {
            results.PagesAtOnce = count;
            results.Steps.Add(new StepResult(step.Name, cpu / count, browserCpu / count, latencies, handled, bytes, markup));
        }
    }
}

async Task WarmAsync(Results results, ServerProcess server)
{
    if (warmWalks > 0)
    {
        Log($"{results.Subject.Name}: {warmWalks} walks to warm the server up");
    }

    for (var walked = 0; walked < warmWalks; walked += 6)
    {
        var group = await Task.WhenAll(Enumerable.Range(0, Math.Min(6, warmWalks - walked)).Select(_ => Pages.OpenAsync(browser, server.Root, results.Subject.StartPath)));
        foreach (var step in results.Subject.Steps)
        {
            await Task.WhenAll(group.Select(p => Pages.ClickAsync(p, step)));
        }

        await Task.WhenAll(group.Select(p => p.Context.CloseAsync()));
    }
}

// The floor under every step: one click with no request behind it, from the click to its answer in the DOM.
async Task MeasureSoloFirstStepAsync(Results results, ServerProcess server)
{
    for (var i = 0; i < soloRounds; i++)
    {
        var page = await Pages.OpenAsync(browser, server.Root, results.Subject.StartPath);
        await Task.Delay(300);
        results.SoloFirstStepMs.Add(await Pages.ClickAsync(page, results.Subject.Steps[0]));
        await page.Context.CloseAsync();
    }
}

async Task MeasureSoloAsync(Results results, ServerProcess server)
{
    var steps = results.Subject.Steps;
    for (var i = 0; i < soloRounds; i++)
    {
        var page = await Pages.OpenAsync(browser, server.Root, results.Subject.StartPath);
        await Pages.ClickAsync(page, steps[0]);
        await Task.Delay(300);
        var trace = traceFile.Length > 0 && i == soloRounds - 1 ? await BrowserTrace.StartAsync(browser) : null;
        await server.EventDurationsMsAsync();
        results.SoloTokenStepMs.Add(await Pages.ClickAsync(page, steps[1]));
        // The click is the one event in the page since the drain; a late one (none expected) would only make it longer.
        results.SoloTokenServerMs.Add((await server.EventDurationsMsAsync()).DefaultIfEmpty(double.NaN).Max());
        if (trace is not null)
        {
            await Task.Delay(200);
            await trace.StopAsync(Path.GetFullPath(traceFile));
            Log($"trace of the last solo token step: {Path.GetFullPath(traceFile)}");
        }

        if (timeline && i == soloRounds - 1)
        {
            await Task.Delay(1000);
            Log($"the last solo token step took {results.SoloTokenStepMs[^1]:0.0} ms; its WebSocket messages from the click:\n{await Pages.TimelineSinceClickAsync(page)}");
        }

        await page.Context.CloseAsync();
    }

    var tokenUrl = new Uri(server.Root, "sandbox/site/oauth2/access_token");
    for (var i = 0; i < soloRounds; i++)
    {
        results.CurlTokenMs.Add(double.Parse(Curl($"-u sandbox-private-key:sandbox-private-secret -d grant_type=client_credentials -w %{{time_total}} -o /dev/null {tokenUrl}"), CultureInfo.InvariantCulture) * 1000);
    }

    const int cpuRounds = 30;
    var cpuBefore = server.CpuMs();
    string token = "";
    for (var i = 0; i < cpuRounds; i++)
    {
        token = Curl($"-u sandbox-private-key:sandbox-private-secret -d grant_type=client_credentials {tokenUrl}");
    }

    results.CurlTokenCpuMs = (server.CpuMs() - cpuBefore) / cpuRounds;
    var accessToken = System.Text.Json.JsonDocument.Parse(token).RootElement.GetProperty("access_token").GetString();
    var apiUrl = new Uri(server.Root, "sandbox/2.0/repositories/blazor-demo");
    cpuBefore = server.CpuMs();
    for (var i = 0; i < cpuRounds; i++)
    {
        Curl($"-H \"Authorization: Bearer {accessToken}\" -o /dev/null {apiUrl}");
    }

    results.CurlApiCpuMs = (server.CpuMs() - cpuBefore) / cpuRounds;

    // The room's API clicks as the server alone sees them: no page stepping, no curl processes sharing the cores.
    results.ApiTogetherMs.AddRange(await ServerSide.AtOnceAsync(apiUrl, accessToken!, circuits[^1], rounds: 3));
}

void GcDump(Results results, int circuitsOpen)
{
    if (gcdumpDir.Length == 0)
    {
        return;
    }

    Directory.CreateDirectory(gcdumpDir);
    var file = Path.Combine(Path.GetFullPath(gcdumpDir), $"{results.Subject.Name}-{circuitsOpen}.gcdump");
    using var tool = Process.Start(new ProcessStartInfo("dotnet-gcdump", $"collect -p {servers[results].Pid} -o {file}") { RedirectStandardOutput = true })!;
    tool.StandardOutput.ReadToEnd();
    tool.WaitForExit();
    Log($"{results.Subject.Name}: gcdump with {circuitsOpen} circuits open: {file}");
    if (Environment.GetEnvironmentVariable("BENCH_FULLDUMP") == "1")
    {
        using var dump = Process.Start(new ProcessStartInfo("dotnet-dump", $"collect --type Heap -p {servers[results].Pid} -o {file}.dmp") { RedirectStandardOutput = true })!;
        dump.StandardOutput.ReadToEnd();
        dump.WaitForExit();
    }
}

static string Curl(string arguments)
{
    using var curl = Process.Start(new ProcessStartInfo("curl", "-s -S " + arguments) { RedirectStandardOutput = true })!;
    var output = curl.StandardOutput.ReadToEnd();
    curl.WaitForExit();
    return output;
}

string Option(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

static string Uptime() => File.ReadAllText("/proc/loadavg").Trim();

static void Log(string message) => Console.Error.WriteLine($"[bench {DateTime.Now:HH:mm:ss}] {message}");
