using BitbucketBlazor.Bitbucket.Facts;
using Microsoft.Extensions.Options;

namespace BitbucketBlazor.Bitbucket;

/// <summary>
/// The URLs every Bitbucket call goes to. Sandbox and Bitbucket Cloud share one code path;
/// only these base addresses differ.
/// </summary>
/// <param name="options">The Bitbucket settings.</param>
/// <param name="sandbox">Where the built-in sandbox is; needed in sandbox mode only, so optional.</param>
public sealed class BitbucketEndpoints(IOptions<BitbucketOptions> options, SandboxLocation? sandbox = null)
{
    /// <summary>Gets Cloud or Sandbox, with <c>Auto</c> already resolved by whether a consumer is configured.</summary>
    public BitbucketMode Mode => options.Value.EffectiveMode;

    /// <summary>Gets whether calls go to the built-in sandbox.</summary>
    public bool IsSandbox => Mode == BitbucketMode.Sandbox;

    /// <summary>Gets the base of <c>/site/oauth2/...</c> as the server reaches it (no trailing slash).</summary>
    public Uri SiteUrl => new(SiteBase);

    /// <summary>Gets the REST API 2.0 base as the server reaches it (no trailing slash).</summary>
    public Uri ApiUrl => new(IsSandbox ? SiteBase + "/2.0" : options.Value.ApiUrl.TrimEnd('/'));

    /// <summary>Gets the token endpoint's absolute URL.</summary>
    public Uri TokenUrl => new(SiteBase + BitbucketPaths.TokenPath);

    // Composed as strings: Uri.ToString() of a bare host adds a trailing slash, which would double up.
    private string SiteBase => IsSandbox
        ? Sandbox.AppBaseUrl.GetLeftPart(UriPartial.Authority) + Sandbox.PathBase
        : options.Value.SiteUrl.TrimEnd('/');

    private SandboxLocation Sandbox => sandbox ?? throw new InvalidOperationException(
        "Sandbox mode needs the sandbox's location, and none is registered (the host registers it with AddSandboxForClients).");

    /// <summary>
    /// Gets the authorize endpoint for a browser whose page was served from <paramref name="appOrigin"/>:
    /// the sandbox's consent page lives under the app's own origin, Bitbucket's on bitbucket.org.
    /// </summary>
    public Uri AuthorizeUrlFor(Uri appOrigin) => IsSandbox
        ? new Uri(appOrigin, Sandbox.PathBase + BitbucketPaths.AuthorizePath)
        : new Uri(options.Value.SiteUrl.TrimEnd('/') + BitbucketPaths.AuthorizePath);
}
