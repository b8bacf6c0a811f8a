using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BitbucketBlazor.Tests.Infrastructure;

/// <summary>
/// A helper process the tests start themselves (redis-server, haproxy) on a free loopback port,
/// and end by its own PID. A missing program is a skip with its reason, except where
/// <c>BITBUCKETBLAZOR_REQUIRE_CLUSTER=1</c> (CI) makes it a failure.
/// </summary>
public static class LocalProcess
{
    /// <summary>Set to 1 (CI does) to make a missing redis-server or haproxy fail the tests instead of skipping them.</summary>
    public const string RequireVariable = "BITBUCKETBLAZOR_REQUIRE_CLUSTER";

    /// <summary>Gets the full path of <paramref name="program"/> on PATH (or in /usr/sbin), or null.</summary>
    public static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Append("/usr/sbin").Append("/usr/bin")
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    /// <summary>Explains a missing program: a failure when required, else the reason to skip with.</summary>
    public static string Missing(string program, string package)
    {
        var reason = $"'{program}' was not found: install it with 'apt-get install {package}' to run the shared-state and cluster tests.";
        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            throw new InvalidOperationException(reason);
        }

        return reason;
    }

    /// <summary>Gets a loopback port nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts <paramref name="path"/> with <paramref name="arguments"/>, its output discarded.</summary>
    public static Process Start(string path, params string[] arguments)
    {
        var info = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Waits (bounded) until something accepts connections on <paramref name="port"/>.</summary>
    public static async Task WaitForPortAsync(int port, Process process, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException($"{process.StartInfo.FileName} did not listen on port {port} within {timeout.TotalSeconds} s.");
    }

    /// <summary>Ends the process by its PID and waits (bounded) for it to go.</summary>
    public static void Stop(Process? process)
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: false);
            process.WaitForExit(10_000);
        }

        process?.Dispose();
    }
}

/// <summary>A redis-server of the tests' own on a free loopback port, nothing saved to disk.</summary>
public sealed class RedisServerFixture : IAsyncLifetime
{
    private System.Diagnostics.Process? _process;

    /// <summary>Gets why Redis is not available, or null when it runs.</summary>
    public string? SkipReason { get; private set; }

    /// <summary>Gets the connection string, for example <c>127.0.0.1:40123</c>.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>Gets the port it listens on.</summary>
    public int Port { get; private set; }

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        if (LocalProcess.Find("redis-server") is not { } path)
        {
            SkipReason = LocalProcess.Missing("redis-server", "redis-server");
            return;
        }

        Port = LocalProcess.FreePort();
        _process = LocalProcess.Start(path, "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1", "--save", "", "--appendonly", "no");
        await LocalProcess.WaitForPortAsync(Port, _process, TimeSpan.FromSeconds(20));
        ConnectionString = $"127.0.0.1:{Port}";
    }

    /// <summary>Skips the calling test with the reason when Redis is not available.</summary>
    public void SkipUnlessRunning()
    {
        if (SkipReason is not null)
        {
            Assert.Skip(SkipReason);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        LocalProcess.Stop(_process);
        return ValueTask.CompletedTask;
    }
}
