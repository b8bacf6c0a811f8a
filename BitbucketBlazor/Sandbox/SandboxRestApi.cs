using System.Globalization;
using System.Net.Http.Headers;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Common;
using Microsoft.Extensions.Options;

namespace BitbucketBlazor.Sandbox;

/// <summary>The scope an API endpoint requires, read by the sandbox's bearer check.</summary>
/// <param name="Scope">The scope, for example <c>repository</c>.</param>
public sealed record SandboxRequiredScope(string Scope);

/// <summary>
/// A slice of Bitbucket's REST API 2.0 under <c>{PathBase}/2.0</c>, bearer protected, with
/// Bitbucket's scope checks, rate limit, error bodies and pagination.
/// </summary>
internal static class SandboxRestApi
{
    /// <summary>Bitbucket's message for an expired access token.</summary>
    public const string ExpiredMessage = "Access token expired. Use your refresh token to obtain a new access token.";

    /// <summary>Bitbucket's message for a token without the endpoint's scope.</summary>
    public const string MissingScopeMessage = "Your credentials lack one or more required privilege scopes.";

    /// <summary>Bitbucket's message past the rate limit.</summary>
    public const string RateLimitMessage = "Rate limit for this resource has been exceeded";

    /// <summary>
    /// ours: the <c>x-credential-type</c> of an OAuth consumer's token. Bitbucket's value for it is not known (the KB
    /// sample shows <c>repo_access_token</c>, for a repository access token).
    /// </summary>
    public const string OAuthCredentialType = "oauth2";

    private const string TokenItem = "BitbucketBlazor.Sandbox.AccessToken";

    /// <summary>Maps the API's routes onto <paramref name="sandbox"/> (the group at the path base).</summary>
    public static void Map(IEndpointRouteBuilder sandbox, string pathBase)
    {
        var api = sandbox.MapGroup("/2.0").AddEndpointFilter(RequireBearerToken);

        api.MapGet("/user", (HttpContext c) => SandboxResults.Json(View(c, pathBase).User(SandboxData.User)))
            .WithMetadata(new SandboxRequiredScope(SandboxScopes.Account));

        api.MapGet("/users/{selectedUser}", (HttpContext c, string selectedUser) =>
                string.Equals(selectedUser, SandboxData.User.Uuid, StringComparison.OrdinalIgnoreCase) ||
                string.Equals(selectedUser, SandboxData.User.AccountId, StringComparison.Ordinal)
                    ? SandboxResults.Json(View(c, pathBase).User(SandboxData.User))
                    : SandboxResults.NotFound($"No user with identifier '{selectedUser}'."))
            .WithMetadata(new SandboxRequiredScope(SandboxScopes.Account));

        api.MapGet("/user/workspaces", (HttpContext c) =>
                SandboxPagination.Page(c, SandboxData.Workspaces, View(c, pathBase).WorkspaceAccess, SandboxPagination.MaxPagelen))
            .WithMetadata(new SandboxRequiredScope(SandboxScopes.Account));

        api.MapGet("/workspaces/{workspace}", (HttpContext c, string workspace) =>
                SandboxData.FindWorkspace(workspace) is { } found
                    ? SandboxResults.Json(View(c, pathBase).Workspace(found))
                    : NoWorkspace(workspace))
            .WithMetadata(new SandboxRequiredScope(SandboxScopes.Account));

        // "role" and "q" are accepted and ignored: the demo user may read every seeded repository.
        api.MapGet("/repositories/{workspace}", (HttpContext c, string workspace) =>
                SandboxData.FindWorkspace(workspace) is { } found
                    ? SandboxPagination.Page(c, SandboxData.Repositories.Where(r => r.Workspace == found).ToList(), View(c, pathBase).Repository, SandboxPagination.MaxPagelen)
                    : NoWorkspace(workspace))
            .WithMetadata(new SandboxRequiredScope(SandboxScopes.Repository));

        api.MapGet("/repositories/{workspace}/{repoSlug}", (HttpContext c, string workspace, string repoSlug) =>
                WithRepository(workspace, repoSlug, r => SandboxResults.Json(View(c, pathBase).Repository(r))))
            .WithMetadata(new SandboxRequiredScope(SandboxScopes.Repository));

        api.MapGet("/repositories/{workspace}/{repoSlug}/pullrequests", (HttpContext c, string workspace, string repoSlug) =>
                WithRepository(workspace, repoSlug, r => PullRequests(c, r, pathBase)))
            .WithMetadata(new SandboxRequiredScope(SandboxScopes.PullRequest));

        api.MapGet("/repositories/{workspace}/{repoSlug}/pullrequests/{id:int}", (HttpContext c, string workspace, string repoSlug, int id) =>
                WithRepository(workspace, repoSlug, r => SandboxData.PullRequestsOf(r).FirstOrDefault(p => p.Id == id) is { } pr
                    ? SandboxResults.Json(View(c, pathBase).PullRequest(r, pr))
                    : SandboxResults.NotFound($"There is no pull request {id} in {r.FullName}.")))
            .WithMetadata(new SandboxRequiredScope(SandboxScopes.PullRequest));

        api.MapGet("/repositories/{workspace}/{repoSlug}/commits", (HttpContext c, string workspace, string repoSlug) =>
                WithRepository(workspace, repoSlug, r =>
                    SandboxPagination.Page(c, SandboxData.CommitsOf(r), commit => View(c, pathBase).Commit(r, commit), SandboxPagination.SmallMaxPagelen)))
            .WithMetadata(new SandboxRequiredScope(SandboxScopes.Repository));

        api.MapGet("/repositories/{workspace}/{repoSlug}/commit/{hash}", (HttpContext c, string workspace, string repoSlug, string hash) =>
                WithRepository(workspace, repoSlug, r =>
                    SandboxData.CommitsOf(r).FirstOrDefault(commit => hash.Length >= 7 && commit.Hash.StartsWith(hash, StringComparison.OrdinalIgnoreCase)) is { } found
                        ? SandboxResults.Json(View(c, pathBase).Commit(r, found))
                        : SandboxResults.NotFound($"Commit {hash} not found in {r.FullName}.")))
            .WithMetadata(new SandboxRequiredScope(SandboxScopes.Repository));

        // Anything else under /2.0, whatever the method or token, is Bitbucket's 404.
        sandbox.Map("/2.0/{**rest}", () => SandboxResults.NotFound());
    }

