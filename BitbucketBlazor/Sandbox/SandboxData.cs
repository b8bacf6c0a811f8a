using System.Globalization;
using BitbucketBlazor.Common;

namespace BitbucketBlazor.Sandbox;

/// <summary>The account every sandbox token acts as: the owner of the demo consumers.</summary>
public sealed record SandboxUser(string Uuid, string AccountId, string Nickname, string DisplayName, DateTimeOffset CreatedOn);

/// <summary>A workspace the sandbox serves from its fixed seed, the same on every instance and every start.</summary>
public sealed record SandboxWorkspace(string Uuid, string Slug, string Name, bool IsPrivate, bool Administrator, DateTimeOffset CreatedOn);

/// <summary>A repository of the fixed seed; enough of them that listing takes several pages.</summary>
public sealed record SandboxRepository(
    string Uuid,
    SandboxWorkspace Workspace,
    string Slug,
    string Name,
    string Description,
    string Language,
    bool IsPrivate,
    long Size,
    string ProjectKey,
    string ProjectName,
    DateTimeOffset CreatedOn,
    DateTimeOffset UpdatedOn)
{
    /// <summary>Gets <c>workspace/slug</c>.</summary>
    public string FullName => $"{Workspace.Slug}/{Slug}";
}

/// <summary>A pull request of the featured repository's fixed seed, in one of Bitbucket's states.</summary>
public sealed record SandboxPullRequest(
    int Id,
    string Title,
    string Description,
    string State,
    string SourceBranch,
    string DestinationBranch,
    string SourceCommit,
    string? MergeCommit,
    string? Reason,
    int CommentCount,
    DateTimeOffset CreatedOn,
    DateTimeOffset UpdatedOn);

/// <summary>A commit of a seeded repository's fixed history, pointing at its parent (null for the first).</summary>
public sealed record SandboxCommit(string Hash, string Message, DateTimeOffset Date, string? ParentHash);

/// <summary>
/// The sandbox's deterministic world: one user, two workspaces (<c>blazor-demo</c> with 23
/// repositories, so the default page of 10 gives three pages, and <c>sandbox-labs</c> with two),
/// pull requests in every state and a dozen commits on <c>blazor-demo/bitbucket-oauth-demo</c>.
/// </summary>
public static class SandboxData
{
    /// <summary>The repository that has pull requests and commits.</summary>
    public const string FeaturedRepository = "bitbucket-oauth-demo";

    private static readonly DateTimeOffset s_epoch = new(2025, 1, 6, 9, 0, 0, TimeSpan.Zero);

    private static readonly string[] s_demoRepositoryNames =
    [
        "bitbucket-oauth-demo", "blazor-components", "api-gateway", "auth-service", "billing-service",
        "catalog-api", "checkout-web", "ci-templates", "design-system", "docs-site",
        "event-bus", "feature-flags", "infra-terraform", "inventory-worker", "mobile-app",
        "notification-hub", "observability", "order-service", "payments-sdk", "release-tools",
        "search-indexer", "shared-kernel", "webhooks-relay",
    ];

    /// <summary>Gets the account every token acts as.</summary>
    public static SandboxUser User { get; } = new(
        DeterministicUuid("user:sandbox-demo"), "557058:" + DeterministicUuid("account:sandbox-demo").Trim('{', '}'),
        "sandbox-demo", "Sandbox Demo User", s_epoch.AddYears(-3));

    /// <summary>Gets the workspaces the user belongs to.</summary>
    public static IReadOnlyList<SandboxWorkspace> Workspaces { get; } =
    [
        new(DeterministicUuid("workspace:blazor-demo"), "blazor-demo", "Blazor Demo", IsPrivate: true, Administrator: true, s_epoch.AddYears(-2)),
        new(DeterministicUuid("workspace:sandbox-labs"), "sandbox-labs", "Sandbox Labs", IsPrivate: false, Administrator: false, s_epoch.AddYears(-1)),
    ];

    /// <summary>Gets every repository, workspace by workspace.</summary>
    public static IReadOnlyList<SandboxRepository> Repositories { get; } = SeedRepositories();

    /// <summary>Gets the commits of <see cref="FeaturedRepository"/>, newest first as Bitbucket lists them.</summary>
    public static IReadOnlyList<SandboxCommit> Commits { get; } = SeedCommits();

    /// <summary>Gets the pull requests of <see cref="FeaturedRepository"/>, newest first.</summary>
    public static IReadOnlyList<SandboxPullRequest> PullRequests { get; } = SeedPullRequests();

    /// <summary>Finds a workspace by slug or by UUID in braces, or null.</summary>
    public static SandboxWorkspace? FindWorkspace(string workspace) =>
        Workspaces.FirstOrDefault(w => string.Equals(w.Slug, workspace, StringComparison.OrdinalIgnoreCase) ||
            string.Equals(w.Uuid, workspace, StringComparison.OrdinalIgnoreCase));

    /// <summary>Finds a repository of a workspace by slug, or null.</summary>
    public static SandboxRepository? FindRepository(SandboxWorkspace workspace, string slug) =>
        Repositories.FirstOrDefault(r => r.Workspace == workspace && string.Equals(r.Slug, slug, StringComparison.OrdinalIgnoreCase));

