using BitbucketBlazor.Bitbucket.Facts;

namespace BitbucketBlazor.Components.Presentation.Programs;

/// <summary>What a "Copy as program" program needs to know; nothing secret.</summary>
/// <param name="SiteUrl">Where <c>/site/oauth2/access_token</c> lives, as the reader's machine reaches it.</param>
/// <param name="ApiUrl">The REST API 2.0 base, as the reader's machine reaches it.</param>
/// <param name="ClientId">The consumer's key (public; the secret comes from the environment).</param>
/// <param name="Workspace">The workspace whose repositories the program lists.</param>
/// <param name="StartsFromRefreshToken">
/// True for a user's token (authorization code grant): the program starts from a refresh token in
/// <see cref="RepositoryPrograms.RefreshTokenVariable"/>. False: it asks for a token with the
/// client credentials grant.
/// </param>
public sealed record RepositoryProgram(Uri SiteUrl, Uri ApiUrl, string ClientId, string Workspace, bool StartsFromRefreshToken)
{
    /// <summary>Gets the token endpoint's URL.</summary>
    public string TokenUrl => SiteUrl.ToString().TrimEnd('/') + BitbucketPaths.TokenPath;

    /// <summary>Gets the first page's URL; every later one comes from the answer's <c>next</c>.</summary>
    public string FirstPageUrl =>
        $"{ApiUrl.ToString().TrimEnd('/')}/repositories/{Uri.EscapeDataString(Workspace)}?pagelen={RepositoryPrograms.PageLength}";
}

/// <summary>
/// Writes whole programs (bash + curl + jq, C# with the app's Refit interfaces, JavaScript for
/// Node.js) that list every repository of a workspace: get a token, follow <c>next</c> through
/// every page, and on a 401 refresh the token, keep the rotated refresh token, and retry once.
/// </summary>
/// <remarks>
/// Secrets come only from environment variables; each program stops with a message naming the
/// variable when one is unset. Values written into the code (URLs, key, workspace) go through a
/// real serializer (<see cref="SnippetLiterals.Serialized"/>; bash words in single quotes), never string concatenation.
/// </remarks>
public static class RepositoryPrograms
{
    /// <summary>The environment variable a program starting from a user's refresh token reads it from.</summary>
    public const string RefreshTokenVariable = "BITBUCKET_REFRESH_TOKEN";

    /// <summary>The page size the programs ask for: small, so even a demo workspace takes several pages.</summary>
    public const int PageLength = 10;

    /// <summary>The most pages a program follows: a <c>next</c> that never ends must not loop forever.</summary>
    public const int MaxPages = 1000;

    /// <summary>The line each program ends with on success, for example <c>23 repositories in blazor-demo</c>.</summary>
    public static string SummaryLine(int count, string workspace) => $"{count} repositories in {workspace}";

    /// <summary>Writes the program in every language.</summary>
    public static IReadOnlyList<CodeSnippet> Generate(RepositoryProgram program) =>
    [
        new("bash", "bash + curl", BashRepositoryProgram.Write(program)),
        new("csharp", "C# Refit", CSharpRepositoryProgram.Write(program)),
        new("javascript", "JavaScript (Node.js)", JavaScriptRepositoryProgram.Write(program)),
    ];

    /// <summary>The message a program stops with when <paramref name="variable"/> is unset.</summary>
    internal static string MissingVariable(string variable, string what) => $"Set {variable} to {what}; this program reads secrets only from the environment.";

    /// <summary>The message for the client secret.</summary>
    internal static string MissingSecret => MissingVariable(CodeSnippetGenerator.ClientSecretVariable, "the consumer's secret");

    /// <summary>The message for the refresh token.</summary>
    internal static string MissingRefreshToken => MissingVariable(RefreshTokenVariable, "a refresh token from the authorization code grant");
}
