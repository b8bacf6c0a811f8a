using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Bitbucket.Models;
using BitbucketBlazor.Common.Stores;

namespace BitbucketBlazor.OAuth;

/// <summary>
/// A browser's walkthrough as it stands: what a new circuit needs to resume at the same step with
/// the same consumer, the same token and the same history, on this instance or another.
/// </summary>
/// <param name="Consumer">The chosen consumer, or null.</param>
/// <param name="Token">The current token, or null.</param>
/// <param name="Grant">The grant that produced it.</param>
/// <param name="ObtainedAt">When it arrived.</param>
/// <param name="ExpiresAt">When it expires.</param>
/// <param name="LastClientCredentialsResult">The last client-credentials answer, shown again on its step.</param>
/// <param name="AutoRefresh">Whether the tab asked for automatic refresh.</param>
/// <param name="History">The exchanges so far, oldest first (at most <see cref="WalkthroughStore.HistoryKept"/>).</param>
/// <param name="Steps">The step each walkthrough page was on, by page.</param>
/// <param name="Callback">The authorization code callback's facts, or null.</param>
/// <param name="CodeExchange">The code exchange, or null.</param>
/// <param name="RestoredLogin">Whether the token came from the browser's earlier login.</param>
public sealed record WalkthroughSnapshot(
    ConsumerCredentials? Consumer,
    TokenResponse? Token,
    string? Grant,
    DateTimeOffset? ObtainedAt,
    DateTimeOffset? ExpiresAt,
    TokenResult? LastClientCredentialsResult,
    bool AutoRefresh,
    IReadOnlyList<HttpExchange> History,
    IReadOnlyDictionary<string, int> Steps,
    CallbackFacts? Callback,
    HttpExchange? CodeExchange,
    bool RestoredLogin);

/// <summary>
/// Keeps each browser's walkthrough outside the process as it changes, so losing an instance
/// (even to a crash, which leaves no chance to save on the way out) loses nothing: the page that
/// reconnects or reloads elsewhere resumes from here. Keyed by the browser's cookie id, bounded
/// like every store (a full store refuses a new browser; nobody's saved walkthrough is dropped),
/// forgotten <see cref="Lifetime"/> after its last change. With Redis the snapshot is encrypted
/// with Data Protection, the key hashed.
/// </summary>
public sealed class WalkthroughStore(IBoundedStoreFactory stores, TimeProvider clock, int capacity = WalkthroughStore.DefaultCapacity)
{
    /// <summary>How long a walkthrough is kept after its last change.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    /// <summary>The most browsers' walkthroughs kept at once by default.</summary>
    public const int DefaultCapacity = 10_000;

    /// <summary>How many of the latest exchanges a snapshot keeps: what a page shows, bounded in size.</summary>
    public const int HistoryKept = 30;

    private readonly IBoundedStore<WalkthroughSnapshot> _walkthroughs =
        stores.Create<WalkthroughSnapshot>(new BoundedStoreLimits("walkthroughs", capacity), clock.GetUtcNow);

    /// <summary>Saves (or replaces) the browser's walkthrough; false when the store is full of other browsers'.</summary>
    public async Task<bool> SaveAsync(string browserId, WalkthroughSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(browserId);
        var bounded = snapshot.History.Count > HistoryKept ? snapshot with { History = [.. snapshot.History.TakeLast(HistoryKept)] } : snapshot;
        var written = await _walkthroughs.SetAsync(browserId, bounded, StoreLifetime.Until(clock.GetUtcNow() + Lifetime), cancellationToken: cancellationToken);
        return written == StoreWrite.Stored;
    }

    /// <summary>Gets the browser's saved walkthrough, or null.</summary>
    public Task<WalkthroughSnapshot?> LoadAsync(string browserId, CancellationToken cancellationToken = default) =>
        _walkthroughs.GetAsync(browserId, cancellationToken);
}
