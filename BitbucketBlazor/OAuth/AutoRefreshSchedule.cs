namespace BitbucketBlazor.OAuth;

/// <summary>
/// Calls a refresh shortly before the token expires: <see cref="DefaultLead"/> before, or half the
/// token's lifetime for tokens shorter than twice that, so a short-lived token cannot cause a
/// refresh loop. One pending call at a time; rescheduling replaces it; disposing cancels it.
/// </summary>
public sealed class AutoRefreshSchedule(TimeProvider clock, Func<Task> refreshAsync, TimeSpan? lead = null) : IDisposable
{
    /// <summary>How long before expiry the refresh is due by default.</summary>
    public static readonly TimeSpan DefaultLead = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The longest a single timer waits; a later due time is reached in several waits. Timers
    /// refuse delays past about 49 days, and a due time from a wild <c>expires_in</c> can be further.
    /// </summary>
    public static readonly TimeSpan MaxTimerWait = TimeSpan.FromDays(1);

    private readonly TimeSpan _lead = lead ?? DefaultLead;
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private bool _disposed;

    /// <summary>Gets when the next automatic refresh is due, or null when none is scheduled.</summary>
    public DateTimeOffset? DueAt { get; private set; }

    /// <summary>
    /// Gets when the refresh of a token obtained at <paramref name="obtainedAt"/> that expires at
    /// <paramref name="expiresAt"/> is due, or null without both times. A token already expired is due at once.
    /// </summary>
    public static DateTimeOffset? DueFor(DateTimeOffset? obtainedAt, DateTimeOffset? expiresAt, TimeSpan? lead = null)
    {
        if (obtainedAt is null || expiresAt is null)
        {
            return null;
        }

        var lifetime = expiresAt.Value - obtainedAt.Value;
        var wanted = lead ?? DefaultLead;
        return expiresAt.Value - (lifetime > wanted * 2 ? wanted : lifetime / 2);
    }

    /// <summary>Schedules the refresh for a token obtained at <paramref name="obtainedAt"/> that expires at <paramref name="expiresAt"/>.</summary>
    public void ScheduleFor(DateTimeOffset? obtainedAt, DateTimeOffset? expiresAt) => ScheduleAt(DueFor(obtainedAt, expiresAt, _lead));

    /// <summary>Schedules the refresh for <paramref name="dueAt"/> (at once when that has passed), or cancels it when null.</summary>
    public void ScheduleAt(DateTimeOffset? dueAt)
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
            DueAt = null;
            if (_disposed || dueAt is null)
            {
                return;
            }

            DueAt = dueAt;
            StartTimer(dueAt.Value);
        }
    }

    private void StartTimer(DateTimeOffset dueAt)
    {
        var delay = dueAt - clock.GetUtcNow();
        var wait = delay <= TimeSpan.Zero ? TimeSpan.Zero : delay > MaxTimerWait ? MaxTimerWait : delay;
        _timer = clock.CreateTimer(_ => Fire(), null, wait, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Cancels the pending refresh.</summary>
    public void Cancel() => ScheduleFor(null, null);

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer?.Dispose();
            _timer = null;
            DueAt = null;
        }
    }

    private void Fire()
    {
        lock (_gate)
        {
            if (_disposed || DueAt is not { } due)
            {
                return;
            }

            if (due > clock.GetUtcNow())
            {
                // One of several waits towards a far due time: wait again.
                _timer?.Dispose();
                StartTimer(due);
                return;
            }

            DueAt = null;
        }

        // The callback reports its own errors (the AutoRefresher shows them); this only keeps an
        // unexpected one from going unobserved on the timer thread.
        _ = refreshAsync().ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted);
    }
}
