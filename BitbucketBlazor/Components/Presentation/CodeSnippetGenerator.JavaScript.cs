using System.Globalization;
using System.Text;

namespace BitbucketBlazor.Components.Presentation;

/// <summary>The JavaScript <c>fetch</c> snippet.</summary>
public sealed partial class CodeSnippetGenerator
{
    /// <summary>Writes the request as JavaScript <c>fetch</c> for Node.js (secrets belong on a server, not in a browser).</summary>
    public static string JavaScriptFetch(CodeRequest request)
    {
        var code = new StringBuilder();
        code.AppendLine("// Node.js 18+, as an ES module for the top-level await: save as request.mjs, run node request.mjs.");
        code.AppendLine("// Run it on a server: a client secret or token must never ship to a browser.");
        if (request.BasicClientId is { } clientId)
        {
            code.AppendLine(CultureInfo.InvariantCulture, $"const clientId = {SnippetLiterals.JavaScript(clientId)};");
        }

        foreach (var secret in SecretInputs(request))
        {
            code.AppendLine(CultureInfo.InvariantCulture, $"const {secret.Name} = process.env.{secret.Variable};");
            code.AppendLine(CultureInfo.InvariantCulture, $"if (!{secret.Name}) throw new Error({SnippetLiterals.JavaScript(secret.Missing)});");
        }

        code.AppendLine();
        code.AppendLine(CultureInfo.InvariantCulture, $"const response = await fetch({SnippetLiterals.JavaScript(request.Url.ToString())}, {{");
        code.AppendLine(CultureInfo.InvariantCulture, $"  method: {SnippetLiterals.JavaScript(request.Method)},");
        code.AppendLine("  headers: {");
        if (request.BasicClientId is not null)
        {
            code.AppendLine("    Authorization: \"Basic \" + Buffer.from(`${clientId}:${clientSecret}`).toString(\"base64\"),");
        }

        if (request.UsesBearerToken)
        {
            code.AppendLine("    Authorization: `Bearer ${accessToken}`,");
        }

        code.AppendLine("    Accept: \"application/json\",");
        code.AppendLine("  },");
        if (request.Form.Count > 0)
        {
            code.AppendLine("  body: new URLSearchParams({");
            foreach (var (name, value) in request.Form)
            {
                var jsValue = SecretField(name) is { } secret ? secret.Name : SnippetLiterals.JavaScript(value);
                code.AppendLine(CultureInfo.InvariantCulture, $"    {SnippetLiterals.JavaScript(name)}: {jsValue},");
            }

            code.AppendLine("  }),");
        }

        code.AppendLine("});");
        code.AppendLine("console.log(response.status, response.statusText);");
        code.Append("console.log(await response.text());");
        return code.ToString();
    }
}
