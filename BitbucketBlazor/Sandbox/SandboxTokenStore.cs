using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Common;
using Microsoft.Extensions.Options;

namespace BitbucketBlazor.Sandbox;

/// <summary>An access token the sandbox has issued, as the REST API sees it.</summary>
/// <param name="ConsumerKey">The key of the consumer it was issued to.</param>
/// <param name="Scopes">The scopes it carries: the consumer's.</param>
/// <param name="ExpiresAt">When it stops being accepted.</param>
public sealed record SandboxAccessToken(string ConsumerKey, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt);

/// <summary>What the store knows of a presented access token.</summary>
public enum SandboxTokenStatus
{
    /// <summary>Never issued, or evicted long ago.</summary>
    Unknown,

    /// <summary>Issued and past its expiry.</summary>
    Expired,

    /// <summary>Issued and still valid.</summary>
    Valid,
}

/// <summary>An access token and its refresh token, as the token endpoint hands them out.</summary>
/// <param name="AccessToken">The new access token.</param>
/// <param name="RefreshToken">The refresh token: a new one on every refresh when rotating, the same one in legacy mode.</param>
/// <param name="Scopes">The scopes the access token carries.</param>
/// <param name="ExpiresIn">Seconds until the access token expires.</param>
public sealed record SandboxTokenGrant(string AccessToken, string RefreshToken, IReadOnlyList<string> Scopes, int ExpiresIn);

/// <summary>What the store knows of a presented refresh token.</summary>
public enum SandboxRefreshTokenStatus
{
    /// <summary>Never issued, evicted, or issued to another consumer.</summary>
    Unknown,

    /// <summary>Issued and not used yet.</summary>
    Fresh,

    /// <summary>Used (rotated) and still inside the grace period: it works once more, or several times, until the period ends.</summary>
    UsedWithinGrace,

    /// <summary>Used (rotated) and past the grace period: refused.</summary>
    Retired,
}

/// <summary>
/// The sandbox's access and refresh tokens, in memory and bounded by
/// <see cref="SandboxOptions.MaxTokens"/>: when full, expired tokens go first, then the oldest.
/// Refresh tokens rotate as on Bitbucket (<see cref="SandboxOptions.RefreshTokenRotation"/>): a used
/// one keeps working for <see cref="SandboxOptions.RefreshTokenGracePeriod"/>, then is refused.
/// Tokens are kept by fingerprint only. Thread-safe.
/// </summary>
public sealed class SandboxTokenStore(SandboxClock time, IOptions<SandboxOptions> options)
{
    // An expired token is remembered a while so its holder is told "expired" (and to refresh)
    // rather than "invalid"; after that it is dropped.
    private static readonly TimeSpan ExpiredRetention = TimeSpan.FromHours(2);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, SandboxAccessToken> _accessTokens = new(StringComparer.Ordinal);
    private readonly Queue<string> _accessOrder = new();
    private readonly Dictionary<string, RefreshEntry> _refreshTokens = new(StringComparer.Ordinal);
    private readonly Queue<string> _refreshOrder = new();

    private int Capacity => options.Value.MaxTokens;

    private TimeSpan Grace => options.Value.RefreshTokenGracePeriod;

    /// <summary>Gets how many access tokens the store holds, expired ones included.</summary>
    public int AccessTokenCount
    {
        get
        {
            lock (_lock)
            {
                return _accessTokens.Count;
            }
        }
    }

    /// <summary>Gets how many refresh tokens the store holds.</summary>
    public int RefreshTokenCount
    {
        get
        {
            lock (_lock)
            {
                return _refreshTokens.Count;
            }
        }
    }

    /// <summary>Issues a new access token and a new refresh token to <paramref name="consumer"/>.</summary>
    public SandboxTokenGrant Issue(SandboxConsumer consumer)
    {
        var refreshToken = NewToken();
        lock (_lock)
        {
            AddRefreshToken(consumer.Key, refreshToken);
        }

        return IssueAccessToken(consumer, refreshToken);
    }

    /// <summary>
    /// Issues a new access token for a refresh token of <paramref name="consumer"/>, or returns
    /// null when the refresh token is unknown, belongs to another consumer, or was used longer
    /// than the grace period ago. When rotating, the answer carries a new refresh token and the
    /// presented one starts its grace period (at its first use only); in legacy mode the same
    /// refresh token comes back. Earlier access tokens stay valid until their own expiry.
    /// </summary>
    public SandboxTokenGrant? Refresh(SandboxConsumer consumer, string refreshToken)
    {
        var fingerprint = Crypto.Fingerprint(refreshToken);
        var now = time.GetUtcNow();
        var rotating = options.Value.RefreshTokenRotation == SandboxRefreshTokenRotation.Rotating;
        var next = rotating ? NewToken() : refreshToken;
        lock (_lock)
        {
            if (!_refreshTokens.TryGetValue(fingerprint, out var entry) || StatusOf(entry, consumer.Key, now) is not
                (SandboxRefreshTokenStatus.Fresh or SandboxRefreshTokenStatus.UsedWithinGrace))
            {
                return null;
            }

            if (rotating)
            {
                _refreshTokens[fingerprint] = entry with { UsedAt = entry.UsedAt ?? now };
                AddRefreshToken(consumer.Key, next);
            }
        }

        return IssueAccessToken(consumer, next);
    }

