using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

/// <summary>
/// Loaded by the runtime before <c>Main</c> when <c>DOTNET_STARTUP_HOOKS</c> names this assembly.
/// When <c>BENCH_HEAP_PORT</c> is set it listens on 127.0.0.1 at that port; each connection
/// forces a full blocking compacting GC and answers "liveBytes heapSizeBytes\n". It is the
/// benchmark's only view into the server's heap, and it exists only when the benchmark turns it on.
/// </summary>
internal static class StartupHook
{
    /// <summary>Called by the runtime.</summary>
    public static void Initialize()
    {
        var port = Environment.GetEnvironmentVariable("BENCH_HEAP_PORT");
        if (string.IsNullOrEmpty(port))
        {
            return;
        }

        var listener = new TcpListener(IPAddress.Loopback, int.Parse(port, CultureInfo.InvariantCulture));
        listener.Start();
        var thread = new Thread(() => Serve(listener)) { IsBackground = true, Name = "bench-heap-hook" };
        thread.Start();
    }

    private static void Serve(TcpListener listener)
    {
        while (true)
        {
            using var client = listener.AcceptTcpClient();
            // Twice, with finalizers in between: objects kept alive only by a finalizer go in the second pass.
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            var live = GC.GetTotalMemory(forceFullCollection: false);
            var heap = GC.GetGCMemoryInfo(GCKind.FullBlocking).HeapSizeBytes;
            var answer = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{live} {heap}\n"));
            client.GetStream().Write(answer);
        }
    }
}
