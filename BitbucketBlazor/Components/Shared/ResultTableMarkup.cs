using System.Globalization;
using System.Net;
using System.Text;
using BitbucketBlazor.Bitbucket.Models;
using Microsoft.AspNetCore.Components;

namespace BitbucketBlazor.Components.Shared;

/// <summary>
/// The tables <see cref="ApiResultView"/> shows for a page of repositories, pull requests or workspaces, as one markup
/// string in MudTable's classes. The table is written once per answer and never patched, so its rows as elements would
/// only be render-tree frames kept in every attendee's circuit (about 20 KB for the sandbox's 10 repositories, where
/// the string is 4 KB; issue 12, heap per circuit). Everything from Bitbucket is HTML-encoded.
/// </summary>
public static class ResultTableMarkup
{
    /// <summary>The table of a page of repositories: name, language, visibility and last update.</summary>
    /// <param name="page">The page.</param>
    /// <returns>The table's markup.</returns>
    public static MarkupString Repositories(Paginated<Repository> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var table = Open("repository-table", "Name", "Language", "Visibility", "Updated");
        foreach (var repo in page.Values)
        {
            table.Append("<tr class=\"mud-table-row\">");
            Cell(table, "Name", $"<span data-testid=\"repo-name\">{Encode(repo.FullName)}</span>");
            Cell(table, "Language", Encode(repo.Language));
            Cell(table, "Visibility", repo.IsPrivate == true ? "private" : "public");
            Cell(table, "Updated", repo.UpdatedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
            table.Append("</tr>");
        }

        return Close(table);
    }

    /// <summary>The table of a page of pull requests: number, title, state, author and branches.</summary>
    /// <param name="page">The page.</param>
    /// <returns>The table's markup.</returns>
    public static MarkupString PullRequests(Paginated<PullRequest> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var table = Open("pullrequest-table", "#", "Title", "State", "Author", "Branches");
        foreach (var pr in page.Values)
        {
            table.Append("<tr class=\"mud-table-row\">");
            Cell(table, "#", pr.Id.ToString(CultureInfo.InvariantCulture));
            Cell(table, "Title", $"<span data-testid=\"pr-title\">{Encode(pr.Title)}</span>");
            Cell(table, "State", Encode(pr.State));
            Cell(table, "Author", Encode(pr.Author?.DisplayName));
            Cell(table, "Branches", $"<code>{Encode(pr.Source?.Branch?.Name)}</code> → <code>{Encode(pr.Destination?.Branch?.Name)}</code>");
            table.Append("</tr>");
        }

        return Close(table);
    }

    /// <summary>The table of a page of the workspaces the user can reach: slug and name, UUID, whether an administrator.</summary>
    /// <param name="page">The page.</param>
    /// <returns>The table's markup.</returns>
    public static MarkupString Workspaces(Paginated<WorkspaceAccess> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var table = Open("workspace-table", "Workspace", "UUID", "Administrator");
        foreach (var access in page.Values)
        {
            // /user/workspaces lists workspace_base objects: a slug and UUID, the name only sometimes.
            table.Append("<tr class=\"mud-table-row\">");
            Cell(table, "Workspace", $"<code data-testid=\"workspace-slug\">{Encode(access.Workspace?.Slug)}</code> {Encode(access.Workspace?.Name)}");
            Cell(table, "UUID", $"<code>{Encode(access.Workspace?.Uuid)}</code>");
            Cell(table, "Administrator", access.Administrator == true ? "yes" : "no");
            table.Append("</tr>");
        }

        return Close(table);
    }

    private static StringBuilder Open(string testId, params string[] headings)
    {
        var table = new StringBuilder(4 * 1024);
        table.Append("<div class=\"mud-table mud-sm-table mud-table-dense mud-table-hover mud-elevation-0\" data-testid=\"")
            .Append(testId)
            .Append("\"><div class=\"mud-table-container\"><table class=\"mud-table-root\"><thead class=\"mud-table-head\"><tr class=\"mud-table-row\">");
        foreach (var heading in headings)
        {
            table.Append("<th class=\"mud-table-cell\">").Append(Encode(heading)).Append("</th>");
        }

        return table.Append("</tr></thead><tbody class=\"mud-table-body\">");
    }

    // The label is MudTable's: on a narrow screen each cell shows its column's name before it.
    private static void Cell(StringBuilder table, string label, string content) =>
        table.Append("<td class=\"mud-table-cell\" data-label=\"").Append(Encode(label)).Append("\">").Append(content).Append("</td>");

    private static MarkupString Close(StringBuilder table) => new(table.Append("</tbody></table></div></div>").ToString());

    private static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");
}
