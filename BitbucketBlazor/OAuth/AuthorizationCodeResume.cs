namespace BitbucketBlazor.OAuth;

/// <summary>How a tab's authorization code login was picked up.</summary>
public enum ResumeOutcome
{
    /// <summary>Nothing to pick up: the visitor starts at the first step.</summary>
    None,

    /// <summary>The callback's hand-off was claimed: a fresh token, with the callback's facts.</summary>
    Claimed,

    /// <summary>No hand-off, but this browser had authorized before: its token was restored.</summary>
    Restored,

    /// <summary>The tab already holds a token of this flow.</summary>
    AlreadyHasToken,
}

/// <summary>What <see cref="AuthorizationCodeResume.ResumeAsync"/> did.</summary>
/// <param name="Outcome">How the login was picked up.</param>
/// <param name="ConsumerKey">The consumer the token belongs to, when one was claimed or restored.</param>
/// <param name="Notice">A sentence for the visitor, or null.</param>
public sealed record Resumption(ResumeOutcome Outcome, string? ConsumerKey, string? Notice);

/// <summary>
/// Picks an authorization code login up in a visitor's tab (one per circuit): claims the hand-off
/// the callback left for this browser, or restores the browser's earlier authorization, into the
/// tab's <see cref="TokenState"/> and <see cref="AuthorizationCodeSession"/>. Pages bind and render.
/// </summary>
public sealed class AuthorizationCodeResume(
    TokenState state,
    AuthorizationCodeSession session,
    AuthorizationHandoffStore handoffs,
    AuthorizedBrowserStore authorizations,
    BrowserStepStore browserSteps,
    TimeProvider clock)
{
    private const string RestoredNotice = "This browser had already authorized, so its token was restored from the server-side session.";

    /// <summary>
    /// Gets whether the tab holds a token of this flow: from a callback or an earlier login of this
    /// browser, possibly refreshed since; a client credentials token in the same tab is not one.
    /// </summary>
    public bool HasToken => state.Token is not null &&
        state.Grant is AuthorizationCodeFlow.Grant or TokenRefresher.Grant &&
        (session.Callback is not null || session.Restored);

    /// <summary>Gets whether this browser has an authorization the server remembers.</summary>
    public async Task<bool> IsAuthorizedAsync() => await authorizations.FindAsync(session.BrowserId) is not null;

    /// <summary>Finds the id of the hand-off waiting for a browser; called while prerendering, when the cookie is at hand.</summary>
    public Task<string?> FindPendingHandoffAsync(string? browserId) => handoffs.FindPendingAsync(browserId);

    /// <summary>
    /// Claims the hand-off (once), or else restores the browser's earlier authorization when the tab
    /// holds no token of this flow.
    /// </summary>
    /// <param name="browserId">The browser cookie's id carried in from prerendering, or null.</param>
    /// <param name="handoffId">The pending hand-off's id carried in from prerendering, or null.</param>
    public async Task<Resumption> ResumeAsync(string? browserId, string? handoffId)
    {
        session.BrowserId ??= browserId;
        if (await handoffs.ClaimAsync(handoffId, session.BrowserId) is { } handoff)
        {
            session.Received(handoff);
            state.RecordBrowserSteps(await browserSteps.TakeAsync(session.BrowserId));
            await state.SelectConsumerAsync(handoff.Consumer);
            await state.RecordAsync(handoff.Exchanges);
            await state.SetTokenAsync(handoff.Token, AuthorizationCodeFlow.Grant);
            return new Resumption(ResumeOutcome.Claimed, handoff.Consumer.ClientId, null);
        }

        if (!HasToken && await authorizations.FindAsync(session.BrowserId) is { } earlier)
        {
            // The token's clock started when it was issued, not now: expires_in is what is left of it.
            var left = (int)Math.Max(0, (earlier.ExpiresAt - clock.GetUtcNow()).TotalSeconds);
            session.RestoredFromEarlierLogin();
            await state.SelectConsumerAsync(earlier.Consumer);
            await state.SetTokenAsync(earlier.Token with { ExpiresIn = left }, earlier.Grant);
            return new Resumption(ResumeOutcome.Restored, earlier.Consumer.ClientId, RestoredNotice);
        }

        if (!HasToken)
        {
            return new Resumption(ResumeOutcome.None, null, null);
        }

        // A walkthrough resumed from the shared store (a reload, another instance) whose login this browser still holds.
        var notice = session.Resumed && await IsAuthorizedAsync() ? RestoredNotice : null;
        return new Resumption(ResumeOutcome.AlreadyHasToken, state.Consumer?.ClientId, notice);
    }

    /// <summary>Forgets this browser's authorization and the tab's token, for a new login.</summary>
    public async Task ForgetAsync()
    {
        await authorizations.ForgetAsync(session.BrowserId);
        session.Clear();
        await state.ClearTokenAsync();
    }
}
