using System.Text.Json;

namespace BitbucketBlazor.Bitbucket.Facts;

/// <summary>The JSON conventions of Bitbucket's wire format, set once.</summary>
public static class BitbucketJson
{
    /// <summary>snake_case names, nulls left out, case-insensitive reads.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The same, indented, for showing a body to a person.</summary>
    public static JsonSerializerOptions Indented { get; } = new(Options) { WriteIndented = true };
}
