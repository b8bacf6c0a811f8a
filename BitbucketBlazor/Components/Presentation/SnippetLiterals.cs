namespace BitbucketBlazor.Components.Presentation;

/// <summary>
/// Writes values as literals of the languages the snippets are in: the one place that knows how
/// each language quotes a string. Every snippet, and every invocation shown beside one, goes
/// through here.
/// </summary>
public static class SnippetLiterals
{
    /// <summary>Writes <paramref name="value"/> as a C# string literal.</summary>
    public static string CSharp(string value) => DoubleQuoted(value);

    /// <summary>Writes <paramref name="value"/> as a JavaScript string literal.</summary>
    public static string JavaScript(string value) => DoubleQuoted(value);

    /// <summary>Writes <paramref name="value"/> as a single-quoted bash word: nothing inside is expanded.</summary>
    public static string ShellSingle(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Escapes <paramref name="value"/> for use inside a double-quoted bash word (where <c>$VARIABLE</c> still expands).</summary>
    public static string ShellDouble(string value) => value
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("\"", "\\\"", StringComparison.Ordinal)
        .Replace("$", "\\$", StringComparison.Ordinal)
        .Replace("`", "\\`", StringComparison.Ordinal);

    /// <summary>
    /// Writes <paramref name="value"/> as a JSON string by System.Text.Json's serializer: a valid C# and
    /// JavaScript literal too (JSON's escapes are a subset of both), with every control, quote and
    /// non-ASCII character escaped. The whole programs ("Copy as program") write their values with it.
    /// </summary>
    public static string Serialized(string value) => System.Text.Json.JsonSerializer.Serialize(value);

    private static string DoubleQuoted(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
