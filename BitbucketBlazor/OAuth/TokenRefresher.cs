namespace BitbucketBlazor.OAuth;

/// <summary>
/// The refresh grant (RFC 6749 §6) for the circuit's current token, whichever flow produced it:
/// sends <c>grant_type=refresh_token</c> once, records the exchange in the history, keeps the new
/// token with the newest refresh token (Bitbucket rotates them), and updates the browser's
/// server-side authorization when the token came from there.
/// </summary>
public sealed class TokenRefresher(
    ITokenClient tokens,
    TokenState state,
    AuthorizationCodeSession session,
    AuthorizedBrowserStore authorizations,
    TimeProvider clock,
    ILogger<TokenRefresher> logger)
{
    /// <summary>The grant's name on the request, and the <see cref="TokenState.Grant"/> of a refreshed token.</summary>
    public const string Grant = "refresh_token";

    /// <summary>Gets whether there is a token with a refresh token to refresh.</summary>
    public bool CanRefresh => state.Consumer is not null && !string.IsNullOrEmpty(state.Token?.RefreshToken);

    /// <summary>Builds the refresh request exactly as it will be sent, or null when there is nothing to refresh.</summary>
    public TokenRequestPreview? Preview() =>
        CanRefresh ? tokens.PreviewRefresh(state.Consumer!, state.Token!.RefreshToken!) : null;

    private Task<TokenResult>? _inFlight;

    /// <summary>
    /// Refreshes the current token. Errors come back in the result; none is thrown. A call while a refresh is
    /// under way (the button during an automatic refresh) gets that refresh's answer instead of sending the same
    /// refresh token a second time.
    /// </summary>
    /// <remarks>Call it on the circuit's dispatcher, like every change to <see cref="TokenState"/>.</remarks>
    public Task<TokenResult> RefreshAsync(CancellationToken cancellationToken = default)
    {
        if (_inFlight is { IsCompleted: false } inFlight)
        {
            return inFlight;
        }

        return _inFlight = SendRefreshAsync(state.Token?.RefreshToken, cancellationToken);
    }

    /// <summary>
    /// Refreshes with the refresh token the last refresh replaced (<see cref="TokenState.PreviousRefreshToken"/>), to
    /// show what Bitbucket does with a used one: within the grace period it still works, and its answer, the newest
    /// refresh token, becomes the one this tab keeps; after it, it is refused and the current token stays.
    /// </summary>
    public Task<TokenResult> RefreshWithPreviousAsync(CancellationToken cancellationToken = default)
    {
        if (_inFlight is { IsCompleted: false } inFlight)
        {
            return inFlight;
        }

        return _inFlight = SendRefreshAsync(state.PreviousRefreshToken?.Value, cancellationToken);
    }

    private async Task<TokenResult> SendRefreshAsync(string? refreshToken, CancellationToken cancellationToken)
    {
        if (!CanRefresh || string.IsNullOrEmpty(refreshToken))
        {
            return new TokenResult(null, null, null, "There is no refresh token to use: get a token first.");
        }

        var consumer = state.Consumer!;
        var oldToken = state.Token!;
        var sentAt = clock.GetUtcNow();
        TokenResult result;
        try
        {
            result = await tokens.RefreshAsync(consumer, refreshToken, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new TokenResult(null, null, null, UnexpectedFailure.Explain(logger, ex, "The refresh request", "The current token is unchanged; try the refresh again."));
        }

        if (result.Token is { } token)
        {
            // Bitbucket sends a refresh token back, a new one since it rotates them: that one is kept. Should none
            // come, the one just used still works. The exchange goes with it, one change for the page.
            var kept = string.IsNullOrEmpty(token.RefreshToken) ? token with { RefreshToken = refreshToken } : token;
            await state.SetRefreshedTokenAsync(kept, new ReplacedRefreshToken(refreshToken, sentAt), result.Exchange);
            await UpdateBrowserAuthorizationAsync(consumer, [refreshToken, oldToken.RefreshToken!], kept);
        }
        else if (result.Exchange is { } exchange)
        {
            await state.RecordAsync([exchange]);
        }

        return result;
    }

    private async Task UpdateBrowserAuthorizationAsync(ConsumerCredentials consumer, string[] replacedRefreshTokens, Bitbucket.Models.TokenResponse token)
    {
        // Only the browser's own login is updated, never with a token of another flow: it holds the refresh token
        // just used, or (after trying an old one) the tab's current one, and gets the newest either way.
        if (await authorizations.FindAsync(session.BrowserId) is { } current &&
            current.Consumer.ClientId == consumer.ClientId &&
            replacedRefreshTokens.Contains(current.Token.RefreshToken))
        {
            await authorizations.SetAsync(session.BrowserId!, new BrowserAuthorization(consumer, token, Grant, clock.GetUtcNow()));
        }
    }
}
