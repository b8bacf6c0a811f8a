namespace BitbucketBlazor.Sandbox;

/// <summary>
/// Bitbucket's scopes and what each one implies, as documented in "Scopes for the Bitbucket
/// Cloud REST API". Note that <c>repository:admin</c> does NOT imply <c>repository</c> or
/// <c>repository:write</c> there (it covers admin features only), so the table does not
/// pretend that every <c>:admin</c> implies <c>:write</c>.
/// </summary>
public static class SandboxScopes
{
    /// <summary>The scope that <c>/user</c> and <c>/user/workspaces</c> need.</summary>
    public const string Account = "account";

    /// <summary>The scope that repositories and commits need.</summary>
    public const string Repository = "repository";

    /// <summary>The scope that pull requests need.</summary>
    public const string PullRequest = "pullrequest";

    private static readonly Dictionary<string, string[]> Implies = new(StringComparer.Ordinal)
    {
        ["repository:write"] = ["repository"],
        ["pullrequest"] = ["repository"],
        ["pullrequest:write"] = ["pullrequest", "repository:write"],
        ["project"] = ["repository"],
        ["project:admin"] = ["project"],
        ["account:write"] = ["account"],
        ["team:write"] = ["team"],
        ["issue:write"] = ["issue"],
        ["snippet:write"] = ["snippet"],
        ["pipeline:write"] = ["pipeline"],
        ["runner:write"] = ["runner"],
        ["test:write"] = ["test"],
    };


    /// <summary>Returns the scopes together with every scope they imply, transitively.</summary>
    public static IReadOnlySet<string> Expand(IEnumerable<string> granted)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(granted);
        while (pending.TryPop(out var scope))
        {
            if (result.Add(scope) && Implies.TryGetValue(scope, out var implied))
            {
                foreach (var next in implied)
                {
                    pending.Push(next);
                }
            }
        }

        return result;
    }

    /// <summary>Whether <paramref name="granted"/>, with what it implies, covers <paramref name="required"/>.</summary>
    public static bool Covers(IEnumerable<string> granted, string required) => Expand(granted).Contains(required);
}
