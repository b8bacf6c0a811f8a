using BitbucketBlazor.Bitbucket.Models;
using BitbucketBlazor.Components.Shared;
using BitbucketBlazor.Tests.Infrastructure;
using Bunit;

namespace BitbucketBlazor.Tests.Components;

public sealed class ReadableResultTests : MudBunitContext
{
    private static readonly DateTimeOffset s_updated = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ARepositoryPageIsATableRowPerRepositoryWithItsTextEncoded()
    {
        Repository[] repositories =
        [
            Repo("blazor-demo/<script>alert(1)</script>", "C#", isPrivate: true),
            Repo("blazor-demo/tools & scripts", null, isPrivate: false),
        ];

        var view = Show(new Paginated<Repository>(12, 1, 2, null, null, repositories));

        Assert.Equal(["blazor-demo/<script>alert(1)</script>", "blazor-demo/tools & scripts"],
            view.FindAll("[data-testid=repository-table] [data-testid=repo-name]").Select(n => n.TextContent));
        Assert.Empty(view.FindAll("script"));
        var firstRow = view.FindAll("tbody tr")[0].Children.Select(c => (c.GetAttribute("data-label"), c.TextContent)).ToList();
        Assert.Equal([("Name", "blazor-demo/<script>alert(1)</script>"), ("Language", "C#"), ("Visibility", "private"), ("Updated", "2026-11-30")], firstRow);
        Assert.Equal(["Name", "Language", "Visibility", "Updated"], view.FindAll("thead th").Select(h => h.TextContent));
    }

    [Fact]
    public void APullRequestPageShowsNumberTitleStateAuthorAndBranches()
    {
        var author = new Account("user", "{u}", "Ada <Admin>", "ada", "1", null, null, null);
        PullRequest[] pullRequests =
        [
            new("pullrequest", 7, "Fix <b>bold</b> claims", "OPEN", author, new(new("branch", "feature/x")), new(new("branch", "main")), null, null, 0, null),
        ];

        var view = Show(new Paginated<PullRequest>(1, 1, 10, null, null, pullRequests));

        var cells = view.FindAll("[data-testid=pullrequest-table] tbody td").Select(c => c.TextContent).ToList();
        Assert.Equal(["7", "Fix <b>bold</b> claims", "OPEN", "Ada <Admin>", "feature/x → main"], cells);
        Assert.Empty(view.FindAll("tbody b"));
    }

    [Fact]
    public void AWorkspacePageShowsSlugNameUuidAndWhetherAnAdministrator()
    {
        WorkspaceAccess[] workspaces =
        [
            new("workspace_access", true, new("workspace", "{w1}", "blazor-demo", "Blazor demo", false, null), null),
            new("workspace_access", false, new("workspace", "{w2}", "sandbox-labs", null, false, null), null),
        ];

        var view = Show(new Paginated<WorkspaceAccess>(2, 1, 10, null, null, workspaces));

        Assert.Equal(["blazor-demo", "sandbox-labs"], view.FindAll("[data-testid=workspace-slug]").Select(n => n.TextContent));
        var rows = view.FindAll("[data-testid=workspace-table] tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(["blazor-demo Blazor demo", "{w1}", "yes"], rows[0]);
        Assert.Equal(["sandbox-labs", "{w2}", "no"], rows[1]);
    }

    [Fact]
    public void TheLineUnderATableSaysHowManyOnThisPageAndInAll()
    {
        var withSize = Show(new Paginated<Repository>(23, 1, 10, null, null, [Repo("a/one", "C#", true)]));
        var withoutSize = Show(new Paginated<Repository>(null, 1, 10, null, null, [Repo("a/one", "C#", true)]));

        Assert.Equal("1 on this page (pagelen 10), 23 in all.", withSize.Find("[data-testid=page-summary]").TextContent);
        Assert.Equal("1 on this page (pagelen 10).", withoutSize.Find("[data-testid=page-summary]").TextContent);
    }

    [Fact]
    public void AnAccountIsACardWithItsNamesAndIdsEncoded()
    {
        var view = Show(new Account("user", "{u-1}", "Ada <Lovelace>", "ada&co", "557058:1", null, new(2026, 1, 2, 0, 0, 0, TimeSpan.Zero), null));

        var card = view.Find("[data-testid=user-card]");
        Assert.Equal("Ada <Lovelace>", card.QuerySelector("h3")!.TextContent);
        Assert.Equal("Nickname ada&co · account ID 557058:1", card.QuerySelector("p")!.TextContent);
        Assert.Equal("UUID {u-1} · since 2026-01-02", card.QuerySelector("span")!.TextContent);
    }

    [Fact]
    public void ARepositoryIsACardWithItsDescriptionAndBranch()
    {
        var repository = Repo("blazor-demo/bitbucket-oauth-demo", "C#", true) with
        {
            Description = "<i>demo</i>",
            Mainbranch = new("branch", "main"),
            Project = new("project", "DEMO", "{p}", "Demo"),
        };

        var card = Show(repository).Find("[data-testid=repository-card]");

        Assert.Equal("blazor-demo/bitbucket-oauth-demo", card.QuerySelector("h3")!.TextContent);
        Assert.Equal("<i>demo</i>", card.QuerySelector("p")!.TextContent);
        Assert.Equal("private · C# · main branch main · project Demo", card.QuerySelector("span")!.TextContent);
    }

    [Fact]
    public void AnythingElsePointsToTheRawJson() =>
        Assert.Equal("See the raw JSON below.", Show(new { unexpected = true }).Find("p").TextContent);

    private IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> Show(object value) =>
        Render(builder => builder.AddContent(0, ReadableResult.Of(value)));

    private static Repository Repo(string fullName, string? language, bool isPrivate) =>
        new("repository", "{r}", fullName, fullName, fullName, null, isPrivate, language, null, null, s_updated, null, null, null, null);
}
