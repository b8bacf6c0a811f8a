using System.Text;
using System.Text.Encodings.Web;

namespace BitbucketBlazor.Common;

/// <summary>
/// A self-contained HTML page served outside Blazor — the sandbox's consent page, the OAuth
/// callback's error pages. No script and nothing from elsewhere (the app's CSP allows only its
/// own scripts), and never cached: such pages carry single-use ids or describe one login.
/// </summary>
internal static class StandalonePage
{
    /// <summary>Renders a page; <paramref name="bodyHtml"/> must already be HTML-encoded where it holds values.</summary>
    /// <param name="title">The page title, encoded here.</param>
    /// <param name="style">The page's own CSS.</param>
    /// <param name="bodyHtml">The content of <c>&lt;main&gt;</c>.</param>
    /// <param name="statusCode">The HTTP status.</param>
    public static IResult Render(string title, string style, string bodyHtml, int statusCode)
    {
        var document = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">" +
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
            "<link rel=\"icon\" type=\"image/svg+xml\" href=\"/favicon.svg\">" +
            "<title>" + HtmlEncoder.Default.Encode(title) + "</title><style>" + style + "</style></head>" +
            "<body><main>" + bodyHtml + "</main></body></html>";
        return new NoStoreHtml(document, statusCode);
    }

    private sealed class NoStoreHtml(string document, int statusCode) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.CacheControl = "no-store";
            return Results.Content(document, "text/html; charset=utf-8", Encoding.UTF8, statusCode).ExecuteAsync(httpContext);
        }
    }
}
