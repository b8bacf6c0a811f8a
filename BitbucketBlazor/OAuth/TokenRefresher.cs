namespace BitbucketBlazor.OAuth;

/// <summary>
/// The refresh grant (RFC 6749 §6) for the circuit's current token, whichever flow produced it:
/// sends <c>grant_type=refresh_token</c> once, records the exchange in the history, keeps the new
/// token, and updates the browser's server-side authorization when the token came from there.
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

        return _inFlight = SendRefreshAsync(cancellationToken);
    }

    private async Task<TokenResult> SendRefreshAsync(CancellationToken cancellationToken)
    {
        if (!CanRefresh)
        {
            return new TokenResult(null, null, null, "There is no refresh token to use: get a token first.");
        }

        var consumer = state.Consumer!;
        var oldToken = state.Token!;
        TokenResult result;
        try
        {
            result = await tokens.RefreshAsync(consumer, oldToken.RefreshToken!, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Refresh request failed before an answer came back: {ExceptionType}", ex.GetType().Name);
            return new TokenResult(null, null, null, $"The request failed before an answer came back: {ex.Message}");
        }

        if (result.Exchange is { } exchange)
        {
            await state.RecordAsync([exchange]);
        }

        if (result.Token is { } token)
        {
            // Bitbucket sends a refresh token back; should one not come, the old one still works.
            var kept = string.IsNullOrEmpty(token.RefreshToken) ? token with { RefreshToken = oldToken.RefreshToken } : token;
            await state.SetTokenAsync(kept, Grant);
            await UpdateBrowserAuthorizationAsync(consumer, oldToken.RefreshToken!, kept);
        }

        return result;
    }

    private async Task UpdateBrowserAuthorizationAsync(ConsumerCredentials consumer, string usedRefreshToken, Bitbucket.Models.TokenResponse token)
    {
        // Only the browser's own login is updated, never with a token of another flow.
        if (await authorizations.FindAsync(session.BrowserId) is { } current &&
            current.Consumer.ClientId == consumer.ClientId &&
            current.Token.RefreshToken == usedRefreshToken)
        {
            await authorizations.SetAsync(session.BrowserId!, new BrowserAuthorization(consumer, token, Grant, clock.GetUtcNow()));
        }
    }
}
