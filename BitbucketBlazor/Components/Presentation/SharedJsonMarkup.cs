using BitbucketBlazor.Common.Stores;

namespace BitbucketBlazor.Components.Presentation;

/// <summary>
/// The highlighted markup of a large JSON body, made once for every circuit that shows the same body: the sandbox's
/// page of repositories is the same for a whole room, so it is highlighted once instead of once per attendee (7.7 → 6.0 ms
/// of server CPU per "Send API request", bench/RESULTS.md) and each circuit points at one shared string (issue 12).
/// </summary>
/// <remarks>
/// Kept in a <see cref="SharedByContent{TValue}"/>: keyed by the SHA-256 of the text shown (masked already), so a circuit
/// only ever gets the markup of the very text it was about to highlight itself; bounded by count and by the characters
/// kept, refusing newcomers once full (their markup is made as before, not kept), so no visitor evicts another's entry.
/// </remarks>
public sealed class SharedJsonMarkup(int maxEntries = SharedJsonMarkup.DefaultMaxEntries, long maxCharacters = SharedJsonMarkup.DefaultMaxCharacters)
{
    /// <summary>Bodies shorter than this are highlighted per circuit: small answers (tokens, errors) differ per visitor.</summary>
    public const int MinLength = 4 * 1024;

    /// <summary>The most bodies whose markup is kept by default.</summary>
    public const int DefaultMaxEntries = 256;

    /// <summary>The most characters of markup kept by default (8 MB of UTF-16).</summary>
    public const long DefaultMaxCharacters = 4 * 1024 * 1024;

    private readonly SharedByContent<JsonMarkup?> _markups = new(maxEntries, maxCharacters);

    /// <summary>Gets the instance the app's circuits share.</summary>
    public static SharedJsonMarkup Shared { get; } = new();

    /// <summary>Gets how many bodies' markup is kept.</summary>
    public int Count => _markups.Count;

    /// <summary>As <see cref="JsonMarkup.Render"/>, shared between callers for a large body while there is room.</summary>
    /// <param name="json">The text to show, masked already (never a revealed body: its secrets would outlive the circuit here).</param>
    /// <param name="collapseAbove">Bodies with more lines than this are cut.</param>
    /// <param name="collapsedLines">How many lines a cut body keeps.</param>
    /// <returns>The markup (the shared instance when there is one), or null when the text is not JSON.</returns>
    public JsonMarkup? Render(string? json, int collapseAbove, int collapsedLines)
    {
        if (json is null || json.Length < MinLength)
        {
            return JsonMarkup.Render(json, collapseAbove, collapsedLines);
        }

        return _markups.GetOrMake(json, $"{collapseAbove}:{collapsedLines}",
            text => JsonMarkup.Render(text, collapseAbove, collapsedLines), markup => markup?.Markup.Value.Length ?? 0);
    }
}
