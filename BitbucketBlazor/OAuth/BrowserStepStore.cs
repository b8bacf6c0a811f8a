using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Common.Stores;

namespace BitbucketBlazor.OAuth;

/// <summary>
/// The browser's own requests of an authorization-code login (<c>/authorize</c>, the consent page,
/// the decision, <c>/oauth-callback</c>) as the server saw them, kept per browser until the tab that
/// claims the login's hand-off takes them for its HAR export.
/// </summary>
/// <remarks>
/// Bounded three ways: at most <see cref="MaxStepsPerBrowser"/> steps a browser (a new
/// <c>/authorize</c> starts the list afresh), at most its capacity of browsers (a newcomer is not
/// recorded rather than pushing out another browser's login), and <see cref="Lifetime"/> after the
/// last step. Steps arrive with their URLs already masked: no code or token is ever stored here.
/// The backend is the app's <see cref="IBoundedStoreFactory"/>, so with Redis a tab resumed on
/// another instance still finds its login's steps.
/// </remarks>
public sealed class BrowserStepStore(IBoundedStoreFactory stores, TimeProvider clock, int capacity = BrowserStepStore.DefaultCapacity)
{
    /// <summary>How long steps wait to be taken after the last one arrived (as long as a login's <c>state</c> lives).</summary>
    public static readonly TimeSpan Lifetime = AuthorizationStateStore.Lifetime;

    /// <summary>The most browsers with steps kept at once by default.</summary>
    public const int DefaultCapacity = 10_000;

    /// <summary>The most steps kept for one browser; a login takes four.</summary>
    public const int MaxStepsPerBrowser = 12;

    private readonly IBoundedStore<BrowserSteps> _browsers =
        stores.Create<BrowserSteps>(new BoundedStoreLimits("browser-steps", capacity), clock.GetUtcNow);

    /// <summary>Gets how many browsers have unexpired steps waiting.</summary>
    public Task<int> CountAsync(CancellationToken cancellationToken = default) => _browsers.CountLiveAsync(cancellationToken);

    /// <summary>Records one step of <paramref name="browserId"/>'s login; <paramref name="startsLogin"/> forgets its earlier steps.</summary>
    /// <returns>False when the step was not kept: the store is full of other browsers, or this login has too many steps.</returns>
    public async Task<bool> RecordAsync(string browserId, HttpExchange step, bool startsLogin, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(browserId);
        IReadOnlyList<HttpExchange> earlier = startsLogin ? [] : (await _browsers.GetAsync(browserId, cancellationToken))?.Steps ?? [];
        if (earlier.Count >= MaxStepsPerBrowser)
        {
            return false;
        }

        var written = await _browsers.SetAsync(
            browserId, new BrowserSteps([.. earlier, step]), StoreLifetime.Until(clock.GetUtcNow() + Lifetime), cancellationToken: cancellationToken);
        return written == StoreWrite.Stored;
    }

    /// <summary>Takes the browser's steps, oldest first, once; empty when there are none.</summary>
    public async Task<IReadOnlyList<HttpExchange>> TakeAsync(string? browserId, CancellationToken cancellationToken = default) =>
        browserId is not null && await _browsers.TakeAsync(browserId, cancellationToken) is { } taken ? taken.Steps : [];

    /// <summary>Moves a login's steps to the browser's renewed id (a sign-in renews it), oldest first.</summary>
    public async Task RebindAsync(string? fromBrowserId, string toBrowserId, CancellationToken cancellationToken = default)
    {
        var steps = await TakeAsync(fromBrowserId, cancellationToken);
        if (steps.Count > 0)
        {
            await _browsers.SetAsync(
                toBrowserId, new BrowserSteps(steps), StoreLifetime.Until(clock.GetUtcNow() + Lifetime), cancellationToken: cancellationToken);
        }
    }
}

/// <summary>One browser's recorded login steps, oldest first: what <see cref="BrowserStepStore"/> keeps per browser.</summary>
/// <param name="Steps">The steps, their URLs masked.</param>
public sealed record BrowserSteps(IReadOnlyList<HttpExchange> Steps);
