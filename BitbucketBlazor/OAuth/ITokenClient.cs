namespace BitbucketBlazor.OAuth;

/// <summary>
/// Calls Bitbucket's token endpoint for each grant. Never retries: authorization codes and
/// refresh tokens are single-use, so a retry could burn them.
/// </summary>
public interface ITokenClient
{
    /// <summary>Builds the client-credentials request exactly as <see cref="RequestClientCredentialsAsync"/> will send it.</summary>
    TokenRequestPreview PreviewClientCredentials(ConsumerCredentials consumer);

    /// <summary>Builds the code-exchange request exactly as <see cref="ExchangeCodeAsync"/> will send it.</summary>
    TokenRequestPreview PreviewCodeExchange(ConsumerCredentials consumer, string code, string? redirectUri);

    /// <summary>Builds the refresh request exactly as <see cref="RefreshAsync"/> will send it.</summary>
    TokenRequestPreview PreviewRefresh(ConsumerCredentials consumer, string refreshToken);

    /// <summary>Asks for a token with <c>grant_type=client_credentials</c>.</summary>
    Task<TokenResult> RequestClientCredentialsAsync(ConsumerCredentials consumer, CancellationToken cancellationToken = default);

    /// <summary>Exchanges an authorization code with <c>grant_type=authorization_code</c>.</summary>
    Task<TokenResult> ExchangeCodeAsync(ConsumerCredentials consumer, string code, string? redirectUri, CancellationToken cancellationToken = default);

    /// <summary>Gets a new access token with <c>grant_type=refresh_token</c>.</summary>
    Task<TokenResult> RefreshAsync(ConsumerCredentials consumer, string refreshToken, CancellationToken cancellationToken = default);
}
