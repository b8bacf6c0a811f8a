namespace BitbucketBlazor.Components.Presentation;

/// <summary>The curl snippet.</summary>
public sealed partial class CodeSnippetGenerator
{
    /// <summary>Writes the request as a curl command line (bash).</summary>
    public static string Curl(CodeRequest request)
    {
        var lines = new List<string> { $"curl -sS -X {request.Method} {SnippetLiterals.ShellSingle(request.Url.ToString())}" };
        if (request.BasicClientId is { } clientId)
        {
            lines.Add($"  -u \"{SnippetLiterals.ShellDouble(clientId)}:${ClientSecretVariable}\"");
        }

        if (request.UsesBearerToken)
        {
            lines.Add($"  -H \"Authorization: Bearer ${AccessTokenVariable}\"");
        }

        if (request.Form.Count == 0)
        {
            lines.Add("  -H 'Accept: application/json'");
        }

        foreach (var (name, value) in request.Form)
        {
            lines.Add(SecretVariable(name) is { } variable
                ? $"  --data-urlencode \"{SnippetLiterals.ShellDouble(name)}=${variable}\""
                : $"  --data-urlencode {SnippetLiterals.ShellSingle($"{name}={value}")}");
        }

        return string.Join(" \\\n", lines);
    }
}
