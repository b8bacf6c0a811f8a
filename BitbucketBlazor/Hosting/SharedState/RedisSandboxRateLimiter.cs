using BitbucketBlazor.Sandbox;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BitbucketBlazor.Hosting.SharedState;

/// <summary>
/// The sandbox's hourly limit per access token, counted in Redis so the whole cluster enforces
/// the configured limit once (not once per instance). Same shape as the in-memory limiter: sixty
/// one-minute buckets per token fingerprint, in one hash that expires an hour after its last use.
/// </summary>
public sealed class RedisSandboxRateLimiter(IConnectionMultiplexer redis, SandboxClock time, IOptions<SandboxOptions> options, string keyPrefix) : ISandboxRateLimiter
{
    // KEYS[1] the token's hash; ARGV 1 this minute, 2 the limit, 3 TTL ms. Returns {1, 0} when
    // counted, {0, oldest counted minute} when the hour's budget is spent.
    private const string Script = """
        local minute, limit = tonumber(ARGV[1]), tonumber(ARGV[2])
        local total, oldest = 0, minute
        local fields = redis.call('HGETALL', KEYS[1])
        for i = 1, #fields, 2 do
          local m, c = tonumber(fields[i]), tonumber(fields[i + 1])
          if m > minute - 60 then
            total = total + c
            if m < oldest then oldest = m end
          else
            redis.call('HDEL', KEYS[1], fields[i])
          end
        end
        if total >= limit then return {0, oldest} end
        redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return {1, 0}
        """;

    /// <inheritdoc />
    public async Task<(bool Allowed, TimeSpan RetryAfter)> TryAcquireAsync(string tokenFingerprint)
    {
        var now = time.GetUtcNow();
        var minute = now.ToUnixTimeSeconds() / 60;
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(
            Script, [(RedisKey)$"{keyPrefix}sandbox-rate:{tokenFingerprint}"],
            [minute, options.Value.RateLimitPerHour, (long)TimeSpan.FromMinutes(61).TotalMilliseconds]))!;
        if ((int)result[0] == 1)
        {
            return (true, TimeSpan.Zero);
        }

        var freedAt = DateTimeOffset.FromUnixTimeSeconds(((long)result[1] + 60) * 60);
        return (false, freedAt - now);
    }
}
