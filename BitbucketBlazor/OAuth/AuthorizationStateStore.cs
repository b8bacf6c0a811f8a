using BitbucketBlazor.Common;

namespace BitbucketBlazor.OAuth;

/// <summary>Why a <c>state</c> coming back on the callback was accepted or refused.</summary>
public enum StateCheckOutcome
{
    /// <summary>Issued by this app, to this browser, not expired, not used before.</summary>
    Valid,

    /// <summary>The callback carried no <c>state</c> at all.</summary>
    Missing,

    /// <summary>This app never issued it, or it expired and was cleaned up.</summary>
    Unknown,

    /// <summary>Issued, but more than <see cref="AuthorizationStateStore.Lifetime"/> ago.</summary>
    Expired,

    /// <summary>Issued and already spent on an earlier callback.</summary>
    AlreadyUsed,

    /// <summary>Issued to another browser (or this browser lost its cookie): the textbook CSRF case.</summary>
    OtherBrowser,
}

/// <summary>What was recorded when a <c>state</c> was issued for an authorize request.</summary>
/// <param name="ConsumerKey">The consumer whose <c>client_id</c> went on the authorize URL.</param>
/// <param name="RedirectUri">The <c>redirect_uri</c> sent, or null when none was; the code exchange must send the same.</param>
/// <param name="IssuedAt">When the state was issued.</param>
/// <param name="ExpiresAt">When it stops being accepted.</param>
public sealed record PendingAuthorization(string ConsumerKey, string? RedirectUri, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);

/// <summary>The result of checking a callback's <c>state</c>.</summary>
/// <param name="Outcome">Accepted or why not.</param>
/// <param name="Request">What was recorded at issue time; null unless <see cref="StateCheckOutcome.Valid"/>.</param>
public sealed record StateCheck(StateCheckOutcome Outcome, PendingAuthorization? Request)
{
    /// <summary>Gets whether the state was accepted.</summary>
    public bool IsValid => Outcome == StateCheckOutcome.Valid;
}

/// <summary>
/// The server-side record of the <c>state</c> values this app sent to the authorize endpoint
/// (RFC 6749 §10.12, CSRF protection): each is unguessable, bound to the browser it was issued
/// to, accepted once, for <see cref="Lifetime"/>. The store never grows past its bound.
/// </summary>
/// <remarks>
/// Entries are keyed by the SHA-256 of the state, so the values themselves are not kept and a
/// lookup's timing does not depend on how much of a guessed state matches.
/// </remarks>
public sealed class AuthorizationStateStore(TimeProvider clock, int capacity = AuthorizationStateStore.DefaultCapacity)
{
    /// <summary>How long an issued state is accepted.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>The most states kept at once by default.</summary>
    public const int DefaultCapacity = 10_000;

    private readonly ExpiringMap<Entry> _states = new(capacity, e => e.Request.ExpiresAt, clock.GetUtcNow);

    /// <summary>Gets how many states (pending or used, not yet swept) are held.</summary>
    public int Count => _states.Count;

    /// <summary>Issues a fresh state (256 random bits) bound to <paramref name="browserId"/>.</summary>
    public string Issue(string browserId, string consumerKey, string? redirectUri)
    {
        ArgumentException.ThrowIfNullOrEmpty(browserId);
        var state = Crypto.NewRandomToken();
        var now = clock.GetUtcNow();
        var request = new PendingAuthorization(consumerKey, redirectUri, now, now + Lifetime);

        // When full, the oldest go: a flood of /authorize requests can then only push out older
        // pending logins, never grow memory.
        _states.Set(Crypto.Fingerprint(state), new Entry(browserId, request));
        return state;
    }

    /// <summary>
    /// Checks a callback's state against the browser it came from and, when it is valid, spends
    /// it: a second callback with the same state gets <see cref="StateCheckOutcome.AlreadyUsed"/>.
    /// </summary>
    public StateCheck Consume(string? state, string? browserId)
    {
        if (string.IsNullOrEmpty(state))
        {
            return new StateCheck(StateCheckOutcome.Missing, null);
        }

        var key = Crypto.Fingerprint(state);
        if (!_states.TryGet(key, out var entry))
        {
            return new StateCheck(StateCheckOutcome.Unknown, null);
        }

        if (!Crypto.FixedTimeEquals(entry.BrowserId, browserId))
        {
            // Left in place: the browser it belongs to may still come back with it.
            return new StateCheck(StateCheckOutcome.OtherBrowser, null);
        }

        if (entry.IsUsed)
        {
            return new StateCheck(StateCheckOutcome.AlreadyUsed, null);
        }

        if (clock.GetUtcNow() >= entry.Request.ExpiresAt)
        {
            _states.Remove(key);
            return new StateCheck(StateCheckOutcome.Expired, null);
        }

        // Kept, marked used, until it expires: a replay then reads "already used", not "unknown".
        return entry.TryMarkUsed()
            ? new StateCheck(StateCheckOutcome.Valid, entry.Request)
            : new StateCheck(StateCheckOutcome.AlreadyUsed, null);
    }


    private sealed class Entry(string browserId, PendingAuthorization request)
    {
        private int _used;

        public string BrowserId { get; } = browserId;

        public PendingAuthorization Request { get; } = request;

        public bool IsUsed => Volatile.Read(ref _used) != 0;

        // The atomic step of Consume: of two callbacks racing with the same state, only one wins.
        public bool TryMarkUsed() => Interlocked.Exchange(ref _used, 1) == 0;
    }
}
