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
    public Uri SiteUrl => IsSandbox
        ? new Uri(sandboxAddress.BaseUrl.ToString().TrimEnd('/') + options.Value.Sandbox.PathBase)
        : new Uri(options.Value.SiteUrl.TrimEnd('/'));

    /// <summary>Gets the REST API 2.0 base as the server reaches it (no trailing slash).</summary>
    public Uri ApiUrl => IsSandbox
        ? new Uri(Join(SiteUrl, "/2.0"))
        : new Uri(options.Value.ApiUrl.TrimEnd('/'));

    /// <summary>Gets the token endpoint's absolute URL.</summary>
    public Uri TokenUrl => new(Join(SiteUrl, TokenPath));

    /// <summary>
    /// Gets the authorize endpoint for a browser whose page was served from <paramref name="appOrigin"/>:
    /// the sandbox's consent page lives under the app's own origin, Bitbucket's on bitbucket.org.
    /// </summary>
    public Uri AuthorizeUrlFor(Uri appOrigin) => IsSandbox
        ? new Uri(appOrigin, options.Value.Sandbox.PathBase + AuthorizePath)
        : new Uri(options.Value.SiteUrl.TrimEnd('/') + AuthorizePath);

    // Uri.ToString() gives "https://bitbucket.org/" for a bare host: join without doubling the slash.
    private static string Join(Uri baseUrl, string path) => baseUrl.ToString().TrimEnd('/') + path;
}
