using System.Text.Json.Serialization;

namespace BitbucketBlazor.Components.Presentation.Har;

// The HTTP Archive 1.2 format (http://www.softwareishard.com/blog/har-12-spec/), the parts this app
// writes. Property names are the spec's camelCase, set once by HarWriter's serializer options;
// optional fields are left out when null.

/// <summary>The root object: <c>{"log": …}</c>.</summary>
/// <param name="Log">The log.</param>
public sealed record HarFile(HarLog Log);

/// <summary>The log: who wrote it and the entries.</summary>
/// <param name="Version">Always <c>1.2</c>.</param>
/// <param name="Creator">This app.</param>
/// <param name="Entries">The exchanges, oldest first.</param>
/// <param name="Comment">Whether secrets are masked.</param>
public sealed record HarLog(string Version, HarCreator Creator, IReadOnlyList<HarEntry> Entries, string? Comment);

/// <summary>The application that wrote the log.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Version">Its version.</param>
public sealed record HarCreator(string Name, string Version);

/// <summary>One request and its response.</summary>
/// <param name="StartedDateTime">When the request started (ISO 8601 with offset).</param>
/// <param name="Time">Total milliseconds: the sum of the known timings.</param>
/// <param name="Request">The request.</param>
/// <param name="Response">The response; status 0 when none came back.</param>
/// <param name="Cache">Nothing is known about caches: an empty object.</param>
/// <param name="Timings">How the time was spent.</param>
/// <param name="Comment">What the entry was (a browser step of the login) or why it failed.</param>
/// <param name="ResourceType">Chromium's custom field: <c>document</c> for browser navigations, <c>fetch</c> for the server's calls.</param>
public sealed record HarEntry(
    string StartedDateTime,
    double Time,
    HarRequest Request,
    HarResponse Response,
    HarCache Cache,
    HarTimings Timings,
    string? Comment,
    [property: JsonPropertyName("_resourceType")] string ResourceType);

/// <summary>An entry's request as HAR 1.2 writes it: secrets already masked unless the export is unmasked, sizes -1 when unknown.</summary>
public sealed record HarRequest(
    string Method,
    string Url,
    string HttpVersion,
    IReadOnlyList<HarNameValue> Cookies,
    IReadOnlyList<HarNameValue> Headers,
    IReadOnlyList<HarNameValue> QueryString,
    HarPostData? PostData,
    long HeadersSize,
    long BodySize);

/// <summary>A request body in HAR's <c>postData</c> object, present only for requests that sent one.</summary>
/// <param name="MimeType">Its content type.</param>
/// <param name="Text">The body as text.</param>
public sealed record HarPostData(string MimeType, string Text);

/// <summary>An entry's response as HAR 1.2 writes it; a request that got no answer has status 0.</summary>
public sealed record HarResponse(
    int Status,
    string StatusText,
    string HttpVersion,
    IReadOnlyList<HarNameValue> Cookies,
    IReadOnlyList<HarNameValue> Headers,
    HarContent Content,
    string RedirectURL,
    long HeadersSize,
    long BodySize);

/// <summary>A response body in HAR's <c>content</c> object; Playwright's HAR router replays it from <c>Text</c>.</summary>
/// <param name="Size">Its length in bytes (0 when not recorded).</param>
/// <param name="MimeType">Its content type.</param>
/// <param name="Text">The body as text, or null when not recorded.</param>
public sealed record HarContent(long Size, string MimeType, string? Text);

/// <summary>A header, cookie or query parameter.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Value">Its value.</param>
public sealed record HarNameValue(string Name, string Value);

/// <summary>Cache information: none known.</summary>
public sealed record HarCache;

/// <summary>Timings in milliseconds; -1 where they do not apply or are unknown.</summary>
public sealed record HarTimings(double Blocked, double Dns, double Connect, double Send, double Wait, double Receive, double Ssl);
