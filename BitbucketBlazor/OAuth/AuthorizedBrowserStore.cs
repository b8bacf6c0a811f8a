using BitbucketBlazor.Bitbucket.Models;
using BitbucketBlazor.Common;

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
/// their last update, and the store never grows past its bound.
/// </summary>
public sealed class AuthorizedBrowserStore(TimeProvider clock, int capacity = AuthorizedBrowserStore.DefaultCapacity)
{
    /// <summary>How long an authorization is remembered after it was last set.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    /// <summary>The most browsers remembered at once by default.</summary>
    public const int DefaultCapacity = 10_000;

    private readonly ExpiringMap<Remembered> _browsers = new(capacity, r => r.ForgetAt, clock.GetUtcNow);

    /// <summary>Remembers (or replaces) the browser's authorization.</summary>
    public void Set(string browserId, BrowserAuthorization authorization)
    {
        ArgumentException.ThrowIfNullOrEmpty(browserId);
        _browsers.Set(browserId, new Remembered(authorization, clock.GetUtcNow() + Lifetime));
    }

    /// <summary>Gets the browser's authorization, or null.</summary>
    public BrowserAuthorization? Find(string? browserId) =>
        browserId is not null && _browsers.TryGet(browserId, out var remembered) && clock.GetUtcNow() < remembered.ForgetAt
            ? remembered.Authorization
            : null;

    /// <summary>Forgets the browser's authorization, so the next <c>/authorize</c> asks for consent again.</summary>
    public void Forget(string? browserId)
    {
        if (browserId is not null)
        {
            _browsers.Remove(browserId);
        }
    }

    private sealed record Remembered(BrowserAuthorization Authorization, DateTimeOffset ForgetAt);
}
