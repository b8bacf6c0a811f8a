using System.Collections.Immutable;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.InteropServices;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace BitbucketBlazor.Tests.Presentation;

/// <summary>What a snippet printed, and how it ended.</summary>
/// <param name="ExitCode">The process's exit code.</param>
/// <param name="Output">Standard output.</param>
/// <param name="Errors">Standard error.</param>
internal sealed record SnippetRun(int ExitCode, string Output, string Errors)
{
    /// <summary>Gets the first line, the snippets' <c>status reason</c> line.</summary>
    public string StatusLine => Output.Split('\n', 2)[0].Trim();

    /// <summary>Gets everything after the status line: the response body.</summary>
    public string Body => Output.Split('\n', 2) is [_, var body] ? body.Trim() : "";

    /// <summary>Gets the run as a failure message says it.</summary>
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Errors}";
}

/// <summary>A snippet compiled the way <c>dotnet new console</c> would build it.</summary>
/// <param name="Diagnostics">Every warning and error, generator diagnostics included.</param>
/// <param name="Assembly">The emitted assembly, or null when compilation failed.</param>
/// <param name="GeneratedSources">The names of the files source generators added.</param>
internal sealed record CompiledSnippet(ImmutableArray<Diagnostic> Diagnostics, byte[]? Assembly, IReadOnlyList<string> GeneratedSources)
{
    /// <summary>Gets the warnings and errors, one a line, for a failure message.</summary>
    public string Report => string.Join('\n', Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
}

/// <summary>
/// Runs generated snippets the way a reader would: JavaScript with Node, C# compiled by Roslyn
/// as the <c>Program.cs</c> of a new console app and run by the <c>dotnet</c> host in its own
/// process. The child process gets only the environment variables a test hands it, so a secret
/// reaches the snippet only through the environment, never through its text.
/// </summary>
internal static class SnippetRunner
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    // What a new console app (dotnet new console) turns on: the SDK's implicit usings.
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    // The symbols the SDK defines for a net10.0 Debug build; Refit's generated code registers its
    // clients under #if NET5_0_OR_GREATER, so without them RestService.ForGenerated finds nothing.
    private static readonly string[] s_net10Symbols =
    [
        "DEBUG", "TRACE", "NET", "NET10_0", "NETCOREAPP",
        .. new[] { "NETCOREAPP1_0", "NETCOREAPP1_1", "NETCOREAPP2_0", "NETCOREAPP2_1", "NETCOREAPP2_2", "NETCOREAPP3_0", "NETCOREAPP3_1" }
            .Concat(Enumerable.Range(5, 6).Select(major => $"NET{major}_0"))
            .Select(version => version + "_OR_GREATER"),
    ];

    /// <summary>Finds a program on <c>PATH</c>, or null.</summary>
    public static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    private static readonly string[] s_shellTools = ["bash", "curl", "jq"];

    /// <summary>Set to 1 (CI does) to fail rather than skip when Node.js is missing.</summary>
    public const string RequireNodeVariable = "BITBUCKETBLAZOR_REQUIRE_NODE";

    /// <summary>Set to 1 (CI does) to fail rather than skip when bash, curl or jq is missing.</summary>
    public const string RequireShellToolsVariable = "BITBUCKETBLAZOR_REQUIRE_JQ";

    /// <summary>Finds Node.js, or skips the test saying how to install it (fails instead when <see cref="RequireNodeVariable"/> is 1).</summary>
    public static string RequireNode() =>
        FindOnPath("node") ?? Missing(
            "Needs Node.js 18+ (global fetch) on PATH to run the JavaScript snippet: install it, for example apt-get install -y nodejs.",
            RequireNodeVariable);

    /// <summary>Finds bash after checking curl and jq are there too, or skips (fails when <see cref="RequireShellToolsVariable"/> is 1).</summary>
    public static string RequireBashWithCurlAndJq()
    {
        var missing = s_shellTools.Where(tool => FindOnPath(tool) is null).ToList();
        return missing.Count == 0
            ? FindOnPath("bash")!
            : Missing($"Needs {string.Join(", ", missing)} on PATH to run the bash program: install them, for example apt-get install -y curl jq.", RequireShellToolsVariable);
    }

