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
/// Pending consents and authorization codes, in memory and bounded by
/// <see cref="SandboxOptions.MaxAuthorizationCodes"/> each; when full, the oldest go. Both are
/// single-use: taking one removes it. Thread-safe.
/// </summary>
public sealed class SandboxAuthorizationCodes(SandboxClock time, IOptions<SandboxOptions> options)
{
    /// <summary>How long a code may wait for its exchange.</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);

    /// <summary>How long a consent page may wait for its answer.</summary>
    public static readonly TimeSpan ConsentLifetime = TimeSpan.FromMinutes(10);

    // Keyed by fingerprint, so the secrets themselves are not kept.
    private readonly ExpiringMap<SandboxPendingConsent> _consents =
        new(options.Value.MaxAuthorizationCodes, c => c.ExpiresAt, time.GetUtcNow);

    private readonly ExpiringMap<SandboxAuthorizationCode> _codes =
        new(options.Value.MaxAuthorizationCodes, c => c.ExpiresAt, time.GetUtcNow);

    /// <summary>Gets how many codes are waiting to be exchanged, expired ones included.</summary>
    public int CodeCount => _codes.Count;

    /// <summary>Gets how many consent pages are waiting for an answer, expired ones included.</summary>
    public int PendingConsentCount => _consents.Count;

    /// <summary>Remembers a consent page and returns its unguessable id.</summary>
    public string BeginConsent(SandboxConsumer consumer, Uri callback, string? redirectUri, string? state)
    {
        var id = Crypto.NewRandomToken(24);
        var consent = new SandboxPendingConsent(consumer.Key, callback, redirectUri, state, time.GetUtcNow() + ConsentLifetime);
        _consents.Set(Crypto.Fingerprint(id), consent);
        return id;
    }

    /// <summary>Takes (and so ends) a pending consent, or returns null when unknown or expired.</summary>
    public SandboxPendingConsent? TakeConsent(string? id) =>
        id is not null && _consents.TryTake(Crypto.Fingerprint(id), out var consent) && time.GetUtcNow() < consent.ExpiresAt
            ? consent
            : null;

    /// <summary>Issues a code for a granted consent: 192 random bits, URL-safe, valid five minutes.</summary>
    public string IssueCode(SandboxPendingConsent consent)
    {
        var code = Crypto.NewRandomToken(24);
        var issued = new SandboxAuthorizationCode(consent.ConsumerKey, consent.RedirectUri, time.GetUtcNow() + CodeLifetime);
        _codes.Set(Crypto.Fingerprint(code), issued);
        return code;
    }

    /// <summary>
    /// Takes a code: whatever the outcome it cannot be used again. Returns null when the code is
    /// unknown, already used, or expired.
    /// </summary>
    public SandboxAuthorizationCode? TakeCode(string code) =>
        _codes.TryTake(Crypto.Fingerprint(code), out var entry) && time.GetUtcNow() < entry.ExpiresAt ? entry : null;
}
