using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LoadRunner;

/// <summary>Thrown by a step whose request failed because its instance went away; the caller tries again.</summary>
internal sealed class InstanceLostException(string step) : Exception($"{step}: the instance went away")
{
    /// <summary>Gets the step whose request was lost.</summary>
    public string Step { get; } = step;
}

/// <summary>Thrown by a step that failed for any other reason: the attendee stops there.</summary>
internal sealed class StepFailedException(string kind) : Exception(kind)
{
    /// <summary>Gets what went wrong, short enough for a table cell.</summary>
    public string Kind { get; } = kind;
}

/// <summary>
/// Everything every attendee saw: the time each step took, the requests made, and each failure,
/// either the instance loss itself (a request the dying instance did not answer) or an error.
/// </summary>
internal sealed class Ledger
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _samples = new();
    private readonly ConcurrentDictionary<string, int> _order = new();
    private readonly ConcurrentDictionary<(string Step, string Kind), int> _errors = new();
    private readonly ConcurrentDictionary<(string Step, string Kind), int> _losses = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _requests;

    /// <summary>Gets or sets the instance being killed (A or B), from the moment the kill starts.</summary>
    public string? Killed { get; set; }

    /// <summary>Gets the HTTP requests answered so far (by the HTTP attendees).</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Gets the time since the ledger was opened.</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Gets the steps in the order they first finished, with their durations in ms.</summary>
    public IEnumerable<(string Step, IReadOnlyList<double> Ms)> Steps =>
        _order.OrderBy(o => o.Value).Select(o => (o.Key, (IReadOnlyList<double>)(_samples.TryGetValue(o.Key, out var s) ? [.. s] : [])));

    /// <summary>Gets the errors other than the instance loss, by step and kind.</summary>
    public IReadOnlyDictionary<(string Step, string Kind), int> Errors => _errors;

    /// <summary>Gets the requests lost with the killed instance, by step and kind.</summary>
    public IReadOnlyDictionary<(string Step, string Kind), int> Losses => _losses;

    /// <summary>Counts one HTTP request answered.</summary>
    public void CountRequest() => Interlocked.Increment(ref _requests);

    /// <summary>Records that <paramref name="step"/> took <paramref name="ms"/>.</summary>
    public void Sample(string step, double ms)
    {
        Order(step);
        _samples.GetOrAdd(step, _ => []).Add(ms);
    }

    /// <summary>Records an error that is not the instance loss.</summary>
    public void Error(string step, string kind)
    {
        Order(step);
        _errors.AddOrUpdate((step, kind), 1, (_, n) => n + 1);
    }

    /// <summary>Records a request lost with the killed instance.</summary>
    public void Loss(string step, string kind)
    {
        Order(step);
        _losses.AddOrUpdate((step, kind), 1, (_, n) => n + 1);
    }

    /// <summary>The heading of the app's page for a callback whose state was already used.</summary>
    public const string SpentCallback = "This callback was already used";

    /// <summary>
    /// Tells whether a failure is the instance loss itself: the kill has started, the request went
    /// to the killed instance (or to no instance yet), and it failed the way a vanished server
    /// fails (no answer, or the load balancer's 502/503/504).
    /// </summary>
    public bool IsInstanceLoss(Exception failure, HttpStatusCode? status, string? pinnedTo)
    {
        if (Killed is not { } killed || (pinnedTo is not null && pinnedTo != killed))
        {
            return false;
        }

        // The killed instance spent the callback's single-use state and died before answering; the load
        // balancer replayed the GET onto the survivor, which rightly refuses a spent state with the page
        // that says to start the login again. The attendee does so; the loss is the instance's.
        if (status == HttpStatusCode.BadRequest && failure.Message == SpentCallback)
        {
            return true;
        }

        return status is { } answered
            ? answered is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout
            : failure is HttpRequestException or IOException or SocketException or TaskCanceledException;
    }

    private void Order(string step) => _order.TryAdd(step, _order.Count);
}
