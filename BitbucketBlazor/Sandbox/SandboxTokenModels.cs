namespace BitbucketBlazor.Sandbox;

/// <summary>An access token the sandbox has issued, as the REST API sees it.</summary>
/// <param name="ConsumerKey">The key of the consumer it was issued to.</param>
/// <param name="Scopes">The scopes it carries: the consumer's.</param>
/// <param name="ExpiresAt">When it stops being accepted.</param>
public sealed record SandboxAccessToken(string ConsumerKey, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt);

/// <summary>What the store knows of a presented access token.</summary>
public enum SandboxTokenStatus
{
    /// <summary>Never issued, or evicted long ago.</summary>
    Unknown,

    /// <summary>Issued and past its expiry.</summary>
    Expired,

    /// <summary>Issued and still valid.</summary>
    Valid,
}

/// <summary>An access token and its refresh token, as the token endpoint hands them out.</summary>
/// <param name="AccessToken">The new access token.</param>
/// <param name="RefreshToken">The refresh token: a new one on every refresh when rotating, the same one in legacy mode.</param>
/// <param name="Scopes">The scopes the access token carries.</param>
/// <param name="ExpiresIn">Seconds until the access token expires.</param>
public sealed record SandboxTokenGrant(string AccessToken, string RefreshToken, IReadOnlyList<string> Scopes, int ExpiresIn);

/// <summary>What the store knows of a presented refresh token.</summary>
public enum SandboxRefreshTokenStatus
{
    /// <summary>Never issued, evicted, or issued to another consumer.</summary>
    Unknown,

    /// <summary>Issued and not used yet.</summary>
    Fresh,

    /// <summary>Used (rotated) and still inside the grace period: it works once more, or several times, until the period ends.</summary>
    UsedWithinGrace,

    /// <summary>Used (rotated) and past the grace period: refused.</summary>
    Retired,
}

/// <summary>What the store keeps of a refresh token (by fingerprint; never the token itself).</summary>
/// <param name="ConsumerKey">The consumer it was issued to.</param>
/// <param name="ExpiresAt">When it stops being accepted.</param>
/// <param name="UsedAt">When it was first used for a refresh (rotation), or null.</param>
public sealed record SandboxRefreshToken(string ConsumerKey, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt);

/// <summary>The answer to a refresh: a grant, or null with whether the store was full (else the token was refused).</summary>
/// <param name="Grant">The new access token, or null.</param>
/// <param name="Full">True when the refresh token was good but the store had no room for the new tokens.</param>
public sealed record SandboxRefreshOutcome(SandboxTokenGrant? Grant, bool Full);

/// <summary>
/// Which part of the token store a new token takes its place in. Each part holds
/// <see cref="SandboxOptions.MaxTokens"/> live access tokens and as many refresh tokens, and refuses
/// newcomers when full; a token is found, refreshed and expired whichever part holds it.
/// </summary>
public enum SandboxTokenRoom
{
    /// <summary>Anyone calling the token endpoint directly (curl, a program, a stranger): they all share this part.</summary>
    Public,

    /// <summary>The app hosting the sandbox, calling it for its visitors (the calls <see cref="Common.SelfCallMarker"/> marks).</summary>
    Host,
}
