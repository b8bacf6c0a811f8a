namespace BenchRunner;

/// <summary>
/// The CPU time of every Chromium process on the machine (browser, renderers, GPU and utility processes), from
/// /proc: what the pages cost the browser, the other half of a step on a machine the browser shares with the server.
/// </summary>
internal static class BrowserCpu
{
    /// <summary>Gets the summed CPU time (user + system) of the Chromium processes alive now, per process id, in milliseconds.</summary>
    public static Dictionary<int, double> Snapshot()
    {
        var snapshot = new Dictionary<int, double>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || !IsChromium(pid))
            {
                continue;
            }

            if (ServerProcess.CpuMsOf(pid) is { } ms)
            {
                snapshot[pid] = ms;
            }
        }

        return snapshot;
    }

    /// <summary>Gets the CPU the Chromium processes used between two snapshots (a process that ended in between is not counted).</summary>
    public static double Since(Dictionary<int, double> before)
    {
        var after = Snapshot();
        return after.Sum(process => process.Value - before.GetValueOrDefault(process.Key));
    }

    private static bool IsChromium(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim().StartsWith("chrom", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }
}
