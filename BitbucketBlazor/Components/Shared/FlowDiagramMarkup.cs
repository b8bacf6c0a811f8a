using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace BitbucketBlazor.Components.Shared;

/// <summary>
/// Draws <see cref="FlowDiagram"/>'s sequence diagram once per flow, in the pieces the component puts together: the
/// title, arrowheads and participants as one piece of markup no step changes, then each message twice, highlighted and
/// not, as an arrow in the drawing and as a line of the list. A step swaps the pieces of the messages it highlights, so
/// the browser parses and lays out those few elements rather than the whole drawing, text and all (issue 12, the
/// browser's share of a step). The flows are the app's own few lists, so each drawing is built once and shared by every
/// circuit that shows it: a circuit keeps references to the shared strings, a few dozen frames.
/// </summary>
public static class FlowDiagramMarkup
{
    private const int ColumnSpacing = 330;
    private const int BoxWidth = 200;
    private const int MessageSpacing = 44;

    // Bounded: the app draws a handful of flows; a drawing past the bound is built and not kept.
    private const int MaxSharedDrawings = 64;
    private static readonly ConcurrentDictionary<DrawingKey, FlowDrawing> s_sharedDrawings = new();

    /// <summary>The drawing of <paramref name="messages"/> between <paramref name="participants"/>, with
    /// <paramref name="title"/> as its accessible name.</summary>
    /// <param name="participants">The parties, left to right.</param>
    /// <param name="messages">The messages, top to bottom, numbered from 1.</param>
    /// <param name="title">The diagram's accessible title; its id is derived from it, one diagram per title on a page.</param>
    /// <returns>The pieces, HTML-encoded where they are markup and show the flow's text.</returns>
    public static FlowDrawing Of(IReadOnlyList<FlowParticipant> participants, IReadOnlyList<FlowMessage> messages, string title)
    {
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(title);
        var key = new DrawingKey(participants, messages, title);
        if (s_sharedDrawings.TryGetValue(key, out var shared))
        {
            return shared;
        }

        var drawing = Draw(participants, messages, title);
        return s_sharedDrawings.Count < MaxSharedDrawings ? s_sharedDrawings.GetOrAdd(key, drawing) : drawing;
    }

    private static FlowDrawing Draw(IReadOnlyList<FlowParticipant> participants, IReadOnlyList<FlowMessage> messages, string title)
    {
        var id = IdFor(title);
        var width = Math.Max(1, participants.Count - 1) * ColumnSpacing + BoxWidth + 20;
        var height = 80 + messages.Count * MessageSpacing;
        var head = new StringBuilder(4 * 1024);
        head.Append(CultureInfo.InvariantCulture, $"""<title id="{id}-title">{MudMarkup.Encode(title)}</title><defs>""");
        AppendArrowhead(head, $"{id}-arrow", "flow-arrowhead");
        AppendArrowhead(head, $"{id}-arrow-active", "flow-arrowhead active");
        head.Append("</defs>");
        for (var p = 0; p < participants.Count; p++)
        {
            var x = ColumnX(p);
            head.Append(CultureInfo.InvariantCulture,
                $"""<g class="flow-participant"><rect x="{x - BoxWidth / 2}" y="4" width="{BoxWidth}" height="46" rx="8"></rect><text x="{x}" y="24" text-anchor="middle" class="flow-name">{MudMarkup.Encode(participants[p].Name)}</text><text x="{x}" y="41" text-anchor="middle" class="flow-role">{MudMarkup.Encode(participants[p].Role)}</text><line x1="{x}" y1="50" x2="{x}" y2="{height - 6}" class="flow-lifeline"></line></g>""");
        }

        var arrows = new List<FlowArrow>(messages.Count);
        for (var m = 0; m < messages.Count; m++)
        {
            if (Arrow(participants, messages[m], m, id) is { } arrow)
            {
                arrows.Add(arrow);
            }
        }

        return new FlowDrawing(
            $"{id}-title", $"0 0 {width} {height}", $"min-width:{Math.Min(width, 640)}px", $"{title}, diagram", $"{title}, step by step",
            new MarkupString(head.ToString()), arrows, [.. messages.Select(message => Item(participants, message))]);
    }

    private static FlowItem Item(IReadOnlyList<FlowParticipant> participants, FlowMessage message)
    {
        var text = MudMarkup.Encode($"{NameOf(participants, message.From)} → {NameOf(participants, message.To)}: {message.Label}");
        return new FlowItem(message.Step, new MarkupString($"<li>{text}</li>"), new MarkupString($"""<li class="active">{text}</li>"""));
    }

