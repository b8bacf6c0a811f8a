namespace BitbucketBlazor.OAuth;

/// <summary>
/// What a presenter can do to the sandbox to show a lesson on demand. Bitbucket Cloud offers
/// none of it: <see cref="IsAvailable"/> is false there.
/// </summary>
public interface IPresenterControls
{
    /// <summary>Gets whether the controls work here (sandbox mode only).</summary>
    bool IsAvailable { get; }

    /// <summary>
    /// Gets how long a used refresh token keeps working: the sandbox's setting, or Bitbucket's announced
    /// "about 10 minutes" against Bitbucket Cloud, where it cannot be read.
    /// </summary>
    TimeSpan RefreshTokenGracePeriod { get; }

    /// <summary>Expires exactly this access token now; every other visitor's token is untouched.</summary>
    /// <returns>True when the sandbox knew the token and has expired it.</returns>
    Task<bool> ExpireAccessTokenAsync(string accessToken, CancellationToken cancellationToken = default);

    /// <summary>Ages exactly this refresh token past its grace period now, so the sandbox refuses it from now on.</summary>
    /// <returns>True when the sandbox knew the token and has retired it.</returns>
    Task<bool> RetireRefreshTokenAsync(string refreshToken, CancellationToken cancellationToken = default);
}
