using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Common;
using BitbucketBlazor.Common.Stores;
using Microsoft.Extensions.Options;

namespace BitbucketBlazor.Sandbox;

/// <summary>
/// The sandbox's access and refresh tokens, in two parts (<see cref="SandboxTokenRoom"/>) of
/// <see cref="SandboxOptions.MaxTokens"/> each: when a part is full of live tokens a new one is
/// refused (the token endpoint says so) rather than someone's live token dropped; expired tokens do
/// not count. Tokens are kept by fingerprint only, in whichever backend the app's
/// <see cref="IBoundedStoreFactory"/> provides. With rotation on, a used refresh token keeps working
/// for the grace period, then is retired.
/// </summary>
/// <remarks>
/// Why two parts: anyone can ask the token endpoint for tokens, and each takes a place for two hours.
/// A stranger rotating addresses (so no per-address limit holds) could fill one shared store in
/// seconds, and every visitor of the app, even one halfway through signing in, would then be refused
/// until those tokens expire. The app's own calls, made for its visitors and already limited per
/// visitor and per tab before they leave, take their places in a part nobody else can reach; direct
/// callers share the public part. No part evicts anyone, so neither can push the other's tokens out.
/// A flood driven through the app itself (whole sign-ins from many addresses) can still fill the
/// host part; it then refuses newcomers the same way (README, "Hosting it for a demo session").
/// </remarks>
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

    // Host first: it holds the tokens the app's visitors present on every call.
    private readonly Room[] _rooms;

    /// <summary>Creates the store over the app's store backend.</summary>
    public SandboxTokenStore(SandboxClock time, IOptions<SandboxOptions> options, IBoundedStoreFactory stores)
    {
        _time = time;
        _options = options;
        var capacity = options.Value.MaxTokens;
        Room Create(string prefix) => new(
            stores.Create<SandboxAccessToken>(new BoundedStoreLimits(prefix + "access", capacity), time.GetUtcNow),
            stores.Create<SandboxRefreshToken>(new BoundedStoreLimits(prefix + "refresh", capacity), time.GetUtcNow));
        _rooms = [Create("sandbox-host-"), Create("sandbox-")];
    }

    private TimeSpan Grace => _options.Value.RefreshTokenGracePeriod;

    /// <summary>Gets how many access tokens are live in <paramref name="room"/>.</summary>
    public Task<int> CountLiveAccessTokensAsync(SandboxTokenRoom room) => RoomFor(room).AccessTokens.CountLiveAsync();

    /// <summary>Gets how many refresh tokens are live in <paramref name="room"/>.</summary>
    public Task<int> CountLiveRefreshTokensAsync(SandboxTokenRoom room) => RoomFor(room).RefreshTokens.CountLiveAsync();

    /// <summary>
    /// Issues a new access token and a new refresh token to <paramref name="consumer"/> in
    /// <paramref name="room"/>, or returns null when that part is full of live tokens.
    /// </summary>
    public async Task<SandboxTokenGrant?> IssueAsync(SandboxConsumer consumer, SandboxTokenRoom room)
    {
        var into = RoomFor(room);
        var refreshToken = NewToken();
        if (!await AddRefreshTokenAsync(into, consumer.Key, refreshToken))
        {
            return null;
        }

        if (await IssueAccessTokenAsync(into, consumer, refreshToken) is { } grant)
        {
            return grant;
        }

        // No access token to go with it: the refresh token is given back, not left to take a place.
        await into.RefreshTokens.TakeAsync(Crypto.Fingerprint(refreshToken));
        return null;
    }

    /// <summary>
    /// Issues a new access token for a refresh token of <paramref name="consumer"/>. Without rotation
    /// the refresh token stays usable; with it, a new refresh token comes back and the used one works
    /// only for the grace period. Earlier access tokens stay valid until their own expiry. The new
    /// tokens take their places in <paramref name="room"/>, whichever part held the used one.
    /// </summary>
    public async Task<SandboxRefreshOutcome> RefreshAsync(SandboxConsumer consumer, string refreshToken, SandboxTokenRoom room)
    {
        var into = RoomFor(room);
        var fingerprint = Crypto.Fingerprint(refreshToken);
        var now = _time.GetUtcNow();
        var (held, entry) = await FindAsync(r => r.RefreshTokens, fingerprint);
        if (entry is null || StatusOf(entry, consumer.Key, now) is not (SandboxRefreshTokenStatus.Fresh or SandboxRefreshTokenStatus.UsedWithinGrace))
        {
            return new SandboxRefreshOutcome(null, Full: false);
        }

        var next = refreshToken;
        if (_options.Value.RefreshTokenRotation == SandboxRefreshTokenRotation.Rotating)
        {
            next = NewToken();
            if (!await AddRefreshTokenAsync(into, consumer.Key, next))
            {
                return new SandboxRefreshOutcome(null, Full: true);
            }

            // Used: no longer needs a guaranteed place, still answers until the grace period is over.
            await held!.SwapAsync(fingerprint, entry with { UsedAt = entry.UsedAt ?? now }, new StoreLifetime(now, entry.ExpiresAt));
        }

        var grant = await IssueAccessTokenAsync(into, consumer, next);
        return new SandboxRefreshOutcome(grant, Full: grant is null);
    }

    /// <summary>Says what the store knows of a refresh token presented by <paramref name="consumerKey"/>.</summary>
    public async Task<SandboxRefreshTokenStatus> ValidateRefreshTokenAsync(string consumerKey, string refreshToken) =>
        (await FindAsync(r => r.RefreshTokens, Crypto.Fingerprint(refreshToken))).Entry is { } entry
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
        var (held, entry) = await FindAsync(r => r.RefreshTokens, fingerprint);
        if (entry is null)
        {
            return false;
        }

        if (entry.UsedAt is null || entry.UsedAt > longAgo)
        {
            return await held!.SwapAsync(fingerprint, entry with { UsedAt = longAgo }, new StoreLifetime(now, entry.ExpiresAt)) is not null;
        }

        return true;
    }

    /// <summary>Looks up a presented access token.</summary>
    public async Task<(SandboxTokenStatus Status, SandboxAccessToken? Token)> ValidateAsync(string accessToken)
    {
        var (_, token) = await FindAsync(r => r.AccessTokens, Crypto.Fingerprint(accessToken));
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
        var (held, token) = await FindAsync(r => r.AccessTokens, fingerprint);
        if (token is null)
        {
            return false;
        }

        if (token.ExpiresAt > now)
        {
            var expired = token with { ExpiresAt = now };
            return await held!.SwapAsync(fingerprint, expired, new StoreLifetime(now, now + s_expiredRetention)) is not null;
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

    private async Task<bool> AddRefreshTokenAsync(Room room, string consumerKey, string refreshToken)
    {
        var now = _time.GetUtcNow();
        var stored = new SandboxRefreshToken(consumerKey, now + RefreshTokenLifetime, UsedAt: null);
        var lifetime = new StoreLifetime(now + RefreshTokenGuaranteed, stored.ExpiresAt);
        return await room.RefreshTokens.SetAsync(Crypto.Fingerprint(refreshToken), stored, lifetime) == StoreWrite.Stored;
    }

    private async Task<SandboxTokenGrant?> IssueAccessTokenAsync(Room room, SandboxConsumer consumer, string refreshToken)
    {
        var accessToken = NewToken();
        var lifetime = _options.Value.AccessTokenLifetime;
        var expiresAt = _time.GetUtcNow() + lifetime;
        var stored = new SandboxAccessToken(consumer.Key, consumer.Scopes, expiresAt);
        var written = await room.AccessTokens.SetAsync(Crypto.Fingerprint(accessToken), stored, new StoreLifetime(expiresAt, expiresAt + s_expiredRetention));
        return written == StoreWrite.Stored
            ? new SandboxTokenGrant(accessToken, refreshToken, consumer.Scopes, (int)Math.Ceiling(lifetime.TotalSeconds))
            : null;
    }

    private Room RoomFor(SandboxTokenRoom room) => room == SandboxTokenRoom.Host ? _rooms[0] : _rooms[1];

    // A token is found in whichever part holds it; fingerprints of random tokens never collide across parts.
    private async Task<(IBoundedStore<T>? Store, T? Entry)> FindAsync<T>(Func<Room, IBoundedStore<T>> part, string fingerprint)
        where T : class
    {
        foreach (var room in _rooms)
        {
            if (await part(room).GetAsync(fingerprint) is { } entry)
            {
                return (part(room), entry);
            }
        }

        return (null, null);
    }

    private sealed record Room(IBoundedStore<SandboxAccessToken> AccessTokens, IBoundedStore<SandboxRefreshToken> RefreshTokens);
}
