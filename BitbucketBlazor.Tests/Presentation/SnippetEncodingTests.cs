using System.Diagnostics;
using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Components.Presentation;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Sandbox;
using BitbucketBlazor.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace BitbucketBlazor.Tests.Presentation;

/// <summary>
/// Snippets with awkward values: secrets needing RFC 6749 §2.3.1's encoding run for real against the
/// sandbox, string literals mean exactly their value, and curl stops when its secret is unset.
/// </summary>
public sealed class SnippetEncodingTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Awkward = "quote \" backslash \\ newline \n tab \t line-separator \u2028 next-line \u0085 é ∑ 😀 ${x} `y` '&<+";

    private static Dictionary<string, string> AwkwardSecret => new() { [CodeSnippetGenerator.ClientSecretVariable] = DemoConsumers.AwkwardSecret.Secret };

    private CodeRequest AwkwardClientCredentials => SandboxCodeRequests.ClientCredentials(app) with { BasicClientId = DemoConsumers.AwkwardSecret.Key };

    [Fact]
    public void ACSharpLiteralMeansExactlyItsValue()
    {
        var literal = (LiteralExpressionSyntax)SyntaxFactory.ParseExpression(SnippetLiterals.CSharp(Awkward));

        Assert.Empty(literal.GetDiagnostics());
        Assert.Equal(Awkward, literal.Token.ValueText);
    }

    [Fact]
    public async Task AJavaScriptLiteralMeansExactlyItsValue()
    {
        var node = SnippetRunner.FindOnPath("node") ?? Skip("node");
        var run = await SnippetRunner.RunNodeAsync(node, $"process.stdout.write({SnippetLiterals.JavaScript(Awkward)});", new Dictionary<string, string>());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(Awkward, run.Output);
    }

    [Fact]
    public async Task TheCurlSnippetStopsNamingTheVariableWhenTheSecretIsNotSet()
    {
        var run = await RunBashAsync(CodeSnippetGenerator.Curl(SandboxCodeRequests.ClientCredentials(app)), new Dictionary<string, string>());

        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.Contains($"{CodeSnippetGenerator.ClientSecretVariable}: Set {CodeSnippetGenerator.ClientSecretVariable} to the consumer's secret.", run.Errors, StringComparison.Ordinal);
        Assert.Empty(run.Output); // nothing was sent, so nothing came back
    }

    [Fact]
    public async Task TheCurlSnippetForAnApiCallStopsWhenTheTokenIsNotSet()
    {
        var run = await RunBashAsync(CodeSnippetGenerator.Curl(SandboxCodeRequests.CurrentUser(app)), new Dictionary<string, string>());

        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.Contains($"Set {CodeSnippetGenerator.AccessTokenVariable} to an access token.", run.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCurlSnippetGetsATokenWithASecretHoldingPercentColonPlusSpacesAndNonAscii()
    {
        var snippet = CodeSnippetGenerator.Curl(AwkwardClientCredentials).Replace("curl -sS", "curl -sS -w '\\n%{http_code}'", StringComparison.Ordinal);

        var run = await RunBashAsync(snippet, AwkwardSecret);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.EndsWith("\n200", run.Output.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("\"access_token\"", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHttpClientSnippetGetsATokenWithTheAwkwardSecret()
    {
        var compiled = SnippetRunner.CompileCSharp(CodeSnippetGenerator.CSharpHttpClient(AwkwardClientCredentials), withRefit: false);
        Assert.True(compiled.Diagnostics.IsEmpty, compiled.Report);

        SandboxCodeRequests.AssertPrintedAToken(await SnippetRunner.RunCSharpAsync(compiled, AwkwardSecret));
    }

    [Fact]
    public async Task TheFetchSnippetGetsATokenWithTheAwkwardSecret()
    {
        var node = SnippetRunner.FindOnPath("node") ?? Skip("node");

        SandboxCodeRequests.AssertPrintedAToken(await SnippetRunner.RunNodeAsync(node, CodeSnippetGenerator.JavaScriptFetch(AwkwardClientCredentials), AwkwardSecret));
    }

    [Fact]
    public async Task TheRefitSnippetStopsNamingTheVariableWhenTheSecretIsNotSet()
    {
        var compiled = SnippetRunner.CompileCSharp(CodeSnippetGenerator.CSharpRefit(SandboxCodeRequests.ClientCredentials(app)), withRefit: true);
        Assert.True(compiled.Diagnostics.IsEmpty, compiled.Report);

        var run = await SnippetRunner.RunCSharpAsync(compiled, new Dictionary<string, string>());

        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.Contains($"Set {CodeSnippetGenerator.ClientSecretVariable}", run.Errors, StringComparison.Ordinal);
    }

    private static async Task<SnippetRun> RunBashAsync(string script, IReadOnlyDictionary<string, string> environment)
    {
        var bash = SnippetRunner.FindOnPath("bash") ?? Skip("bash");
        _ = SnippetRunner.FindOnPath("curl") ?? Skip("curl");
        var start = new ProcessStartInfo(bash, ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("BITBUCKET_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new SnippetRun(process.ExitCode, await output, await errors);
    }

    private static string Skip(string program)
    {
        var message = $"Needs {program} on PATH to run this snippet; install it (for example apt-get install -y {(program == "node" ? "nodejs" : program)}).";
        if (program == "node" && Environment.GetEnvironmentVariable(JavaScriptSnippetAgainstSandboxTests.RequireNodeVariable) == "1")
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
        return "";
    }
}
