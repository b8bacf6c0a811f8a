using System.Text;

namespace BitbucketBlazor.Components.Presentation;

/// <summary>What a piece of highlighted JSON is.</summary>
public enum JsonTokenKind
{
    /// <summary>An object's property name.</summary>
    Key,

    /// <summary>A string value.</summary>
    StringValue,

    /// <summary>A number.</summary>
    Number,

    /// <summary><c>true</c>, <c>false</c> or <c>null</c>.</summary>
    Literal,

    /// <summary>Braces, brackets, commas and colons.</summary>
    Punctuation,

    /// <summary>Line breaks and indentation.</summary>
    Whitespace,
}

/// <summary>One piece of highlighted JSON.</summary>
/// <param name="Kind">What the piece is; the UI gives each kind its CSS class.</param>
/// <param name="Text">The text exactly as it appears (strings keep their quotes and escapes).</param>
public sealed record JsonToken(JsonTokenKind Kind, string Text);

/// <summary>
/// Pretty-prints JSON and splits it into tokens to colour, in C#: the page loads no
/// highlighting library. Strings are kept byte for byte, so what is shown is what was sent.
/// </summary>
public static class JsonHighlighter
{
    private const string Indent = "  ";
    private static readonly string[] s_literals = ["true", "false", "null"];

    /// <summary>
    /// Re-indents <paramref name="json"/> and returns its tokens, or null when the text is not
    /// JSON (then show it as plain text).
    /// </summary>
    public static IReadOnlyList<JsonToken>? Highlight(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        var tokens = Tokenize(json);
        return tokens is null || tokens.Count == 0 || tokens[0].Text is not ("{" or "[") ? null : Layout(tokens);
    }

    /// <summary>Splits JSON into tokens without whitespace, or returns null when it is not JSON.</summary>
    public static List<JsonToken>? Tokenize(string json)
    {
        var tokens = new List<JsonToken>();
        var i = 0;
        while (i < json.Length)
        {
            var c = json[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '{' or '}' or '[' or ']' or ',' or ':')
            {
                tokens.Add(new JsonToken(JsonTokenKind.Punctuation, c.ToString()));
                i++;
            }
            else if (c == '"')
            {
                var end = i + 1;
                while (end < json.Length && json[end] != '"')
                {
                    end += json[end] == '\\' ? 2 : 1;
                }

                if (end >= json.Length)
                {
                    return null;
                }

                var text = json[i..(end + 1)];
                var next = end + 1;
                while (next < json.Length && char.IsWhiteSpace(json[next]))
                {
                    next++;
                }

                var isKey = next < json.Length && json[next] == ':';
                tokens.Add(new JsonToken(isKey ? JsonTokenKind.Key : JsonTokenKind.StringValue, text));
                i = end + 1;
            }
            else if (c == '-' || char.IsAsciiDigit(c))
            {
                var start = i;
                while (i < json.Length && (char.IsAsciiDigit(json[i]) || json[i] is '-' or '+' or '.' or 'e' or 'E'))
                {
                    i++;
                }

                tokens.Add(new JsonToken(JsonTokenKind.Number, json[start..i]));
            }
            else
            {
                var literal = s_literals.FirstOrDefault(l => string.CompareOrdinal(json, i, l, 0, l.Length) == 0);
                if (literal is null)
                {
                    return null;
                }

                tokens.Add(new JsonToken(JsonTokenKind.Literal, literal));
                i += literal.Length;
            }
        }

        return tokens;
    }

    /// <summary>Renders tokens back to indented text (what <see cref="Highlight"/> shows, without colour).</summary>
    public static string ToText(IEnumerable<JsonToken> tokens)
    {
        var builder = new StringBuilder();
        foreach (var token in tokens)
        {
            builder.Append(token.Text);
        }

        return builder.ToString();
    }

    private static List<JsonToken> Layout(List<JsonToken> tokens)
    {
        var output = new List<JsonToken>(tokens.Count * 2);
        var depth = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            switch (token.Text)
            {
                case "{" or "[" when token.Kind == JsonTokenKind.Punctuation:
                    output.Add(token);
                    if (i + 1 < tokens.Count && tokens[i + 1].Text is "}" or "]" && tokens[i + 1].Kind == JsonTokenKind.Punctuation)
                    {
                        output.Add(tokens[++i]);
                    }
                    else
                    {
                        depth++;
                        output.Add(NewLine(depth));
                    }

                    break;
                case "}" or "]" when token.Kind == JsonTokenKind.Punctuation:
                    depth = Math.Max(0, depth - 1);
                    output.Add(NewLine(depth));
                    output.Add(token);
                    break;
                case "," when token.Kind == JsonTokenKind.Punctuation:
                    output.Add(token);
                    output.Add(NewLine(depth));
                    break;
                case ":" when token.Kind == JsonTokenKind.Punctuation:
                    output.Add(token);
                    output.Add(new JsonToken(JsonTokenKind.Whitespace, " "));
                    break;
                default:
                    output.Add(token);
                    break;
            }
        }

        return output;
    }

    private static JsonToken NewLine(int depth) =>
        new(JsonTokenKind.Whitespace, "\n" + string.Concat(Enumerable.Repeat(Indent, depth)));
}