    /// <summary>The commits of a repository (only the featured one has any).</summary>
    public static IReadOnlyList<SandboxCommit> CommitsOf(SandboxRepository repository) =>
        repository.Slug == FeaturedRepository && repository.Workspace.Slug == "blazor-demo" ? Commits : [];

    /// <summary>The pull requests of a repository (only the featured one has any).</summary>
    public static IReadOnlyList<SandboxPullRequest> PullRequestsOf(SandboxRepository repository) =>
        repository.Slug == FeaturedRepository && repository.Workspace.Slug == "blazor-demo" ? PullRequests : [];

    private static List<SandboxRepository> SeedRepositories()
    {
        string[] languages = ["c#", "typescript", "go", "python", "java", "kotlin", "terraform"];
        var demo = Workspaces[0];
        var labs = Workspaces[1];
        var repositories = s_demoRepositoryNames.Select((slug, i) => new SandboxRepository(
            DeterministicUuid("repository:blazor-demo/" + slug), demo, slug, TitleCase(slug),
            i == 0 ? "The Blazor Server app that teaches Bitbucket Cloud OAuth 2.0." : $"Demo repository {i + 1} of 23: {TitleCase(slug)}.",
            i == 0 ? "c#" : languages[i % languages.Length], IsPrivate: i % 4 != 3, Size: 40_960 + (i * 7_919L),
            i < 12 ? "DEMO" : "PLAT", i < 12 ? "Demo" : "Platform",
            s_epoch.AddDays(i * 9), s_epoch.AddDays(300 - i))).ToList();

        repositories.Add(new(DeterministicUuid("repository:sandbox-labs/oauth-experiments"), labs, "oauth-experiments", "OAuth Experiments",
            "Trying out grants against the sandbox.", "c#", IsPrivate: false, 12_288, "LAB", "Labs", s_epoch.AddDays(100), s_epoch.AddDays(200)));
        repositories.Add(new(DeterministicUuid("repository:sandbox-labs/scratchpad"), labs, "scratchpad", "Scratchpad",
            "Anything goes.", "markdown", IsPrivate: true, 2_048, "LAB", "Labs", s_epoch.AddDays(110), s_epoch.AddDays(120)));
        return repositories;
    }

    private static List<SandboxCommit> SeedCommits()
    {
        string[] messages =
        [
            "Initial commit", "Add the Blazor Server skeleton", "Register the Bitbucket options with start-up validation",
            "Add the client credentials grant", "Add the authorization code grant with state checks",
            "Refresh tokens before they expire", "Show the raw token exchange to the presenter",
            "List repositories following the next links", "Show open pull requests", "Handle 403 for missing scopes",
            "Handle 429 with Retry-After", "Polish the consent walkthrough",
        ];

        var commits = new List<SandboxCommit>();
        string? parent = null;
        for (var i = 0; i < messages.Length; i++)
        {
            var hash = DeterministicHash($"commit:{i}:{messages[i]}");
            commits.Add(new SandboxCommit(hash, messages[i] + "\n", s_epoch.AddDays(20 + (i * 6)).AddHours(i), parent));
            parent = hash;
        }

        commits.Reverse();
        return commits;
    }

    private static List<SandboxPullRequest> SeedPullRequests()
    {
        (string Title, string State, string Branch)[] seeds =
        [
            ("Add the client credentials walkthrough", "MERGED", "feature/client-credentials"),
            ("Try implicit grant", "DECLINED", "spike/implicit-grant"),
            ("Authorization code grant, first cut", "SUPERSEDED", "feature/auth-code-v1"),
            ("Authorization code grant with state", "MERGED", "feature/auth-code"),
            ("Refresh tokens on expiry", "OPEN", "feature/refresh"),
            ("Show pagination of repositories", "OPEN", "feature/pagination"),
            ("Explain scope errors", "OPEN", "feature/scope-errors"),
        ];

        return seeds.Select((seed, i) => new SandboxPullRequest(
                Id: i + 1,
                seed.Title,
                $"{seed.Title}. Seeded by the sandbox.",
                seed.State,
                seed.Branch,
                "main",
                DeterministicHash("pr-source:" + seed.Branch),
                seed.State == "MERGED" ? DeterministicHash("pr-merge:" + seed.Branch) : null,
                seed.State == "DECLINED" ? "The implicit grant should not be used (RFC 9700)." : null,
                CommentCount: (i * 3) % 5,
                s_epoch.AddDays(30 + (i * 7)),
                s_epoch.AddDays(33 + (i * 7))))
            .Reverse()
            .ToList();
    }

    private static string DeterministicUuid(string seed)
    {
        var bytes = Crypto.Sha256(seed).AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x50); // version 5-like, name-based
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return "{" + new Guid(bytes).ToString("D") + "}";
    }

    private static string DeterministicHash(string seed) =>
        Convert.ToHexStringLower(Crypto.Sha256(seed))[..40];

    private static string TitleCase(string slug) =>
        CultureInfo.InvariantCulture.TextInfo.ToTitleCase(slug.Replace('-', ' '));
}