    /// <summary>Runs a bash script from a file, as a reader would after saving it.</summary>
    public static Task<SnippetRun> RunBashAsync(string bash, string script, IReadOnlyDictionary<string, string> environment) =>
        RunScriptAsync(bash, "program.sh", script, environment);

    private static string Missing(string message, string requireVariable)
    {
        if (Environment.GetEnvironmentVariable(requireVariable) == "1")
        {
            Assert.Fail(message + $" {requireVariable}=1 makes this a failure, not a skip.");
        }

        Assert.Skip(message);
        return "";
    }

    /// <summary>Runs a JavaScript snippet as an ES module (top-level <c>await</c>) with <paramref name="node"/>.</summary>
    public static Task<SnippetRun> RunNodeAsync(string node, string snippet, IReadOnlyDictionary<string, string> environment) =>
        RunScriptAsync(node, "snippet.mjs", snippet, environment);

    // Saves the code as a file in a fresh folder and runs it with its interpreter, as a reader would.
    private static async Task<SnippetRun> RunScriptAsync(string interpreter, string fileName, string code, IReadOnlyDictionary<string, string> environment)
    {
        var directory = Directory.CreateTempSubdirectory("snippet-");
        try
        {
            var file = Path.Combine(directory.FullName, fileName);
            await File.WriteAllTextAsync(file, code, TestContext.Current.CancellationToken);
            return await RunAsync(interpreter, [file], directory.FullName, environment);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Compiles a C# snippet as the whole <c>Program.cs</c> of a new console app (implicit usings,
    /// nullable on), optionally with the Refit package: its assembly and its source generator.
    /// </summary>
    public static CompiledSnippet CompileCSharp(string snippet, bool withRefit)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest, preprocessorSymbols: s_net10Symbols);
        SyntaxTree[] trees =
        [
            CSharpSyntaxTree.ParseText(ImplicitUsings, parseOptions, "Snippet.GlobalUsings.g.cs"),
            CSharpSyntaxTree.ParseText(snippet, parseOptions, "Program.cs"),
        ];
        var references = Net100.References.All.Cast<MetadataReference>()
            .Concat(withRefit ? RefitAssemblies().Select(path => MetadataReference.CreateFromFile(path)) : []);
        Compilation compilation = CSharpCompilation.Create("Snippet", trees, references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        IReadOnlyList<string> generated = [];
        if (withRefit)
        {
            var driver = CSharpGeneratorDriver.Create(RefitGenerators(), parseOptions: parseOptions, optionsProvider: RefitBuildProperties.Instance);
            driver.RunGeneratorsAndUpdateCompilation(compilation, out compilation, out var generatorDiagnostics, TestContext.Current.CancellationToken);
            diagnostics.AddRange(generatorDiagnostics);
            generated = [.. compilation.SyntaxTrees.Skip(trees.Length).Select(t => Path.GetFileName(t.FilePath))];
        }

        using var stream = new MemoryStream();
        var result = compilation.Emit(stream, cancellationToken: TestContext.Current.CancellationToken);
        diagnostics.AddRange(result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning));
        return new CompiledSnippet(diagnostics.ToImmutable(), result.Success ? stream.ToArray() : null, generated);
    }

