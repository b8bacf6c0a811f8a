using System.Collections.Concurrent;
using BitbucketBlazor.Bitbucket;
using Microsoft.Extensions.Options;

namespace BitbucketBlazor.Sandbox;

/// <summary>
/// Bitbucket's limit of so many requests per rolling hour, counted against the OAuth consumer
/// (<see cref="SandboxSettings.RateLimitPerHour"/>). The hour is sixty one-minute buckets per
/// consumer, so memory stays constant however many requests arrive. Thread-safe.
/// </summary>
public sealed class SandboxRateLimiter(TimeProvider time, IOptions<BitbucketOptions> options)
{
    private const int Buckets = 60;
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>
    /// Counts one request for <paramref name="consumerKey"/> unless the hour's budget is spent.
    /// </summary>
    /// <param name="consumerKey">The consumer the token was issued to (only seeded consumers get tokens, so the keys are few).</param>
    /// <param name="retryAfter">When refused, how long until a request will be counted again.</param>
    /// <returns>True when the request may proceed.</returns>
    public bool TryAcquire(string consumerKey, out TimeSpan retryAfter)
    {
        var window = _windows.GetOrAdd(consumerKey, _ => new Window());
        return window.TryAcquire(time.GetUtcNow(), options.Value.Sandbox.RateLimitPerHour, out retryAfter);
    }

    private sealed class Window
    {
        private readonly Lock _lock = new();
        private readonly int[] _counts = new int[Buckets];
        private readonly long[] _minutes = new long[Buckets];

        public bool TryAcquire(DateTimeOffset now, int limit, out TimeSpan retryAfter)
        {
            var minute = now.ToUnixTimeSeconds() / 60;
            lock (_lock)
            {
                var total = 0;
                var oldestCounted = long.MaxValue;
                for (var i = 0; i < Buckets; i++)
                {
                    if (_minutes[i] > minute - Buckets && _counts[i] > 0)
                    {
                        total += _counts[i];
                        oldestCounted = Math.Min(oldestCounted, _minutes[i]);
                    }
                }

                if (total >= limit)
                {
                    var freedAt = DateTimeOffset.FromUnixTimeSeconds((oldestCounted + Buckets) * 60);
                    retryAfter = freedAt - now;
                    return false;
                }

                var slot = (int)(minute % Buckets);
                if (_minutes[slot] != minute)
                {
                    _minutes[slot] = minute;
                    _counts[slot] = 0;
                }

                _counts[slot]++;
                retryAfter = TimeSpan.Zero;
                return true;
            }
        }
    }
}
