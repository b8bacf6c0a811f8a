using System.Buffers;
using System.Text.RegularExpressions;

namespace BitbucketBlazor.Bitbucket;

/// <summary>
/// The one policy for hiding secrets, wherever an exchange or a value leaves the server's memory:
/// log lines, the UI, code snippets, exports. One list of secret fields (form, query, fragment and
/// JSON) and of secret headers, one rule for URLs (query and fragment alike); two renderings.
/// <see cref="ForLogs"/> replaces a secret with <c>***</c>; <see cref="ForDisplay"/> keeps its
/// first characters, enough to tell two apart and never enough to use one. The recorded
/// <see cref="HttpExchange"/>s keep the real values: whoever shows or writes one masks it here.
/// </summary>
public sealed partial class MaskingPolicy
{
    /// <summary>What replaces a secret in a log line.</summary>
    public const string LogMask = "***";

    /// <summary>What replaces the hidden part of a secret shown to a person.</summary>
    public const string DisplayMarker = "…(masked)";

    private const int KeptCharacters = 4;

    // Fields whose values open doors: credentials, tokens, the single-use authorization code, and
    // the assertion of the JWT-bearer grant.
    private static readonly HashSet<string> s_secretFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "client_secret", "access_token", "refresh_token", "code", "password", "assertion", "token",
    };

    // Searched for all at once (vectorised): with invariant globalization, one case-insensitive Contains per name
    // walked a repositories page char by char seven times, an eighth of the API step's CPU in a profile.
    private static readonly SearchValues<string> s_quotedSecretFields =
        SearchValues.Create([.. s_secretFields.Select(name => $"\"{name}\"")], StringComparison.OrdinalIgnoreCase);

    // Fields that keep nothing at all even on screen: a prefix of a password narrows a guess.
    private static readonly HashSet<string> s_keepNothingFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "client_secret", "password",
    };

    private static readonly HashSet<string> s_secretHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie",
    };

    private readonly bool _keepsPrefix;

    private MaskingPolicy(bool keepsPrefix) => _keepsPrefix = keepsPrefix;

    /// <summary>Gets the rendering for log lines: every secret becomes <c>***</c>.</summary>
    public static MaskingPolicy ForLogs { get; } = new(keepsPrefix: false);

    /// <summary>Gets the rendering for people (UI, snippets, exports): <c>c2Fu…(masked)</c>.</summary>
    public static MaskingPolicy ForDisplay { get; } = new(keepsPrefix: true);

    /// <summary>Gets whether a form, query, fragment or JSON field of that name holds a secret.</summary>
    public static bool IsSecretField(string name) => s_secretFields.Contains(name);

    /// <summary>Gets whether a header of that name carries credentials.</summary>
    public static bool IsSecretHeader(string name) => s_secretHeaders.Contains(name);

    /// <summary>
    /// Shows an authorization code as its first few characters and an ellipsis: enough to match it
    /// with the callback's URL by eye, too little to redeem it.
    /// </summary>
    public static string CodePreview(string code) => code.Length switch
    {
        <= 4 => "…",
        <= 12 => code[..2] + "…",
        _ => code[..4] + "…",
    };

    /// <summary>
    /// Masks one secret value; on screen its first characters stay unless <paramref name="keepNothing"/>
    /// or it is too short to spare any: <c>c2FuZGJveA==</c> becomes <c>c2Fu…(masked)</c>.
    /// </summary>
    public string MaskValue(string value, bool keepNothing = false)
    {
        if (!_keepsPrefix)
        {
            return LogMask;
        }

        return keepNothing || value.Length <= KeptCharacters * 3 ? DisplayMarker : value[..KeptCharacters] + DisplayMarker;
    }

    /// <summary>
    /// Masks a header's value when the header carries credentials. <c>Authorization</c> keeps its
    /// scheme (<c>Basic …</c>, <c>Bearer …</c>) so one still sees which kind was sent.
    /// </summary>
    public string MaskHeaderValue(string name, string value)
    {
        if (!IsSecretHeader(name))
        {
            return value;
        }

        var space = value.IndexOf(' ', StringComparison.Ordinal);
        return name.EndsWith("Authorization", StringComparison.OrdinalIgnoreCase) && space > 0
            ? value[..(space + 1)] + MaskValue(value[(space + 1)..].Trim())
            : MaskValue(value);
    }

    /// <summary>Masks the credential headers of a header list.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> MaskHeaders(IEnumerable<KeyValuePair<string, string>> headers) =>
        [.. headers.Select(h => new KeyValuePair<string, string>(h.Key, MaskHeaderValue(h.Key, h.Value)))];

    /// <summary>
    /// Masks the secret parameters of a URL's query and of its fragment (the implicit grant returns
    /// the token in the fragment); the rest is kept as is.
    /// </summary>
    public string MaskUrl(Uri url)
    {
        var text = url.IsAbsoluteUri ? url.AbsoluteUri : url.OriginalString;
        var start = text.IndexOfAny(['?', '#']);
        return start < 0 ? text : text[..start] + MaskForm(text[start..]);
    }

    /// <summary>Masks the values of secret fields in an <c>application/x-www-form-urlencoded</c> body or a query string.</summary>
    public string MaskForm(string form) => FormField().Replace(form, m =>
    {
        var name = Uri.UnescapeDataString(m.Groups["name"].Value.Replace('+', ' '));
        return IsSecretField(name)
            ? $"{m.Groups["name"].Value}={MaskValue(Uri.UnescapeDataString(m.Groups["value"].Value), s_keepNothingFields.Contains(name))}"
            : m.Value;
    });

    /// <summary>
    /// Masks secrets in a body of any kind, leaving its layout as it was: JSON properties when it
    /// looks like JSON (broken JSON included), form fields when it looks like a form. Null stays null.
    /// </summary>
    public string? MaskBody(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return body;
        }

        var trimmed = body.AsSpan().TrimStart();
        var looksLikeJson = trimmed.Length > 0 && trimmed[0] is '{' or '[';
        if (looksLikeJson && !NamesASecretProperty(body))
        {
            return body;
        }

        var masked = looksLikeJson
            ? JsonProperty().Replace(body, m => IsSecretField(m.Groups["name"].Value)
                ? m.Groups["prefix"].Value + Quoted(MaskValue(Unquoted(m.Groups["value"].Value), s_keepNothingFields.Contains(m.Groups["name"].Value)))
                : m.Value)
            : MaskForm(body);

        // A body with nothing to mask comes back as the same instance: a circuit that shows it keeps one copy, not one per caller.
        return string.Equals(masked, body, StringComparison.Ordinal) ? body : masked;
    }

    /// <summary>Returns the exchange with every secret masked: URL, credential headers and both bodies.</summary>
    public HttpExchange MaskExchange(HttpExchange exchange) => exchange with
    {
        // Should the masked URL not parse, the query and fragment go rather than come back unmasked.
        Url = Uri.TryCreate(MaskUrl(exchange.Url), UriKind.Absolute, out var masked) ? masked : new Uri(exchange.Url.GetLeftPart(UriPartial.Path)),
        RequestHeaders = MaskHeaders(exchange.RequestHeaders),
        RequestBody = MaskBody(exchange.RequestBody),
        ResponseHeaders = MaskHeaders(exchange.ResponseHeaders),
        ResponseBody = MaskBody(exchange.ResponseBody),
    };

    // Every property the JSON pattern masks has its name in quotes, so a body without any quoted secret name has
    // nothing to mask. Skipping the pattern then spares a string per property: a page of repositories has hundreds.
    private static bool NamesASecretProperty(string json) => json.AsSpan().ContainsAny(s_quotedSecretFields);

    private static string Unquoted(string jsonValue) =>
        jsonValue.Length >= 2 && jsonValue[0] == '"' ? jsonValue[1..^1] : jsonValue;

    private static string Quoted(string maskedValue) => "\"" + maskedValue + "\"";

    [GeneratedRegex(@"(?<name>[^&=?#\s]+)=(?<value>[^&#\s]*)")]
    private static partial Regex FormField();

    // A property with a scalar value: a string (escapes included, and not itself a property name), or a bare literal.
    [GeneratedRegex("""(?<prefix>"(?<name>[\w-]+)"\s*:\s*)(?<value>"(?:[^"\\]|\\.)*"(?!\s*:)|[^\s,\]}"{\[]+)""")]
    private static partial Regex JsonProperty();
}
