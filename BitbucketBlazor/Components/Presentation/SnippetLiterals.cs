using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace BitbucketBlazor.Components.Presentation;

/// <summary>
/// Writes values as literals of the languages the snippets are in: the one place that knows how
/// each language quotes a string. Every snippet, and every invocation shown beside one, goes
/// through here. A literal means exactly its value, whatever it holds (quotes, backslashes, line
/// breaks, U+2028, non-ASCII): strings go through System.Text.Json's serializer, whose escapes are
/// valid in both C# and JavaScript; shell words are single-quoted.
/// </summary>
public static class SnippetLiterals
{
    // Relaxed: '&', '<' and '+' stay as they are, so URLs read as URLs; quotes, backslashes and
    // control characters are escaped as JSON escapes them, which C# and JavaScript both read.
    private static readonly JsonSerializerOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// A bash function, <c>form_urlencode VALUE</c>, for RFC 6749 §2.3.1 in a curl snippet: it
    /// form-urlencodes the value's UTF-8 bytes (a space as <c>+</c>), as <see cref="FormUrlEncode"/> does.
    /// </summary>
    public const string BashFormUrlEncode =
        "# RFC 6749 §2.3.1: key and secret are form-urlencoded before HTTP Basic joins them with ':'.\n" +
        "form_urlencode() { local LC_ALL=C s=\"$1\" i c; for ((i = 0; i < ${#s}; i++)); do c=${s:i:1}; " +
        "case $c in [a-zA-Z0-9.*_-]) printf '%s' \"$c\" ;; ' ') printf '+' ;; *) printf '%%%02X' \"'$c\" ;; esac; done; }\n";

    /// <summary>Writes <paramref name="value"/> as a C# string literal.</summary>
    public static string CSharp(string value) => Quoted(value);

    /// <summary>Writes <paramref name="value"/> as a JavaScript string literal.</summary>
    public static string JavaScript(string value) => Quoted(value);

    /// <summary>Writes <paramref name="value"/> as one bash word in single quotes.</summary>
    public static string ShellSingle(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Escapes <paramref name="value"/> with backslashes for an unquoted bash context, such as the message of <c>${VAR:?message}</c>.</summary>
    public static string ShellEscaped(string value) =>
        string.Concat(value.Select(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '.' or ',' or '-' or '_' ? c.ToString() : "\\" + c));

    /// <summary>
    /// Writes <paramref name="value"/> as a JSON string by System.Text.Json's serializer: a valid C# and
    /// JavaScript literal too (JSON's escapes are a subset of both), with every control, quote and
    /// non-ASCII character escaped. The whole programs ("Copy as program") write their values with it.
    /// </summary>
    public static string Serialized(string value) => JsonSerializer.Serialize(value);

    /// <summary>
    /// Form-urlencodes a client id or secret for HTTP Basic (RFC 6749 §2.3.1, with Appendix B's
    /// encoding, as WHATWG's URL standard spells it): UTF-8, a space as <c>+</c>, everything but
    /// letters, digits and <c>*-._</c> as %XX, so the result is safe inside double quotes in bash too.
    /// </summary>
    public static string FormUrlEncode(string value)
    {
        var encoded = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            encoded.Append(char.IsAsciiLetterOrDigit(c) || c is '*' or '-' or '.' or '_' ? c.ToString()
                : c == ' ' ? "+"
                : string.Create(CultureInfo.InvariantCulture, $"%{b:X2}"));
        }

        return encoded.ToString();
    }

    private static string Quoted(string value)
    {
        var json = JsonSerializer.Serialize(value, s_options);

        // Non-ASCII as \uXXXX too: C# reads U+0085, U+2028 and U+2029 as line breaks, which a string
        // literal may not hold, and a snippet pasted through a Latin-1 terminal keeps its meaning.
        // Safe after serializing: a raw non-ASCII character is never part of an escape sequence.
        var ascii = new StringBuilder(json.Length);
        foreach (var c in json)
        {
            if (c < 0x7F)
            {
                ascii.Append(c);
            }
            else
            {
                ascii.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
        }

        return ascii.ToString();
    }
}
