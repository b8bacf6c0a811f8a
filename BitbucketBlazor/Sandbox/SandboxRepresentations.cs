using BitbucketBlazor.Common;

namespace BitbucketBlazor.Sandbox;

/// <summary>
/// Turns seeded objects into Bitbucket's JSON (spec definitions <c>user</c>, <c>workspace</c>,
/// <c>workspace_access</c>, <c>repository</c>, <c>pullrequest</c>, <c>commit</c>). Links are
/// absolute and built from the origin the request reached, so a client on loopback can follow
/// them; "html" links imitate bitbucket.org's paths under the sandbox.
/// </summary>
/// <param name="origin">The request's <c>scheme://host:port</c>.</param>
/// <param name="pathBase">The sandbox's path base, for example <c>/sandbox</c>.</param>
internal sealed class SandboxRepresentations(string origin, string pathBase)
{
    private string Api => $"{origin}{pathBase}/2.0";

    private string Web => $"{origin}{pathBase}";

    /// <summary>Creates the representations for the origin and path base of <paramref name="context"/>.</summary>
    public static SandboxRepresentations For(HttpContext context, string pathBase) =>
        new($"{context.Request.Scheme}://{context.Request.Host}", context.Request.PathBase + pathBase);

    public object User(SandboxUser user) => new
    {
        Type = "user",
        user.Uuid,
        user.AccountId,
        user.Nickname,
        user.DisplayName,
        AccountStatus = "active",
        IsStaff = false,
        CreatedOn = user.CreatedOn,
        Links = new
        {
            Self = Link(UserApi(user)),
            Html = Link(UserWeb(user)),
            Repositories = Link($"{Api}/repositories/{Uri.EscapeDataString(user.Uuid)}"),
        },
    };

    public object Workspace(SandboxWorkspace workspace) => new
    {
        Type = "workspace",
        workspace.Uuid,
        workspace.Name,
        workspace.Slug,
        workspace.IsPrivate,
        workspace.CreatedOn,
        Links = new
        {
            Self = Link($"{Api}/workspaces/{workspace.Slug}"),
            Html = Link($"{Web}/{workspace.Slug}/"),
            Repositories = Link($"{Api}/repositories/{workspace.Slug}"),
        },
    };

    public object WorkspaceAccess(SandboxWorkspace workspace) => new
    {
        Type = "workspace_access",
        workspace.Administrator,
        Workspace = new
        {
            Type = "workspace_base",
            workspace.Uuid,
            workspace.Slug,
            Links = new { Self = Link($"{Api}/workspaces/{workspace.Slug}") },
        },
        Links = new
        {
            Self = Link($"{Api}/user/workspaces/{workspace.Slug}/permission"),
            Html = Link($"{Web}/{workspace.Slug}/"),
        },
    };

    public object Repository(SandboxRepository repository)
    {
        var self = $"{Api}/repositories/{repository.FullName}";
        return new
        {
            Type = "repository",
            repository.Uuid,
            repository.FullName,
            repository.Name,
            repository.Slug,
            repository.Description,
            Scm = "git",
            repository.IsPrivate,
            repository.Language,
            repository.Size,
            HasIssues = false,
            HasWiki = false,
            ForkPolicy = "no_public_forks",
            repository.CreatedOn,
            repository.UpdatedOn,
            Mainbranch = new { Type = "branch", Name = "main" },
            Owner = AccountSummary(SandboxData.User),
            Workspace = new
            {
                Type = "workspace",
                repository.Workspace.Uuid,
                repository.Workspace.Slug,
                repository.Workspace.Name,
                Links = new { Self = Link($"{Api}/workspaces/{repository.Workspace.Slug}"), Html = Link($"{Web}/{repository.Workspace.Slug}/") },
            },
            Project = new
            {
                Type = "project",
                Key = repository.ProjectKey,
                Name = repository.ProjectName,
                Uuid = DeterministicProjectUuid(repository),
                Links = new { Html = Link($"{Web}/{repository.Workspace.Slug}/workspace/projects/{repository.ProjectKey}") },
            },
            Links = new
            {
                Self = Link(self),
                Html = Link($"{Web}/{repository.FullName}"),
                Pullrequests = Link($"{self}/pullrequests"),
                Commits = Link($"{self}/commits"),
                Clone = new[] { new { Href = $"{Web}/{repository.FullName}.git", Name = "https" } },
            },
        };
    }

