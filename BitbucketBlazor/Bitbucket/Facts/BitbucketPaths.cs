namespace BitbucketBlazor.Bitbucket.Facts;

/// <summary>
/// Where Bitbucket serves OAuth 2.0, under its site URL. Both the client side (which calls these
/// paths) and the sandbox (which serves them) read them here, so the two cannot drift apart.
/// </summary>
public static class BitbucketPaths
{
    /// <summary>The path of the token endpoint under the site URL.</summary>
    public const string TokenPath = "/site/oauth2/access_token";

    /// <summary>The path of the authorize endpoint under the site URL.</summary>
    public const string AuthorizePath = "/site/oauth2/authorize";
}
