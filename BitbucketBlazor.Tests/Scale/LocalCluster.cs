using System.Diagnostics;
using System.Text.RegularExpressions;
using BitbucketBlazor.Tests.Infrastructure;

namespace BitbucketBlazor.Tests.Scale;

/// <summary>
/// <c>deploy/local-cluster.sh</c> driven from a test: redis-server, two app processes (the build
/// the tests run from) and HAProxy, on free loopback ports, in a state folder of its own; ended
/// by <c>down</c>, which stops each by its PID.
/// </summary>
public sealed partial class LocalCluster : IAsyncDisposable
{
    private readonly string _stateFolder = Path.Combine(Path.GetTempPath(), "bbz-cluster-test-" + Guid.NewGuid().ToString("N")[..8]);

    private LocalCluster()
    {
    }

    /// <summary>Gets the load balancer's root URL.</summary>
    public Uri LoadBalancer { get; private set; } = null!;

    /// <summary>Gets why the cluster cannot run here, or null.</summary>
    public static string? SkipReason()
    {
        if (LocalProcess.Find("redis-server") is null)
        {
            return LocalProcess.Missing("redis-server", "redis-server");
        }

        return LocalProcess.Find("haproxy") is null ? LocalProcess.Missing("haproxy", "haproxy") : null;
    }

    /// <summary>Starts a cluster and waits until the load balancer answers.</summary>
    public static async Task<LocalCluster> StartAsync()
    {
        var cluster = new LocalCluster();
        var output = await cluster.RunAsync("up");
        var match = ClusterLine().Match(output);
        Assert.True(match.Success, "local-cluster.sh up printed no LB=… A=… B=… REDIS=… line:\n" + output);
        cluster.LoadBalancer = new Uri(match.Groups["lb"].Value + "/");
        return cluster;
    }

    /// <summary>Ends instance <paramref name="instance"/> (A or B), gracefully or with SIGKILL.</summary>
    public Task KillAsync(string instance, bool hard) => RunAsync(hard ? $"kill {instance} --hard" : $"kill {instance}");

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await RunAsync("down");
        Directory.Delete(_stateFolder, recursive: true);
    }

    private async Task<string> RunAsync(string arguments)
    {
        var script = Path.Combine(RepositoryRoot(), "deploy", "local-cluster.sh");
        var info = new ProcessStartInfo("bash", $"{script} {arguments}") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["BITBUCKETBLAZOR_CLUSTER_DIR"] = _stateFolder;
        info.Environment["BITBUCKETBLAZOR_CLUSTER_APP"] = Path.GetDirectoryName(typeof(Program).Assembly.Location)!;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"local-cluster.sh {arguments} failed:\n{output}");
        return output;
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "BitbucketBlazor.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("The repository root (BitbucketBlazor.sln) was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"LB=(?<lb>http://127\.0\.0\.1:\d+) A=http://127\.0\.0\.1:\d+ B=http://127\.0\.0\.1:\d+ REDIS=127\.0\.0\.1:\d+")]
    private static partial Regex ClusterLine();
}
