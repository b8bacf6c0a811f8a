using BitbucketBlazor.Components.Presentation;
using BitbucketBlazor.OAuth;

namespace BitbucketBlazor.Tests.Presentation;

public sealed class CodeSnippetGeneratorTests
{
    private const string Secret = "the-real-secret";

    private static readonly CodeRequest s_tokenRequest = new("POST", new Uri("http://127.0.0.1:5000/sandbox/site/oauth2/access_token"),
        "my-key", UsesBearerToken: false, [new("grant_type", "client_credentials")],
        new RefitCall("IBitbucketOAuthApi", new Uri("http://127.0.0.1:5000/sandbox"), "RequestTokenAsync(authorization, form, CancellationToken.None)"));

    private static readonly CodeRequest s_apiRequest = new("GET", new Uri("http://127.0.0.1:5000/sandbox/2.0/user"),
        null, UsesBearerToken: true, [], new RefitCall("IBitbucketRestApi", new Uri("http://127.0.0.1:5000/sandbox/2.0"), "GetCurrentUserAsync(accessToken, CancellationToken.None)"));

    [Fact]
    public void CurlReadsTheSecretFromTheEnvironment()
    {
        var curl = CodeSnippetGenerator.Curl(s_tokenRequest);

        Assert.Contains("-u \"my-key:$BITBUCKET_CLIENT_SECRET\"", curl, StringComparison.Ordinal);
        Assert.Contains("--data-urlencode 'grant_type=client_credentials'", curl, StringComparison.Ordinal);
        Assert.StartsWith("curl -sS -X POST 'http://127.0.0.1:5000/sandbox/site/oauth2/access_token'", curl, StringComparison.Ordinal);
    }

    [Fact]
    public void EverySnippetUsesAPlaceholderForTheSecret()
    {
        var snippets = new CodeSnippetGenerator().Generate(s_tokenRequest);

        Assert.Equal(["curl", "csharp", "refit", "javascript"], snippets.Select(s => s.Language));
        Assert.Contains("Environment.GetEnvironmentVariable(\"BITBUCKET_CLIENT_SECRET\")", snippets[1].Code, StringComparison.Ordinal);
        Assert.Contains("RestService.ForGenerated<IBitbucketOAuthApi>", snippets[2].Code, StringComparison.Ordinal);
        Assert.Contains("process.env.BITBUCKET_CLIENT_SECRET", snippets[3].Code, StringComparison.Ordinal);
        Assert.All(snippets, s => Assert.DoesNotContain(Secret, s.Code, StringComparison.Ordinal));
    }

    [Fact]
    public void EverySnippetUsesAPlaceholderForTheToken()
    {
        var snippets = new CodeSnippetGenerator().Generate(s_apiRequest);

        Assert.Contains("Authorization: Bearer $BITBUCKET_ACCESS_TOKEN", snippets[0].Code, StringComparison.Ordinal);
        Assert.Contains("Environment.GetEnvironmentVariable(\"BITBUCKET_ACCESS_TOKEN\")", snippets[1].Code, StringComparison.Ordinal);
        Assert.Contains("api.GetCurrentUserAsync(accessToken, CancellationToken.None)", snippets[2].Code, StringComparison.Ordinal);
        Assert.Contains("process.env.BITBUCKET_ACCESS_TOKEN", snippets[3].Code, StringComparison.Ordinal);
    }

    [Fact]
    public void SecretFormFieldsBecomePlaceholdersToo()
    {
        var request = s_tokenRequest with { Form = [new("grant_type", "refresh_token"), new("refresh_token", "RT-value-that-must-not-show")] };

        var snippets = new CodeSnippetGenerator().Generate(request);

        Assert.All(snippets, s => Assert.DoesNotContain("RT-value-that-must-not-show", s.Code, StringComparison.Ordinal));
        Assert.Contains("\"refresh_token=$BITBUCKET_REFRESH_TOKEN\"", snippets[0].Code, StringComparison.Ordinal);
    }

    [Fact]
    public void AnySecretFieldOfTheMaskingPolicyBecomesAPlaceholderEvenWithoutANamedVariable()
    {
        var request = s_tokenRequest with { Form = [new("grant_type", "password"), new("username", "ann"), new("password", "pw-that-must-not-show")] };

        var snippets = new CodeSnippetGenerator().Generate(request);

        Assert.All(snippets, s => Assert.DoesNotContain("pw-that-must-not-show", s.Code, StringComparison.Ordinal));
        Assert.Contains("\"password=$BITBUCKET_PASSWORD\"", snippets[0].Code, StringComparison.Ordinal);
        Assert.Contains("Environment.GetEnvironmentVariable(\"BITBUCKET_PASSWORD\")", snippets[1].Code, StringComparison.Ordinal);
    }

