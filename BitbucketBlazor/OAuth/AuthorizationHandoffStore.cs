using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Bitbucket.Models;
using BitbucketBlazor.Common;

namespace BitbucketBlazor.OAuth;

/// <summary>What the callback learned, kept for the walkthrough to explain; the code only masked.</summary>
/// <param name="AuthorizeUrl">The authorize URL the browser was sent to, state included.</param>
/// <param name="RedirectUri">The <c>redirect_uri</c> sent on it, or null when the consumer's callback URL was used.</param>
/// <param name="MaskedCode">The authorization code with all but its first characters hidden.</param>
/// <param name="CodeLength">How long the real code was.</param>
/// <param name="State">The state that came back (spent now, so no longer useful to anyone).</param>
/// <param name="StateIssuedAt">When this app issued that state.</param>
/// <param name="ReceivedAt">When the callback arrived.</param>
public sealed record CallbackFacts(
    Uri AuthorizeUrl,
    string? RedirectUri,
    string MaskedCode,
    int CodeLength,
    string State,
    DateTimeOffset StateIssuedAt,
    DateTimeOffset ReceivedAt);

/// <summary>The result of a completed callback, waiting for the visitor's interactive session to pick it up.</summary>
/// <param name="Consumer">The consumer the code was issued to.</param>
/// <param name="Token">The token the code was exchanged for.</param>
/// <param name="Exchanges">The token request and response as they went over the wire.</param>
/// <param name="Callback">The callback's facts, for teaching.</param>
public sealed record AuthorizationHandoff(
    ConsumerCredentials Consumer,
    TokenResponse Token,
    IReadOnlyList<HttpExchange> Exchanges,
    CallbackFacts Callback);

/// <summary>
/// Carries a callback's result from the <c>/oauth-callback</c> request to the browser's Blazor
/// circuit without putting a code or token in a URL: the callback leaves it here under a random
/// id bound to the browser, the walkthrough page claims it once. Entries live
/// <see cref="Lifetime"/> and the store never grows past its bound.
/// </summary>
public sealed class AuthorizationHandoffStore(TimeProvider clock, int capacity = AuthorizationHandoffStore.DefaultCapacity)
{
    /// <summary>How long a hand-off waits to be claimed.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    /// <summary>The most hand-offs kept at once by default.</summary>
    public const int DefaultCapacity = 1_000;

    private readonly ExpiringMap<Entry> _handoffs = new(capacity, e => e.ExpiresAt, clock.GetUtcNow);

    /// <summary>Gets how many unclaimed hand-offs (expired ones included until swept) are held.</summary>
    public int Count => _handoffs.Count;

    /// <summary>Leaves a hand-off for <paramref name="browserId"/>; returns its random id.</summary>
    public string Put(string browserId, AuthorizationHandoff handoff)
    {
        ArgumentException.ThrowIfNullOrEmpty(browserId);
        var id = Crypto.NewRandomToken();
        _handoffs.Set(id, new Entry(browserId, handoff, clock.GetUtcNow() + Lifetime));
        return id;
    }

    /// <summary>Gets the id of the newest unexpired hand-off waiting for this browser, without claiming it.</summary>
    public string? FindPending(string? browserId)
    {
        if (browserId is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        return _handoffs.FindNewest(e => now < e.ExpiresAt && Crypto.FixedTimeEquals(e.BrowserId, browserId));
    }

    /// <summary>
    /// Takes the hand-off once: null when the id is unknown, already claimed, expired, or was left
    /// for another browser.
    /// </summary>
    public AuthorizationHandoff? Claim(string? id, string? browserId)
    {
        if (string.IsNullOrEmpty(id)
            || !_handoffs.TryGet(id, out var entry)
            || !Crypto.FixedTimeEquals(entry.BrowserId, browserId)
            || !_handoffs.TryTake(id, out entry))
        {
            return null;
        }

        return clock.GetUtcNow() < entry.ExpiresAt ? entry.Handoff : null;
    }

    private sealed record Entry(string BrowserId, AuthorizationHandoff Handoff, DateTimeOffset ExpiresAt);
}
