using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Bitbucket.Models;
using Refit;

namespace BitbucketBlazor.Bitbucket;

/// <summary>
/// Bitbucket's token endpoint, <c>POST /site/oauth2/access_token</c>, relative to
/// <see cref="BitbucketEndpoints.SiteUrl"/>.
/// </summary>
public interface IBitbucketOAuthApi
{
    /// <summary>Sends one token request and returns the answer, whatever its status.</summary>
    /// <param name="authorization">The whole <c>Authorization</c> header value, <c>Basic base64(key:secret)</c>.</param>
    /// <param name="form">
    /// The <c>application/x-www-form-urlencoded</c> body, built by the caller from the same
    /// preview it shows, so what is shown is byte for byte what is sent.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    [Post(BitbucketPaths.TokenPath)]
    Task<IApiResponse<TokenResponse>> RequestTokenAsync(
        [Header("Authorization")] string authorization,
        [Body] HttpContent form,
        CancellationToken cancellationToken);
}
