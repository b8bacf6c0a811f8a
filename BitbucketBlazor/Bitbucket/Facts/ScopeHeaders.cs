namespace BitbucketBlazor.Bitbucket.Facts;

/// <summary>
/// The response headers in which Bitbucket tells a token's scopes (Atlassian KB "How to fetch the scope of a token
/// via command line"): tokens are opaque, so these are the way to read what one may do.
/// </summary>
public static class ScopeHeaders
{
    /// <summary>The token's scopes, comma-separated, for example <c>account, repository</c>.</summary>
    public const string Granted = "x-oauth-scopes";

    /// <summary>The scopes this endpoint accepts, comma-separated, for example <c>pullrequest</c>.</summary>
    public const string Accepted = "x-accepted-oauth-scopes";

    /// <summary>What kind of credential authenticated the request, for example <c>repo_access_token</c>.</summary>
    public const string CredentialType = "x-credential-type";

    /// <summary>Writes scopes as Bitbucket does: comma and space between them.</summary>
    public static string Format(IEnumerable<string> scopes) => string.Join(", ", scopes);

    /// <summary>Reads a comma-separated scope header (spaces around commas allowed), or returns null when it is absent.</summary>
    public static IReadOnlyList<string>? Parse(string? value) =>
        value is null ? null : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
