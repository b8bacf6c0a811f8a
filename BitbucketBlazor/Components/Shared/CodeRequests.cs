using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Components.Presentation;
using BitbucketBlazor.OAuth;

namespace BitbucketBlazor.Components.Shared;

/// <summary>Builds the <see cref="CodeRequest"/>s the pages hand to <see cref="CopyAsCode"/>.</summary>
public static class CodeRequests
{
    /// <summary>The token request of a preview, written with the consumer's key and a secret placeholder.</summary>
    /// <param name="preview">The request as the token client will send it.</param>
    /// <param name="clientId">The consumer's key (shown; the secret never is).</param>
    /// <param name="publicUrl">Turns a server-side URL into the one a reader's machine reaches.</param>
    public static CodeRequest ForToken(TokenRequestPreview preview, string clientId, Func<Uri, Uri> publicUrl)
    {
        var url = publicUrl(preview.Url);
        var text = url.ToString();
        var siteUrl = text.EndsWith(BitbucketPaths.TokenPath, StringComparison.Ordinal)
            ? new Uri(text[..^BitbucketPaths.TokenPath.Length])
            : url;
        return new CodeRequest(preview.Method, url, clientId, UsesBearerToken: false, preview.Form,
            new RefitCall("IBitbucketOAuthApi", siteUrl, "RequestTokenAsync(authorization, form, CancellationToken.None)"));
    }

    /// <summary>
    /// Any recorded exchange as code: a Basic header gives the consumer key (the secret becomes a
    /// placeholder), a Bearer header the token placeholder, a form body its fields.
    /// </summary>
    /// <param name="exchange">The exchange as it went over the wire.</param>
    /// <param name="publicUrl">Turns a server-side URL into the one a reader's machine reaches.</param>
    public static CodeRequest FromExchange(HttpExchange exchange, Func<Uri, Uri> publicUrl)
    {
        var authorization = exchange.RequestHeader("Authorization") ?? "";
        string? clientId = null;
        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
                clientId = decoded.Split(':', 2)[0];
            }
            catch (FormatException)
            {
                clientId = "YOUR_CONSUMER_KEY";
            }
        }

        var isForm = (exchange.RequestHeader("Content-Type") ?? "").Contains("x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || (clientId is not null && !string.IsNullOrEmpty(exchange.RequestBody));
        IReadOnlyList<KeyValuePair<string, string>> form = isForm && !string.IsNullOrEmpty(exchange.RequestBody)
            ? [.. exchange.RequestBody.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
                {
                    var parts = pair.Split('=', 2);
                    return new KeyValuePair<string, string>(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1].Replace('+', ' ')) : "");
                })]
            : [];
        return new CodeRequest(exchange.Method, publicUrl(exchange.Url), clientId,
            authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase), form, Refit: null);
    }

    /// <summary>A REST API call with the bearer token as a placeholder.</summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="url">The URL as a reader's machine reaches it.</param>
    /// <param name="apiBase">The REST API base, for the Refit snippet.</param>
    /// <param name="refitInvocation">The <c>IBitbucketRestApi</c> call, or null when there is none.</param>
    public static CodeRequest ForApi(string method, Uri url, Uri apiBase, string? refitInvocation) =>
        new(method, url, BasicClientId: null, UsesBearerToken: true, [],
            refitInvocation is null ? null : new RefitCall("IBitbucketRestApi", apiBase, refitInvocation));
}
