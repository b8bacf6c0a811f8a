using BitbucketBlazor.Sandbox;
using Microsoft.Extensions.Options;

namespace BitbucketBlazor.Bitbucket;

/// <summary>
/// The URLs every Bitbucket call goes to. Sandbox and Bitbucket Cloud share one code path;
/// only these base addresses differ.
/// </summary>
public sealed class BitbucketEndpoints(IOptions<BitbucketOptions> options, SandboxAddress sandboxAddress)
{
    /// <summary>The path of the token endpoint under the site URL.</summary>
    public const string TokenPath = "/site/oauth2/access_token";

    /// <summary>The path of the authorize endpoint under the site URL.</summary>
    public const string AuthorizePath = "/site/oauth2/authorize";

    /// <summary>Gets the mode in force.</summary>
    public BitbucketMode Mode => options.Value.EffectiveMode;

    /// <summary>Gets whether calls go to the built-in sandbox.</summary>
    public bool IsSandbox => Mode == BitbucketMode.Sandbox;

    /// <summary>Gets the base of <c>/site/oauth2/...</c> as the server reaches it (no trailing slash).</summary>
    public Uri SiteUrl => new(SiteBase);

    /// <summary>Gets the REST API 2.0 base as the server reaches it (no trailing slash).</summary>
    public Uri ApiUrl => new(IsSandbox ? SiteBase + "/2.0" : options.Value.ApiUrl.TrimEnd('/'));

    /// <summary>Gets the token endpoint's absolute URL.</summary>
    public Uri TokenUrl => new(SiteBase + TokenPath);

    // Composed as strings: Uri.ToString() of a bare host adds a trailing slash, which would double up.
    private string SiteBase => IsSandbox
        ? sandboxAddress.BaseUrl.GetLeftPart(UriPartial.Authority) + options.Value.Sandbox.PathBase
        : options.Value.SiteUrl.TrimEnd('/');

    /// <summary>
    /// Gets the authorize endpoint for a browser whose page was served from <paramref name="appOrigin"/>:
    /// the sandbox's consent page lives under the app's own origin, Bitbucket's on bitbucket.org.
    /// </summary>
    public Uri AuthorizeUrlFor(Uri appOrigin) => IsSandbox
        ? new Uri(appOrigin, options.Value.Sandbox.PathBase + AuthorizePath)
        : new Uri(options.Value.SiteUrl.TrimEnd('/') + AuthorizePath);
}
