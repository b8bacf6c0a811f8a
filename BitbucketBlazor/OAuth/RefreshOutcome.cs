namespace BitbucketBlazor.OAuth;

/// <summary>How a refresh of this tab's token went, whether the timer or the visitor started it, and when.</summary>
/// <param name="Result">The answer, success or failure.</param>
/// <param name="Automatic">Whether the automatic refresh started it (rather than the visitor's button).</param>
/// <param name="At">When the answer came back.</param>
public sealed record RefreshOutcome(TokenResult Result, bool Automatic, DateTimeOffset At);

/// <summary>A refresh token that a refresh replaced with a newer one.</summary>
/// <param name="Value">The replaced refresh token; a credential, never rendered unmasked.</param>
/// <param name="FirstUsedAt">When it was first sent in a refresh: Bitbucket's grace period for it runs from then.</param>
public sealed record ReplacedRefreshToken(string Value, DateTimeOffset FirstUsedAt)
{
    /// <inheritdoc />
    public override string ToString() => $"ReplacedRefreshToken (hidden, first used {FirstUsedAt:O})";
}
