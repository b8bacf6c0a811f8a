using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Components.Presentation;
using BitbucketBlazor.Components.Presentation.Programs;
using BitbucketBlazor.Sandbox;

namespace BitbucketBlazor.Tests.Presentation;

/// <summary>
/// The "Copy as program" programs are run for real against the sandbox, secrets only in their
/// environment: bash with curl and jq, Node.js, and the C# one compiled by Roslyn with Refit and its
/// source generator. The sandbox rotates refresh tokens with no grace period, and the token in hand
/// expires before pages 2 and 3: a program lists every repository only if it refreshes on the 401,
/// retries, and keeps the rotated refresh token for the second refresh.
/// </summary>
public sealed class RepositoryProgramAgainstSandboxTests(ForcedExpirySandboxFixture sandbox) : IClassFixture<ForcedExpirySandboxFixture>
{
    private const string Workspace = "blazor-demo";

    private static Dictionary<string, string> Secret => new() { [CodeSnippetGenerator.ClientSecretVariable] = DemoConsumers.Private.Secret };

    public static TheoryData<string> Languages() => new("bash", "javascript", "csharp");

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task EveryProgramListsEveryRepositoryAcrossTwoForcedExpiries(string language)
    {
        var program = Write(language, Program());
        sandbox.ExpireBeforePages(2, 3);

        var run = await RunAsync(language, program, Secret);

        AssertListedEveryRepository(run, program);
    }

    [Fact]
    public async Task TheJavaScriptProgramForAUserTokenStartsFromTheRefreshTokenInTheEnvironment()
    {
        var node = SnippetRunner.RequireNode();
        var (_, refreshToken) = await SandboxCodeRequests.TokensAsync(sandbox);
        var program = JavaScriptRepositoryProgram.Write(Program() with { StartsFromRefreshToken = true });
        Assert.DoesNotContain(refreshToken, program, StringComparison.Ordinal);
        sandbox.ExpireBeforePages(3);

        var run = await SnippetRunner.RunNodeAsync(node, program, new Dictionary<string, string>(Secret)
        {
            [RepositoryPrograms.RefreshTokenVariable] = refreshToken,
        });

        AssertListedEveryRepository(run, program, expiries: 1);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task EveryProgramStopsWithAMessageNamingTheVariableWhenTheSecretIsUnset(string language)
    {
        var run = await RunAsync(language, Write(language, Program()), new Dictionary<string, string>());

        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.Contains($"Set {CodeSnippetGenerator.ClientSecretVariable}", run.Errors, StringComparison.Ordinal);
        Assert.Equal("", run.Output.Trim());
    }

    [Fact]
    public void ValuesWrittenIntoTheProgramsAreEscapedBySerializersNotConcatenation()
    {
        var hostile = Program() with { ClientId = "key\"'`$(touch /tmp/x)\\\n${HOME}" };

        var bash = BashRepositoryProgram.Write(hostile);
        var js = JavaScriptRepositoryProgram.Write(hostile);
        var csharp = CSharpRepositoryProgram.Write(hostile);

        Assert.Contains("client_id='key\"'\\''`$(touch /tmp/x)\\\n${HOME}'", bash, StringComparison.Ordinal);
        Assert.Contains("const clientId = \"key\\u0022\\u0027\\u0060$(touch /tmp/x)\\\\\\n${HOME}\";", js, StringComparison.Ordinal);
        Assert.Contains("var clientId = \"key\\u0022\\u0027\\u0060$(touch /tmp/x)\\\\\\n${HOME}\";", csharp, StringComparison.Ordinal);
        var compiled = SnippetRunner.CompileCSharp(csharp, withRefit: true);
        Assert.True(compiled.Diagnostics.IsEmpty, compiled.Report);
    }

    private static string Write(string language, RepositoryProgram program) => language switch
    {
        "bash" => BashRepositoryProgram.Write(program),
        "javascript" => JavaScriptRepositoryProgram.Write(program),
        _ => CSharpRepositoryProgram.Write(program),
    };

    // Runs a program as a reader would; the C# one must compile without a warning first.
    private static async Task<SnippetRun> RunAsync(string language, string program, IReadOnlyDictionary<string, string> environment)
    {
        switch (language)
        {
            case "bash":
                return await SnippetRunner.RunBashAsync(SnippetRunner.RequireBashWithCurlAndJq(), program, environment);
            case "javascript":
                return await SnippetRunner.RunNodeAsync(SnippetRunner.RequireNode(), program, environment);
            default:
                var compiled = SnippetRunner.CompileCSharp(program, withRefit: true);
                Assert.True(compiled.Diagnostics.IsEmpty, compiled.Report + "\n--- program ---\n" + program);
                return await SnippetRunner.RunCSharpAsync(compiled, environment);
        }
    }

    private RepositoryProgram Program() =>
        new(new Uri(sandbox.RootUri, "sandbox"), new Uri(sandbox.RootUri, "sandbox/2.0"), DemoConsumers.Private.Key, Workspace, StartsFromRefreshToken: false);

    private void AssertListedEveryRepository(SnippetRun run, string program, int expiries = 2)
    {
        var expected = SandboxData.Repositories.Where(r => r.Workspace.Slug == Workspace).Select(r => r.FullName).ToList();
        Assert.Equal(23, expected.Count);
        Assert.DoesNotContain(DemoConsumers.Private.Secret, program, StringComparison.Ordinal);
        Assert.True(run.ExitCode == 0, run + "\n--- program ---\n" + program);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(RepositoryPrograms.SummaryLine(23, Workspace), lines[^1]);
        Assert.Equal(expected.Order(StringComparer.Ordinal), lines[..^1].Order(StringComparer.Ordinal));
        Assert.Equal(expiries, sandbox.ForcedExpiries);
        Assert.Equal(expiries, run.Errors.Split("refreshing it and retrying once").Length - 1);
    }
}