    private static FlowArrow? Arrow(IReadOnlyList<FlowParticipant> participants, FlowMessage message, int index, string id)
    {
        var from = IndexOf(participants, message.From);
        var to = IndexOf(participants, message.To);
        if (from < 0 || to < 0)
        {
            return null;
        }

        var y = 92 + index * MessageSpacing;
        var x1 = ColumnX(from) + (to > from ? 4 : -4);
        var x2 = ColumnX(to) + (to > from ? -4 : 4);
        var left = Math.Min(x1, x2);
        string Drawn(bool active) => string.Create(CultureInfo.InvariantCulture,
            $"""<g class="{(active ? "flow-message active" : "flow-message")}" data-testid="flow-message-{index + 1}" data-active="{(active ? "true" : "false")}"><line x1="{x1}" y1="{y}" x2="{x2}" y2="{y}" class="{(message.IsResponse ? "flow-arrow response" : "flow-arrow")}" marker-end="url(#{id}-{(active ? "arrow-active" : "arrow")})"></line><circle cx="{left + 14}" cy="{y - 11}" r="9" class="flow-number"></circle><text x="{left + 14}" y="{y - 7}" text-anchor="middle" class="flow-number-text">{index + 1}</text><text x="{left + 28}" y="{y - 7}" class="flow-label">{MudMarkup.Encode(message.Label)}</text></g>""");
        return new FlowArrow(message.Step, new MarkupString(Drawn(active: false)), new MarkupString(Drawn(active: true)));
    }

    private static void AppendArrowhead(StringBuilder svg, string markerId, string pathClass) =>
        svg.Append(CultureInfo.InvariantCulture,
            $"""<marker id="{markerId}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" class="{pathClass}"></path></marker>""");

    private static int ColumnX(int index) => BoxWidth / 2 + 10 + index * ColumnSpacing;

    private static int IndexOf(IReadOnlyList<FlowParticipant> participants, string id)
    {
        for (var i = 0; i < participants.Count; i++)
        {
            if (participants[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    private static string NameOf(IReadOnlyList<FlowParticipant> participants, string id)
    {
        var index = IndexOf(participants, id);
        return index < 0 ? id : participants[index].Name;
    }

    // The same for every circuit, so the markup can be shared; a page shows one diagram per flow, so one per title.
    private static string IdFor(string title)
    {
        var slug = new StringBuilder("flow-", title.Length + 5);
        foreach (var c in title)
        {
            slug.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        }

        return slug.ToString();
    }

    private readonly record struct DrawingKey(IReadOnlyList<FlowParticipant> Participants, IReadOnlyList<FlowMessage> Messages, string Title);
}

/// <summary>One flow's drawing, in the pieces <see cref="FlowDiagram"/> renders (built by <see cref="FlowDiagramMarkup"/>).</summary>
/// <param name="TitleId">The id of the SVG's title, which names it.</param>
/// <param name="ViewBox">The SVG's viewBox.</param>
/// <param name="Style">The SVG's style (its minimum width, so narrow screens scroll it rather than shrink it).</param>
/// <param name="ScrollLabel">The accessible name of the diagram's scrolling region.</param>
/// <param name="ListLabel">The accessible name of the same messages as a list.</param>
/// <param name="Head">The SVG's title, arrowheads and participants: markup that no step changes.</param>
/// <param name="Arrows">The messages drawn, top to bottom (a message naming an unknown participant is not drawn).</param>
/// <param name="Items">Every message as a line of the list screen readers and narrow screens read.</param>
public sealed record FlowDrawing(
    string TitleId, string ViewBox, string Style, string ScrollLabel, string ListLabel, MarkupString Head,
    IReadOnlyList<FlowArrow> Arrows, IReadOnlyList<FlowItem> Items);

/// <summary>One message drawn as an arrow, highlighted and not.</summary>
/// <param name="Step">The walkthrough step the message belongs to.</param>
/// <param name="Inactive">The arrow with its number and label.</param>
/// <param name="Active">The same, highlighted.</param>
public sealed record FlowArrow(int Step, MarkupString Inactive, MarkupString Active);

/// <summary>One message as a line of the list ("From → To: label"), highlighted and not.</summary>
/// <param name="Step">The walkthrough step the message belongs to.</param>
/// <param name="Inactive">The list item.</param>
/// <param name="Active">The same, highlighted.</param>
public sealed record FlowItem(int Step, MarkupString Inactive, MarkupString Active);
