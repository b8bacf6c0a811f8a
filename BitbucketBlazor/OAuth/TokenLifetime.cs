using System.Globalization;

namespace BitbucketBlazor.OAuth;

/// <summary>
/// Reads a token's <c>expires_in</c> within a sane range. Bitbucket sends 7200 (two hours); a
/// faulty or hostile server could send 0, a negative number or decades, which would make the
/// automatic refresh spin or its timer throw. Outside the range the value is clamped, and
/// <see cref="Explain"/> says so.
/// </summary>
public static class TokenLifetime
{
    /// <summary>The shortest lifetime counted: a shorter one would have the automatic refresh hammer the server.</summary>
    public static readonly TimeSpan Shortest = TimeSpan.FromMinutes(1);

    /// <summary>The longest lifetime counted (Bitbucket's tokens live two hours).</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    /// <summary>Gets the lifetime to count for <paramref name="expiresIn"/> seconds: clamped to [<see cref="Shortest"/>, <see cref="Longest"/>].</summary>
    public static TimeSpan Of(int expiresIn) =>
        expiresIn < Shortest.TotalSeconds ? Shortest
        : expiresIn > Longest.TotalSeconds ? Longest
        : TimeSpan.FromSeconds(expiresIn);

    /// <summary>Gets a sentence saying that and how <paramref name="expiresIn"/> was clamped, or null when it is within range.</summary>
    public static string? Explain(int expiresIn)
    {
        var counted = Of(expiresIn);
        if (counted.TotalSeconds == expiresIn)
        {
            return null;
        }

        var seconds = counted.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        return expiresIn < Shortest.TotalSeconds
            ? $"expires_in was {expiresIn} s, too short to be real (Bitbucket sends 7200): this app counts {seconds} s, so that automatic refresh cannot run in a loop."
            : $"expires_in was {expiresIn} s, longer than any token this app expects (Bitbucket sends 7200): this app counts {seconds} s (one day) and refreshes by then.";
    }
}
