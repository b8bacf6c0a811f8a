namespace BitbucketBlazor.OAuth;

/// <summary>How a refresh of this tab's token went, whether the timer or the visitor started it, and when.</summary>
/// <param name="Result">The answer, success or failure.</param>
/// <param name="Automatic">Whether the automatic refresh started it (rather than the visitor's button).</param>
/// <param name="At">When the answer came back.</param>
public sealed record RefreshOutcome(TokenResult Result, bool Automatic, DateTimeOffset At);
