using System.Globalization;
using System.Text;

namespace BitbucketBlazor.Components.Presentation;

/// <summary>The curl part of the snippet generator: one command line a reader can paste into bash.</summary>
public sealed partial class CodeSnippetGenerator
{
    /// <summary>Writes the request as a curl command line (bash).</summary>
    public static string Curl(CodeRequest request)
    {
        // ${VAR:?message} stops the script, naming the variable, before curl sends an empty secret
        // (and in an interactive shell ends only the command, not the shell).
        var preamble = new StringBuilder();
        foreach (var secret in SecretInputs(request))
        {
            preamble.Append(CultureInfo.InvariantCulture, $": ${{{secret.Variable}:?{SnippetLiterals.ShellEscaped(secret.Missing)}}}\n");
        }

        var lines = new List<string> { $"curl -sS -X {request.Method} {SnippetLiterals.ShellSingle(request.Url.ToString())}" };
        if (request.BasicClientId is { } clientId)
        {
            preamble.Append(SnippetLiterals.BashFormUrlEncode);
            lines.Add($"  -u \"{SnippetLiterals.FormUrlEncode(clientId)}:$(form_urlencode \"${ClientSecretVariable}\")\"");
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
                ? $"  --data-urlencode {SnippetLiterals.ShellSingle(name + "=")}\"${variable}\""
                : $"  --data-urlencode {SnippetLiterals.ShellSingle($"{name}={value}")}");
        }

        return preamble + string.Join(" \\\n", lines);
    }
}
