using BitbucketBlazor.Bitbucket.Models;
using Refit;

namespace BitbucketBlazor.Bitbucket;

/// <summary>
/// The REST API 2.0 calls the app makes, relative to <see cref="BitbucketEndpoints.ApiUrl"/>.
/// The bearer token is a parameter of every call: handlers built by IHttpClientFactory do not
/// run in the visitor's circuit, so they could not look it up.
/// </summary>
[Headers("Accept: application/json")]
public interface IBitbucketRestApi
{
    /// <summary><c>GET /user</c>.</summary>
    [Get("/user")]
    Task<IApiResponse<Account>> GetCurrentUserAsync(
        [Authorize("Bearer")] string accessToken,
        CancellationToken cancellationToken);

    /// <summary><c>GET /user/workspaces</c>.</summary>
    [Get("/user/workspaces")]
    Task<IApiResponse<Paginated<WorkspaceAccess>>> GetUserWorkspacesAsync(
        [Authorize("Bearer")] string accessToken,
        [Query] int? page,
        [Query] int? pagelen,
        CancellationToken cancellationToken);

    /// <summary><c>GET /repositories/{workspace}</c>.</summary>
    [Get("/repositories/{workspace}")]
    Task<IApiResponse<Paginated<Repository>>> GetRepositoriesAsync(
        [Authorize("Bearer")] string accessToken,
        string workspace,
        [Query] int? page,
        [Query] int? pagelen,
        CancellationToken cancellationToken);

    /// <summary><c>GET /repositories/{workspace}/{repo_slug}</c>.</summary>
    [Get("/repositories/{workspace}/{repo_slug}")]
    Task<IApiResponse<Repository>> GetRepositoryAsync(
        [Authorize("Bearer")] string accessToken,
        string workspace,
        [AliasAs("repo_slug")] string repoSlug,
        CancellationToken cancellationToken);

    /// <summary><c>GET /repositories/{workspace}/{repo_slug}/pullrequests</c>.</summary>
    [Get("/repositories/{workspace}/{repo_slug}/pullrequests")]
    Task<IApiResponse<Paginated<PullRequest>>> GetPullRequestsAsync(
        [Authorize("Bearer")] string accessToken,
        string workspace,
        [AliasAs("repo_slug")] string repoSlug,
        [Query] string? state,
        [Query] int? page,
        [Query] int? pagelen,
        CancellationToken cancellationToken);

    /// <summary><c>GET /repositories/{workspace}/{repo_slug}/commits</c>.</summary>
    [Get("/repositories/{workspace}/{repo_slug}/commits")]
    Task<IApiResponse<Paginated<Commit>>> GetCommitsAsync(
        [Authorize("Bearer")] string accessToken,
        string workspace,
        [AliasAs("repo_slug")] string repoSlug,
        [Query] int? page,
        CancellationToken cancellationToken);
}
