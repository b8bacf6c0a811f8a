using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Common;

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
/// </remarks>
public sealed class BrowserStepStore(TimeProvider clock, int capacity = BrowserStepStore.DefaultCapacity)
{
    /// <summary>How long steps wait to be taken after the last one arrived (as long as a login's <c>state</c> lives).</summary>
    public static readonly TimeSpan Lifetime = AuthorizationStateStore.Lifetime;

    /// <summary>The most browsers with steps kept at once by default.</summary>
    public const int DefaultCapacity = 10_000;

    /// <summary>The most steps kept for one browser; a login takes four.</summary>
    public const int MaxStepsPerBrowser = 12;

    private readonly ExpiringMap<Entry> _browsers = new(capacity, e => e.ExpiresAt, clock.GetUtcNow);
    private readonly int _capacity = capacity;

    /// <summary>Gets how many browsers have steps waiting (expired ones included until swept).</summary>
    public int Count => _browsers.Count;

    /// <summary>Records one step of <paramref name="browserId"/>'s login; <paramref name="startsLogin"/> forgets its earlier steps.</summary>
    /// <returns>False when the step was not kept: the store is full of other browsers, or this login has too many steps.</returns>
    public bool Record(string browserId, HttpExchange step, bool startsLogin)
    {
        ArgumentException.ThrowIfNullOrEmpty(browserId);
        var now = clock.GetUtcNow();
        var known = _browsers.TryGet(browserId, out var entry) && now < entry.ExpiresAt;
        if (!known && _browsers.Count >= _capacity)
        {
            _browsers.DropExpired();
        }

        if (!known && _browsers.Count >= _capacity)
        {
            return false;
        }

        IReadOnlyList<HttpExchange> earlier = known && !startsLogin ? entry!.Steps : [];
        if (earlier.Count >= MaxStepsPerBrowser)
        {
            return false;
        }

        _browsers.Set(browserId, new Entry([.. earlier, step], now + Lifetime));
        return true;
    }

    /// <summary>Takes the browser's steps, oldest first, once; empty when there are none.</summary>
    public IReadOnlyList<HttpExchange> Take(string? browserId) =>
        browserId is not null && _browsers.TryTake(browserId, out var entry) && clock.GetUtcNow() < entry.ExpiresAt
            ? entry.Steps
            : [];

    private sealed record Entry(IReadOnlyList<HttpExchange> Steps, DateTimeOffset ExpiresAt);
}