    public object PullRequest(SandboxRepository repository, SandboxPullRequest pullRequest)
    {
        var self = $"{Api}/repositories/{repository.FullName}/pullrequests/{pullRequest.Id}";
        return new
        {
            Type = "pullrequest",
            pullRequest.Id,
            pullRequest.Title,
            Summary = new { Raw = pullRequest.Description, Markup = "markdown", Html = "<p>" + System.Net.WebUtility.HtmlEncode(pullRequest.Description) + "</p>" },
            pullRequest.State,
            Draft = false,
            Author = AccountSummary(SandboxData.User),
            Source = Endpoint(repository, pullRequest.SourceBranch, pullRequest.SourceCommit),
            Destination = Endpoint(repository, pullRequest.DestinationBranch, SandboxData.Commits[0].Hash),
            MergeCommit = pullRequest.MergeCommit is null ? null : new { Hash = pullRequest.MergeCommit },
            pullRequest.CommentCount,
            TaskCount = 0,
            CloseSourceBranch = true,
            ClosedBy = pullRequest.State is "MERGED" or "DECLINED" ? AccountSummary(SandboxData.User) : null,
            pullRequest.Reason,
            pullRequest.CreatedOn,
            pullRequest.UpdatedOn,
            Links = new
            {
                Self = Link(self),
                Html = Link($"{Web}/{repository.FullName}/pull-requests/{pullRequest.Id}"),
                Commits = Link($"{self}/commits"),
            },
        };
    }

    public object Commit(SandboxRepository repository, SandboxCommit commit)
    {
        var self = $"{Api}/repositories/{repository.FullName}/commit/{commit.Hash}";
        return new
        {
            Type = "commit",
            commit.Hash,
            commit.Date,
            commit.Message,
            Summary = new { Raw = commit.Message, Markup = "markdown", Html = "<p>" + System.Net.WebUtility.HtmlEncode(commit.Message.TrimEnd()) + "</p>" },
            Author = new
            {
                Type = "author",
                Raw = $"{SandboxData.User.DisplayName} <sandbox-demo@example.invalid>",
                User = AccountSummary(SandboxData.User),
            },
            Parents = commit.ParentHash is null
                ? []
                : new[]
                {
                    new
                    {
                        Type = "commit",
                        Hash = commit.ParentHash,
                        Links = new
                        {
                            Self = Link($"{Api}/repositories/{repository.FullName}/commit/{commit.ParentHash}"),
                            Html = Link($"{Web}/{repository.FullName}/commits/{commit.ParentHash}"),
                        },
                    },
                },
            Repository = RepositorySummary(repository),
            Links = new
            {
                Self = Link(self),
                Html = Link($"{Web}/{repository.FullName}/commits/{commit.Hash}"),
            },
        };
    }

    private object AccountSummary(SandboxUser user) => new
    {
        Type = "user",
        user.DisplayName,
        user.Uuid,
        user.AccountId,
        user.Nickname,
        Links = new
        {
            Self = Link(UserApi(user)),
            Html = Link(UserWeb(user)),
        },
    };

    private object Endpoint(SandboxRepository repository, string branch, string commit) => new
    {
        Branch = new { Name = branch },
        Commit = new { Hash = commit },
        Repository = RepositorySummary(repository),
    };

    private object RepositorySummary(SandboxRepository repository) => new
    {
        Type = "repository",
        repository.FullName,
        repository.Name,
        repository.Uuid,
        Links = new { Self = Link($"{Api}/repositories/{repository.FullName}"), Html = Link($"{Web}/{repository.FullName}") },
    };

    private string UserApi(SandboxUser user) => $"{Api}/users/{Uri.EscapeDataString(user.Uuid)}";

    private string UserWeb(SandboxUser user) => $"{Web}/{Uri.EscapeDataString(user.Uuid)}/";

    private static object Link(string href) => new { Href = href };

    private static string DeterministicProjectUuid(SandboxRepository repository) =>
        "{" + new Guid(Crypto.Sha256("project:" + repository.Workspace.Slug + "/" + repository.ProjectKey).AsSpan(0, 16)).ToString("D") + "}";
}
