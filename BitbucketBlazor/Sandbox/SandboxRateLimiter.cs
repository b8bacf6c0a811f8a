using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace BitbucketBlazor.Sandbox;

/// <summary>
/// Bitbucket's limit of so many requests per rolling hour (<see cref="SandboxOptions.RateLimitPerHour"/>),
/// with one deliberate difference: Bitbucket counts against the OAuth consumer, the sandbox
/// against the access token. The demo consumers are shared by every visitor of a hosted
/// instance, so a per-consumer count would let one room of attendees lock each other out for an
/// hour; per token, each visitor meets the limit only through their own calls.
/// </summary>
/// <remarks>
/// The hour is sixty one-minute buckets per token. Windows idle for an hour are dropped once
/// there are <see cref="SandboxOptions.MaxTokens"/> of them, and never more than twice that
/// are kept, so memory stays bounded. Thread-safe.
/// </remarks>
public sealed class SandboxRateLimiter(SandboxClock time, IOptions<SandboxOptions> options)
{
    private const int Buckets = 60;
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>Gets how many tokens have a window at present.</summary>
    public int TrackedTokens => _windows.Count;

    /// <summary>
    /// Counts one request made with <paramref name="tokenFingerprint"/> unless its hour's budget is spent.
    /// </summary>
    /// <param name="tokenFingerprint">The access token's fingerprint (never the token itself).</param>
    /// <param name="retryAfter">When refused, how long until a request will be counted again.</param>
    /// <returns>True when the request may proceed.</returns>
    public bool TryAcquire(string tokenFingerprint, out TimeSpan retryAfter)
    {
        var now = time.GetUtcNow();
        // Swept before the lookup: a window just created has no requests yet and looks idle.
        if (_windows.Count >= options.Value.MaxTokens && !_windows.ContainsKey(tokenFingerprint))
        {
            DropIdleWindows(now);
        }

        var window = _windows.GetOrAdd(tokenFingerprint, _ => new Window());
        return window.TryAcquire(now, options.Value.RateLimitPerHour, out retryAfter);
    }

    private void DropIdleWindows(DateTimeOffset now)
    {
        var anHourAgo = now.ToUnixTimeSeconds() / 60 - Buckets;
        foreach (var (key, window) in _windows)
        {
            if (window.LastMinute <= anHourAgo)
            {
                _windows.TryRemove(key, out _);
            }
        }

        // A flood of fresh tokens could keep every window busy; past twice the cap the least
        // recently used half goes, so memory stays bounded even then (at worst their next
        // requests are counted from zero).
        var hardCap = 2 * options.Value.MaxTokens;
        if (_windows.Count >= hardCap)
        {
            foreach (var (key, _) in _windows.OrderBy(w => w.Value.LastMinute).Take(_windows.Count / 2).ToList())
            {
                _windows.TryRemove(key, out _);
            }
        }
    }

    private sealed class Window
    {
        private readonly Lock _lock = new();
        private readonly int[] _counts = new int[Buckets];
        private readonly long[] _minutes = new long[Buckets];

        public long LastMinute
        {
            get
            {
                lock (_lock)
                {
                    return _minutes.Max();
                }
            }
        }

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