    /// <summary>The token behind the current request, set by the bearer check.</summary>
    public static SandboxAccessToken? CurrentToken(HttpContext context) =>
        context.Items.TryGetValue(TokenItem, out var token) ? token as SandboxAccessToken : null;

    /// <summary>Reads <c>Authorization: Bearer …</c>; the token is never taken from the URL (RFC 9700).</summary>
    public static string? ReadBearerToken(HttpContext context) =>
        AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization, out var header) &&
        string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase) &&
        !string.IsNullOrWhiteSpace(header.Parameter)
            ? header.Parameter
            : null;

    /// <summary>Answers 401 with an RFC 6750 challenge in Bitbucket's error shape.</summary>
    public static IResult Unauthorized(HttpContext context, string message, string detail, string? tokenError)
    {
        context.Response.Headers.WWWAuthenticate = tokenError is null
            ? $"Bearer realm=\"{SandboxResults.Realm}\""
            : $"Bearer realm=\"{SandboxResults.Realm}\", error=\"{tokenError}\", error_description=\"{detail}\"";
        return SandboxResults.ApiError(StatusCodes.Status401Unauthorized, message, detail);
    }

    private static async ValueTask<object?> RequireBearerToken(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        var services = context.RequestServices;

        // Bitbucket says which scopes an endpoint accepts on every answer, and a token's own scopes once it is known.
        var required = context.GetEndpoint()?.Metadata.GetMetadata<SandboxRequiredScope>()?.Scope;
        if (required is not null)
        {
            context.Response.Headers[ScopeHeaders.Accepted] = required;
        }

        var presented = ReadBearerToken(context);
        if (presented is null)
        {
            return Unauthorized(context, "Access token required", "Send the access token in an Authorization: Bearer header.", tokenError: null);
        }

        switch (services.GetRequiredService<SandboxTokenStore>().Validate(presented, out var token))
        {
            case SandboxTokenStatus.Unknown:
                return Unauthorized(context, "Invalid access token", "The access token is not one the sandbox issued, or it was forgotten.", "invalid_token");
            case SandboxTokenStatus.Expired:
                return Unauthorized(context, ExpiredMessage, "The access token expired.", "invalid_token");
        }

        context.Response.Headers[ScopeHeaders.Granted] = ScopeHeaders.Format(token!.Scopes);
        context.Response.Headers[ScopeHeaders.CredentialType] = OAuthCredentialType;

        if (!services.GetRequiredService<SandboxRateLimiter>().TryAcquire(Crypto.Fingerprint(presented), out var retryAfter))
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            var limit = services.GetRequiredService<IOptions<SandboxOptions>>().Value.RateLimitPerHour;
            return SandboxResults.ApiError(StatusCodes.Status429TooManyRequests, RateLimitMessage,
                $"This access token may make {limit} requests per rolling hour (Bitbucket counts per OAuth consumer; the sandbox per token, so visitors sharing a demo consumer never lock each other out).");
        }

        if (required is not null && !SandboxScopes.Covers(token.Scopes, required))
        {
            context.Response.Headers.WWWAuthenticate = $"Bearer realm=\"{SandboxResults.Realm}\", error=\"insufficient_scope\", scope=\"{required}\"";
            return SandboxResults.ApiError(StatusCodes.Status403Forbidden, MissingScopeMessage,
                $"The access token grants the scopes {string.Join(", ", token.Scopes)}; this endpoint requires {required}.",
                new { Granted = token.Scopes, Required = new[] { required } });
        }

        context.Items[TokenItem] = token;
        return await next(invocation);
    }

    private static SandboxRepresentations View(HttpContext context, string pathBase) => SandboxRepresentations.For(context, pathBase);

    private static IResult NoWorkspace(string workspace) => SandboxResults.NotFound($"No workspace with identifier '{workspace}'.");

    private static IResult WithRepository(string workspace, string repoSlug, Func<SandboxRepository, IResult> answer)
    {
        if (SandboxData.FindWorkspace(workspace) is not { } found)
        {
            return NoWorkspace(workspace);
        }

        return SandboxData.FindRepository(found, repoSlug) is { } repository
            ? answer(repository)
            : SandboxResults.NotFound($"Repository {found.Slug}/{repoSlug} not found.");
    }

    private static IResult PullRequests(HttpContext context, SandboxRepository repository, string pathBase)
    {
        // Bitbucket lists only OPEN pull requests unless "state" (repeatable) says otherwise.
        var states = context.Request.Query["state"].Where(s => !string.IsNullOrEmpty(s)).Select(s => s!.ToUpperInvariant()).ToHashSet();
        if (states.Count == 0)
        {
            states.Add("OPEN");
        }

        var view = View(context, pathBase);
        return SandboxPagination.Page(
            context,
            SandboxData.PullRequestsOf(repository).Where(p => states.Contains(p.State)).ToList(),
            pr => view.PullRequest(repository, pr),
            SandboxPagination.SmallMaxPagelen);
    }
}
