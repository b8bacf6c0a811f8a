namespace BitbucketBlazor.OAuth;

/// <summary>Presenter controls where there are none (Bitbucket Cloud): nothing is offered.</summary>
public sealed class NoPresenterControls : IPresenterControls
{
    /// <inheritdoc />
    public bool IsAvailable => false;

    /// <inheritdoc />
    public Task<bool> ExpireAccessTokenAsync(string accessToken, CancellationToken cancellationToken = default) => Task.FromResult(false);
}
