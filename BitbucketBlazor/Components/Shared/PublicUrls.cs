using BitbucketBlazor.Bitbucket;
using Microsoft.AspNetCore.Components;

namespace BitbucketBlazor.Components.Shared;

/// <summary>
/// Turns the URLs the server calls into the ones a visitor's machine reaches. In sandbox mode
/// the server calls its own loopback address; the visitor reaches the same sandbox through the
/// page's origin.
/// </summary>
public sealed class PublicUrls(BitbucketEndpoints endpoints, SandboxLocation sandbox, NavigationManager navigation)
{
    /// <summary>Returns the URL as the visitor's machine reaches it.</summary>
    public Uri ToPublic(Uri serverUrl)
    {
        if (!endpoints.IsSandbox)
        {
            return serverUrl;
        }

        try
        {
            var internalBase = sandbox.AppBaseUrl.ToString();
            var text = serverUrl.ToString();
            return text.StartsWith(internalBase, StringComparison.OrdinalIgnoreCase)
                ? new Uri(new Uri(navigation.BaseUri), text[internalBase.Length..])
                : serverUrl;
        }
        catch (InvalidOperationException)
        {
            return serverUrl;
        }
    }
}
