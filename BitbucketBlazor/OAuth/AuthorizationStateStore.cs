using BitbucketBlazor.Common;
using BitbucketBlazor.Common.Stores;

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
/// to, accepted once, for <see cref="Lifetime"/>. The store never grows past its bound: when it
/// holds as many pending states as it may, a new login is refused (and told why) rather than
/// another browser's pending login dropped; one browser holds at most <see cref="DefaultPerBrowser"/>,
/// its newest replacing its own oldest.
/// </summary>
/// <remarks>
/// Entries are keyed by the SHA-256 of the state, so the values themselves are not kept and a
/// lookup's timing does not depend on how much of a guessed state matches. A spent or expired
/// state is remembered for another <see cref="Lifetime"/> without taking a place, so a replay
/// reads "already used" or "expired" rather than "unknown".
/// </remarks>
public sealed class AuthorizationStateStore(
    IBoundedStoreFactory stores,
    TimeProvider clock,
    int capacity = AuthorizationStateStore.DefaultCapacity,
    int perBrowser = AuthorizationStateStore.DefaultPerBrowser)
{
    /// <summary>How long an issued state is accepted.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>The most pending states kept at once by default.</summary>
    public const int DefaultCapacity = 10_000;

    /// <summary>The most pending states one browser holds by default (several tabs, a retry or two).</summary>
    public const int DefaultPerBrowser = 5;

    private readonly IBoundedStore<StoredState> _states =
        stores.Create<StoredState>(new BoundedStoreLimits("states", capacity, perBrowser), clock.GetUtcNow);

    /// <summary>Gets how many states are pending (issued, unused, unexpired).</summary>
    public Task<int> CountPendingAsync(CancellationToken cancellationToken = default) => _states.CountLiveAsync(cancellationToken);

    /// <summary>
    /// Issues a fresh state (256 random bits) bound to <paramref name="browserId"/>; null when the
    /// store is full of other browsers' pending logins.
    /// </summary>
    public async Task<string?> IssueAsync(string browserId, string consumerKey, string? redirectUri, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(browserId);
        var state = Crypto.NewRandomToken();
        var now = clock.GetUtcNow();
        var request = new PendingAuthorization(consumerKey, redirectUri, now, now + Lifetime);
        var written = await _states.SetAsync(Crypto.Fingerprint(state), new StoredState(browserId, request, Used: false), LifetimeOf(request), browserId, cancellationToken);
        return written == StoreWrite.Stored ? state : null;
    }

    /// <summary>
    /// Checks a callback's state against the browser it came from and, when it is valid, spends
    /// it: a second callback with the same state gets <see cref="StateCheckOutcome.AlreadyUsed"/>.
    /// </summary>
    public async Task<StateCheck> ConsumeAsync(string? state, string? browserId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(state))
        {
            return new StateCheck(StateCheckOutcome.Missing, null);
        }

        var key = Crypto.Fingerprint(state);
        var entry = await _states.GetAsync(key, cancellationToken);
        if (entry is null)
        {
            return new StateCheck(StateCheckOutcome.Unknown, null);
        }

        // Used before other-browser: a successful sign-in renews the browser id, so a replay from
        // the very browser that signed in comes with a new id and is still told the truth.
        if (entry.Used)
        {
            return new StateCheck(StateCheckOutcome.AlreadyUsed, null);
        }

        if (!Crypto.FixedTimeEquals(entry.BrowserId, browserId))
        {
            // Left in place: the browser it belongs to may still come back with it.
            return new StateCheck(StateCheckOutcome.OtherBrowser, null);
        }

        if (clock.GetUtcNow() >= entry.Request.ExpiresAt)
        {
            return new StateCheck(StateCheckOutcome.Expired, null);
        }

        // The atomic step: of two callbacks racing with the same state, only the one that swaps
        // the unused record for the used one wins. The used record no longer takes a place.
        var spent = entry with { Used = true };
        var previous = await _states.SwapAsync(key, spent, new StoreLifetime(clock.GetUtcNow(), LifetimeOf(entry.Request).KeepUntil), cancellationToken);
        return previous is { Used: false }
            ? new StateCheck(StateCheckOutcome.Valid, previous.Request)
            : new StateCheck(previous is null ? StateCheckOutcome.Unknown : StateCheckOutcome.AlreadyUsed, null);
    }

    private static StoreLifetime LifetimeOf(PendingAuthorization request) => new(request.ExpiresAt, request.ExpiresAt + Lifetime);

    /// <summary>A state as stored: whose it is, what it was issued for, whether it was spent.</summary>
    /// <param name="BrowserId">The browser it was issued to.</param>
    /// <param name="Request">What was recorded at issue time.</param>
    /// <param name="Used">Whether a callback already spent it.</param>
    public sealed record StoredState(string BrowserId, PendingAuthorization Request, bool Used);
}
