using BitbucketBlazor.Common.Stores;
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

/// <summary>What the store keeps of a refresh token (by fingerprint; never the token itself).</summary>
/// <param name="ConsumerKey">The consumer it was issued to.</param>
/// <param name="Scopes">The scopes its access tokens carry.</param>
/// <param name="ExpiresAt">When it stops being accepted.</param>
public sealed record SandboxRefreshToken(string ConsumerKey, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt);

/// <summary>
/// The sandbox's access and refresh tokens, bounded by <see cref="SandboxOptions.MaxTokens"/>
/// each: when the store is full of live tokens a new one is refused (the token endpoint says so)
/// rather than someone's live token dropped; expired tokens do not count. Tokens are kept by
/// fingerprint only, in whichever backend the app's <see cref="IBoundedStoreFactory"/> provides.
/// </summary>
public sealed class SandboxTokenStore
{
    /// <summary>How long an access token lives: two hours, as on Bitbucket.</summary>
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromHours(2);

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
    private static readonly TimeSpan ExpiredRetention = TimeSpan.FromHours(2);

    private readonly SandboxClock _time;
    private readonly IBoundedStore<SandboxAccessToken> _accessTokens;
    private readonly IBoundedStore<SandboxRefreshToken> _refreshTokens;

    /// <summary>Creates the store over the app's store backend.</summary>
    public SandboxTokenStore(SandboxClock time, IOptions<SandboxOptions> options, IBoundedStoreFactory stores)
    {
        _time = time;
        var capacity = options.Value.MaxTokens;
        _accessTokens = stores.Create<SandboxAccessToken>(new BoundedStoreLimits("sandbox-access", capacity), time.GetUtcNow);
        _refreshTokens = stores.Create<SandboxRefreshToken>(new BoundedStoreLimits("sandbox-refresh", capacity), time.GetUtcNow);
    }

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
        var refreshToken = SandboxSecrets.NewToken();
        var fingerprint = SandboxSecrets.Fingerprint(refreshToken);
        var now = _time.GetUtcNow();
        var stored = new SandboxRefreshToken(consumer.Key, consumer.Scopes, now + RefreshTokenLifetime);
        if (await _refreshTokens.SetAsync(fingerprint, stored, new StoreLifetime(now + RefreshTokenGuaranteed, stored.ExpiresAt)) == StoreWrite.Full)
        {
            return null;
        }

        if (await IssueAccessTokenAsync(consumer, refreshToken) is { } grant)
        {
            return grant;
        }

        // No access token to go with it: the refresh token is given back, not left to take a place.
        await _refreshTokens.TakeAsync(fingerprint);
        return null;
    }

    /// <summary>
    /// Issues a new access token for a refresh token of <paramref name="consumer"/>. Earlier access
    /// tokens stay valid until their own expiry, and the refresh token stays usable.
    /// </summary>
    public async Task<SandboxRefreshOutcome> RefreshAsync(SandboxConsumer consumer, string refreshToken)
    {
        var entry = await _refreshTokens.GetAsync(SandboxSecrets.Fingerprint(refreshToken));
        if (entry is null || entry.ConsumerKey != consumer.Key || _time.GetUtcNow() >= entry.ExpiresAt)
        {
            return new SandboxRefreshOutcome(null, Full: false);
        }

        var grant = await IssueAccessTokenAsync(consumer, refreshToken);
        return new SandboxRefreshOutcome(grant, Full: grant is null);
    }

    /// <summary>Looks up a presented access token.</summary>
    public async Task<(SandboxTokenStatus Status, SandboxAccessToken? Token)> ValidateAsync(string accessToken)
    {
        var token = await _accessTokens.GetAsync(SandboxSecrets.Fingerprint(accessToken));
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
        var fingerprint = SandboxSecrets.Fingerprint(accessToken);
        var now = _time.GetUtcNow();
        if (await _accessTokens.GetAsync(fingerprint) is not { } token)
        {
            return false;
        }

        if (token.ExpiresAt > now)
        {
            var expired = token with { ExpiresAt = now };
            return await _accessTokens.SwapAsync(fingerprint, expired, new StoreLifetime(now, now + ExpiredRetention)) is not null;
        }

        return true;
    }

    private async Task<SandboxTokenGrant?> IssueAccessTokenAsync(SandboxConsumer consumer, string refreshToken)
    {
        var accessToken = SandboxSecrets.NewToken();
        var expiresAt = _time.GetUtcNow() + AccessTokenLifetime;
        var stored = new SandboxAccessToken(consumer.Key, consumer.Scopes, expiresAt);
        var written = await _accessTokens.SetAsync(SandboxSecrets.Fingerprint(accessToken), stored, new StoreLifetime(expiresAt, expiresAt + ExpiredRetention));
        return written == StoreWrite.Stored
            ? new SandboxTokenGrant(accessToken, refreshToken, consumer.Scopes, (int)AccessTokenLifetime.TotalSeconds)
            : null;
    }
}

/// <summary>The answer to a refresh: a grant, or null with whether the store was full (else the token was refused).</summary>
/// <param name="Grant">The new access token, or null.</param>
/// <param name="Full">True when the refresh token was good but the store had no room for a new access token.</param>
public sealed record SandboxRefreshOutcome(SandboxTokenGrant? Grant, bool Full);
