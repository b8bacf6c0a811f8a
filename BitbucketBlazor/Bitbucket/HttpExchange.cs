namespace BitbucketBlazor.Bitbucket;

/// <summary>
/// One HTTP request and its response exactly as they went over the wire. Secrets are kept as
/// sent: whoever shows or logs one masks it with <see cref="MaskingPolicy"/>.
/// </summary>
/// <param name="Method">The HTTP method, for example <c>POST</c>.</param>
/// <param name="Url">The absolute request URL.</param>
/// <param name="RequestHeaders">Request and content headers in the order sent.</param>
/// <param name="RequestBody">The request body as text, or null when there was none.</param>
/// <param name="StartedAt">When the request was sent.</param>
/// <param name="Duration">How long the exchange took, until the response body was read or the fault happened.</param>
/// <param name="StatusCode">The response status, or null when no response came back.</param>
/// <param name="ReasonPhrase">The response's reason phrase, for example <c>Bad Request</c>.</param>
/// <param name="ResponseHeaders">Response and content headers.</param>
/// <param name="ResponseBody">The response body as text, or null when there was none.</param>
/// <param name="Fault">What went wrong when no response came back (refused connection, time-out), else null.</param>
public sealed record HttpExchange(
    string Method,
    Uri Url,
    IReadOnlyList<KeyValuePair<string, string>> RequestHeaders,
    string? RequestBody,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    int? StatusCode,
    string? ReasonPhrase,
    IReadOnlyList<KeyValuePair<string, string>> ResponseHeaders,
    string? ResponseBody,
    string? Fault)
{
    /// <summary>Gets whether a response came back with a 2xx status.</summary>
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>Gets the first request header of that name, or null.</summary>
    public string? RequestHeader(string name) =>
        RequestHeaders.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>Gets the first response header of that name, or null.</summary>
    public string? ResponseHeader(string name) =>
        ResponseHeaders.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
