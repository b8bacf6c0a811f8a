namespace BenchRunner;

/// <summary>One click of a walkthrough: what to click, and what shows it is done.</summary>
/// <param name="Name">The step's name in the table.</param>
/// <param name="Click">CSS selector of the button.</param>
/// <param name="Done">CSS selector of an element that appears when the step's answer is rendered.</param>
/// <param name="DoneText">Text that element must contain, or empty.</param>
internal sealed record Step(string Name, string Click, string Done, string DoneText = "");

/// <summary>A server under test and the walk a visitor makes through it.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Executable">The published apphost.</param>
/// <param name="StartPath">The page the walk starts on.</param>
/// <param name="Steps">The clicks, in order.</param>
internal sealed record Subject(string Name, string Executable, string StartPath, IReadOnlyList<Step> Steps)
{
    /// <summary>The MudBlazor template page: four "Next" clicks through its stepper.</summary>
    public static Subject Template(string outDir) => new(
        "template", Path.Combine(outDir, "template", "TemplatePage"), "/",
        [.. Enumerable.Range(0, 4).Select(i => new Step($"next {i + 1}", $"[data-testid=step-next-{i}]", $"[data-testid=step-done-{i + 1}]"))]);

    /// <summary>The app's client-credentials walkthrough with the sandbox's private consumer.</summary>
    public static Subject App(string outDir) => new(
        "app", Path.Combine(outDir, "app", "BitbucketBlazor"), "/client-credentials",
        [
            new("Use this consumer", "[data-testid=choose-sandbox-private-key]", "[data-testid=send-token-request]"),
            new("Send token request", "[data-testid=send-token-request]", "[data-testid=token-exchange-status]", "200"),
            new("Call the API with it", "[data-testid=go-to-api]", "[data-testid=send-api-request]"),
            new("Send API request", "[data-testid=send-api-request]", "[data-testid=api-exchange-status]", "200"),
        ]);
}
