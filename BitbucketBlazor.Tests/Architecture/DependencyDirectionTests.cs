using ArchUnitNET.Domain;
using ArchUnitNET.Fluent;
using ArchUnitNET.Fluent.Syntax.Elements.Types;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnitV3;
using BitbucketBlazor.Bitbucket;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace BitbucketBlazor.Tests.Architecture;

/// <summary>
/// The app's dependency direction, one rule per test, read from the compiled assembly:
/// <c>Common</c> ← <c>Bitbucket</c> (client side) ← <c>OAuth</c> (flows) ← <c>Components</c> (UI);
/// <c>Sandbox</c> uses only <c>Common</c> and <c>Bitbucket.Facts</c>; <c>Hosting</c>, <c>Endpoints</c>
/// and <c>Program</c> compose. A failure names each offending type and what it depends on.
/// </summary>
public sealed class DependencyDirectionTests
{
    private const string App = "BitbucketBlazor";

    // Bitbucket and its sub-namespaces except the shared facts, as a pattern for AnyOf.
    private const string ClientSide = @"Bitbucket(?!\.Facts(\.|$))";

    // Loaded once: reading the assembly is the slow part.
    private static readonly ArchUnitNET.Domain.Architecture s_app =
        new ArchLoader().LoadAssemblies(typeof(BitbucketOptions).Assembly).Build();

    [Fact]
    public void CommonDependsOnNoOtherFolder() =>
        Folder("Common").Should().NotDependOnAny(AnyOf("Bitbucket", "OAuth", "Sandbox", "Components", "Hosting", "Endpoints"))
            .Because("Common holds plumbing every folder may use, so it may use none of them")
            .Check(s_app);

    [Fact]
    public void BitbucketFactsDependOnNothingButCommon() =>
        Folder("Bitbucket.Facts").Should().NotDependOnAny(AnyOf(ClientSide, "OAuth", "Sandbox", "Components", "Hosting", "Endpoints"))
            .Because("the facts are shared by the client side and the sandbox, so they belong to neither")
            .Check(s_app);

    [Fact]
    public void TheBitbucketClientSideDependsOnlyOnCommonAndTheFacts() =>
        Folder("Bitbucket").Should().NotDependOnAny(AnyOf("OAuth", "Sandbox", "Components", "Hosting", "Endpoints"))
            .Because("the client side (options, Refit interfaces, wire models, handlers) sits below the flows and knows no sandbox")
            .Check(s_app);

    [Fact]
    public void TheOAuthFlowsDependOnNoSandboxUserInterfaceOrHost() =>
        Folder("OAuth").Should().NotDependOnAny(AnyOf("Sandbox", "Components", "Hosting", "Endpoints"))
            .Because("the flows run the same against Bitbucket Cloud and the sandbox, and know nothing of pages")
            .Check(s_app);

    [Fact]
    public void TheSandboxDependsOnlyOnCommonAndTheFacts() =>
        Folder("Sandbox").Should().NotDependOnAny(AnyOf(ClientSide, "OAuth", "Components", "Hosting", "Endpoints"))
            .Because("the sandbox imitates Bitbucket: it shares facts with the client, never its code")
            .Check(s_app);

    [Fact]
    public void TheUserInterfaceDependsOnNoSandboxOrHost() =>
        Folder("Components").Should().NotDependOnAny(AnyOf("Sandbox", "Hosting", "Endpoints"))
            .Because("pages bind flows and render; what the sandbox offers reaches them through interfaces the host wires")
            .Check(s_app);

    [Fact]
    public void NothingButProgramDependsOnTheUserInterface() =>
        Types().That().ResideInNamespaceOrBelow(App).And().DoNotResideInNamespaceOrBelow($"{App}.Components")
            .Should().NotDependOnAny(Folder("Components"))
            .Because("the UI is the top layer: only Program.cs, the composition root, maps it")
            .Check(s_app);

    private static GivenTypesConjunction Folder(string folder) =>
        Types().That().ResideInNamespaceOrBelow($"{App}.{folder}");

    /// <summary>Types in any of the folders (or below); a folder may be a pattern such as <see cref="ClientSide"/>.</summary>
    private static GivenTypesConjunctionWithDescription AnyOf(params string[] folders) =>
        Types().That().ResideInNamespaceMatching($@"^{App}\.({string.Join('|', folders)})(\.[\w.]+)?$")
            .As("types in " + string.Join(", ", folders).Replace(ClientSide, "Bitbucket (client side)", StringComparison.Ordinal));
}
