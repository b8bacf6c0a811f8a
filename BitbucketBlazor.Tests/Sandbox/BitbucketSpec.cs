using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace BitbucketBlazor.Tests.Sandbox;

/// <summary>
/// Bitbucket's official REST API specification (Swagger 2.0), read from
/// <c>shared/bitbucket/bitbucket-cloud-openapi.json</c> beside the clone, never copied into
/// the repository. Each definition is checked as a draft-07 JSON Schema with formats enforced.
/// </summary>
public static class BitbucketSpec
{
    private const string RelativePath = "shared/bitbucket/bitbucket-cloud-openapi.json";
    private static readonly Lazy<JsonObject?> s_definitions = new(LoadDefinitions);
    private static readonly ConcurrentDictionary<string, JsonSchema> s_schemas = new(StringComparer.Ordinal);

    /// <summary>Skips the calling test, saying why and how to fix it, when the spec is not beside the clone.</summary>
    public static void SkipIfMissing()
    {
        if (s_definitions.Value is null)
        {
            Assert.Skip(
                $"Bitbucket's REST API specification was not found: no '{RelativePath}' in any parent directory of " +
                $"{AppContext.BaseDirectory}. Put the shared/ folder (with bitbucket/bitbucket-cloud-openapi.json, " +
                "Bitbucket's Swagger 2.0 document, which Bitbucket serves at https://api.bitbucket.org/swagger.json) beside the clone, " +
                "as CI does; the FACTS.md next to it explains where it comes from.");
        }
    }

    /// <summary>Asserts that <paramref name="body"/> is valid against the spec's definition <paramref name="definition"/>.</summary>
    public static void AssertValid(string definition, JsonElement body)
    {
        SkipIfMissing();
        var schema = s_schemas.GetOrAdd(definition, Build);
        var result = schema.Evaluate(body, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (!result.IsValid)
        {
            var errors = (result.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"));
            Assert.Fail($"The body is not a valid '{definition}':\n{string.Join('\n', errors)}\n\nBody: {body}");
        }
    }

    private static JsonSchema Build(string definition)
    {
        Assert.True(s_definitions.Value!.ContainsKey(definition), $"The spec has no definition '{definition}'.");
        var root = new JsonObject
        {
            ["$schema"] = "http://json-schema.org/draft-07/schema#",
            ["$ref"] = $"#/definitions/{definition}",
            ["definitions"] = s_definitions.Value!.DeepClone(),
        };

        // Each definition gets its own base URI: built schemas are registered globally by it.
        return JsonSchema.FromText(root.ToJsonString(), baseUri: new Uri($"https://bitbucket-spec.test/{definition}"));
    }

    private static JsonObject? LoadDefinitions()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, RelativePath);
            if (File.Exists(candidate))
            {
                return JsonNode.Parse(File.ReadAllText(candidate))!["definitions"]!.AsObject();
            }
        }

        return null;
    }
}
