using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace BenchRunner;

/// <summary>
/// One published server under test on real Kestrel, Release, Production, workstation GC, with the
/// heap hook loaded. Reads its CPU from /proc/PID/stat and its live heap through the hook.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private static readonly double s_msPerTick = 1000.0 / ClockTicksPerSecond();
    private readonly Process _process;
    private readonly int _heapPort;
    private readonly int _eventsPort;

    private ServerProcess(Process process, Uri root, int heapPort, int eventsPort)
    {
        _process = process;
        Root = root;
        _heapPort = heapPort;
        _eventsPort = eventsPort;
    }

    /// <summary>Gets the server's root URL.</summary>
    public Uri Root { get; }

    /// <summary>Gets the server's process id.</summary>
    public int Pid => _process.Id;

    /// <summary>Starts <paramref name="executable"/> and returns once <paramref name="readyPath"/> answers 200, with the time that took.</summary>
    public static async Task<(ServerProcess Server, double ColdStartMs)> StartAsync(string executable, string hookDll, string readyPath)
    {
        var port = FreePort();
        var heapPort = FreePort();
        var eventsPort = FreePort();
        var info = new ProcessStartInfo(executable)
        {
            WorkingDirectory = Path.GetDirectoryName(executable)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["DOTNET_gcServer"] = "0";
        info.Environment["DOTNET_STARTUP_HOOKS"] = hookDll;
        info.Environment["BENCH_HEAP_PORT"] = heapPort.ToString(CultureInfo.InvariantCulture);
        info.Environment["BENCH_EVENTS_PORT"] = eventsPort.ToString(CultureInfo.InvariantCulture);
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        // Every request the benchmark itself sends (curl, the sixty-at-once API round) comes from 127.0.0.1: one address.
        info.Environment["RateLimits__SandboxPerWindow"] = "1000000";

        var clock = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {executable}");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) Console.Error.WriteLine($"[{Path.GetFileName(executable)}] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var root = new Uri($"http://127.0.0.1:{port}/");
        try
        {
            await WaitForOkAsync(process, root, readyPath, executable, clock);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }

        return (new ServerProcess(process, root, heapPort, eventsPort), clock.Elapsed.TotalMilliseconds);
    }

    private static async Task WaitForOkAsync(Process process, Uri root, string readyPath, string executable, Stopwatch clock)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{executable} exited with {process.ExitCode} before answering.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(root, readyPath));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    break;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(120))
            {
                throw new TimeoutException($"{executable} did not answer 200 on {readyPath} within 120 s.");
            }

            await Task.Delay(5);
        }
    }

    /// <summary>Gets the CPU time (user + system) the server has used, in milliseconds.</summary>
    public double CpuMs() => CpuMsOf(Pid) ?? 0;

    /// <summary>Gets the CPU time (user + system) process <paramref name="pid"/> has used, in milliseconds, or null once it is gone.</summary>
    public static double? CpuMsOf(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null;
        }

        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 14 and 15 of proc(5) (utime, stime) are at 11 and 12 once "pid (comm) " is cut off.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * s_msPerTick;
    }

    /// <summary>Forces a full compacting GC in the server and returns its live heap in bytes.</summary>
    public async Task<long> LiveHeapBytesAsync()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _heapPort);
        using var reader = new StreamReader(client.GetStream());
        var line = await reader.ReadLineAsync() ?? throw new InvalidOperationException("The heap hook did not answer.");
        return long.Parse(line.Split(' ')[0], CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The browser events the server handled since the last call, each from its dispatch to the end of its handler in
    /// milliseconds (Blazor's own <c>aspnetcore.components.handle_event.duration</c>, read through the hook).
    /// </summary>
    public async Task<List<double>> EventDurationsMsAsync()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, _eventsPort);
        using var reader = new StreamReader(client.GetStream());
        var line = await reader.ReadLineAsync() ?? throw new InvalidOperationException("The events hook did not answer.");
        return [.. line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(ms => double.Parse(ms, CultureInfo.InvariantCulture))];
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static int ClockTicksPerSecond()
    {
        try
        {
            using var getconf = Process.Start(new ProcessStartInfo("getconf", "CLK_TCK") { RedirectStandardOutput = true })!;
            var text = getconf.StandardOutput.ReadToEnd().Trim();
            getconf.WaitForExit();
            return int.Parse(text, CultureInfo.InvariantCulture);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return 100;
        }
    }
}
