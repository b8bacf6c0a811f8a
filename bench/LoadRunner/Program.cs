using System.Globalization;
using LoadRunner;
using Microsoft.Playwright;

// Usage: LoadRunner REPO_ROOT STATE_DIR [--http N] [--browsers M] [--kill A|B] [--hard] [--kill-at F]
//   Starts deploy/local-cluster.sh (state in STATE_DIR), walks M Chromium circuits through the load
//   balancer, then runs N HTTP attendees at once; when the fraction F of them (default 0.2) has
//   reached the kill, kills one instance while the others are still on their way, and checks every
//   attendee resumes on the other. Prints markdown tables.
var root = Path.GetFullPath(args[0]);
var state = Path.GetFullPath(args[1]);
var killed = Option("--kill", "A").ToUpperInvariant();
var run = new RunFigures
{
    HttpAttendees = int.Parse(Option("--http", "300"), CultureInfo.InvariantCulture),
    Browsers = int.Parse(Option("--browsers", "30"), CultureInfo.InvariantCulture),
    Killed = killed is "A" or "B" ? killed : throw new ArgumentException("--kill takes A or B"),
    Hard = args.Contains("--hard"),
    KillAt = double.Parse(Option("--kill-at", "0.2"), CultureInfo.InvariantCulture),
};
var survivor = killed == "A" ? "B" : "A";
var ledger = new Ledger();
var baseHeap = new Dictionary<string, double>();

await using var cluster = new Cluster(Path.Combine(root, "deploy", "local-cluster.sh"), state);
Log("starting the local cluster");
await cluster.UpAsync();
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
    Headless = true,
    // Many pages at once, none of them throttled as a background tab.
    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows"],
});

Log("warming up each instance (one walkthrough and one HTTP attendee each, not counted)");
foreach (var instance in cluster.Instances.Values)
{
    var warm = new BrowserAttendee(new Ledger());
    await warm.OpenAsync(browser, instance);
    await warm.WalkAsync();
    await warm.CloseAsync();
    using var attendee = new HttpAttendee(instance, new Ledger());
    await attendee.RunAsync(() => { }, Task.CompletedTask);
}

await MemoryAsync("idle, after warm-up", heap: true);

Log($"{run.Browsers} Chromium circuits open, a few at a time, then walk the client-credentials walkthrough at once (load: {Load()})");
run.BrowserRun.AddRange(Enumerable.Range(0, run.Browsers).Select(_ => new BrowserAttendee(ledger)));
// Opened five at a time, as a room trickles in; what is measured at once is the stepping.
foreach (var arriving in run.BrowserRun.Chunk(5))
{
    await Task.WhenAll(arriving.Select(b => b.OpenAsync(browser, cluster.LoadBalancer)));
}

await Task.WhenAll(run.BrowserRun.Select(b => b.WalkAsync()));
foreach (var name in cluster.Instances.Keys)
{
    run.Circuits[name] = run.BrowserRun.Count(b => b.Instance == name);
}

await MemoryAsync("circuits open", heap: true);

Log($"{run.HttpAttendees} HTTP attendees at once (load: {Load()})");
var trigger = Math.Clamp((int)Math.Ceiling(run.HttpAttendees * run.KillAt), 1, run.HttpAttendees);
var arrivals = 0;
var reachedKill = new TaskCompletionSource();
var killDone = new TaskCompletionSource();
run.HttpRun.AddRange(Enumerable.Range(0, run.HttpAttendees).Select(_ => new HttpAttendee(cluster.LoadBalancer, ledger)));
var start = ledger.Elapsed;
var attendees = run.HttpRun.Select(a => Task.Run(() => a.RunAsync(
    () => { if (Interlocked.Increment(ref arrivals) == trigger) reachedKill.TrySetResult(); }, killDone.Task))).ToList();
var kill = Task.Run(async () =>
{
    await reachedKill.Task;
    run.SecondsToKill = (ledger.Elapsed - start).TotalSeconds;
    run.RequestsAtKill = ledger.Requests;
    await MemoryAsync("at the kill, all attendees at once", heap: false);
    Log($"killing {killed}{(run.Hard ? " --hard" : "")} with {arrivals} of {run.HttpAttendees} HTTP attendees at the kill (load: {Load()})");
    foreach (var attendee in run.HttpRun)
    {
        attendee.InstanceAtKill = attendee.Instance;
    }

    ledger.Killed = killed;
    var began = ledger.Elapsed;
    await cluster.KillAsync(killed, run.Hard);
    run.KillSeconds = (ledger.Elapsed - began).TotalSeconds;
    run.ArrivedWhenGone = Volatile.Read(ref arrivals);
    killDone.SetResult();
});
var resumes = killDone.Task.ContinueWith(_ => Task.WhenAll(run.BrowserRun.Select(b => b.ResumeAsync(killed))), TaskScheduler.Default).Unwrap();
await Task.WhenAll(attendees);
run.HttpSeconds = (ledger.Elapsed - start).TotalSeconds;
await kill;
await resumes;
Log("every attendee is done");
await MemoryAsync($"after the failover, every circuit on {survivor}", heap: true);
foreach (var attendee in run.HttpRun)
{
    attendee.Dispose();
}

Console.WriteLine();
Console.WriteLine($"Machine load at the end: {Load()}; {Environment.ProcessorCount} cores.");
Console.WriteLine();
Console.WriteLine(LoadReport.Tables(run, ledger));
return ledger.Errors.Count == 0 && run.HttpRun.All(a => a.Resumed) && run.BrowserRun.All(b => b.Resumed) ? 0 : 1;

// RSS of each running instance, and (with a forced full GC) the live heap per circuit open on it.
async Task MemoryAsync(string moment, bool heap)
{
    foreach (var name in cluster.Instances.Keys.Where(cluster.IsAlive))
    {
        run.Rss[(moment, name)] = cluster.RssBytes(name);
        if (!heap)
        {
            continue;
        }

        var live = await cluster.LiveHeapBytesAsync(name);
        var circuits = name == survivor && ledger.Killed is not null ? run.Browsers : run.Circuits.GetValueOrDefault(name);
        if (!baseHeap.TryAdd(name, live) && circuits > 0)
        {
            run.HeapPerCircuit[(moment, name)] = (live - baseHeap[name]) / circuits;
        }
    }
}

string Option(string name, string fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
}

static string Load() => File.ReadAllText("/proc/loadavg").Trim();

static void Log(string message) => Console.Error.WriteLine($"[load {DateTime.Now:HH:mm:ss}] {message}");
