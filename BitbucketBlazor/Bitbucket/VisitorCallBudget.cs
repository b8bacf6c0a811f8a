using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace BitbucketBlazor.Bitbucket;

/// <summary>
/// One visitor's allowance of calls to Bitbucket (<see cref="BitbucketCallOptions.PerVisitorPerMinute"/>),
/// scoped to the Blazor circuit, so one tab clicking without pause slows only itself: the server's
/// connections, the shared circuit breaker and the consumer's hourly quota stay there for the others.
/// </summary>
public sealed class VisitorCallBudget(IOptions<BitbucketCallOptions> options) : IDisposable
{
    private readonly FixedWindowRateLimiter _limiter = new(new FixedWindowRateLimiterOptions
    {
        PermitLimit = options.Value.PerVisitorPerMinute,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    });

    /// <summary>Takes one call from the allowance; returns null when the call may go, else why it may not.</summary>
    public string? Refuse()
    {
        using var lease = _limiter.AttemptAcquire();
        if (lease.IsAcquired)
        {
            return null;
        }

        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return $"Not sent: this tab has made {options.Value.PerVisitorPerMinute} calls to Bitbucket within a minute, the most one visitor may make " +
            $"(Bitbucket:Calls:PerVisitorPerMinute), so that no visitor slows the others down. Try again in {seconds} s.";
    }

    /// <inheritdoc />
    public void Dispose() => _limiter.Dispose();
}
