using BitbucketBlazor.Common.Stores;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Common;
using Microsoft.Extensions.Options;

namespace BitbucketBlazor.Sandbox;

/// <summary>A consent page that has been shown and not yet answered.</summary>
/// <param name="ConsumerKey">The consumer asking for access.</param>
/// <param name="Callback">The consumer's callback URL, resolved against the request's origin.</param>
/// <param name="RedirectUri">The <c>redirect_uri</c> given on the authorize request, if any.</param>
/// <param name="State">The client's <c>state</c>, echoed on the redirect, if any.</param>
/// <param name="ExpiresAt">When the page stops accepting an answer.</param>
public sealed record SandboxPendingConsent(string ConsumerKey, Uri Callback, string? RedirectUri, string? State, DateTimeOffset ExpiresAt);

/// <summary>An authorization code, bound to the consumer and the <c>redirect_uri</c> it was issued for.</summary>
/// <param name="ConsumerKey">The consumer the code was issued to.</param>
/// <param name="RedirectUri">The <c>redirect_uri</c> given on the authorize request, if any.</param>
/// <param name="ExpiresAt">When the code stops being accepted.</param>
public sealed record SandboxAuthorizationCode(string ConsumerKey, string? RedirectUri, DateTimeOffset ExpiresAt);

/// <summary>
/// Pending consents and authorization codes, bounded by <see cref="SandboxOptions.MaxAuthorizationCodes"/>
/// each: when full, a newcomer is refused (the consent page says so) rather than someone's live
/// consent or code dropped. Both are single-use: taking one removes it, atomically, whichever
/// instance takes it.
/// </summary>
public sealed class SandboxAuthorizationCodes(SandboxClock time, IOptions<SandboxOptions> options, IBoundedStoreFactory stores)
{
    /// <summary>How long a code may wait for its exchange.</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);

    /// <summary>How long a consent page may wait for its answer.</summary>
    public static readonly TimeSpan ConsentLifetime = TimeSpan.FromMinutes(10);

    // Keyed by fingerprint, so the secrets themselves are not kept.
    private readonly IBoundedStore<SandboxPendingConsent> _consents = stores.Create<SandboxPendingConsent>(
        new BoundedStoreLimits("sandbox-consents", options.Value.MaxAuthorizationCodes), time.GetUtcNow);

    private readonly IBoundedStore<SandboxAuthorizationCode> _codes = stores.Create<SandboxAuthorizationCode>(
        new BoundedStoreLimits("sandbox-codes", options.Value.MaxAuthorizationCodes), time.GetUtcNow);

    /// <summary>Gets how many live codes are waiting to be exchanged.</summary>
    public Task<int> CountLiveCodesAsync() => _codes.CountLiveAsync();

    /// <summary>Gets how many live consent pages are waiting for an answer.</summary>
    public Task<int> CountLiveConsentsAsync() => _consents.CountLiveAsync();

    /// <summary>Remembers a consent page and returns its unguessable id, or null when the store is full.</summary>
    public async Task<string?> BeginConsentAsync(SandboxConsumer consumer, Uri callback, string? redirectUri, string? state)
    {
        var id = SandboxSecrets.NewToken(24);
        var consent = new SandboxPendingConsent(consumer.Key, callback, redirectUri, state, time.GetUtcNow() + ConsentLifetime);
        var written = await _consents.SetAsync(SandboxSecrets.Fingerprint(id), consent, StoreLifetime.Until(consent.ExpiresAt));
        return written == StoreWrite.Stored ? id : null;
    }

    /// <summary>Takes (and so ends) a pending consent, or returns null when unknown or expired.</summary>
    public async Task<SandboxPendingConsent?> TakeConsentAsync(string? id) =>
        id is not null && await _consents.TakeAsync(SandboxSecrets.Fingerprint(id)) is { } consent && time.GetUtcNow() < consent.ExpiresAt
            ? consent
            : null;

    /// <summary>Issues a code for a granted consent (192 random bits, URL-safe, valid five minutes), or null when the store is full.</summary>
    public async Task<string?> IssueCodeAsync(SandboxPendingConsent consent)
    {
        var code = SandboxSecrets.NewToken(24);
        var issued = new SandboxAuthorizationCode(consent.ConsumerKey, consent.RedirectUri, time.GetUtcNow() + CodeLifetime);
        var written = await _codes.SetAsync(SandboxSecrets.Fingerprint(code), issued, StoreLifetime.Until(issued.ExpiresAt));
        return written == StoreWrite.Stored ? code : null;
    }

    /// <summary>
    /// Takes a code: whatever the outcome it cannot be used again. Returns null when the code is
    /// unknown, already used, or expired.
    /// </summary>
    public async Task<SandboxAuthorizationCode?> TakeCodeAsync(string code) =>
        await _codes.TakeAsync(SandboxSecrets.Fingerprint(code)) is { } entry && time.GetUtcNow() < entry.ExpiresAt ? entry : null;
}
