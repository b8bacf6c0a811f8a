using System.Text;
using System.Text.Encodings.Web;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Common;

namespace BitbucketBlazor.Sandbox;

/// <summary>
/// The sandbox's self-contained HTML pages: the consent page and its error pages. Nothing is
/// loaded from elsewhere and there is no script (the app's CSP allows only its own scripts);
/// every value is HTML-encoded.
/// </summary>
internal static class ConsentPage
{
    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f5f7;color:#172b4d;margin:0}
        main{max-width:32rem;margin:3rem auto;background:#fff;border-radius:8px;padding:2rem;box-shadow:0 1px 3px rgba(9,30,66,.25)}
        h1{font-size:1.4rem;margin-top:0}.badge{display:inline-block;background:#deebff;color:#0747a6;border-radius:3px;padding:0 .4rem;font-size:.8rem}
        ul{padding-left:1.2rem}li{margin:.4rem 0}code{background:#f4f5f7;padding:0 .2rem}
        .actions{display:flex;gap:.75rem;margin-top:1.5rem}button{font-size:1rem;padding:.5rem 1.25rem;border-radius:4px;border:1px solid #0052cc;cursor:pointer}
        .grant{background:#0052cc;color:#fff}.deny{background:#fff;color:#0052cc}.error{color:#bf2600}.small{font-size:.85rem;color:#5e6c84}
        """;

    /// <summary>The consent page: who asks, for which scopes, and Grant / Cancel.</summary>
    public static IResult Consent(SandboxConsumer consumer, string consentId, string decisionPath, Uri callback)
    {
        var html = HtmlEncoder.Default;
        var body = new StringBuilder()
            .Append("<p class=\"badge\">Bitbucket sandbox</p>")
            .Append("<h1>Authorize ").Append(html.Encode(consumer.Name)).Append("?</h1>")
            .Append("<p><strong>").Append(html.Encode(consumer.Name))
            .Append("</strong> would like to act as <strong>Sandbox Demo User</strong> with these permissions:</p><ul>");
        foreach (var scope in consumer.Scopes)
        {
            body.Append("<li><code>").Append(html.Encode(scope)).Append("</code> — ")
                .Append(html.Encode(ScopeCatalog.MeaningOf(scope))).Append("</li>");
        }

        body.Append("</ul>")
            .Append("<form method=\"post\" action=\"").Append(html.Encode(decisionPath)).Append("\">")
            .Append("<input type=\"hidden\" name=\"consent\" value=\"").Append(html.Encode(consentId)).Append("\">")
            .Append("<div class=\"actions\">")
            .Append("<button class=\"grant\" type=\"submit\" name=\"decision\" value=\"grant\">Grant access</button>")
            .Append("<button class=\"deny\" type=\"submit\" name=\"decision\" value=\"deny\">Cancel</button>")
            .Append("</div></form>")
            .Append("<p class=\"small\">You will be sent back to <code>").Append(html.Encode(callback.ToString()))
            .Append("</code>. This page imitates Bitbucket's; no data leaves this app.</p>");
        return Page("Authorize " + consumer.Name, body.ToString(), StatusCodes.Status200OK);
    }

    /// <summary>An error page that sends the browser nowhere.</summary>
    public static IResult Error(string message, string? hint = null, int statusCode = StatusCodes.Status400BadRequest)
    {
        var html = HtmlEncoder.Default;
        var body = "<p class=\"badge\">Bitbucket sandbox</p><h1 class=\"error\">" + html.Encode(message) + "</h1>" +
            (hint is null ? "" : "<p>" + html.Encode(hint) + "</p>");
        return Page(message, body, statusCode);
    }

    private static IResult Page(string title, string body, int statusCode) =>
        StandalonePage.Render(title, Style, body, statusCode);
}
