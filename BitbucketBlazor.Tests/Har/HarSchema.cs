using System.Text.Json;
using Json.Schema;

namespace BitbucketBlazor.Tests.Har;

/// <summary>
/// Validates HAR files against <c>har-1.2.schema.json</c>, a JSON Schema (draft 2020-12) written for
/// this suite from the HAR 1.2 specification, with format validation on (dates, URLs).
/// </summary>
internal static class HarSchema
{
    private static readonly Lazy<JsonSchema> s_schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Har", "har-1.2.schema.json"))));

    /// <summary>Gets the problems of <paramref name="har"/>, one a line; empty when it is valid.</summary>
    public static IReadOnlyList<string> Problems(string har)
    {
        using var document = JsonDocument.Parse(har);
        var result = s_schema.Value.Evaluate(document.RootElement,
            new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))];
    }

    /// <summary>Asserts that <paramref name="har"/> is a valid HAR 1.2 file.</summary>
    public static void AssertValid(string har)
    {
        var problems = Problems(har);
        Assert.True(problems.Count == 0, "Not a valid HAR 1.2 file:\n" + string.Join('\n', problems));
    }
}
