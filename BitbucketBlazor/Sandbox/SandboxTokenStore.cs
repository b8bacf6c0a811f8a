using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Common;
using BitbucketBlazor.Common.Stores;
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

/// <summary>What the store keeps of a refresh token (by fingerprint; never the token itself).</summary>
/// <param name="ConsumerKey">The consumer it was issued to.</param>
/// <param name="ExpiresAt">When it stops being accepted.</param>
/// <param name="UsedAt">When it was first used for a refresh (rotation), or null.</param>
public sealed record SandboxRefreshToken(string ConsumerKey, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt);

/// <summary>The answer to a refresh: a grant, or null with whether the store was full (else the token was refused).</summary>
/// <param name="Grant">The new access token, or null.</param>
/// <param name="Full">True when the refresh token was good but the store had no room for the new tokens.</param>
public sealed record SandboxRefreshOutcome(SandboxTokenGrant? Grant, bool Full);

/// <summary>
/// The sandbox's access and refresh tokens, bounded by <see cref="SandboxOptions.MaxTokens"/>
/// each: when the store is full of live tokens a new one is refused (the token endpoint says so)
/// rather than someone's live token dropped; expired tokens do not count. Tokens are kept by
/// fingerprint only, in whichever backend the app's <see cref="IBoundedStoreFactory"/> provides.
/// With rotation on, a used refresh token keeps working for the grace period, then is retired.
/// </summary>
public sealed class SandboxTokenStore
{
    /// <summary>How long a refresh token is accepted: about three months, as on Bitbucket.</summary>
    public static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromDays(90);

    /// <summary>
    /// How long a refresh token holds a place in the store (and so is never pushed out): a day.
    /// After that it still works, but a full store may forget it to make room, soonest-expiring
    /// first; otherwise three months of refresh tokens could lock the sandbox for everyone.
    /// </summary>
    public static readonly TimeSpan RefreshTokenGuaranteed = TimeSpan.FromDays(1);

    // An expired token is remembered a while so its holder is told "expired" (and to refresh)
    // rather than "invalid"; after that it is dropped. Remembered tokens take no place.
    private static readonly TimeSpan s_expiredRetention = TimeSpan.FromHours(2);

    private readonly SandboxClock _time;
    private readonly IOptions<SandboxOptions> _options;
    private readonly IBoundedStore<SandboxAccessToken> _accessTokens;
    private readonly IBoundedStore<SandboxRefreshToken> _refreshTokens;

    /// <summary>Creates the store over the app's store backend.</summary>
    public SandboxTokenStore(SandboxClock time, IOptions<SandboxOptions> options, IBoundedStoreFactory stores)
    {
        _time = time;
        _options = options;
        var capacity = options.Value.MaxTokens;
        _accessTokens = stores.Create<SandboxAccessToken>(new BoundedStoreLimits("sandbox-access", capacity), time.GetUtcNow);
        _refreshTokens = stores.Create<SandboxRefreshToken>(new BoundedStoreLimits("sandbox-refresh", capacity), time.GetUtcNow);
    }

    private TimeSpan Grace => _options.Value.RefreshTokenGracePeriod;

    /// <summary>Gets how many access tokens are live.</summary>
    public Task<int> CountLiveAccessTokensAsync() => _accessTokens.CountLiveAsync();

    /// <summary>Gets how many refresh tokens are live.</summary>
    public Task<int> CountLiveRefreshTokensAsync() => _refreshTokens.CountLiveAsync();

    /// <summary>
    /// Issues a new access token and a new refresh token to <paramref name="consumer"/>, or returns
    /// null when the store is full of live tokens.
    /// </summary>
    public async Task<SandboxTokenGrant?> IssueAsync(SandboxConsumer consumer)
    {
        var refreshToken = NewToken();
        if (!await AddRefreshTokenAsync(consumer.Key, refreshToken))
        {
            return null;
        }

        if (await IssueAccessTokenAsync(consumer, refreshToken) is { } grant)
        {
            return grant;
        }

        // No access token to go with it: the refresh token is given back, not left to take a place.
        await _refreshTokens.TakeAsync(Crypto.Fingerprint(refreshToken));
        return null;
    }

    /// <summary>
    /// Issues a new access token for a refresh token of <paramref name="consumer"/>. Without rotation
    /// the refresh token stays usable; with it, a new refresh token comes back and the used one works
    /// only for the grace period. Earlier access tokens stay valid until their own expiry.
    /// </summary>
    public async Task<SandboxRefreshOutcome> RefreshAsync(SandboxConsumer consumer, string refreshToken)
    {
        var fingerprint = Crypto.Fingerprint(refreshToken);
        var now = _time.GetUtcNow();
        var entry = await _refreshTokens.GetAsync(fingerprint);
        if (entry is null || StatusOf(entry, consumer.Key, now) is not (SandboxRefreshTokenStatus.Fresh or SandboxRefreshTokenStatus.UsedWithinGrace))
        {
            return new SandboxRefreshOutcome(null, Full: false);
        }

        var next = refreshToken;
        if (_options.Value.RefreshTokenRotation == SandboxRefreshTokenRotation.Rotating)
        {
            next = NewToken();
            if (!await AddRefreshTokenAsync(consumer.Key, next))
            {
                return new SandboxRefreshOutcome(null, Full: true);
            }

            // Used: no longer needs a guaranteed place, still answers until the grace period is over.
            await _refreshTokens.SwapAsync(fingerprint, entry with { UsedAt = entry.UsedAt ?? now }, new StoreLifetime(now, entry.ExpiresAt));
        }

        var grant = await IssueAccessTokenAsync(consumer, next);
        return new SandboxRefreshOutcome(grant, Full: grant is null);
    }

