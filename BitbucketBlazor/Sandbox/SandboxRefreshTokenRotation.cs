namespace BitbucketBlazor.Sandbox;

/// <summary>How the sandbox treats a refresh token once it has been used.</summary>
public enum SandboxRefreshTokenRotation
{
    /// <summary>Each refresh answers a new refresh token; the used one works for the grace period, then is refused.</summary>
    Rotating,

    /// <summary>The old behaviour: a refresh answers the same refresh token, which never expires.</summary>
    Legacy,
}
