using System.Globalization;
using System.Text;
using BitbucketBlazor.Bitbucket.Models;
using Microsoft.AspNetCore.Components;

namespace BitbucketBlazor.Components.Shared;

/// <summary>
/// The readable view of an API answer, written once as markup in MudBlazor's classes: a user or repository card, or a
/// table of repositories, pull requests or workspaces with a line on the page. The API step keeps this string instead
/// of the parsed answer and its elements: the sandbox's 10 repositories were about 650 render-tree frames and 170
/// parsed strings kept in every attendee's circuit (about 30 KB, where the markup is 9 KB; issue 12, heap per circuit).
/// MudTable and MudPaper would add a component per cell and card and nothing else here (no paging, sorting or
/// selection). Everything from Bitbucket is HTML-encoded.
/// </summary>
public static class ReadableResult
{
    /// <summary>The readable view of <paramref name="value"/>.</summary>
    /// <param name="value">The parsed answer: an account, a repository or a page of results; anything else points to the raw JSON.</param>
    /// <returns>The view's markup.</returns>
    public static MarkupString Of(object? value) => new(value switch
    {
        Account account => Card("user-card", account.DisplayName,
            $"Nickname <code>{MudMarkup.Encode(account.Nickname)}</code> · account ID <code>{MudMarkup.Encode(account.AccountId)}</code>",
            $"UUID <code>{MudMarkup.Encode(account.Uuid)}</code>{(account.CreatedOn is { } created ? $" · since {created.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : "")}"),
        Repository repository => Card("repository-card", repository.FullName, MudMarkup.Encode(repository.Description),
            $"{(repository.IsPrivate == true ? "private" : "public")} · {MudMarkup.Encode(repository.Language)} · main branch <code>{MudMarkup.Encode(repository.Mainbranch?.Name)}</code> · project {MudMarkup.Encode(repository.Project?.Name)}"),
        Paginated<Repository> page => Repositories(page),
        Paginated<PullRequest> page => PullRequests(page),
        Paginated<WorkspaceAccess> page => Workspaces(page),
        _ => """<p class="mud-typography mud-typography-body2">See the raw JSON below.</p>""",
    });

    private static string Card(string testId, string? title, string body, string caption) =>
        $"""<div class="mud-paper mud-paper-outlined pa-3" data-testid="{testId}"><h3 class="mud-typography mud-typography-h6">{MudMarkup.Encode(title)}</h3><p class="mud-typography mud-typography-body2">{body}</p><span class="mud-typography mud-typography-caption">{caption}</span></div>""";

    private static string Repositories(Paginated<Repository> page)
    {
        var table = Open("repository-table", "Name", "Language", "Visibility", "Updated");
        foreach (var repo in page.Values)
        {
            table.Append("<tr class=\"mud-table-row\">");
            Cell(table, "Name", $"<span data-testid=\"repo-name\">{MudMarkup.Encode(repo.FullName)}</span>");
            Cell(table, "Language", MudMarkup.Encode(repo.Language));
            Cell(table, "Visibility", repo.IsPrivate == true ? "private" : "public");
            Cell(table, "Updated", repo.UpdatedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
            table.Append("</tr>");
        }

        return Close(table, page);
    }

    private static string PullRequests(Paginated<PullRequest> page)
    {
        var table = Open("pullrequest-table", "#", "Title", "State", "Author", "Branches");
        foreach (var pr in page.Values)
        {
            table.Append("<tr class=\"mud-table-row\">");
            Cell(table, "#", pr.Id.ToString(CultureInfo.InvariantCulture));
            Cell(table, "Title", $"<span data-testid=\"pr-title\">{MudMarkup.Encode(pr.Title)}</span>");
            Cell(table, "State", MudMarkup.Encode(pr.State));
            Cell(table, "Author", MudMarkup.Encode(pr.Author?.DisplayName));
            Cell(table, "Branches", $"<code>{MudMarkup.Encode(pr.Source?.Branch?.Name)}</code> → <code>{MudMarkup.Encode(pr.Destination?.Branch?.Name)}</code>");
            table.Append("</tr>");
        }

        return Close(table, page);
    }

    private static string Workspaces(Paginated<WorkspaceAccess> page)
    {
        var table = Open("workspace-table", "Workspace", "UUID", "Administrator");
        foreach (var access in page.Values)
        {
            // /user/workspaces lists workspace_base objects: a slug and UUID, the name only sometimes.
            table.Append("<tr class=\"mud-table-row\">");
            Cell(table, "Workspace", $"<code data-testid=\"workspace-slug\">{MudMarkup.Encode(access.Workspace?.Slug)}</code> {MudMarkup.Encode(access.Workspace?.Name)}");
            Cell(table, "UUID", $"<code>{MudMarkup.Encode(access.Workspace?.Uuid)}</code>");
            Cell(table, "Administrator", access.Administrator == true ? "yes" : "no");
            table.Append("</tr>");
        }

        return Close(table, page);
    }

    private static StringBuilder Open(string testId, params string[] headings)
    {
        var table = new StringBuilder(4 * 1024);
        table.Append("<div class=\"mud-table mud-sm-table mud-table-dense mud-table-hover mud-elevation-0\" data-testid=\"")
            .Append(testId)
            .Append("\"><div class=\"mud-table-container\"><table class=\"mud-table-root\"><thead class=\"mud-table-head\"><tr class=\"mud-table-row\">");
        foreach (var heading in headings)
        {
            table.Append("<th class=\"mud-table-cell\">").Append(MudMarkup.Encode(heading)).Append("</th>");
        }

        return table.Append("</tr></thead><tbody class=\"mud-table-body\">");
    }

    // The label is MudTable's: on a narrow screen each cell shows its column's name before it.
    private static void Cell(StringBuilder table, string label, string content) =>
        table.Append("<td class=\"mud-table-cell\" data-label=\"").Append(MudMarkup.Encode(label)).Append("\">").Append(content).Append("</td>");

    private static string Close<T>(StringBuilder table, Paginated<T> page)
    {
        table.Append("</tbody></table></div></div><p class=\"mud-typography mud-typography-caption\" data-testid=\"page-summary\">")
            .Append(CultureInfo.InvariantCulture, $"{page.Values.Count} on this page (pagelen {page.Pagelen})");
        if (page.Size is { } size)
        {
            table.Append(CultureInfo.InvariantCulture, $", {size} in all");
        }

        return table.Append(".</p>").ToString();
    }
}
