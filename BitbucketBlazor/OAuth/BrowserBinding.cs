using BitbucketBlazor.Common;

namespace BitbucketBlazor.OAuth;

/// <summary>
/// The cookie that ties server-side records (a pending <c>state</c>, a hand-off, an authorization)
/// to one browser. It holds only a random id: nothing about the visitor, no token.
/// </summary>
/// <remarks>
/// HttpOnly so no script can read it, SameSite=Lax so it still comes along on Bitbucket's
/// top-level redirect back to <c>/oauth-callback</c> (Strict would drop it there). Over HTTPS
/// (directly, or behind a trusted TLS-ending proxy) it is Secure and named with the <c>__Host-</c>
/// prefix, which browsers accept only from a secure origin, for the whole host, with no Domain:
/// no sibling subdomain can plant or overwrite it. Plain HTTP (a developer's localhost) uses the
/// unprefixed name, since a browser would refuse the prefixed one there.
/// </remarks>
public static class BrowserBinding
{
    /// <summary>The cookie's name over plain HTTP.</summary>
    public const string CookieName = "bbblazor.browser";

    /// <summary>The cookie's name over HTTPS.</summary>
    public const string SecureCookieName = "__Host-" + CookieName;

    /// <summary>How long the cookie lives in the browser.</summary>
    public static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(1);

    /// <summary>Gets this browser's id from its cookie, or null when it has none (or a malformed one).</summary>
    public static string? Find(HttpContext context) =>
        context.Request.Cookies.TryGetValue(NameFor(context), out var value) && IsWellFormed(value) ? value : null;

    /// <summary>Gets the cookie's name for this request: <see cref="SecureCookieName"/> over HTTPS, else <see cref="CookieName"/>.</summary>
    public static string NameFor(HttpContext context) => context.Request.IsHttps ? SecureCookieName : CookieName;

    /// <summary>Gets this browser's id from its cookie, or the one given to it during this request, or null.</summary>
    /// <remarks>An id issued during this request wins: after a sign-in renews it, the old cookie is stale.</remarks>
    public static string? Current(HttpContext context) => context.Items[CookieName] as string ?? Find(context);

    /// <summary>Gets this browser's id, or gives it a new one and sets the cookie on the response.</summary>
    public static string GetOrCreate(HttpContext context)
    {
        if (Current(context) is { } existing)
        {
            return existing;
        }

        return Issue(context, Crypto.NewRandomToken());
    }

    /// <summary>
    /// Sets the cookie to <paramref name="id"/> (from <see cref="Crypto.NewRandomToken"/>). Called with a new id
    /// after a successful sign-in too, so an id planted or seen before it (session fixation) is
    /// worth nothing afterwards.
    /// </summary>
    public static string Issue(HttpContext context, string id)
    {
        context.Items[CookieName] = id;
        context.Response.Cookies.Append(NameFor(context), id, new CookieOptions
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
