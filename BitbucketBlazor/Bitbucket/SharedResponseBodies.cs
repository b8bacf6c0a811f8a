using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace BitbucketBlazor.Bitbucket;

/// <summary>
/// One copy of each large REST API answer for every circuit that received the same text: a room of attendees listing
/// the sandbox's repositories gets the same 18 KB page, which each circuit kept as its own 36 KB string in its history
/// (issue 12, heap per circuit). Only the REST client's bodies come here, never the token endpoint's, whose answers
/// carry tokens and differ per visitor anyway.
/// </summary>
/// <remarks>
/// Keyed by the SHA-256 of the text and compared in full before a copy is handed out, so a circuit only ever gets a
/// string equal to the one it decoded itself. Bounded by count and by characters: once full it refuses newcomers (their
/// own copy is kept, as before), so no visitor's body evicts another's and an unusual body slows nobody. A body with
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

    private readonly ConcurrentDictionary<string, string> _entries = new(StringComparer.Ordinal);
    private long _characters;

    /// <summary>Gets the instance the app's REST client shares.</summary>
    public static SharedResponseBodies Shared { get; } = new();

    /// <summary>Gets how many bodies are kept.</summary>
    public int Count => _entries.Count;

    /// <summary>The instance of <paramref name="body"/> every caller with the same text shares, while there is room.</summary>
    /// <param name="body">A decoded response body, or null.</param>
    /// <returns>The shared string equal to <paramref name="body"/>, or <paramref name="body"/> itself.</returns>
    public string? Share(string? body)
    {
        if (body is null || body.Length < MinLength || !ReferenceEquals(MaskingPolicy.ForDisplay.MaskBody(body), body))
        {
            return body;
        }

        var key = Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(body.AsSpan())));
        if (_entries.TryGetValue(key, out var shared))
        {
            return string.Equals(shared, body, StringComparison.Ordinal) ? shared : body;
        }

        if (_entries.Count >= maxEntries)
        {
            return body;
        }

        if (Interlocked.Add(ref _characters, body.Length) > maxCharacters)
        {
            Interlocked.Add(ref _characters, -body.Length);
            return body;
        }

        var kept = _entries.GetOrAdd(key, body);
        if (!ReferenceEquals(kept, body))
        {
            // Another circuit kept the same body first: this copy was not added.
            Interlocked.Add(ref _characters, -body.Length);
            return string.Equals(kept, body, StringComparison.Ordinal) ? kept : body;
        }

        return kept;
    }
}
