using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Components.Presentation;
using BitbucketBlazor.Components.Shared;
using BitbucketBlazor.OAuth;
using BitbucketBlazor.Sandbox;
using BitbucketBlazor.Tests.Infrastructure;

namespace BitbucketBlazor.Tests.Presentation;

/// <summary>
/// The generated C# Refit snippet is compiled by Roslyn as the <c>Program.cs</c> of a new console app
/// with the Refit package: the real Refit assembly and Refit's own source generator (loaded from the
/// package's <c>analyzers</c> folder) run over it, with no warnings allowed. The result is then run by
/// the <c>dotnet</c> host in its own process against the app's own sandbox.
/// </summary>
public sealed class RefitSnippetAgainstSandboxTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task TheRefitSnippetForThePrivateDemoConsumerGetsATokenFromTheSandbox()
    {
        var snippet = CodeSnippetGenerator.CSharpRefit(SandboxCodeRequests.ClientCredentials(app));
        Assert.DoesNotContain(DemoConsumers.Private.Secret, snippet, StringComparison.Ordinal);
        var compiled = CompileWithRefit(snippet);

        var run = await SnippetRunner.RunCSharpAsync(compiled,
            new Dictionary<string, string> { [CodeSnippetGenerator.ClientSecretVariable] = DemoConsumers.Private.Secret });

        SandboxCodeRequests.AssertPrintedAToken(run);
    }

    [Fact]
    public async Task TheRefitSnippetForTheCurrentUserGetsTheSandboxUserWithTheTokenFromTheEnvironment()
    {
        var token = await SandboxCodeRequests.AccessTokenAsync(app);
        var snippet = CodeSnippetGenerator.CSharpRefit(SandboxCodeRequests.CurrentUser(app));
        Assert.DoesNotContain(token, snippet, StringComparison.Ordinal);
        var compiled = CompileWithRefit(snippet);

        var run = await SnippetRunner.RunCSharpAsync(compiled,
            new Dictionary<string, string> { [CodeSnippetGenerator.AccessTokenVariable] = token });

        SandboxCodeRequests.AssertPrintedTheSandboxUser(run);
    }

    /// <summary>Every REST call the API step offers, as it writes the invocation (see ApiCallStep).</summary>
    public static TheoryData<string> ApiStepInvocations()
    {
        var repository = SandboxData.Repositories[0];
        var ws = SnippetLiterals.CSharp(repository.Workspace.Slug);
        var rs = SnippetLiterals.CSharp(repository.Slug);
        return new(
            "GetCurrentUserAsync(accessToken, CancellationToken.None)",
            "GetUserWorkspacesAsync(accessToken, page: null, pagelen: null, CancellationToken.None)",
            $"GetRepositoriesAsync(accessToken, {ws}, page: null, pagelen: null, CancellationToken.None)",
            $"GetRepositoryAsync(accessToken, {ws}, {rs}, CancellationToken.None)",
            $"GetPullRequestsAsync(accessToken, {ws}, {rs}, state: null, page: null, pagelen: null, CancellationToken.None)",
            $"GetCommitsAsync(accessToken, {ws}, {rs}, page: 1, CancellationToken.None)");
    }

    [Theory]
    [MemberData(nameof(ApiStepInvocations))]
    public async Task EveryRefitSnippetOfTheApiStepCompilesAndGetsA200FromTheSandbox(string invocation)
    {
        var token = await SandboxCodeRequests.AccessTokenAsync(app);
        var apiBase = new Uri(app.RootUri, "sandbox/2.0");
        var snippet = CodeSnippetGenerator.CSharpRefit(BitbucketBlazor.Components.Shared.CodeRequests.ForApi("GET", apiBase, apiBase, invocation));
        var compiled = CompileWithRefit(snippet);

        var run = await SnippetRunner.RunCSharpAsync(compiled,
            new Dictionary<string, string> { [CodeSnippetGenerator.AccessTokenVariable] = token });

        Assert.True(run.ExitCode == 0 && run.StatusLine == "200 OK", run + "\n--- snippet ---\n" + snippet);
        using var json = System.Text.Json.JsonDocument.Parse(run.Body);
        Assert.Equal(System.Text.Json.JsonValueKind.Object, json.RootElement.ValueKind);
    }

    private static CompiledSnippet CompileWithRefit(string snippet)
    {
        var compiled = SnippetRunner.CompileCSharp(snippet, withRefit: true);
        Assert.True(compiled.Diagnostics.IsEmpty, compiled.Report + "\n--- snippet ---\n" + snippet);
        Assert.NotEmpty(compiled.GeneratedSources);
        return compiled;
    }
}
