using BitbucketBlazor.OAuth;

namespace BitbucketBlazor.Tests.OAuth;

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
        Assert.Contains("RestService.For<IBitbucketOAuthApi>", snippets[2].Code, StringComparison.Ordinal);
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
    public void AShellHostileKeyIsQuotedSafely()
    {
        var curl = CodeSnippetGenerator.Curl(s_tokenRequest with { BasicClientId = "k\"$(rm -rf)`" });

        Assert.Contains("-u \"k\\\"\\$(rm -rf)\\`:$BITBUCKET_CLIENT_SECRET\"", curl, StringComparison.Ordinal);
    }
}
