using System.Text.Json;

namespace BitbucketBlazor.Components.Presentation.Programs;

/// <summary>
/// Writes values into generated programs as literals through real serializers: a JSON string is a
/// valid JavaScript and C# string literal (its escapes are a subset of both), and POSIX single
/// quoting leaves nothing for bash to expand.
/// </summary>
public static class ProgramLiterals
{
    /// <summary>A JavaScript string literal.</summary>
    public static string JavaScript(string value) => JsonSerializer.Serialize(value);

    /// <summary>A C# regular string literal.</summary>
    public static string CSharp(string value) => JsonSerializer.Serialize(value);

    /// <summary>A single-quoted bash word; a <c>'</c> inside becomes <c>'\''</c>.</summary>
    public static string Shell(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