    [Fact]
    public void AShellHostileKeyIsQuotedSafely()
    {
        var curl = CodeSnippetGenerator.Curl(s_tokenRequest with { BasicClientId = "k\"$(rm -rf)`" });

        Assert.Contains("-u \"k\\\"\\$(rm -rf)\\`:$BITBUCKET_CLIENT_SECRET\"", curl, StringComparison.Ordinal);
    }

    [Fact]
    public void EachSecretFormFieldIsReadOnceIntoANamedVariableThatMustBeSet()
    {
        var request = s_tokenRequest with { Form = [new("grant_type", "authorization_code"), new("code", "C-value"), new("refresh_token", "RT-value")] };

        var csharp = CodeSnippetGenerator.CSharpHttpClient(request);
        var javascript = CodeSnippetGenerator.JavaScriptFetch(request);

        Assert.Contains("var authorizationCode = Environment.GetEnvironmentVariable(\"BITBUCKET_AUTH_CODE\")", csharp, StringComparison.Ordinal);
        Assert.Contains("?? throw new InvalidOperationException(\"Set BITBUCKET_REFRESH_TOKEN to a refresh token.\")", csharp, StringComparison.Ordinal);
        Assert.Contains("[\"code\"] = authorizationCode,", csharp, StringComparison.Ordinal);
        Assert.DoesNotContain(")!", csharp, StringComparison.Ordinal);
        Assert.Contains("if (!refreshToken) throw new Error(\"Set BITBUCKET_REFRESH_TOKEN to a refresh token.\");", javascript, StringComparison.Ordinal);
        Assert.Contains("\"code\": authorizationCode,", javascript, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(javascript, "process\\.env\\.BITBUCKET_CLIENT_SECRET"));
    }

    [Fact]
    public void TheFetchSnippetPrintsTheStatusLineThenTheBody()
    {
        var javascript = CodeSnippetGenerator.JavaScriptFetch(s_apiRequest);

        Assert.EndsWith("console.log(response.status, response.statusText);\nconsole.log(await response.text());", javascript, StringComparison.Ordinal);
        Assert.Contains(".mjs", javascript.Split('\n')[0], StringComparison.Ordinal);
    }

    [Fact]
    public void TheRefitSnippetDeclaresTheInterfaceItCallsInsteadOfNeedingTheApp()
    {
        var refit = CodeSnippetGenerator.CSharpRefit(s_tokenRequest);

        Assert.DoesNotContain("BitbucketBlazor", refit, StringComparison.Ordinal);
        Assert.Contains("RestService.ForGenerated<IBitbucketOAuthApi>(\"http://127.0.0.1:5000/sandbox\")", refit, StringComparison.Ordinal);
        Assert.Contains("""
            public interface IBitbucketOAuthApi
            {
                [Post("/site/oauth2/access_token")]
                Task<IApiResponse<string>> RequestTokenAsync(
                    [Header("Authorization")] string authorization,
                    [Body] HttpContent form,
                    CancellationToken cancellationToken);
            }
            """, refit, StringComparison.Ordinal);
    }

    [Fact]
    public void TheRefitDeclarationKeepsTheInterfaceHeadersAliasesAndNullableQueries()
    {
        var request = s_apiRequest with
        {
            Refit = s_apiRequest.Refit! with { Invocation = "GetPullRequestsAsync(accessToken, \"ws\", \"repo\", state: null, page: null, pagelen: null, CancellationToken.None)" },
        };

        var refit = CodeSnippetGenerator.CSharpRefit(request);

        Assert.Contains("[Headers(\"Accept: application/json\")]\npublic interface IBitbucketRestApi", refit, StringComparison.Ordinal);
        Assert.Contains("[Get(\"/repositories/{workspace}/{repo_slug}/pullrequests\")]", refit, StringComparison.Ordinal);
        Assert.Contains("[Authorize(\"Bearer\")] string accessToken,", refit, StringComparison.Ordinal);
        Assert.Contains("[AliasAs(\"repo_slug\")] string repoSlug,", refit, StringComparison.Ordinal);
        Assert.Contains("[Query] string? state,", refit, StringComparison.Ordinal);
        Assert.Contains("[Query] int? pagelen,", refit, StringComparison.Ordinal);
        Assert.DoesNotContain("GetCurrentUserAsync", refit, StringComparison.Ordinal);
    }

    [Fact]
    public void ARefitCallTheAppDoesNotHaveIsRefused()
    {
        var request = s_apiRequest with { Refit = s_apiRequest.Refit! with { Invocation = "DeleteEverythingAsync(accessToken)" } };

        Assert.Throws<ArgumentException>(() => CodeSnippetGenerator.CSharpRefit(request));
    }
}
