using System.Diagnostics;

namespace BitbucketBlazor.Tests.Bitbucket;

/// <summary>Runs the real app process with a bad setting, as a user would with <c>dotnet run</c>.</summary>
public sealed class StartupFailureTests
{
    [Theory]
    [InlineData("Bitbucket__SiteUrl", "bitbucket.org", "Configuration error: Bitbucket:SiteUrl 'bitbucket.org' is not an absolute http(s) URL")]
    [InlineData("Bitbucket__Mode", "Clowd", "Bitbucket:Mode")]
    [InlineData("Bitbucket__Sandbox__MaxTokens", "3", "Bitbucket:Sandbox:MaxTokens")]
    public async Task TheAppExitsWithOnePlainLineNamingTheBadSetting(string variable, string value, string expected)
    {
        var (exitCode, stderr) = await RunAppAsync((variable, value));

        Assert.Equal(1, exitCode);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMissingSecretIsReportedWithoutEchoingTheKeyOrAnySecret()
    {
        var (exitCode, stderr) = await RunAppAsync(("Bitbucket__ClientId", "my-consumer-key"), ("Bitbucket__Mode", "Auto"));

        Assert.Equal(1, exitCode);
        Assert.Contains("Bitbucket:ClientSecret is empty but Bitbucket:ClientId is set", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("my-consumer-key", stderr, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Stderr)> RunAppAsync(params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "BitbucketBlazor.dll"), "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        _ = process.StandardOutput.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("The app kept running despite the bad setting.");
        }

        return (process.ExitCode, await stderr);
    }
}
