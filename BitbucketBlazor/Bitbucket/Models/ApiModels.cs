namespace BitbucketBlazor.Bitbucket.Models;

/// <summary>Bitbucket's pagination envelope: follow <see cref="Next"/> rather than building URLs.</summary>
public sealed record Paginated<T>(
    int? Size,
    int? Page,
    int Pagelen,
    string? Next,
    string? Previous,
    IReadOnlyList<T> Values);

/// <summary>A link object: <c>{"href": "…"}</c>.</summary>
public sealed record Link(string Href, string? Name = null);

/// <summary>The <c>links</c> every object carries; only the common ones are typed.</summary>
public sealed record Links(Link? Self, Link? Html, Link? Avatar);

/// <summary>A user account (spec definition <c>account</c>/<c>user</c>).</summary>
public sealed record Account(
    string Type,
    string? Uuid,
    string? DisplayName,
    string? Nickname,
    string? AccountId,
    string? Username,
    DateTimeOffset? CreatedOn,
    Links? Links);

/// <summary>A workspace (spec definition <c>workspace</c>).</summary>
public sealed record Workspace(string Type, string? Uuid, string? Slug, string? Name, bool? IsPrivate, Links? Links);

/// <summary>One entry of <c>/user/workspaces</c> (spec definition <c>workspace_access</c>).</summary>
public sealed record WorkspaceAccess(string Type, bool? Administrator, Workspace? Workspace, Links? Links);

/// <summary>A project reference on a repository.</summary>
public sealed record ProjectRef(string Type, string? Key, string? Uuid, string? Name);

/// <summary>A branch reference such as a repository's main branch.</summary>
public sealed record BranchRef(string? Type, string? Name);

/// <summary>A repository (spec definition <c>repository</c>).</summary>
public sealed record Repository(
    string Type,
    string? Uuid,
    string? FullName,
    string? Name,
    string? Slug,
    string? Description,
    bool? IsPrivate,
    string? Language,
    long? Size,
    DateTimeOffset? CreatedOn,
    DateTimeOffset? UpdatedOn,
    BranchRef? Mainbranch,
    ProjectRef? Project,
    Workspace? Workspace,
    Links? Links);

/// <summary>A pull request's source or destination.</summary>
public sealed record PullRequestEndpoint(BranchRef? Branch);

/// <summary>A pull request (spec definition <c>pullrequest</c>).</summary>
public sealed record PullRequest(
    string Type,
    int Id,
    string? Title,
    string? State,
    Account? Author,
    PullRequestEndpoint? Source,
    PullRequestEndpoint? Destination,
    DateTimeOffset? CreatedOn,
    DateTimeOffset? UpdatedOn,
    int? CommentCount,
    Links? Links);

/// <summary>A commit's author: the raw string and, when known, the account.</summary>
public sealed record CommitAuthor(string? Type, string? Raw, Account? User);

/// <summary>A commit (spec definition <c>commit</c>, listed as <c>paginated_changeset</c>).</summary>
public sealed record Commit(string Type, string? Hash, string? Message, DateTimeOffset? Date, CommitAuthor? Author, Links? Links);

/// <summary>Bitbucket's REST error body: <c>{"type":"error","error":{"message":…}}</c>.</summary>
public sealed record BitbucketErrorResponse(string Type, BitbucketError? Error);

/// <summary>The inner error of <see cref="BitbucketErrorResponse"/>. <c>detail</c> is usually a string, sometimes an object.</summary>
public sealed record BitbucketError(string? Message, System.Text.Json.JsonElement? Detail);
