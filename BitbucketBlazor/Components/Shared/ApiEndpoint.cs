namespace BitbucketBlazor.Components.Shared;

/// <summary>The REST API 2.0 endpoints the walkthrough can call.</summary>
public enum ApiEndpoint
{
    /// <summary><c>GET /user</c>.</summary>
    CurrentUser,

    /// <summary><c>GET /user/workspaces</c>.</summary>
    Workspaces,

    /// <summary><c>GET /repositories/{workspace}</c>.</summary>
    Repositories,

    /// <summary><c>GET /repositories/{workspace}/{repo_slug}</c>.</summary>
    Repository,

    /// <summary><c>GET /repositories/{workspace}/{repo_slug}/pullrequests</c>.</summary>
    PullRequests,
}
