using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Components.Presentation;
using BitbucketBlazor.OAuth;
using BitbucketBlazor.Sandbox;
using BitbucketBlazor.Tests.Infrastructure;

namespace BitbucketBlazor.Tests.Presentation;

/// <summary>
/// The generated JavaScript <c>fetch</c> snippet is saved as an <c>.mjs</c> file, exactly as generated,
/// and run with Node against the app's own sandbox; secrets reach it only through the environment.
/// </summary>
public sealed class JavaScriptSnippetAgainstSandboxTests(AppFixture app) : IClassFixture<AppFixture>
{
    /// <summary>Set to 1 (CI does) to fail rather than skip when Node.js is missing.</summary>
    public const string RequireNodeVariable = SnippetRunner.RequireNodeVariable;

    [Fact]
    public async Task TheFetchSnippetForThePrivateDemoConsumerGetsATokenFromTheSandbox()
    {
        var snippet = CodeSnippetGenerator.JavaScriptFetch(SandboxCodeRequests.ClientCredentials(app));
        Assert.DoesNotContain(DemoConsumers.Private.Secret, snippet, StringComparison.Ordinal);

        var run = await SnippetRunner.RunNodeAsync(Node(), snippet,
            new Dictionary<string, string> { [CodeSnippetGenerator.ClientSecretVariable] = DemoConsumers.Private.Secret });

        SandboxCodeRequests.AssertPrintedAToken(run);
    }

    [Fact]
    public async Task TheFetchSnippetForTheCurrentUserGetsTheSandboxUserWithTheTokenFromTheEnvironment()
    {
        var token = await SandboxCodeRequests.AccessTokenAsync(app);
        var snippet = CodeSnippetGenerator.JavaScriptFetch(SandboxCodeRequests.CurrentUser(app));
        Assert.DoesNotContain(token, snippet, StringComparison.Ordinal);

        var run = await SnippetRunner.RunNodeAsync(Node(), snippet,
            new Dictionary<string, string> { [CodeSnippetGenerator.AccessTokenVariable] = token });

        SandboxCodeRequests.AssertPrintedTheSandboxUser(run);
    }

    [Fact]
    public async Task TheFetchSnippetForARefreshReadsTheRefreshTokenFromTheEnvironment()
    {
        var (_, refreshToken) = await SandboxCodeRequests.TokensAsync(app);
        var snippet = CodeSnippetGenerator.JavaScriptFetch(SandboxCodeRequests.Refresh(app));
        Assert.DoesNotContain(refreshToken, snippet, StringComparison.Ordinal);

        var run = await SnippetRunner.RunNodeAsync(Node(), snippet, new Dictionary<string, string>
        {
            [CodeSnippetGenerator.ClientSecretVariable] = DemoConsumers.Private.Secret,
            ["BITBUCKET_REFRESH_TOKEN"] = refreshToken,
        });

        SandboxCodeRequests.AssertPrintedAToken(run, "refresh_token");
    }

    [Fact]
    public async Task TheFetchSnippetStopsWithAMessageWhenTheSecretIsNotSet()
    {
        var snippet = CodeSnippetGenerator.JavaScriptFetch(SandboxCodeRequests.ClientCredentials(app));

        var run = await SnippetRunner.RunNodeAsync(Node(), snippet, new Dictionary<string, string>());

        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.Contains($"Set {CodeSnippetGenerator.ClientSecretVariable}", run.Errors, StringComparison.Ordinal);
    }

    private static string Node() => SnippetRunner.RequireNode();
}
