using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.OAuth;

namespace BitbucketBlazor.Components.Shared;

/// <summary>
/// Which scopes a token has, which an endpoint accepts and which the consumer has, and whether the call will get
/// past Bitbucket's scope check: the 403 explained before it happens.
/// </summary>
/// <param name="Granted">The token's scopes, or null when not known yet.</param>
/// <param name="GrantedSource">Where <paramref name="Granted"/> was read, for example the <c>x-oauth-scopes</c> header.</param>
/// <param name="Accepted">The scopes the endpoint accepts (any one of them will do).</param>
/// <param name="AcceptedSource">Where <paramref name="Accepted"/> was read.</param>
/// <param name="Configured">The scopes configured on the consumer, or null when the app cannot see them.</param>
public sealed record ScopeCheck(
    IReadOnlyList<string>? Granted,
    string GrantedSource,
    IReadOnlyList<string> Accepted,
    string AcceptedSource,
    IReadOnlyList<string>? Configured)
{
    /// <summary>Gets whether the token covers one of the accepted scopes (implied scopes count), or null when the token's scopes are unknown.</summary>
    public bool? Allowed => Granted is null || Accepted.Count == 0 ? null : Accepted.Any(a => ScopeCatalog.Covers(Granted, a));

    /// <summary>Gets whether the token covers <paramref name="scope"/>, directly or through a scope that implies it.</summary>
    public bool Covers(string scope) => Granted is not null && ScopeCatalog.Covers(Granted, scope);

    /// <summary>Gets whether the consumer has one of the accepted scopes now that the token lacks: a new token would do.</summary>
    public bool ConsumerHasItNow => Configured is not null && Accepted.Any(a => ScopeCatalog.Covers(Configured, a));

    /// <summary>Gets the verdict in one sentence, for example "this endpoint needs `pullrequest`; your token has `account`".</summary>
    public string Verdict => Allowed switch
    {
        null => $"This endpoint needs {Code(Accepted, " or ")}; the token's scopes show once it has been used (Bitbucket sends them in {ScopeHeaders.Granted}).",
        true => $"This endpoint needs {Code(Accepted, " or ")}, which the token has: no 403 for scopes.",
        false => $"This endpoint needs {Code(Accepted, " or ")}; your token has {(Granted!.Count == 0 ? "no scopes" : Code(Granted, ", "))}. Bitbucket will answer 403. " +
            (ConsumerHasItNow
                ? "The consumer has that scope now, so get a new token: a token keeps the scopes it was issued with."
                : "Tick the scope on the consumer in Bitbucket, then get a new token."),
    };

    /// <summary>
    /// Builds the check for a call to <paramref name="requestUrl"/> with the tab's current token, from what Bitbucket
    /// said last (the scope headers of this tab's history, so it works the same against bitbucket.org) and, before
    /// that, from the token response's <c>scopes</c> and the scope the app expects the endpoint to need.
    /// </summary>
    public static ScopeCheck For(TokenState state, Uri requestUrl, string expectedScope)
    {
        var bearer = state.Token is { } token ? "Bearer " + token.AccessToken : null;
        var granted = Latest(state, e => e.RequestHeader("Authorization") == bearer, ScopeHeaders.Granted);
        var accepted = Latest(state, e => e.Url.AbsolutePath == requestUrl.AbsolutePath, ScopeHeaders.Accepted);
        var configured = state.Consumer is { Source: ConsumerSource.SandboxDemo } consumer
            ? DemoConsumers.FindByKey(consumer.ClientId)?.Scopes
            : null;

        return new ScopeCheck(
            granted ?? state.Token?.ScopeList,
            granted is not null ? ScopeHeaders.Granted : "the token response's scopes",
            accepted ?? [expectedScope],
            accepted is not null ? ScopeHeaders.Accepted : "expected; Bitbucket says it in " + ScopeHeaders.Accepted,
            configured);
    }

    private static IReadOnlyList<string>? Latest(TokenState state, Func<HttpExchange, bool> match, string header)
    {
        for (var i = state.History.Count - 1; i >= 0; i--)
        {
            var exchange = state.History[i];
            if (match(exchange) && ScopeHeaders.Parse(exchange.ResponseHeader(header)) is { } scopes)
            {
                return scopes;
            }
        }

        return null;
    }

    private static string Code(IEnumerable<string> scopes, string separator) => string.Join(separator, scopes.Select(s => $"`{s}`"));
}
