using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace BitbucketBlazor.Components.Shared;

/// <summary>
/// Draws <see cref="FlowDiagram"/>'s sequence diagram as one markup string: the SVG, then the same messages as an
/// ordered list for screen readers and narrow screens. The flows are the app's own few lists, so each drawing (flow,
/// active step, title) is built once and the same string is shared by every circuit that shows it: a room of
/// attendees on one step keeps one copy, where the diagram's elements as render-tree frames cost each circuit about
/// 40 KB (issue 12, heap per circuit).
/// </summary>
public static class FlowDiagramMarkup
{
    private const int ColumnSpacing = 330;
    private const int BoxWidth = 200;
    private const int MessageSpacing = 44;

    // Bounded: the app draws a handful of flows at a handful of steps; a drawing past the bound is built and not kept.
    private const int MaxSharedDrawings = 64;
    private static readonly ConcurrentDictionary<DrawingKey, MarkupString> s_sharedDrawings = new();

    /// <summary>The drawing of <paramref name="messages"/> between <paramref name="participants"/>, with the messages of
    /// <paramref name="activeStep"/> highlighted and <paramref name="title"/> as its accessible name.</summary>
    /// <param name="participants">The parties, left to right.</param>
    /// <param name="messages">The messages, top to bottom, numbered from 1.</param>
    /// <param name="activeStep">The step whose messages are highlighted (-1 for none).</param>
    /// <param name="title">The diagram's accessible title; its id is derived from it, one diagram per title on a page.</param>
    /// <returns>The markup, HTML-encoded where it shows the flow's text.</returns>
    public static MarkupString Of(IReadOnlyList<FlowParticipant> participants, IReadOnlyList<FlowMessage> messages, int activeStep, string title)
    {
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(title);
        var key = new DrawingKey(participants, messages, activeStep, title);
        if (s_sharedDrawings.TryGetValue(key, out var shared))
        {
            return shared;
        }

        var drawing = new MarkupString(Draw(participants, messages, activeStep, title));
        return s_sharedDrawings.Count < MaxSharedDrawings ? s_sharedDrawings.GetOrAdd(key, drawing) : drawing;
    }

    private static string Draw(IReadOnlyList<FlowParticipant> participants, IReadOnlyList<FlowMessage> messages, int activeStep, string title)
    {
        var id = IdFor(title);
        var width = Math.Max(1, participants.Count - 1) * ColumnSpacing + BoxWidth + 20;
        var height = 80 + messages.Count * MessageSpacing;
        var svg = new StringBuilder(8 * 1024);
        svg.Append(CultureInfo.InvariantCulture,
            $"""<div class="flow-scroll" tabindex="0" role="region" aria-label="{MudMarkup.Encode(title)}, diagram"><svg viewBox="0 0 {width} {height}" width="100%" role="img" aria-labelledby="{id}-title" style="min-width:{Math.Min(width, 640)}px"><title id="{id}-title">{MudMarkup.Encode(title)}</title><defs>""");
        AppendArrowhead(svg, $"{id}-arrow", "flow-arrowhead");
        AppendArrowhead(svg, $"{id}-arrow-active", "flow-arrowhead active");
        svg.Append("</defs>");
        for (var p = 0; p < participants.Count; p++)
        {
            var x = ColumnX(p);
            svg.Append(CultureInfo.InvariantCulture,
                $"""<g class="flow-participant"><rect x="{x - BoxWidth / 2}" y="4" width="{BoxWidth}" height="46" rx="8"></rect><text x="{x}" y="24" text-anchor="middle" class="flow-name">{MudMarkup.Encode(participants[p].Name)}</text><text x="{x}" y="41" text-anchor="middle" class="flow-role">{MudMarkup.Encode(participants[p].Role)}</text><line x1="{x}" y1="50" x2="{x}" y2="{height - 6}" class="flow-lifeline"></line></g>""");
        }

        for (var m = 0; m < messages.Count; m++)
        {
            AppendMessage(svg, participants, messages[m], m, activeStep, id);
        }

        svg.Append(CultureInfo.InvariantCulture, $"""</svg></div><ol class="flow-steps" aria-label="{MudMarkup.Encode(title)}, step by step">""");
        foreach (var message in messages)
        {
            svg.Append(message.Step == activeStep ? """<li class="active">""" : "<li>")
                .Append(MudMarkup.Encode(NameOf(participants, message.From))).Append(" → ")
                .Append(MudMarkup.Encode(NameOf(participants, message.To))).Append(": ")
                .Append(MudMarkup.Encode(message.Label)).Append("</li>");
        }

        return svg.Append("</ol>").ToString();
    }

    private static void AppendMessage(StringBuilder svg, IReadOnlyList<FlowParticipant> participants, FlowMessage message, int index, int activeStep, string id)
    {
        var from = IndexOf(participants, message.From);
        var to = IndexOf(participants, message.To);
        if (from < 0 || to < 0)
        {
            return;
        }

        var y = 92 + index * MessageSpacing;
        var active = message.Step == activeStep;
        var x1 = ColumnX(from) + (to > from ? 4 : -4);
        var x2 = ColumnX(to) + (to > from ? -4 : 4);
        var left = Math.Min(x1, x2);
        svg.Append(CultureInfo.InvariantCulture,
            $"""<g class="{(active ? "flow-message active" : "flow-message")}" data-testid="flow-message-{index + 1}" data-active="{(active ? "true" : "false")}"><line x1="{x1}" y1="{y}" x2="{x2}" y2="{y}" class="{(message.IsResponse ? "flow-arrow response" : "flow-arrow")}" marker-end="url(#{id}-{(active ? "arrow-active" : "arrow")})"></line><circle cx="{left + 14}" cy="{y - 11}" r="9" class="flow-number"></circle><text x="{left + 14}" y="{y - 7}" text-anchor="middle" class="flow-number-text">{index + 1}</text><text x="{left + 28}" y="{y - 7}" class="flow-label">{MudMarkup.Encode(message.Label)}</text></g>""");
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

    private readonly record struct DrawingKey(IReadOnlyList<FlowParticipant> Participants, IReadOnlyList<FlowMessage> Messages, int ActiveStep, string Title);
}
