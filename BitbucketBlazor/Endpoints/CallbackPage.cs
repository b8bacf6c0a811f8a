using System.Text;
using System.Text.Encodings.Web;
using BitbucketBlazor.Common;
using BitbucketBlazor.Hosting;
using BitbucketBlazor.OAuth;

namespace BitbucketBlazor.Endpoints;

/// <summary>
/// The callback's error page: self-contained HTML (no script, nothing from elsewhere), every value
/// HTML-encoded, no stack trace, never a code or token.
/// </summary>
internal static class CallbackPage
{
    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f5f5f5;color:#212121;margin:0}
        main{max-width:40rem;margin:3rem auto;background:#fff;border-radius:8px;padding:2rem;box-shadow:0 1px 3px rgba(0,0,0,.2)}
        h1{font-size:1.4rem;margin-top:0;color:#b00020}.label{font-size:.8rem;text-transform:uppercase;letter-spacing:.05em;color:#616161;margin-bottom:.2rem}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}dt{font-weight:600}dd{margin:0;font-family:ui-monospace,monospace;word-break:break-all}
        a{color:#0052cc}.links{display:flex;gap:1.5rem;margin-top:1.5rem}
        """;

    /// <summary>Renders <paramref name="failure"/> as an HTML page, with status 400 unless told otherwise.</summary>
    public static IResult Error(CallbackFailure failure, int statusCode = StatusCodes.Status400BadRequest)
    {
        var html = HtmlEncoder.Default;
        var body = new StringBuilder()
            .Append("<p class=\"label\">BitbucketBlazor · OAuth callback</p>")
            .Append("<h1 id=\"callback-error\">").Append(html.Encode(failure.Title)).Append("</h1>")
            .Append("<p class=\"label\">What happened</p><p id=\"callback-cause\">").Append(html.Encode(failure.Cause)).Append("</p>")
            .Append("<p class=\"label\">What to do</p><p id=\"callback-fix\">").Append(html.Encode(failure.Fix)).Append("</p>");
        if (failure.Details.Count > 0)
        {
            body.Append("<p class=\"label\">Details</p><dl>");
            foreach (var (name, value) in failure.Details)
            {
                body.Append("<dt>").Append(html.Encode(name)).Append("</dt><dd>").Append(html.Encode(value)).Append("</dd>");
            }

            body.Append("</dl>");
        }

        body.Append("<p>").Append(failure.ExchangeMade
                ? "The code was sent to the token endpoint once, and refused."
                : "No code was sent to the token endpoint.")
            .Append("</p><div class=\"links\"><a href=\"").Append(AuthorizationCodeEndpoints.AuthorizePath)
            .Append('?').Append(AuthorizationCodeEndpoints.FreshParameter).Append("=1\">Start the login again</a><a href=\"")
            .Append(AuthorizationCodeEndpoints.WalkthroughPath).Append("\">Back to the walkthrough</a></div>");

        return StandalonePage.Render(failure.Title + " — BitbucketBlazor", Style, body.ToString(), statusCode);
    }
}
