using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Bitbucket.Models;
using Microsoft.AspNetCore.Components;

namespace BitbucketBlazor.OAuth;

/// <summary>
/// One visitor's OAuth state, scoped to the Blazor circuit (one per browser tab): the chosen
/// consumer, the current token and its expiry, whether to refresh it automatically and how the
/// last refresh went, and the exchanges made so far. Components subscribe with
/// <see cref="NotifyOnChange"/> and re-render when it changes.
/// </summary>
/// <remarks>Mutate it on the circuit's dispatcher (from component code, or inside <c>InvokeAsync</c>).</remarks>
public sealed class TokenState(TimeProvider clock)
{
    /// <summary>How many exchanges the history keeps; older ones drop off.</summary>
    public const int HistoryLimit = 100;

    private readonly HashSet<EventCallback> _subscribers = [];
    private readonly HashSet<EventCallback> _keepers = [];
    private readonly List<HttpExchange> _history = [];
    private readonly List<HttpExchange> _browserSteps = [];
    private readonly Dictionary<string, int> _steps = new(StringComparer.Ordinal);

    /// <summary>Gets the chosen consumer, or null.</summary>
    public ConsumerCredentials? Consumer { get; private set; }

    /// <summary>Gets the current token, or null.</summary>
    public TokenResponse? Token { get; private set; }

    /// <summary>Gets the grant that produced <see cref="Token"/>, for example <c>client_credentials</c>.</summary>
    public string? Grant { get; private set; }

    /// <summary>Gets when the current token arrived.</summary>
    public DateTimeOffset? ObtainedAt { get; private set; }

    /// <summary>Gets when the current token expires, from <c>expires_in</c> kept within <see cref="TokenLifetime"/>'s range.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    /// <summary>
    /// Gets the outcome of this tab's last client-credentials token request, success or failure,
    /// so the walkthrough shows it again when the visitor comes back to the page. Forgotten with the consumer.
    /// </summary>
    public TokenResult? LastClientCredentialsResult { get; private set; }

    /// <summary>
    /// Gets whether this tab wants its token refreshed automatically before expiry. A wish of the tab, not
    /// of one page or step: the layout's <c>AutoRefresher</c> acts on it wherever the visitor is.
    /// </summary>
    public bool AutoRefresh { get; private set; }

    /// <summary>Gets when the next automatic refresh is due: with <see cref="AutoRefresh"/> on and a token that can be refreshed, else null.</summary>
    public DateTimeOffset? AutoRefreshDueAt =>
        AutoRefresh && Consumer is not null && !string.IsNullOrEmpty(Token?.RefreshToken)
            ? AutoRefreshSchedule.DueFor(ObtainedAt, ExpiresAt)
            : null;

    /// <summary>
    /// Gets how the last refresh went, manual or automatic, so the refresh step shows it even when it happened
    /// while the visitor was elsewhere. Forgotten with the token, and when a token of another grant arrives.
    /// </summary>
    public RefreshOutcome? LastRefresh { get; private set; }

    /// <summary>
    /// Gets the refresh token the last successful refresh replaced, and when it was first used, so the refresh step
    /// can show old and new side by side and let the visitor try the old one. Never rendered unmasked. Forgotten with
    /// the token, and when a token of another grant arrives.
    /// </summary>
    public ReplacedRefreshToken? PreviousRefreshToken { get; private set; }

    /// <summary>Gets the exchanges so far, oldest first, at most <see cref="HistoryLimit"/>.</summary>
    public IReadOnlyList<HttpExchange> History => _history;

    /// <summary>
    /// Gets the browser's own requests of this tab's authorization-code logins (<c>/authorize</c>, consent,
    /// callback), masked, oldest first, at most <see cref="HistoryLimit"/>: for the HAR export, not the history list.
    /// </summary>
    public IReadOnlyList<HttpExchange> BrowserSteps => _browserSteps;

