using BitbucketBlazor.Bitbucket.Models;
using BitbucketBlazor.Common.Stores;

namespace BitbucketBlazor.OAuth;

/// <summary>A browser's current authorization: what lets <c>/authorize</c> skip the consent when it already has a token.</summary>
/// <param name="Consumer">The consumer the token belongs to.</param>
/// <param name="Token">The latest token (after refreshes, the refreshed one).</param>
/// <param name="Grant">The grant that produced it: <c>authorization_code</c> or <c>refresh_token</c>.</param>
/// <param name="ObtainedAt">When it arrived.</param>
public sealed record BrowserAuthorization(ConsumerCredentials Consumer, TokenResponse Token, string Grant, DateTimeOffset ObtainedAt)
{
    /// <summary>Gets when the access token expires.</summary>
    public DateTimeOffset ExpiresAt => ObtainedAt + TokenLifetime.Of(Token.ExpiresIn);
}

/// <summary>
/// The server-side record of which browser holds which user token, keyed by the browser cookie's
/// id: the session a real web app would keep. Entries are forgotten <see cref="Lifetime"/> after
/// their last update; the store never grows past its bound, refusing a newly signed-in browser
/// (told why) rather than forgetting another's sign-in.
/// </summary>
public sealed class AuthorizedBrowserStore(IBoundedStoreFactory stores, TimeProvider clock, int capacity = AuthorizedBrowserStore.DefaultCapacity)
{
    /// <summary>How long an authorization is remembered after it was last set.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    /// <summary>The most browsers remembered at once by default.</summary>
    public const int DefaultCapacity = 10_000;

    private readonly IBoundedStore<BrowserAuthorization> _browsers =
        stores.Create<BrowserAuthorization>(new BoundedStoreLimits("browsers", capacity), clock.GetUtcNow);

    /// <summary>Remembers (or replaces) the browser's authorization; false when the store is full of other browsers.</summary>
    public async Task<bool> SetAsync(string browserId, BrowserAuthorization authorization, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(browserId);
        var written = await _browsers.SetAsync(browserId, authorization, StoreLifetime.Until(clock.GetUtcNow() + Lifetime), cancellationToken: cancellationToken);
        return written == StoreWrite.Stored;
    }

    /// <summary>Gets the browser's authorization, or null.</summary>
    public async Task<BrowserAuthorization?> FindAsync(string? browserId, CancellationToken cancellationToken = default) =>
        browserId is null ? null : await _browsers.GetAsync(browserId, cancellationToken);

    /// <summary>Forgets the browser's authorization, so the next <c>/authorize</c> asks for consent again.</summary>
    public async Task ForgetAsync(string? browserId, CancellationToken cancellationToken = default)
    {
        if (browserId is not null)
        {
            await _browsers.TakeAsync(browserId, cancellationToken);
        }
    }
}
