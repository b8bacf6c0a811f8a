using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;

namespace BitbucketBlazor.Sandbox;

/// <summary>
/// Bitbucket's pagination: <c>pagelen</c> (default 10, capped per endpoint), 1-based <c>page</c>,
/// <c>size</c>, and absolute <c>next</c>/<c>previous</c> links built from the request's own
/// scheme, host and path, left out at the ends. A page past the end is answered with an empty
/// <c>values</c> (and no <c>next</c>) rather than 404, as Bitbucket does for page-numbered lists.
/// </summary>
internal static class SandboxPagination
{
    /// <summary>The page length when the client names none.</summary>
    public const int DefaultPagelen = 10;

    /// <summary>The cap for most lists.</summary>
    public const int MaxPagelen = 100;

    /// <summary>The cap for pull requests and commits.</summary>
    public const int SmallMaxPagelen = 50;

    /// <summary>One page of <paramref name="items"/>, or a 400 error for a malformed <c>page</c> or <c>pagelen</c>.</summary>
    public static IResult Page<T>(HttpContext context, IReadOnlyList<T> items, Func<T, object> represent, int maxPagelen)
    {
        var query = context.Request.Query;
        if (!TryReadPositive(query["pagelen"], DefaultPagelen, out var pagelen))
        {
            return SandboxResults.ApiError(StatusCodes.Status400BadRequest, "Invalid pagelen", "pagelen must be a whole number of 1 or more.");
        }

        if (!TryReadPositive(query["page"], 1, out var page))
        {
            return SandboxResults.ApiError(StatusCodes.Status400BadRequest, "Invalid page", "page must be a whole number of 1 or more.");
        }

        pagelen = Math.Min(pagelen, maxPagelen);
        var skip = (long)(page - 1) * pagelen;
        var values = items.Skip((int)Math.Min(skip, items.Count)).Take(pagelen).Select(represent).ToList();

        return SandboxResults.Json(new
        {
            Size = items.Count,
            Page = page,
            Pagelen = pagelen,
            Next = skip + pagelen < items.Count ? LinkToPage(context, page + 1) : null,
            Previous = page > 1 ? LinkToPage(context, page - 1) : null,
            Values = values,
        });
    }

    private static bool TryReadPositive(string? text, int fallback, out int value)
    {
        if (string.IsNullOrEmpty(text))
        {
            value = fallback;
            return true;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1;
    }

    private static string LinkToPage(HttpContext context, int page)
    {
        var request = context.Request;
        var query = new QueryBuilder(request.Query
            .Where(p => p.Key != "page")
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? ""))))
        {
            { "page", page.ToString(CultureInfo.InvariantCulture) },
        };
        return $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{query}";
    }
}
