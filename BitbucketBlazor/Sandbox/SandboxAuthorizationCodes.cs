using BitbucketBlazor.Bitbucket;
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
/// <see cref="SandboxSettings.MaxAuthorizationCodes"/> each; when full, the oldest go. Both are
/// single-use: taking one removes it. Thread-safe.
/// </summary>
public sealed class SandboxAuthorizationCodes(TimeProvider time, IOptions<BitbucketOptions> options)
{
    /// <summary>How long a code may wait for its exchange.</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(5);

    /// <summary>How long a consent page may wait for its answer.</summary>
    public static readonly TimeSpan ConsentLifetime = TimeSpan.FromMinutes(10);

    private readonly BoundedSingleUseMap<SandboxPendingConsent> _consents =
        new(() => options.Value.Sandbox.MaxAuthorizationCodes, c => c.ExpiresAt <= time.GetUtcNow());

    private readonly BoundedSingleUseMap<SandboxAuthorizationCode> _codes =
        new(() => options.Value.Sandbox.MaxAuthorizationCodes, c => c.ExpiresAt <= time.GetUtcNow());

    /// <summary>Gets how many codes are waiting to be exchanged, expired ones included.</summary>
    public int CodeCount => _codes.Count;

    /// <summary>Gets how many consent pages are waiting for an answer, expired ones included.</summary>
    public int PendingConsentCount => _consents.Count;

    /// <summary>Remembers a consent page and returns its unguessable id.</summary>
    public string BeginConsent(SandboxConsumer consumer, Uri callback, string? redirectUri, string? state)
    {
        var id = SandboxSecrets.NewToken(24);
        _consents.Add(id, new SandboxPendingConsent(consumer.Key, callback, redirectUri, state, time.GetUtcNow() + ConsentLifetime));
        return id;
    }

    /// <summary>Takes (and so ends) a pending consent, or returns null when unknown or expired.</summary>
    public SandboxPendingConsent? TakeConsent(string? id)
    {
        var consent = id is null ? null : _consents.Take(id);
        return consent is not null && time.GetUtcNow() < consent.ExpiresAt ? consent : null;
    }

    /// <summary>Issues a code for a granted consent: 192 random bits, URL-safe, valid five minutes.</summary>
    public string IssueCode(SandboxPendingConsent consent)
    {
        var code = SandboxSecrets.NewToken(24);
        _codes.Add(code, new SandboxAuthorizationCode(consent.ConsumerKey, consent.RedirectUri, time.GetUtcNow() + CodeLifetime));
        return code;
    }

    /// <summary>
    /// Takes a code: whatever the outcome it cannot be used again. Returns null when the code is
    /// unknown, already used, or expired.
    /// </summary>
    public SandboxAuthorizationCode? TakeCode(string code)
    {
        var entry = _codes.Take(code);
        return entry is not null && time.GetUtcNow() < entry.ExpiresAt ? entry : null;
    }

    /// <summary>
    /// A map whose entries are taken once, holding at most a configured number: expired entries
    /// are dropped, and when it is full the oldest go first. Keys are fingerprints of the secrets.
    /// </summary>
    private sealed class BoundedSingleUseMap<T>(Func<int> capacity, Func<T, bool> isExpired)
        where T : class
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<string, T> _entries = new(StringComparer.Ordinal);
        private readonly Queue<string> _order = new();

        public int Count
        {
            get
            {
                lock (_lock)
                {
                    return _entries.Count;
                }
            }
        }

        public void Add(string secret, T value)
        {
            var key = SandboxSecrets.Fingerprint(secret);
            lock (_lock)
            {
                // The queue is in insertion order, so its head is the oldest entry; keys of
                // entries already taken linger in it until they reach the head or a compaction.
                while (_order.TryPeek(out var head) &&
                    (!_entries.TryGetValue(head, out var oldest) || isExpired(oldest) || _entries.Count >= capacity()))
                {
                    _order.Dequeue();
                    _entries.Remove(head);
                }

                if (_order.Count > 2 * capacity())
                {
                    var live = _order.Where(_entries.ContainsKey).ToArray();
                    _order.Clear();
                    foreach (var liveKey in live)
                    {
                        _order.Enqueue(liveKey);
                    }
                }

                _entries[key] = value;
                _order.Enqueue(key);
            }
        }

        public T? Take(string secret)
        {
            var key = SandboxSecrets.Fingerprint(secret);
            lock (_lock)
            {
                return _entries.Remove(key, out var value) ? value : null;
            }
        }
    }
}