    /// <summary>Gets how long the current token has left (zero once expired), or null without a token.</summary>
    public TimeSpan? Remaining => ExpiresAt is { } at
        ? TimeSpan.FromTicks(Math.Max(0, (at - clock.GetUtcNow()).Ticks))
        : null;

    /// <summary>Gets whether there is a token whose expiry has passed.</summary>
    public bool IsExpired => Remaining == TimeSpan.Zero;

    /// <summary>Chooses a consumer; a token of another consumer is forgotten.</summary>
    public Task SelectConsumerAsync(ConsumerCredentials? consumer)
    {
        if (Consumer != consumer)
        {
            ClearTokenFields();
            LastClientCredentialsResult = null;
        }

        Consumer = consumer;
        return NotifyAsync();
    }

    /// <summary>Keeps a token that just arrived through <paramref name="grant"/>.</summary>
    public Task SetTokenAsync(TokenResponse token, string grant)
    {
        UseToken(token, grant);
        return NotifyAsync();
    }

    /// <summary>
    /// Keeps the outcome of a client-credentials token request (see <see cref="LastClientCredentialsResult"/>): its
    /// exchange joins the history and its token, if any, becomes the tab's. Subscribers hear of it once, not once per
    /// change: outside an event's synchronous part Blazor renders at each notification, so each would render the page
    /// and send the browser a batch of its own.
    /// </summary>
    public Task KeepClientCredentialsResultAsync(TokenResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Exchange is { } exchange)
        {
            KeepLatest(_history, [exchange]);
        }

        if (result.Token is { } token)
        {
            UseToken(token, "client_credentials");
        }

