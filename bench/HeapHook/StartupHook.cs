using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

/// <summary>
/// Loaded by the runtime before <c>Main</c> when <c>DOTNET_STARTUP_HOOKS</c> names this assembly; it does nothing unless
/// the benchmark sets its variables, and the app itself has no such endpoint.
/// <list type="bullet">
/// <item><c>BENCH_HEAP_PORT</c>: listens on 127.0.0.1 at that port; each connection forces a full blocking compacting
/// GC and answers "liveBytes heapSizeBytes\n". The benchmark's only view into the server's heap.</item>
/// <item><c>BENCH_EVENTS_PORT</c>: listens to Blazor's own metric of each browser event the server handled
/// (<c>aspnetcore.components.handle_event.duration</c>: from the dispatch of a click to the end of its handler, awaited
/// work included); each connection answers the durations recorded since the last one, in milliseconds, space-separated
/// on one line, and forgets them. The server's share of a click, apart from the browsers on the same cores.</item>
/// </list>
/// </summary>
internal static class StartupHook
{
    private const string HandleEventDuration = "aspnetcore.components.handle_event.duration";
    // Bounded: a run clicks a few thousand times; past this the oldest durations are dropped.
    private const int MaxKeptDurations = 100_000;
    private static readonly ConcurrentQueue<double> s_eventMs = new();

    /// <summary>Called by the runtime.</summary>
    public static void Initialize()
    {
        if (Environment.GetEnvironmentVariable("BENCH_HEAP_PORT") is { Length: > 0 } heapPort)
        {
            Listen(heapPort, "bench-heap-hook", AnswerHeap);
        }

        if (Environment.GetEnvironmentVariable("BENCH_EVENTS_PORT") is { Length: > 0 } eventsPort)
        {
            ListenToEventDurations();
            Listen(eventsPort, "bench-events-hook", AnswerEventDurations);
        }
    }

    private static void Listen(string port, string name, Func<string> answer)
    {
        var listener = new TcpListener(IPAddress.Loopback, int.Parse(port, CultureInfo.InvariantCulture));
        listener.Start();
        var thread = new Thread(() =>
        {
            while (true)
            {
                using var client = listener.AcceptTcpClient();
                client.GetStream().Write(Encoding.ASCII.GetBytes(answer()));
            }
        }) { IsBackground = true, Name = name };
        thread.Start();
    }

    private static string AnswerHeap()
    {
        // Twice, with finalizers in between: objects kept alive only by a finalizer go in the second pass.
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var live = GC.GetTotalMemory(forceFullCollection: false);
        var heap = GC.GetGCMemoryInfo(GCKind.FullBlocking).HeapSizeBytes;
        return string.Create(CultureInfo.InvariantCulture, $"{live} {heap}\n");
    }

    private static string AnswerEventDurations()
    {
        var durations = new StringBuilder();
        while (s_eventMs.TryDequeue(out var ms))
        {
            durations.Append(CultureInfo.InvariantCulture, $"{ms:0.###} ");
        }

        return durations.Append('\n').ToString();
    }

    private static void ListenToEventDurations()
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, meterListener) =>
            {
                if (instrument.Name == HandleEventDuration)
                {
                    meterListener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((_, seconds, _, _) =>
        {
            s_eventMs.Enqueue(seconds * 1000);
            while (s_eventMs.Count > MaxKeptDurations && s_eventMs.TryDequeue(out _))
            {
            }
        });
        listener.Start();
    }
}
