using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.OAuth;
using BitbucketBlazor.Sandbox;

namespace BitbucketBlazor.Hosting;

/// <summary>
/// The presenter controls in sandbox mode: they act on the sandbox's in-process token store,
/// one token at a time. In Bitbucket Cloud mode they are not offered.
/// </summary>
public sealed class SandboxPresenterControls(BitbucketEndpoints endpoints, SandboxTokenStore tokens) : IPresenterControls
{
    /// <inheritdoc />
    public bool IsAvailable => endpoints.IsSandbox;

    /// <inheritdoc />
    public Task<bool> ExpireAccessTokenAsync(string accessToken, CancellationToken cancellationToken = default) =>
        Task.FromResult(IsAvailable && tokens.ExpireAccessToken(accessToken));
}