    /// <summary>Runs a compiled snippet with the <c>dotnet</c> host, next to the Refit assemblies when it needs them.</summary>
    public static async Task<SnippetRun> RunCSharpAsync(CompiledSnippet compiled, IReadOnlyDictionary<string, string> environment)
    {
        Assert.NotNull(compiled.Assembly);
        var directory = Directory.CreateTempSubdirectory("snippet-cs-");
        try
        {
            var program = Path.Combine(directory.FullName, "Snippet.dll");
            await File.WriteAllBytesAsync(program, compiled.Assembly, TestContext.Current.CancellationToken);
            var framework = $"{Environment.Version.Major}.{Environment.Version.Minor}.0";
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "Snippet.runtimeconfig.json"),
                "{\"runtimeOptions\": {\"tfm\": \"net10.0\", \"framework\": {\"name\": \"Microsoft.NETCore.App\", \"version\": \"" + framework + "\"}}}",
                TestContext.Current.CancellationToken);
            foreach (var dependency in RefitAssemblies())
            {
                File.Copy(dependency, Path.Combine(directory.FullName, Path.GetFileName(dependency)));
            }

            return await RunAsync(DotnetHost(), [program], directory.FullName, environment);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<SnippetRun> RunAsync(string fileName, string[] arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        // A developer's own Bitbucket variables must not leak into a run, nor decide its outcome.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("BITBUCKET_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(s_timeout);
        using var process = Process.Start(start)!;
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            return new SnippetRun(process.ExitCode, await output, await errors);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    // The host that runs this test process's framework: DOTNET_HOST_PATH when the SDK set it, else
    // the dotnet next to the shared framework directory (…/shared/Microsoft.NETCore.App/10.0.x/).
    private static string DotnetHost()
    {
        var executable = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        var candidates = new[]
        {
            Environment.GetEnvironmentVariable("DOTNET_HOST_PATH"),
            Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", executable),
            FindOnPath(executable),
        };
        return candidates.FirstOrDefault(c => !string.IsNullOrEmpty(c) && File.Exists(c))
            ?? throw new InvalidOperationException("No dotnet host found: set DOTNET_HOST_PATH or put dotnet on PATH.");
    }

    // Refit.dll and what it needs at run time beyond the shared framework, from this test's output.
    private static IEnumerable<string> RefitAssemblies()
    {
        var refit = typeof(Refit.RestService).Assembly;
        yield return refit.Location;
        foreach (var name in refit.GetReferencedAssemblies())
        {
            var path = Path.Combine(AppContext.BaseDirectory, name.Name + ".dll");
            if (File.Exists(path) && !IsFrameworkAssembly(name))
            {
                yield return path;
            }
        }
    }

    private static bool IsFrameworkAssembly(AssemblyName name) =>
        Net100.References.All.Any(r => string.Equals(Path.GetFileNameWithoutExtension(r.FilePath), name.Name, StringComparison.OrdinalIgnoreCase));

    // The generator the Refit package ships in analyzers/dotnet/roslyn*/cs, copied next to the tests by the test project.
    private static ISourceGenerator[] RefitGenerators()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "RefitGenerator", "InterfaceStubGeneratorV2.dll");
        Assert.True(File.Exists(path), $"Refit's source generator is not at {path}; the test project copies it from the Refit package's analyzers folder.");
        var generators = Assembly.LoadFrom(path).GetTypes()
            .Where(t => t.IsClass && !t.IsAbstract && t.IsDefined(typeof(GeneratorAttribute)))
            .Select(t => Activator.CreateInstance(t) switch
            {
                IIncrementalGenerator incremental => incremental.AsSourceGenerator(),
                ISourceGenerator classic => classic,
                var other => throw new InvalidOperationException($"{other?.GetType()} is not a generator."),
            })
            .ToArray();
        Assert.NotEmpty(generators);
        return generators;
    }

    // The MSBuild properties Refit's buildTransitive props make visible to its generator, as a console app named Snippet sets them.
    private sealed class RefitBuildProperties : AnalyzerConfigOptionsProvider
    {
        public static RefitBuildProperties Instance { get; } = new();

        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(new Dictionary<string, string>
        {
            ["build_property.RefitInternalNamespace"] = "Snippet",
            ["build_property.RefitGeneratedRequestBuilding"] = "true",
            ["build_property.RefitEmitGeneratedCodeMarkers"] = "true",
            ["build_property.RootNamespace"] = "Snippet",
        });

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.Empty;

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public static Options Empty { get; } = new([]);

            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
