using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Components.Presentation;
using BitbucketBlazor.OAuth;
using BitbucketBlazor.Sandbox;
using BitbucketBlazor.Tests.Infrastructure;

namespace BitbucketBlazor.Tests.Presentation;

/// <summary>
/// The generated C# <c>HttpClient</c> snippet is compiled by Roslyn as the <c>Program.cs</c> of a new
/// console app (implicit usings, nullable on, no warnings allowed) and run by the <c>dotnet</c> host
/// in its own process against the app's own sandbox; secrets reach it only through the environment.
/// </summary>
public sealed class CSharpSnippetAgainstSandboxTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task TheHttpClientSnippetForThePrivateDemoConsumerGetsATokenFromTheSandbox()
    {
        var snippet = CodeSnippetGenerator.CSharpHttpClient(SandboxCodeRequests.ClientCredentials(app));
        Assert.DoesNotContain(DemoConsumers.Private.Secret, snippet, StringComparison.Ordinal);
        var compiled = SnippetRunner.CompileCSharp(snippet, withRefit: false);
        Assert.True(compiled.Diagnostics.IsEmpty, compiled.Report);

        var run = await SnippetRunner.RunCSharpAsync(compiled,
            new Dictionary<string, string> { [CodeSnippetGenerator.ClientSecretVariable] = DemoConsumers.Private.Secret });

        SandboxCodeRequests.AssertPrintedAToken(run);
    }

    [Fact]
    public async Task TheHttpClientSnippetForTheCurrentUserGetsTheSandboxUserWithTheTokenFromTheEnvironment()
    {
        var token = await SandboxCodeRequests.AccessTokenAsync(app);
        var snippet = CodeSnippetGenerator.CSharpHttpClient(SandboxCodeRequests.CurrentUser(app));
        Assert.DoesNotContain(token, snippet, StringComparison.Ordinal);
        var compiled = SnippetRunner.CompileCSharp(snippet, withRefit: false);
        Assert.True(compiled.Diagnostics.IsEmpty, compiled.Report);

        var run = await SnippetRunner.RunCSharpAsync(compiled,
            new Dictionary<string, string> { [CodeSnippetGenerator.AccessTokenVariable] = token });

        SandboxCodeRequests.AssertPrintedTheSandboxUser(run);
    }

    [Fact]
    public async Task TheHttpClientSnippetForARefreshReadsTheRefreshTokenFromTheEnvironment()
    {
        var (_, refreshToken) = await SandboxCodeRequests.TokensAsync(app);
        var snippet = CodeSnippetGenerator.CSharpHttpClient(SandboxCodeRequests.Refresh(app));
        Assert.DoesNotContain(refreshToken, snippet, StringComparison.Ordinal);
        var compiled = SnippetRunner.CompileCSharp(snippet, withRefit: false);
        Assert.True(compiled.Diagnostics.IsEmpty, compiled.Report);

        var run = await SnippetRunner.RunCSharpAsync(compiled, new Dictionary<string, string>
        {
            [CodeSnippetGenerator.ClientSecretVariable] = DemoConsumers.Private.Secret,
            ["BITBUCKET_REFRESH_TOKEN"] = refreshToken,
        });

        SandboxCodeRequests.AssertPrintedAToken(run, "refresh_token");
    }

    [Fact]
    public async Task TheHttpClientSnippetStopsWithAMessageWhenTheTokenIsNotSet()
    {
        var compiled = SnippetRunner.CompileCSharp(CodeSnippetGenerator.CSharpHttpClient(SandboxCodeRequests.CurrentUser(app)), withRefit: false);

        var run = await SnippetRunner.RunCSharpAsync(compiled, new Dictionary<string, string>());

        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.Contains($"Set {CodeSnippetGenerator.AccessTokenVariable} to an access token.", run.Errors, StringComparison.Ordinal);
    }
}