    /// <summary>Says what the store knows of a refresh token presented by <paramref name="consumerKey"/>.</summary>
    public async Task<SandboxRefreshTokenStatus> ValidateRefreshTokenAsync(string consumerKey, string refreshToken) =>
        await _refreshTokens.GetAsync(Crypto.Fingerprint(refreshToken)) is { } entry
            ? StatusOf(entry, consumerKey, _time.GetUtcNow())
            : SandboxRefreshTokenStatus.Unknown;

    /// <summary>
    /// Retires exactly this refresh token now (as if used longer ago than the grace period), for a
    /// presenter who wants to show what an old refresh token gets.
    /// </summary>
    /// <returns>True when the token is known (and is now retired), false otherwise.</returns>
    public async Task<bool> RetireRefreshTokenAsync(string refreshToken)
    {
        var fingerprint = Crypto.Fingerprint(refreshToken);
        var now = _time.GetUtcNow();
        var longAgo = now - Grace - TimeSpan.FromSeconds(1);
        if (await _refreshTokens.GetAsync(fingerprint) is not { } entry)
        {
            return false;
        }

        if (entry.UsedAt is null || entry.UsedAt > longAgo)
        {
            return await _refreshTokens.SwapAsync(fingerprint, entry with { UsedAt = longAgo }, new StoreLifetime(now, entry.ExpiresAt)) is not null;
        }

        return true;
    }

    /// <summary>Looks up a presented access token.</summary>
    public async Task<(SandboxTokenStatus Status, SandboxAccessToken? Token)> ValidateAsync(string accessToken)
    {
        var token = await _accessTokens.GetAsync(Crypto.Fingerprint(accessToken));
        if (token is null)
        {
            return (SandboxTokenStatus.Unknown, null);
        }

        return (_time.GetUtcNow() < token.ExpiresAt ? SandboxTokenStatus.Valid : SandboxTokenStatus.Expired, token);
    }

    /// <summary>
    /// Expires exactly this access token now, for a presenter who wants to show what an
    /// expired token looks like. Every other token is untouched.
    /// </summary>
    /// <returns>True when the token is known (and is now expired), false otherwise.</returns>
    public async Task<bool> ExpireAccessTokenAsync(string accessToken)
    {
        var fingerprint = Crypto.Fingerprint(accessToken);
        var now = _time.GetUtcNow();
        if (await _accessTokens.GetAsync(fingerprint) is not { } token)
        {
            return false;
        }

        if (token.ExpiresAt > now)
        {
            var expired = token with { ExpiresAt = now };
            return await _accessTokens.SwapAsync(fingerprint, expired, new StoreLifetime(now, now + s_expiredRetention)) is not null;
        }

        return true;
    }

    private SandboxRefreshTokenStatus StatusOf(SandboxRefreshToken entry, string consumerKey, DateTimeOffset now) =>
        entry.ConsumerKey != consumerKey || now >= entry.ExpiresAt ? SandboxRefreshTokenStatus.Unknown
        : entry.UsedAt is not { } usedAt ? SandboxRefreshTokenStatus.Fresh
        : now < usedAt + Grace ? SandboxRefreshTokenStatus.UsedWithinGrace
        : SandboxRefreshTokenStatus.Retired;

    // Bitbucket's new tokens are regularly over 2,500 characters: 1,950 random bytes are 2,600 in base64url.
    private string NewToken() => Crypto.NewRandomToken(_options.Value.LongTokens ? 1_950 : 32);

    private async Task<bool> AddRefreshTokenAsync(string consumerKey, string refreshToken)
    {
        var now = _time.GetUtcNow();
        var stored = new SandboxRefreshToken(consumerKey, now + RefreshTokenLifetime, UsedAt: null);
        var lifetime = new StoreLifetime(now + RefreshTokenGuaranteed, stored.ExpiresAt);
        return await _refreshTokens.SetAsync(Crypto.Fingerprint(refreshToken), stored, lifetime) == StoreWrite.Stored;
    }

    private async Task<SandboxTokenGrant?> IssueAccessTokenAsync(SandboxConsumer consumer, string refreshToken)
    {
        var accessToken = NewToken();
        var lifetime = _options.Value.AccessTokenLifetime;
        var expiresAt = _time.GetUtcNow() + lifetime;
        var stored = new SandboxAccessToken(consumer.Key, consumer.Scopes, expiresAt);
        var written = await _accessTokens.SetAsync(Crypto.Fingerprint(accessToken), stored, new StoreLifetime(expiresAt, expiresAt + s_expiredRetention));
        return written == StoreWrite.Stored
            ? new SandboxTokenGrant(accessToken, refreshToken, consumer.Scopes, (int)Math.Ceiling(lifetime.TotalSeconds))
            : null;
    }
}
