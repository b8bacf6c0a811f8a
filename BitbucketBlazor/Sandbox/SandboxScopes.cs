using BitbucketBlazor.Bitbucket.Facts;

namespace BitbucketBlazor.Sandbox;

/// <summary>The scopes the sandbox's endpoints require; what each scope implies is a Bitbucket fact kept in <see cref="ScopeCatalog"/>.</summary>
public static class SandboxScopes
{
    /// <summary>The scope that <c>/user</c> and <c>/user/workspaces</c> need.</summary>
    public const string Account = "account";

    /// <summary>The scope that repositories and commits need.</summary>
    public const string Repository = "repository";

    /// <summary>The scope that pull requests need.</summary>
    public const string PullRequest = "pullrequest";

    /// <summary>Returns the scopes together with every scope they imply, transitively (see <see cref="ScopeCatalog.Expand"/>).</summary>
    public static IReadOnlySet<string> Expand(IEnumerable<string> granted) => ScopeCatalog.Expand(granted);

    /// <summary>Whether <paramref name="granted"/>, with what it implies, covers <paramref name="required"/>.</summary>
    public static bool Covers(IEnumerable<string> granted, string required) => ScopeCatalog.Covers(granted, required);
}
