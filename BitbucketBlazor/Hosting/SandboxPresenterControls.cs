using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.OAuth;
using BitbucketBlazor.Sandbox;
using Microsoft.Extensions.Options;

namespace BitbucketBlazor.Hosting;

/// <summary>
/// The presenter controls in sandbox mode: they act on the sandbox's in-process token store,
/// one token at a time. In Bitbucket Cloud mode they are not offered.
/// </summary>
public sealed class SandboxPresenterControls(BitbucketEndpoints endpoints, SandboxTokenStore tokens, IOptions<SandboxOptions> options) : IPresenterControls
{
    // Bitbucket's figure as announced (FACTS.md, "Rotating refresh tokens"); its real grace period cannot be read.
    private static readonly TimeSpan s_bitbucketGracePeriod = TimeSpan.FromMinutes(10);

    /// <inheritdoc />
    public bool IsAvailable => endpoints.IsSandbox;

    /// <inheritdoc />
    public TimeSpan RefreshTokenGracePeriod => IsAvailable ? options.Value.RefreshTokenGracePeriod : s_bitbucketGracePeriod;

    /// <inheritdoc />
    public async Task<bool> ExpireAccessTokenAsync(string accessToken, CancellationToken cancellationToken = default) =>
        IsAvailable && await tokens.ExpireAccessTokenAsync(accessToken);

    /// <inheritdoc />
    public async Task<bool> RetireRefreshTokenAsync(string refreshToken, CancellationToken cancellationToken = default) =>
        IsAvailable && await tokens.RetireRefreshTokenAsync(refreshToken);
}
