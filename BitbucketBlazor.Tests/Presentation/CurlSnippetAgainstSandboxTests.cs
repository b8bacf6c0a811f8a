using System.Diagnostics;
using System.Text.Json;
using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Components.Presentation;
using BitbucketBlazor.OAuth;
using BitbucketBlazor.Sandbox;
using BitbucketBlazor.Tests.Infrastructure;

namespace BitbucketBlazor.Tests.Presentation;

/// <summary>The generated curl snippet is run for real, with bash, against the app's own sandbox.</summary>
public sealed class CurlSnippetAgainstSandboxTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task TheCurlSnippetForThePrivateDemoConsumerGetsATokenFromTheSandbox()
    {
        var curl = FindOnPath("curl");
        var bash = FindOnPath("bash");
        if (curl is null || bash is null)
        {
            Assert.Skip($"Needs curl and bash on PATH (curl: {curl ?? "missing"}, bash: {bash ?? "missing"}); install curl to run it.");
        }

        var request = new CodeRequest("POST", new Uri(app.RootUri, "sandbox" + BitbucketPaths.TokenPath),
            DemoConsumers.Private.Key, UsesBearerToken: false, [new("grant_type", "client_credentials")], Refit: null);
        var snippet = CodeSnippetGenerator.Curl(request);
        Assert.DoesNotContain(DemoConsumers.Private.Secret, snippet, StringComparison.Ordinal);

        var start = new ProcessStartInfo(bash!, ["-c", snippet])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment[CodeSnippetGenerator.ClientSecretVariable] = DemoConsumers.Private.Secret;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(process.ExitCode == 0, $"curl exited {process.ExitCode}: {errors}");
        using var json = JsonDocument.Parse(output);
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("access_token").GetString()));
        Assert.Equal("bearer", json.RootElement.GetProperty("token_type").GetString());
        Assert.Equal("client_credentials", json.RootElement.GetProperty("state").GetString());
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}
