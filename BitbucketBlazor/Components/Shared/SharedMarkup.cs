using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;

namespace BitbucketBlazor.Components.Shared;

/// <summary>
/// Markup written by many circuits alike (the same scope chips, the same step labels, the same badge), kept once: each
/// circuit's render tree then points at one string instead of holding its own copy or the elements it stands for
/// (issue 12, heap per circuit). Bounded by count and by length: past the bound a string is used as it is, not kept,
/// so a visitor who writes unusual markup (a typed-in consumer's scopes) slows or evicts no one.
/// </summary>
public static class SharedMarkup
{
    private const int MaxEntries = 1024;
    private const int MaxLength = 4 * 1024;
    private static readonly ConcurrentDictionary<string, MarkupString> s_entries = new(StringComparer.Ordinal);

    /// <summary>The markup <paramref name="html"/>, as the one instance every circuit shares when it is short and the store has room.</summary>
    /// <param name="html">Markup, encoded already.</param>
    /// <returns>The shared markup, or <paramref name="html"/> itself.</returns>
    public static MarkupString Of(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (s_entries.TryGetValue(html, out var shared))
        {
            return shared;
        }

        return html.Length <= MaxLength && s_entries.Count < MaxEntries ? s_entries.GetOrAdd(html, new MarkupString(html)) : new MarkupString(html);
    }
}
