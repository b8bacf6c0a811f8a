using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Bitbucket.Models;

namespace BitbucketBlazor.OAuth;

/// <summary>
/// The outcome of one call to the token endpoint: the exchange as it went over the wire and
/// either the token, Bitbucket's error, or the network fault.
/// </summary>
/// <param name="Exchange">The recorded exchange; null only if the request could not even be built.</param>
/// <param name="Token">The token when the call succeeded.</param>
/// <param name="Error">Bitbucket's RFC 6749 error when it answered with one.</param>
/// <param name="Fault">A plain description of a network fault or unreadable answer, else null.</param>
public sealed record TokenResult(HttpExchange? Exchange, TokenResponse? Token, OAuthErrorResponse? Error, string? Fault)
{
    /// <summary>Gets whether a token came back.</summary>
    public bool Succeeded => Token is not null;
}

/// <summary>
/// A token request about to be sent, shown to the visitor before it goes: the same values the
/// client then sends.
/// </summary>
/// <param name="Method">Always <c>POST</c>.</param>
/// <param name="Url">The token endpoint.</param>
/// <param name="Headers">The headers, with <c>Authorization: Basic …</c> unmasked; the UI masks it.</param>
/// <param name="Form">The form fields in order, for example <c>grant_type=client_credentials</c>.</param>
public sealed record TokenRequestPreview(
    string Method,
    Uri Url,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    IReadOnlyList<KeyValuePair<string, string>> Form)
{
    /// <summary>Gets the form body as sent, <c>application/x-www-form-urlencoded</c>.</summary>
    public string FormBody => string.Join('&', Form.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
}
