using System.Text.RegularExpressions;
using BitbucketBlazor.Bitbucket;

namespace BitbucketBlazor.Components.Presentation;

/// <summary>
/// Masks the secrets of an HTTP exchange for showing it to a person: enough of each value is
/// kept to tell two apart, never enough to use one. A client secret keeps nothing at all.
/// </summary>
public static partial class ExchangeMasker
{
    /// <summary>What replaces the hidden part of a value.</summary>
    public const string Marker = "…(masked)";

    private const int KeptCharacters = 4;

    // Fields whose values open doors: credentials, tokens, and the single-use authorization code.
    private static readonly HashSet<string> s_secretFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "client_secret", "access_token", "refresh_token", "code", "password", "assertion",
    };

    private static readonly HashSet<string> s_secretHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie",
    };

    /// <summary>Gets whether a form, query or JSON field of that name holds a secret.</summary>
    public static bool IsSecretField(string name) => s_secretFields.Contains(name);

    /// <summary>
    /// Masks a value, keeping its first characters unless <paramref name="keepNothing"/>:
    /// <c>c2FuZGJveA==</c> becomes <c>c2Fu…(masked)</c>.
    /// </summary>
    public static string MaskValue(string value, bool keepNothing = false)
    {
        if (keepNothing || value.Length <= KeptCharacters * 3)
        {
            return Marker;
        }

        return value[..KeptCharacters] + Marker;
    }

    /// <summary>Masks an <c>Authorization</c> value, keeping its scheme: <c>Basic c2Fu…(masked)</c>.</summary>
    public static string MaskAuthorization(string value)
    {
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? MaskValue(value) : value[..(space + 1)] + MaskValue(value[(space + 1)..].Trim());
    }

    /// <summary>Masks a header's value when the header carries credentials.</summary>
    public static string MaskHeaderValue(string name, string value) =>
        !s_secretHeaders.Contains(name) ? value
        : name.EndsWith("Authorization", StringComparison.OrdinalIgnoreCase) ? MaskAuthorization(value)
        : MaskValue(value);

    /// <summary>Masks the credential headers of a list.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> MaskHeaders(IEnumerable<KeyValuePair<string, string>> headers) =>
        [.. headers.Select(h => new KeyValuePair<string, string>(h.Key, MaskHeaderValue(h.Key, h.Value)))];

    /// <summary>Masks the secret fields of an <c>application/x-www-form-urlencoded</c> body or query string.</summary>
    public static string MaskForm(string form) => string.Join('&', form.Split('&').Select(pair =>
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0 || !IsSecretField(Uri.UnescapeDataString(pair[..equals])))
        {
            return pair;
        }

        var name = pair[..equals];
        return name + "=" + MaskValue(Uri.UnescapeDataString(pair[(equals + 1)..]), KeepsNothing(name));
    }));

    /// <summary>Masks the string values of secret fields in a JSON body, leaving its layout as it was.</summary>
    public static string MaskJson(string json) => JsonSecretField().Replace(json, m =>
        m.Groups["prefix"].Value + MaskValue(m.Groups["value"].Value, KeepsNothing(m.Groups["name"].Value)) + "\"");

    /// <summary>Masks a body, JSON or form, whichever it looks like; other text is left alone.</summary>
    public static string? MaskBody(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return body;
        }

        var trimmed = body.TrimStart();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            return MaskJson(body);
        }

        return body.Contains('=', StringComparison.Ordinal) && !body.Any(char.IsWhiteSpace) ? MaskForm(body) : body;
    }

    /// <summary>Masks secret query parameters of a URL (an authorization code, a token).</summary>
    public static string MaskUrl(Uri url)
    {
        var text = url.ToString();
        var question = text.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return text;
        }

        var hash = text.IndexOf('#', question);
        var query = hash < 0 ? text[(question + 1)..] : text[(question + 1)..hash];
        var rest = hash < 0 ? "" : text[hash..];
        return text[..(question + 1)] + MaskForm(query) + rest;
    }

    /// <summary>Returns the exchange with every secret masked: headers, URL and both bodies.</summary>
    public static HttpExchange MaskExchange(HttpExchange exchange) => exchange with
    {
        Url = Uri.TryCreate(MaskUrl(exchange.Url), UriKind.Absolute, out var masked) ? masked : exchange.Url,
        RequestHeaders = MaskHeaders(exchange.RequestHeaders),
        RequestBody = MaskBody(exchange.RequestBody),
        ResponseHeaders = MaskHeaders(exchange.ResponseHeaders),
        ResponseBody = MaskBody(exchange.ResponseBody),
    };

    private static bool KeepsNothing(string fieldName) =>
        string.Equals(fieldName, "client_secret", StringComparison.OrdinalIgnoreCase) ||
        string.Equals(fieldName, "password", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("""(?<prefix>"(?<name>client_secret|access_token|refresh_token|code|password|assertion)"\s*:\s*")(?<value>(?:[^"\\]|\\.)*)"(?!\s*:)""", RegexOptions.IgnoreCase)]
    private static partial Regex JsonSecretField();
}
