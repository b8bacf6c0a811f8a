using BitbucketBlazor.Common.Stores;

namespace BitbucketBlazor.Bitbucket;

/// <summary>
/// One copy of each large REST API answer for every circuit that received the same text: a room of attendees listing
/// the sandbox's repositories gets the same 18 KB page, which each circuit kept as its own 36 KB string in its history
/// (issue 12, heap per circuit). Only the REST client's bodies come here, never the token endpoint's, whose answers
/// carry tokens and differ per visitor anyway.
/// </summary>
/// <remarks>
/// Kept in a <see cref="SharedByContent{TValue}"/>: keyed by the text's SHA-256, bounded by count and characters, and
/// refusing newcomers once full (their own copy is kept, as before), so no visitor's body evicts another's. A body with
/// anything in it that masking would hide is never kept: its secret would outlive the circuit here.
/// </remarks>
public sealed class SharedResponseBodies(int maxEntries = SharedResponseBodies.DefaultMaxEntries, long maxCharacters = SharedResponseBodies.DefaultMaxCharacters)
{
    /// <summary>Bodies shorter than this are kept per circuit: small answers (errors, one repository) are cheap and vary.</summary>
    public const int MinLength = 4 * 1024;

    /// <summary>The most bodies kept by default.</summary>
    public const int DefaultMaxEntries = 256;

    /// <summary>The most characters kept by default (8 MB of UTF-16).</summary>
    public const long DefaultMaxCharacters = 4 * 1024 * 1024;

    private readonly SharedByContent<string> _bodies = new(maxEntries, maxCharacters);

    /// <summary>Gets the instance the app's REST client shares.</summary>
    public static SharedResponseBodies Shared { get; } = new();

    /// <summary>Gets how many bodies are kept.</summary>
    public int Count => _bodies.Count;

    /// <summary>The instance of <paramref name="body"/> every caller with the same text shares, while there is room.</summary>
    /// <param name="body">A decoded response body, or null.</param>
    /// <returns>The shared string equal to <paramref name="body"/>, or <paramref name="body"/> itself.</returns>
    public string? Share(string? body) =>
        body is null || body.Length < MinLength || !ReferenceEquals(MaskingPolicy.ForDisplay.MaskBody(body), body)
            ? body
            : _bodies.GetOrMake(body, "", text => text, text => text.Length);
}
