using System.Net;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace BitbucketBlazor.Components.Presentation;

/// <summary>Highlighted JSON as one piece of HTML, possibly cut to its first lines.</summary>
/// <param name="Markup">The HTML: one <c>span</c> per coloured token, text HTML-encoded.</param>
/// <param name="ShownLines">How many lines <paramref name="Markup"/> holds.</param>
/// <param name="TotalLines">How many lines the whole pretty-printed JSON has.</param>
public sealed record JsonMarkup(MarkupString Markup, int ShownLines, int TotalLines)
{
    /// <summary>
    /// Pretty-prints and colours <paramref name="json"/> into HTML; when it has more than
    /// <paramref name="collapseAbove"/> lines, only its first <paramref name="collapsedLines"/>.
    /// Null when the text is not JSON (show it as plain text).
    /// </summary>
    /// <remarks>
    /// One markup string instead of a <c>span</c> element per token: the circuit then keeps one
    /// render frame for the whole body instead of thousands, and sends it as one string.
    /// </remarks>
    public static JsonMarkup? Render(string? json, int collapseAbove = int.MaxValue, int collapsedLines = int.MaxValue)
    {
        var tokens = JsonHighlighter.Highlight(json);
        if (tokens is null)
        {
            return null;
        }

        var total = 1 + tokens.Count(IsLineBreak);
        var maxLines = total > collapseAbove ? collapsedLines : total;
        var html = new StringBuilder();
        var lines = 1;
        var shown = 1;
        foreach (var token in tokens)
        {
            if (IsLineBreak(token))
            {
                lines++;
            }

            if (lines > maxLines)
            {
                break;
            }

            shown = lines;
            if (token.Kind == JsonTokenKind.Whitespace)
            {
                html.Append(token.Text);
            }
            else
            {
                html.Append("<span class=\"").Append(CssClass(token.Kind)).Append("\">")
                    .Append(WebUtility.HtmlEncode(token.Text)).Append("</span>");
            }
        }

        if (shown < total)
        {
            html.Append("\n<span class=\"json-punct\">…</span>");
        }

        return new JsonMarkup(new MarkupString(html.ToString()), shown, total);
    }

    private static bool IsLineBreak(JsonToken token) => token.Kind == JsonTokenKind.Whitespace && token.Text.StartsWith('\n');

    private static string CssClass(JsonTokenKind kind) => kind switch
    {
        JsonTokenKind.Key => "json-key",
        JsonTokenKind.StringValue => "json-string",
        JsonTokenKind.Number => "json-number",
        JsonTokenKind.Literal => "json-literal",
        _ => "json-punct",
    };
}
