using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace BitbucketBlazor.Common.Stores;

/// <summary>
/// What is made from a large text, made once and kept for every caller with the same text: a room of attendees sees the
/// same sandbox answers, so one copy serves every circuit (issue 12, heap per circuit).
/// </summary>
/// <remarks>
/// Keyed by the SHA-256 of the text (and a variant, for what is made from it in more than one way), so a caller only
/// ever gets what it would have made itself. Bounded by count and by a size the caller measures: once full it refuses
/// newcomers (what they made is returned, not kept), so no caller's entry is evicted by another's and an unusual text
/// slows nobody.
/// </remarks>
/// <typeparam name="TValue">What is made from the text.</typeparam>
/// <param name="maxEntries">The most entries kept.</param>
/// <param name="maxSize">The most size kept, in the unit <c>sizeOf</c> measures.</param>
public sealed class SharedByContent<TValue>(int maxEntries, long maxSize)
{
    private readonly ConcurrentDictionary<string, TValue> _entries = new(StringComparer.Ordinal);
    private long _size;

    /// <summary>Gets how many entries are kept.</summary>
    public int Count => _entries.Count;

    /// <summary>The value kept for <paramref name="text"/> and <paramref name="variant"/>, made and kept first if there is room.</summary>
    /// <param name="text">The text the value is made from.</param>
    /// <param name="variant">Tells apart values made from the same text in different ways; empty when there is one way.</param>
    /// <param name="make">Makes the value from the text.</param>
    /// <param name="sizeOf">Measures a value against the size bound.</param>
    /// <returns>The shared value, or the one just made when the store is full.</returns>
    public TValue GetOrMake(string text, string variant, Func<string, TValue> make, Func<TValue, long> sizeOf)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(make);
        ArgumentNullException.ThrowIfNull(sizeOf);
        var key = $"{Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(text.AsSpan())))}:{variant}";
        if (_entries.TryGetValue(key, out var shared))
        {
            return shared;
        }

        var made = make(text);
        if (_entries.Count >= maxEntries)
        {
            return made;
        }

        var size = sizeOf(made);
        if (Interlocked.Add(ref _size, size) > maxSize)
        {
            Interlocked.Add(ref _size, -size);
            return made;
        }

        var kept = _entries.GetOrAdd(key, made);
        if (!ReferenceEquals(kept, made))
        {
            // Another caller kept the same text first: this value was not added.
            Interlocked.Add(ref _size, -size);
        }

        return kept;
    }
}
