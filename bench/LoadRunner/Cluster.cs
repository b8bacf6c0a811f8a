using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace LoadRunner;

/// <summary>
/// <c>deploy/local-cluster.sh</c> driven from the benchmark: up, kill one instance, down. Reads each
/// instance's PID and heap-hook port from the script's state folder, its RSS from /proc and its
/// live GC heap through bench's HeapHook.
/// </summary>
internal sealed partial class Cluster(string script, string state) : IAsyncDisposable
{
    /// <summary>Gets the load balancer's root URL.</summary>
    public Uri LoadBalancer { get; private set; } = null!;

    /// <summary>Gets each instance's own root URL, by name (A, B).</summary>
    public Dictionary<string, Uri> Instances { get; } = [];

    /// <summary>Runs <c>up</c> and reads the line it prints.</summary>
    public async Task UpAsync()
    {
        var line = ClusterLine().Match(await RunAsync("up"));
        if (!line.Success)
        {
            throw new InvalidOperationException("local-cluster.sh up printed no LB=… A=… B=… line.");
        }

        LoadBalancer = new Uri(line.Groups["lb"].Value + "/");
        Instances["A"] = new Uri(line.Groups["a"].Value + "/");
        Instances["B"] = new Uri(line.Groups["b"].Value + "/");
    }

    /// <summary>
    /// Ends instance <paramref name="name"/> as <c>local-cluster.sh kill</c> does (SIGTERM, or SIGKILL
    /// when <paramref name="hard"/>; a graceful stop still running after 15 s is killed), but signalled
    /// from here: starting the script takes seconds on a loaded machine, and the kill must land while
    /// the attendees are mid-way. <c>down</c> later finds the instance gone and only forgets its PID.
    /// </summary>
    public async Task KillAsync(string name, bool hard)
    {
        var pid = Pid(name) ?? throw new InvalidOperationException($"instance {name} is not running");
        _ = Signal(pid, hard ? SigKill : SigTerm);
        for (var waited = 0; IsAlive(name) && waited < 20_000; waited += 50)
        {
            if (waited == 15_000)
            {
                _ = Signal(pid, SigKill);
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Gets whether instance <paramref name="name"/> still runs.</summary>
    public bool IsAlive(string name)
    {
        // A dead process not yet reaped by its parent is a zombie ("Z" after the command name): not alive.
        string stat;
        try
        {
            stat = Pid(name) is { } pid ? File.ReadAllText($"/proc/{pid}/stat") : "";
        }
        catch (IOException)
        {
            return false;
        }

        return stat.Length > 0 && stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault() != 'Z';
    }

    /// <summary>Gets the resident set size of instance <paramref name="name"/> in bytes, from /proc/PID/status.</summary>
    public double RssBytes(string name)
    {
        var line = File.ReadLines($"/proc/{Pid(name)}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>Forces a full GC in instance <paramref name="name"/> (through the heap hook) and returns its live heap in bytes.</summary>
    public async Task<double> LiveHeapBytesAsync(string name)
    {
        var port = int.Parse(File.ReadAllText(Path.Combine(state, $"{name.ToLowerInvariant()}.heap-port")).Trim(), CultureInfo.InvariantCulture);
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        using var answer = new StreamReader(client.GetStream());
        var words = (await answer.ReadLineAsync() ?? "").Split(' ');
        return double.Parse(words[0], CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await RunAsync("down");

    private const int SigKill = 9;
    private const int SigTerm = 15;

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill")]
    private static extern int Signal(int pid, int signal);

    private int? Pid(string name)
    {
        var file = Path.Combine(state, $"{name.ToLowerInvariant()}.pid");
        return File.Exists(file) ? int.Parse(File.ReadAllText(file).Trim(), CultureInfo.InvariantCulture) : null;
    }

    private async Task<string> RunAsync(string arguments)
    {
        var info = new ProcessStartInfo("bash", $"{script} {arguments}") { RedirectStandardOutput = true };
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"local-cluster.sh {arguments} failed ({process.ExitCode}); see {state}.");
        }

        return output;
    }

    [GeneratedRegex(@"LB=(?<lb>http://127\.0\.0\.1:\d+) A=(?<a>http://127\.0\.0\.1:\d+) B=(?<b>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ClusterLine();
}
