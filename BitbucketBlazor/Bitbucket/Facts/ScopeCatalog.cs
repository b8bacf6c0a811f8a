namespace BitbucketBlazor.Bitbucket.Facts;

/// <summary>
/// Bitbucket Cloud's OAuth scopes, each with what it lets a token do in plain words, and what each one implies,
/// as documented in "Scopes for the Bitbucket Cloud REST API". Note that <c>repository:admin</c> does NOT imply
/// <c>repository</c> or <c>repository:write</c> there (it covers admin features only), so the table does not
/// pretend that every <c>:admin</c> implies <c>:write</c>.
/// </summary>
public static class ScopeCatalog
{
    private static readonly Dictionary<string, string[]> s_implies = new(StringComparer.Ordinal)
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

    private static readonly Dictionary<string, string> s_meanings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["account"] = "Read the account's profile: name, nickname, UUID.",
        ["account:write"] = "Change the account's settings.",
        ["email"] = "Read the account's email addresses.",
        ["team"] = "See the workspaces the account belongs to and their members.",
        ["team:write"] = "Manage workspace membership.",
        ["project"] = "Read projects and the repositories in them.",
        ["project:admin"] = "Create, change and delete projects.",
        ["repository"] = "Read repositories: list them, read code, commits and branches.",
        ["repository:write"] = "Push to repositories, create branches and tags.",
        ["repository:admin"] = "Change repository settings and permissions.",
        ["repository:delete"] = "Delete repositories.",
        ["pullrequest"] = "Read pull requests and comment on them (implies repository).",
        ["pullrequest:write"] = "Create, approve, decline and merge pull requests (implies repository:write).",
        ["issue"] = "Read issues and comment on them.",
        ["issue:write"] = "Create and change issues.",
        ["wiki"] = "Read and write repository wikis.",
        ["snippet"] = "Read snippets.",
        ["snippet:write"] = "Create and change snippets.",
        ["webhook"] = "Read and manage webhooks.",
        ["pipeline"] = "See pipelines, their steps and logs.",
        ["pipeline:write"] = "Run and stop pipelines.",
        ["pipeline:variable"] = "Manage pipeline variables (secured ones included).",
        ["runner"] = "See pipeline runners.",
        ["runner:write"] = "Register and manage pipeline runners.",
        ["test"] = "Read test reports.",
        ["test:write"] = "Write test reports.",
    };

    /// <summary>Gets every scope the catalogue knows, with its meaning.</summary>
    public static IReadOnlyDictionary<string, string> All => s_meanings;

    /// <summary>Gets what a scope allows, or a note that the scope is not one Bitbucket documents.</summary>
    public static string MeaningOf(string scope) =>
        s_meanings.TryGetValue(scope, out var meaning) ? meaning : "A scope this app does not know; see Bitbucket's scope list.";

    /// <summary>Returns the scopes together with every scope they imply, transitively.</summary>
    public static IReadOnlySet<string> Expand(IEnumerable<string> granted)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(granted);
        while (pending.TryPop(out var scope))
        {
            if (result.Add(scope) && s_implies.TryGetValue(scope, out var implied))
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
