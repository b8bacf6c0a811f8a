using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BitbucketBlazor.Bitbucket;
using Microsoft.AspNetCore.WebUtilities;

namespace BitbucketBlazor.Components.Presentation.Har;

/// <summary>An exchange to write, and whether it was the browser's own request rather than the server's.</summary>
/// <param name="Exchange">The exchange, masked or not as the export asks.</param>
/// <param name="IsBrowserStep">True for a login step the browser made (a navigation), false for the server's calls.</param>
public sealed record HarItem(HttpExchange Exchange, bool IsBrowserStep);

/// <summary>Writes exchanges as an HTTP Archive (HAR 1.2) file, the format browsers' network panels import.</summary>
public static class HarWriter
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    private static readonly string s_version =
        typeof(HarWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0";

    /// <summary>Writes the items, oldest first, as UTF-8 JSON.</summary>
    /// <param name="items">The exchanges.</param>
    /// <param name="comment">Said on the log, for example whether secrets are masked.</param>
    public static byte[] Write(IEnumerable<HarItem> items, string comment)
    {
        var entries = items.OrderBy(i => i.Exchange.StartedAt).Select(Entry).ToList();
        var file = new HarFile(new HarLog("1.2", new HarCreator("BitbucketBlazor", s_version), entries, comment));
        return JsonSerializer.SerializeToUtf8Bytes(file, s_json);
    }

    private static HarEntry Entry(HarItem item)
    {
        var exchange = item.Exchange;
        var ms = Math.Round(exchange.Duration.TotalMilliseconds, 3);
        return new HarEntry(
            exchange.StartedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
            ms,
            Request(exchange),
            Response(exchange),
            new HarCache(),
            new HarTimings(-1, -1, -1, 0, ms, 0, -1),
            exchange.Fault ?? (item.IsBrowserStep ? "The browser's own request, recorded by the server as it arrived." : null),
            item.IsBrowserStep ? "document" : "fetch");
    }

    private static HarRequest Request(HttpExchange exchange)
    {
        var body = exchange.RequestBody;
        var query = QueryHelpers.ParseQuery(exchange.Url.Query)
            .SelectMany(p => p.Value.Select(v => new HarNameValue(p.Key, v ?? "")))
            .ToList();
        return new HarRequest(
            exchange.Method,
            exchange.Url.AbsoluteUri,
            "HTTP/1.1",
            [],
            Headers(exchange.RequestHeaders),
            query,
            body is null ? null : new HarPostData(exchange.RequestHeader("Content-Type") ?? "application/octet-stream", body),
            -1,
            body is null ? 0 : Encoding.UTF8.GetByteCount(body));
    }

    private static HarResponse Response(HttpExchange exchange)
    {
        var body = exchange.ResponseBody;
        var size = body is null ? 0 : Encoding.UTF8.GetByteCount(body);
        return new HarResponse(
            exchange.StatusCode ?? 0,
            exchange.ReasonPhrase ?? "",
            exchange.StatusCode is null ? "" : "HTTP/1.1",
            [],
            Headers(exchange.ResponseHeaders),
            new HarContent(size, exchange.ResponseHeader("Content-Type") ?? "x-unknown", body),
            exchange.ResponseHeader("Location") ?? "",
            -1,
            body is null ? -1 : size);
    }

    private static List<HarNameValue> Headers(IEnumerable<KeyValuePair<string, string>> headers) =>
        [.. headers.Select(h => new HarNameValue(h.Key, h.Value))];
}
