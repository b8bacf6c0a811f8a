namespace BitbucketBlazor.Sandbox;

/// <summary>An error the sandbox's token endpoint answers (RFC 6749 §5.2), and whether Bitbucket was seen to send it.</summary>
/// <param name="Error">The <c>error</c> code.</param>
/// <param name="Description">The <c>error_description</c>.</param>
/// <param name="Quoted">
/// True when status, code and message are quoted from a real Bitbucket answer (see FACTS.md); false when
/// no Bitbucket sample is known and the sandbox answers RFC 6749's code with a plain message of its own.
/// </param>
internal sealed record SandboxTokenError(string Error, string Description, bool Quoted)
{
    /// <summary>
    /// Gets the HTTP status: 400 for all of them. Every Bitbucket sample that shows a status is 400, failed client
    /// authentication included, and Duende.IdentityModel reads only a 400 as a protocol error with its message.
    /// </summary>
    public int StatusCode { get; init; } = StatusCodes.Status400BadRequest;
}

/// <summary>
/// Every answer of the sandbox's token endpoint other than a token. Each is marked "quoted" (Bitbucket's own
/// status, code and words) or "ours" (no sample known: RFC 6749's code with a plain message), so whoever finds a
/// real Bitbucket answer for an "ours" case knows which line to change.
/// </summary>
internal static class SandboxTokenErrors
{
    // quoted: a public consumer asking for client credentials.
    public static readonly SandboxTokenError PublicConsumer = Quoted("invalid_grant",
        "Cannot use client_credentials with a consumer marked as \"public\". Calls for auto generated consumers should use urn:bitbucket:oauth2:jwt instead.");

    // quoted: no client authentication at all (or a Bearer header instead of Basic).
    public static readonly SandboxTokenError Unauthenticated = Quoted("unauthorized_client", "Requests must be authenticated using OAuth client credentials");

    // quoted (harness/harness#1650, HTTP 400): a wrong key or secret. Bitbucket says unauthorized_client here, not
    // RFC 6749's invalid_client; an unknown key gets the same answer so keys cannot be probed.
    public static readonly SandboxTokenError InvalidClientCredentials = Quoted("unauthorized_client", "Invalid OAuth client credentials");

    // quoted: the authorization code grant for a consumer without a callback URL.
    public static readonly SandboxTokenError NoCallback = Quoted("invalid_request", "No callback uri defined for the OAuth client.");

    // quoted: a JSON body, or no grant_type at all.
    public static readonly SandboxTokenError NoGrantType = Quoted("invalid_grant", "Unsupported grant type: None");

    // quoted (readthedocs.org#2992): an unknown or revoked refresh token. FACTS.md: no sample of a rotated refresh
    // token past its grace period is known, so that one, and another consumer's, are answered the same way.
    public static readonly SandboxTokenError InvalidRefreshToken = Quoted("invalid_request", "Invalid refresh_token");

    // ours: both HTTP Basic and client_id/client_secret (RFC 6749 §2.3 allows one method per request).
    public static readonly SandboxTokenError TwoClientAuthentications = Ours("invalid_request",
        "Authenticate the client one way only: HTTP Basic or client_id/client_secret, not both.");

    // ours: the code parameter is missing.
    public static readonly SandboxTokenError MissingCode = Ours("invalid_request", "The code parameter is missing.");

    // ours: an unknown, expired or already used authorization code.
    public static readonly SandboxTokenError InvalidCode = Ours("invalid_grant", "The authorization code is invalid, expired or already used.");

    // ours: a code issued to another consumer.
    public static readonly SandboxTokenError CodeOfAnotherConsumer = Ours("invalid_grant", "The authorization code was issued to another OAuth consumer.");

    // ours: redirect_uri differs from the authorize request's (RFC 6749 §4.1.3).
    public static readonly SandboxTokenError RedirectUriMismatch = Ours("invalid_grant", "The redirect_uri does not match the one given on the authorize request.");

    // ours: the refresh_token parameter is missing.
    public static readonly SandboxTokenError MissingRefreshToken = Ours("invalid_request", "The refresh_token parameter is missing.");

    /// <summary>
    /// ours, in Bitbucket's wording for an absent grant type: a grant type the sandbox does not know (the JWT grant is
    /// for Connect apps, which the sandbox does not imitate), under RFC 6749's <c>unsupported_grant_type</c>.
    /// </summary>
    public static SandboxTokenError UnsupportedGrantType(string grantType) => Ours("unsupported_grant_type", $"Unsupported grant type: {grantType}");

    private static SandboxTokenError Quoted(string error, string description) => new(error, description, Quoted: true);

    private static SandboxTokenError Ours(string error, string description) => new(error, description, Quoted: false);
}
