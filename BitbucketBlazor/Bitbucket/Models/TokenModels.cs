namespace BitbucketBlazor.Bitbucket.Models;

/// <summary>
/// A successful answer of <c>/site/oauth2/access_token</c>. Bitbucket says <c>scopes</c> (plural,
/// space-separated) where RFC 6749 says <c>scope</c>, and <c>state</c> echoes the grant type.
/// </summary>
public sealed record TokenResponse(
    string AccessToken,
    string? Scopes,
    int ExpiresIn,
    string? RefreshToken,
    string TokenType,
    string? State)
{
    /// <summary>Gets the scopes as a list.</summary>
    public IReadOnlyList<string> ScopeList =>
        (Scopes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>An RFC 6749 §5.2 error from the token endpoint.</summary>
public sealed record OAuthErrorResponse(string Error, string? ErrorDescription);
