using BitbucketBlazor.Common;

namespace BitbucketBlazor.OAuth;

/// <summary>
/// The cookie that ties server-side records (a pending <c>state</c>, a hand-off, an authorization)
/// to one browser. It holds only a random id: nothing about the visitor, no token.
/// </summary>
/// <remarks>
/// HttpOnly so no script can read it, SameSite=Lax so it still comes along on Bitbucket's
/// top-level redirect back to <c>/oauth-callback</c> (Strict would drop it there), Secure when
/// the app is served over HTTPS.
/// </remarks>
public static class BrowserBinding
{
    /// <summary>The cookie's name.</summary>
    public const string CookieName = "bbblazor.browser";

    /// <summary>How long the cookie lives in the browser.</summary>
    public static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(1);

    /// <summary>Gets this browser's id from its cookie, or null when it has none (or a malformed one).</summary>
    public static string? Find(HttpContext context) =>
        context.Request.Cookies.TryGetValue(CookieName, out var value) && IsWellFormed(value) ? value : null;

    /// <summary>Gets this browser's id from its cookie, or the one given to it during this request, or null.</summary>
    public static string? Current(HttpContext context) => Find(context) ?? context.Items[CookieName] as string;

    /// <summary>Gets this browser's id, or gives it a new one and sets the cookie on the response.</summary>
    public static string GetOrCreate(HttpContext context)
    {
        if (Current(context) is { } existing)
        {
            return existing;
        }

        var id = Crypto.NewRandomToken();
        context.Items[CookieName] = id;
        context.Response.Cookies.Append(CookieName, id, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            Path = "/",
            IsEssential = true,
            MaxAge = CookieLifetime,
        });
        return id;
    }

    private static bool IsWellFormed(string value) =>
        value.Length == 43 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