    /// <summary>Looks up a presented refresh token as seen by <paramref name="consumerKey"/>.</summary>
    public SandboxRefreshTokenStatus ValidateRefreshToken(string consumerKey, string refreshToken)
    {
        lock (_lock)
        {
            return _refreshTokens.TryGetValue(Crypto.Fingerprint(refreshToken), out var entry)
                ? StatusOf(entry, consumerKey, time.GetUtcNow())
                : SandboxRefreshTokenStatus.Unknown;
        }
    }

    /// <summary>
    /// Ages exactly this refresh token past its grace period now, as if it had been used longer ago
    /// than the grace period, for a presenter who wants to show what a client that kept the old
    /// refresh token runs into. Every other token is untouched.
    /// </summary>
    /// <returns>True when the token is known (and is now refused), false otherwise.</returns>
    public bool RetireRefreshToken(string refreshToken)
    {
        var fingerprint = Crypto.Fingerprint(refreshToken);
        var longAgo = time.GetUtcNow() - Grace - TimeSpan.FromSeconds(1);
        lock (_lock)
        {
            if (!_refreshTokens.TryGetValue(fingerprint, out var entry))
            {
                return false;
            }

            if (entry.UsedAt is null || entry.UsedAt > longAgo)
            {
                _refreshTokens[fingerprint] = entry with { UsedAt = longAgo };
            }

            return true;
        }
    }

    /// <summary>Looks up a presented access token.</summary>
    public SandboxTokenStatus Validate(string accessToken, out SandboxAccessToken? token)
    {
        lock (_lock)
        {
            _accessTokens.TryGetValue(Crypto.Fingerprint(accessToken), out token);
        }

        if (token is null)
        {
            return SandboxTokenStatus.Unknown;
        }

        return time.GetUtcNow() < token.ExpiresAt ? SandboxTokenStatus.Valid : SandboxTokenStatus.Expired;
    }

    /// <summary>
    /// Expires exactly this access token now, for a presenter who wants to show what an
    /// expired token looks like. Every other token is untouched.
    /// </summary>
    /// <returns>True when the token is known (and is now expired), false otherwise.</returns>
    public bool ExpireAccessToken(string accessToken)
    {
        var fingerprint = Crypto.Fingerprint(accessToken);
        var now = time.GetUtcNow();
        lock (_lock)
        {
            if (!_accessTokens.TryGetValue(fingerprint, out var token))
            {
                return false;
            }

            if (token.ExpiresAt > now)
            {
                _accessTokens[fingerprint] = token with { ExpiresAt = now };
            }

            return true;
        }
    }

    private SandboxRefreshTokenStatus StatusOf(RefreshEntry entry, string consumerKey, DateTimeOffset now) =>
        entry.ConsumerKey != consumerKey ? SandboxRefreshTokenStatus.Unknown
        : entry.UsedAt is not { } usedAt ? SandboxRefreshTokenStatus.Fresh
        : now < usedAt + Grace ? SandboxRefreshTokenStatus.UsedWithinGrace
        : SandboxRefreshTokenStatus.Retired;

    // Bitbucket's new tokens are regularly over 2,500 characters: 1,950 random bytes are 2,600 in base64url.
    private string NewToken() => Crypto.NewRandomToken(options.Value.LongTokens ? 1_950 : 32);

    // Called under the lock. The oldest refresh tokens go first when the store is full.
    private void AddRefreshToken(string consumerKey, string refreshToken)
    {
        while (_refreshTokens.Count >= Capacity && _refreshOrder.TryDequeue(out var oldest))
        {
            _refreshTokens.Remove(oldest);
        }

        var fingerprint = Crypto.Fingerprint(refreshToken);
        _refreshTokens[fingerprint] = new RefreshEntry(consumerKey, null);
        _refreshOrder.Enqueue(fingerprint);
    }

    private SandboxTokenGrant IssueAccessToken(SandboxConsumer consumer, string refreshToken)
    {
        var accessToken = NewToken();
        var fingerprint = Crypto.Fingerprint(accessToken);
        var now = time.GetUtcNow();
        var lifetime = options.Value.AccessTokenLifetime;
        lock (_lock)
        {
            DropForgottenAndOverflow(now);
            _accessTokens[fingerprint] = new SandboxAccessToken(consumer.Key, consumer.Scopes, now + lifetime);
            _accessOrder.Enqueue(fingerprint);
        }

        return new SandboxTokenGrant(accessToken, refreshToken, consumer.Scopes, (int)Math.Ceiling(lifetime.TotalSeconds));
    }

    // Tokens are queued in issue order and all live equally long, so the oldest are at the
    // front: dropping from the front removes long-expired tokens first, then, when the store
    // is full, the oldest still-valid ones. The queue and the dictionary hold the same keys.
    private void DropForgottenAndOverflow(DateTimeOffset now)
    {
        while (_accessOrder.TryPeek(out var oldest))
        {
            var forgotten = _accessTokens[oldest].ExpiresAt + ExpiredRetention <= now;
            if (!forgotten && _accessTokens.Count < Capacity)
            {
                break;
            }

            _accessOrder.Dequeue();
            _accessTokens.Remove(oldest);
        }
    }

    // A refresh token's consumer, and when it was first used (null until then); its scopes are the consumer's.
    private sealed record RefreshEntry(string ConsumerKey, DateTimeOffset? UsedAt);
}