        LastClientCredentialsResult = result;
        return NotifyAsync();
    }

    /// <summary>Switches the automatic refresh on or off (see <see cref="AutoRefresh"/>).</summary>
    public Task SetAutoRefreshAsync(bool on)
    {
        if (AutoRefresh == on)
        {
            return Task.CompletedTask;
        }

        AutoRefresh = on;
        return NotifyAsync();
    }

    /// <summary>
    /// Keeps a refreshed token with the refresh token it replaces (see <see cref="PreviousRefreshToken"/>) and the
    /// <paramref name="exchange"/> that brought it, in one change (one notification, one render of the page). The
    /// newest refresh token is always the one kept: Bitbucket rotates them, and the replaced one dies soon.
    /// </summary>
    public Task SetRefreshedTokenAsync(TokenResponse token, ReplacedRefreshToken replaced, HttpExchange? exchange)
    {
        KeepLatest(_history, exchange is null ? [] : [exchange]);

        // Trying the old refresh token again keeps the time of its first use: Bitbucket's grace period runs from there.
        PreviousRefreshToken = PreviousRefreshToken?.Value == replaced.Value ? PreviousRefreshToken : replaced;
        UseToken(token, TokenRefresher.Grant);
        return NotifyAsync();
    }

    /// <summary>Keeps how a refresh went (see <see cref="LastRefresh"/>).</summary>
    public Task KeepRefreshOutcomeAsync(RefreshOutcome outcome)
    {
        LastRefresh = outcome;
        return NotifyAsync();
    }

    /// <summary>Marks the current token as expired now (the sandbox has been told to expire it too).</summary>
    public Task MarkExpiredAsync()
    {
        if (Token is not null)
        {
            ExpiresAt = clock.GetUtcNow();
        }

        return NotifyAsync();
    }

    /// <summary>Forgets the current token.</summary>
    public Task ClearTokenAsync()
    {
        ClearTokenFields();
        return NotifyAsync();
    }

    /// <summary>Adds exchanges to the history.</summary>
    public Task RecordAsync(IEnumerable<HttpExchange> exchanges)
    {
        KeepLatest(_history, exchanges);
        return NotifyAsync();
    }

    /// <summary>Adds the browser's steps of a login this tab claimed (see <see cref="BrowserSteps"/>).</summary>
    public void RecordBrowserSteps(IEnumerable<HttpExchange> steps) => KeepLatest(_browserSteps, steps);

    /// <summary>Gets the step a walkthrough page was last on, or null.</summary>
    public int? StepOf(string page) => _steps.TryGetValue(page, out var step) ? step : null;

    /// <summary>Keeps the step a walkthrough page is on, so a reload (here or on another instance) resumes there.</summary>
    public Task KeepStepAsync(string page, int step)
    {
        if (StepOf(page) == step)
        {
            return Task.CompletedTask;
        }

        _steps[page] = step;

        // Only for whoever keeps the walkthrough: nothing on screen shows the step kept, and notifying every subscriber
        // after each render made every step change render the whole page twice.
        return Task.WhenAll(_keepers.ToArray().Select(k => k.InvokeAsync()));
    }

    /// <summary>Captures everything a new circuit needs to resume this tab (with the flow session's facts).</summary>
    public WalkthroughSnapshot Capture(AuthorizationCodeSession session) => new(
        Consumer, Token, Grant, ObtainedAt, ExpiresAt, LastClientCredentialsResult, AutoRefresh,
        [.. _history], new Dictionary<string, int>(_steps), session.Callback, session.CodeExchange, session.Restored);

    /// <summary>Takes over a captured walkthrough, as it was, without notifying (nobody is subscribed yet).</summary>
    public void Restore(WalkthroughSnapshot snapshot)
    {
        Consumer = snapshot.Consumer;
        Token = snapshot.Token;
        Grant = snapshot.Grant;
        ObtainedAt = snapshot.ObtainedAt;
        ExpiresAt = snapshot.ExpiresAt;
        LastClientCredentialsResult = snapshot.LastClientCredentialsResult;
        AutoRefresh = snapshot.AutoRefresh;
        _history.Clear();
        _history.AddRange(snapshot.History);
        _steps.Clear();
        foreach (var (page, step) in snapshot.Steps)
        {
            _steps[page] = step;
        }
    }

    /// <summary>
    /// Calls <paramref name="callback"/> after every change of what the walkthrough shows until the returned handle is
    /// disposed (not after <see cref="KeepStepAsync"/>: see <see cref="NotifyToKeep"/>).
    /// </summary>
    public IDisposable NotifyOnChange(EventCallback callback)
    {
        _subscribers.Add(callback);
        return new Subscription(() => _subscribers.Remove(callback));
    }

    /// <summary>
    /// Calls <paramref name="callback"/> after every change, the step a page is on included, until the returned handle
    /// is disposed: for whoever keeps the walkthrough outside the circuit.
    /// </summary>
    public IDisposable NotifyToKeep(EventCallback callback)
    {
        _subscribers.Add(callback);
        _keepers.Add(callback);
        return new Subscription(() =>
        {
            _subscribers.Remove(callback);
            _keepers.Remove(callback);
        });
    }

    private void UseToken(TokenResponse token, string grant)
    {
        if (grant != TokenRefresher.Grant)
        {
            // A token from a fresh grant makes "the refreshed token is the one this tab uses" stale.
            LastRefresh = null;
            PreviousRefreshToken = null;
        }

        Token = token;
        Grant = grant;
        ObtainedAt = clock.GetUtcNow();
        ExpiresAt = ObtainedAt.Value + TokenLifetime.Of(token.ExpiresIn);
    }

    private static void KeepLatest(List<HttpExchange> kept, IEnumerable<HttpExchange> added)
    {
        kept.AddRange(added);
        if (kept.Count > HistoryLimit)
        {
            kept.RemoveRange(0, kept.Count - HistoryLimit);
        }
    }

    private void ClearTokenFields()
    {
        Token = null;
        Grant = null;
        ObtainedAt = null;
        ExpiresAt = null;
        LastRefresh = null;
        PreviousRefreshToken = null;
    }

    private Task NotifyAsync() => Task.WhenAll(_subscribers.ToArray().Select(s => s.InvokeAsync()));

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        public void Dispose() => unsubscribe();
    }
}
