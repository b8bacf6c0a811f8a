using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Bitbucket.Models;
using BitbucketBlazor.Common.Stores;

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
/// <see cref="Lifetime"/>; the store never grows past its bound, refusing a new hand-off rather
/// than dropping another browser's, and one browser holds at most <see cref="DefaultPerBrowser"/>.
/// </summary>
public sealed class AuthorizationHandoffStore(
    IBoundedStoreFactory stores,
    TimeProvider clock,
    int capacity = AuthorizationHandoffStore.DefaultCapacity,
    int perBrowser = AuthorizationHandoffStore.DefaultPerBrowser)
{
    /// <summary>How long a hand-off waits to be claimed.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    /// <summary>The most hand-offs kept at once by default.</summary>
    public const int DefaultCapacity = 1_000;

    /// <summary>The most unclaimed hand-offs one browser holds by default.</summary>
    public const int DefaultPerBrowser = 3;

    private readonly IBoundedStore<Entry> _handoffs =
        stores.Create<Entry>(new BoundedStoreLimits("handoffs", capacity, perBrowser), clock.GetUtcNow);

    /// <summary>Gets how many unclaimed, unexpired hand-offs are held.</summary>
    public Task<int> CountPendingAsync(CancellationToken cancellationToken = default) => _handoffs.CountLiveAsync(cancellationToken);

    /// <summary>Leaves a hand-off for <paramref name="browserId"/>; returns its random id, or null when the store is full.</summary>
    public async Task<string?> PutAsync(string browserId, AuthorizationHandoff handoff, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(browserId);
        var id = BrowserBinding.NewSecret();
        var expiresAt = clock.GetUtcNow() + Lifetime;
        var written = await _handoffs.SetAsync(id, new Entry(id, browserId, handoff, expiresAt), StoreLifetime.Until(expiresAt), browserId, cancellationToken);
        return written == StoreWrite.Stored ? id : null;
    }

    /// <summary>Gets the id of the newest unexpired hand-off waiting for this browser, without claiming it.</summary>
    public async Task<string?> FindPendingAsync(string? browserId, CancellationToken cancellationToken = default) =>
        browserId is null ? null : (await _handoffs.FindNewestAsync(browserId, cancellationToken))?.Id;

    /// <summary>
    /// Takes the hand-off once: null when the id is unknown, already claimed, expired, or was left
    /// for another browser.
    /// </summary>
    public async Task<AuthorizationHandoff?> ClaimAsync(string? id, string? browserId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(id)
            || await _handoffs.GetAsync(id, cancellationToken) is not { } entry
            || !BrowserBinding.SameBrowser(entry.BrowserId, browserId)
            || await _handoffs.TakeAsync(id, cancellationToken) is not { } taken)
        {
            return null;
        }

        return clock.GetUtcNow() < taken.ExpiresAt ? taken.Handoff : null;
    }

    /// <summary>A hand-off as stored.</summary>
    /// <param name="Id">Its random id (so a browser's newest can be found by owner).</param>
    /// <param name="BrowserId">The browser it was left for.</param>
    /// <param name="Handoff">What the callback produced.</param>
    /// <param name="ExpiresAt">When it stops being claimable.</param>
    public sealed record Entry(string Id, string BrowserId, AuthorizationHandoff Handoff, DateTimeOffset ExpiresAt);
}
