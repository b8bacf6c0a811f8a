using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace BitbucketBlazor.Bitbucket;

/// <summary>
/// Hides credentials and tokens in anything written to a log: <c>Authorization</c> header values,
/// and <c>client_secret</c>, <c>code</c>, <c>refresh_token</c>, <c>access_token</c> in URLs, form
/// bodies and JSON bodies. The recorded <see cref="HttpExchange"/>s keep the real values; the UI
/// masks those itself.
/// </summary>
public static partial class SecretMasker
{
    /// <summary>What a hidden value is replaced with.</summary>
    public const string Mask = "***";

    private static readonly HashSet<string> s_secretFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "client_secret", "code", "refresh_token", "access_token", "password", "token",
    };

    private static readonly HashSet<string> s_secretHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie",
    };

    /// <summary>Gets whether a form field or JSON property of this name holds a secret.</summary>
    public static bool IsSecretField(string name) => s_secretFields.Contains(name);

    /// <summary>
    /// Masks a header value when the header carries credentials. <c>Authorization</c> keeps its
    /// scheme (<c>Basic ***</c>, <c>Bearer ***</c>) so a log still says which kind was sent.
    /// </summary>
    public static string MaskHeaderValue(string name, string value)
    {
        if (!s_secretHeaders.Contains(name))
        {
            return value;
        }

        var space = value.IndexOf(' ', StringComparison.Ordinal);
        return name.EndsWith("Authorization", StringComparison.OrdinalIgnoreCase) && space > 0
            ? $"{value[..space]} {Mask}"
            : Mask;
    }

    /// <summary>
    /// Masks the secret parameters of a URL's query and fragment (the implicit grant returns the
    /// token in the fragment); the rest is kept as is.
    /// </summary>
    public static string MaskUrl(Uri url)
    {
        var text = url.IsAbsoluteUri ? url.AbsoluteUri : url.OriginalString;
        var start = text.IndexOfAny(['?', '#']);
        return start < 0 ? text : text[..start] + MaskForm(text[start..]);
    }

    /// <summary>Masks the values of secret fields in an <c>application/x-www-form-urlencoded</c> body.</summary>
    public static string MaskForm(string form) => FormField().Replace(form, m =>
        IsSecretField(Uri.UnescapeDataString(m.Groups["name"].Value.Replace('+', ' ')))
            ? $"{m.Groups["name"].Value}={Mask}"
            : m.Value);

    /// <summary>
    /// Masks secrets in a body of any kind: JSON properties when it parses as JSON, form fields
    /// otherwise. Null stays null.
    /// </summary>
    public static string? MaskBody(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return body;
        }

        var trimmed = body.AsSpan().TrimStart();
        if (trimmed.Length > 0 && trimmed[0] is '{' or '[')
        {
            try
            {
                var node = JsonNode.Parse(body);
                if (node is not null)
                {
                    MaskJson(node);
                    return node.ToJsonString();
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: fall through to the text rules below.
            }

            return JsonSecretProperty().Replace(body, m => $"{m.Groups["prefix"].Value}\"{Mask}\"");
        }

        return MaskForm(body);
    }

    /// <summary>Masks a recorded exchange for a log: URL, credential headers and both bodies.</summary>
    public static HttpExchange MaskExchange(HttpExchange exchange) => exchange with
    {
        Url = new Uri(MaskUrl(exchange.Url)),
        RequestHeaders = MaskHeaders(exchange.RequestHeaders),
        RequestBody = MaskBody(exchange.RequestBody),
        ResponseHeaders = MaskHeaders(exchange.ResponseHeaders),
        ResponseBody = MaskBody(exchange.ResponseBody),
    };

    /// <summary>Masks the credential headers of a header list.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> MaskHeaders(IEnumerable<KeyValuePair<string, string>> headers) =>
        [.. headers.Select(h => new KeyValuePair<string, string>(h.Key, MaskHeaderValue(h.Key, h.Value)))];

    private static void MaskJson(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (IsSecretField(name) && obj[name] is JsonValue)
                    {
                        obj[name] = Mask;
                    }
                    else if (obj[name] is { } child)
                    {
                        MaskJson(child);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                    {
                        MaskJson(item);
                    }
                }

                break;
        }
    }

    [GeneratedRegex(@"(?<name>[^&=?#\s]+)=(?<value>[^&#\s]*)")]
    private static partial Regex FormField();

    [GeneratedRegex(@"(?<prefix>""(?:client_secret|code|refresh_token|access_token|password|token)""\s*:\s*)""(?:[^""\\]|\\.)*""", RegexOptions.IgnoreCase)]
    private static partial Regex JsonSecretProperty();
}
