namespace BitbucketBlazor.Sandbox;

/// <summary>
/// The sandbox's own clock, kept apart from the app-wide <see cref="TimeProvider"/>: tests move
/// the sandbox's time forward to expire tokens and codes, and that must not freeze the app's own
/// HTTP retry delays and time-outs, which wait on the app-wide clock.
/// </summary>
public sealed class SandboxClock(TimeProvider time)
{
    /// <summary>Gets the sandbox's current time.</summary>
    public DateTimeOffset GetUtcNow() => time.GetUtcNow();
}
