using BitbucketBlazor.Bitbucket.Models;

namespace BitbucketBlazor.Bitbucket;

/// <summary>
/// Calls the REST API 2.0 with a bearer token and reports each call as it went over the wire.
/// Errors and network faults come back in the result, never as exceptions.
/// </summary>
public interface IBitbucketApiClient
{
    /// <summary><c>GET /user</c>: the account the token acts as (scope <c>account</c>).</summary>
    Task<ApiCallResult<Account>> GetCurrentUserAsync(string accessToken, CancellationToken cancellationToken = default);

    /// <summary><c>GET /user/workspaces</c>: the workspaces the account can reach.</summary>
    Task<ApiCallResult<Paginated<WorkspaceAccess>>> GetUserWorkspacesAsync(string accessToken, int? page = null, int? pagelen = null, CancellationToken cancellationToken = default);

    /// <summary><c>GET /repositories/{workspace}</c> (scope <c>repository</c>).</summary>
    Task<ApiCallResult<Paginated<Repository>>> GetRepositoriesAsync(string accessToken, string workspace, int? page = null, int? pagelen = null, CancellationToken cancellationToken = default);

    /// <summary><c>GET /repositories/{workspace}/{repo_slug}</c> (scope <c>repository</c>).</summary>
    Task<ApiCallResult<Repository>> GetRepositoryAsync(string accessToken, string workspace, string repoSlug, CancellationToken cancellationToken = default);

    /// <summary><c>GET /repositories/{workspace}/{repo_slug}/pullrequests</c> (scope <c>pullrequest</c>); <paramref name="state"/> filters, for example OPEN or MERGED.</summary>
    Task<ApiCallResult<Paginated<PullRequest>>> GetPullRequestsAsync(string accessToken, string workspace, string repoSlug, string? state = null, int? page = null, CancellationToken cancellationToken = default);

    /// <summary><c>GET /repositories/{workspace}/{repo_slug}/commits</c> (scope <c>repository</c>).</summary>
    Task<ApiCallResult<Paginated<Commit>>> GetCommitsAsync(string accessToken, string workspace, string repoSlug, int? page = null, CancellationToken cancellationToken = default);

    /// <summary>Follows a page's absolute <c>next</c> (or <c>previous</c>) URL as Bitbucket gave it.</summary>
    Task<ApiCallResult<Paginated<T>>> GetPageAsync<T>(string accessToken, Uri pageUrl, CancellationToken cancellationToken = default);
}
