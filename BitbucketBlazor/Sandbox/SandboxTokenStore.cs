using BitbucketBlazor.Bitbucket.Facts;
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
/// <param name="RefreshToken">The refresh token (unchanged on a refresh, as Bitbucket does).</param>
/// <param name="Scopes">The scopes the access token carries.</param>
/// <param name="ExpiresIn">Seconds until the access token expires.</param>
public sealed record SandboxTokenGrant(string AccessToken, string RefreshToken, IReadOnlyList<string> Scopes, int ExpiresIn);

/// <summary>
/// The sandbox's access and refresh tokens, in memory and bounded by
/// <see cref="SandboxOptions.MaxTokens"/>: when full, expired tokens go first, then the oldest.
/// Tokens are kept by fingerprint only. Thread-safe.
/// </summary>
public sealed class SandboxTokenStore(SandboxClock time, IOptions<SandboxOptions> options)
{
    /// <summary>How long an access token lives: two hours, as on Bitbucket.</summary>
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromHours(2);

    // An expired token is remembered a while so its holder is told "expired" (and to refresh)
    // rather than "invalid"; after that it is dropped.
    private static readonly TimeSpan ExpiredRetention = TimeSpan.FromHours(2);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, SandboxAccessToken> _accessTokens = new(StringComparer.Ordinal);
    private readonly Queue<string> _accessOrder = new();
    private readonly Dictionary<string, (string ConsumerKey, IReadOnlyList<string> Scopes)> _refreshTokens = new(StringComparer.Ordinal);
    private readonly Queue<string> _refreshOrder = new();

    private int Capacity => options.Value.MaxTokens;

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
        var refreshToken = SandboxSecrets.NewToken();
        lock (_lock)
        {
            while (_refreshTokens.Count >= Capacity && _refreshOrder.TryDequeue(out var oldest))
            {
                _refreshTokens.Remove(oldest);
            }

            var fingerprint = SandboxSecrets.Fingerprint(refreshToken);
            _refreshTokens[fingerprint] = (consumer.Key, consumer.Scopes);
            _refreshOrder.Enqueue(fingerprint);
        }

        return IssueAccessToken(consumer, refreshToken);
    }

    /// <summary>
    /// Issues a new access token for a refresh token of <paramref name="consumer"/>, or returns
    /// null when the refresh token is unknown or belongs to another consumer. Earlier access
    /// tokens stay valid until their own expiry, and the refresh token stays usable.
    /// </summary>
    public SandboxTokenGrant? Refresh(SandboxConsumer consumer, string refreshToken)
    {
        lock (_lock)
        {
            if (!_refreshTokens.TryGetValue(SandboxSecrets.Fingerprint(refreshToken), out var entry) || entry.ConsumerKey != consumer.Key)
            {
                return null;
            }
        }

        return IssueAccessToken(consumer, refreshToken);
    }

    /// <summary>Looks up a presented access token.</summary>
    public SandboxTokenStatus Validate(string accessToken, out SandboxAccessToken? token)
    {
        lock (_lock)
        {
            _accessTokens.TryGetValue(SandboxSecrets.Fingerprint(accessToken), out token);
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
        var fingerprint = SandboxSecrets.Fingerprint(accessToken);
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

    private SandboxTokenGrant IssueAccessToken(SandboxConsumer consumer, string refreshToken)
    {
        var accessToken = SandboxSecrets.NewToken();
        var fingerprint = SandboxSecrets.Fingerprint(accessToken);
        var now = time.GetUtcNow();
        lock (_lock)
        {
            DropForgottenAndOverflow(now);
            _accessTokens[fingerprint] = new SandboxAccessToken(consumer.Key, consumer.Scopes, now + AccessTokenLifetime);
            _accessOrder.Enqueue(fingerprint);
        }

        return new SandboxTokenGrant(accessToken, refreshToken, consumer.Scopes, (int)AccessTokenLifetime.TotalSeconds);
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
}
