using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Bitbucket.Models;

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

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Gets how many unclaimed hand-offs (expired ones included until swept) are held.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Leaves a hand-off for <paramref name="browserId"/>; returns its random id.</summary>
    public string Put(string browserId, AuthorizationHandoff handoff)
    {
        ArgumentException.ThrowIfNullOrEmpty(browserId);
        var id = BrowserBinding.NewSecret();
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            Sweep(now);
            if (_entries.Count >= capacity)
            {
                _entries.Remove(_entries.MinBy(e => e.Value.ExpiresAt).Key);
            }

            _entries[id] = new Entry(browserId, handoff, now + Lifetime);
        }

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
        lock (_gate)
        {
            return _entries
                .Where(e => now < e.Value.ExpiresAt && BrowserBinding.SameBrowser(e.Value.BrowserId, browserId))
                .OrderByDescending(e => e.Value.ExpiresAt)
                .Select(e => e.Key)
                .FirstOrDefault();
        }
    }

    /// <summary>
    /// Takes the hand-off once: null when the id is unknown, already claimed, expired, or was left
    /// for another browser.
    /// </summary>
    public AuthorizationHandoff? Claim(string? id, string? browserId)
    {
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (!_entries.TryGetValue(id, out var entry) || !BrowserBinding.SameBrowser(entry.BrowserId, browserId))
            {
                return null;
            }

            _entries.Remove(id);
            return now < entry.ExpiresAt ? entry.Handoff : null;
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var expired in _entries.Where(e => now >= e.Value.ExpiresAt).Select(e => e.Key).ToList())
        {
            _entries.Remove(expired);
        }
    }

    private sealed record Entry(string BrowserId, AuthorizationHandoff Handoff, DateTimeOffset ExpiresAt);
}
