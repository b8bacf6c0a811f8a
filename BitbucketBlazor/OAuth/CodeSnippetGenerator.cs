using System.Globalization;
using System.Text;

namespace BitbucketBlazor.OAuth;

/// <summary>A call to one of the app's Refit interfaces, for the "C# with Refit" snippet.</summary>
/// <param name="Interface">The interface, for example <c>IBitbucketRestApi</c>.</param>
/// <param name="BaseUrl">The base address the interface's paths are relative to.</param>
/// <param name="Invocation">The method call, for example <c>GetCurrentUserAsync(accessToken, CancellationToken.None)</c>.</param>
public sealed record RefitCall(string Interface, Uri BaseUrl, string Invocation);

/// <summary>A request to write as code.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Url">The absolute URL, as the reader's machine would reach it.</param>
/// <param name="BasicClientId">The consumer key when the client authenticates with HTTP Basic, else null.</param>
/// <param name="UsesBearerToken">Whether the call sends the access token as a bearer token.</param>
/// <param name="Form">The form fields of a form-urlencoded body; secret values become placeholders.</param>
/// <param name="Refit">The equivalent Refit call, or null when the app has none.</param>
public sealed record CodeRequest(
    string Method,
    Uri Url,
    string? BasicClientId,
    bool UsesBearerToken,
    IReadOnlyList<KeyValuePair<string, string>> Form,
    RefitCall? Refit);

/// <summary>One snippet.</summary>
/// <param name="Language">A short id, for example <c>curl</c>.</param>
/// <param name="Label">What the tab says.</param>
/// <param name="Code">The code.</param>
public sealed record CodeSnippet(string Language, string Label, string Code);

/// <summary>
/// Writes a request as curl, C# <c>HttpClient</c>, C# with the app's Refit interfaces, and
/// JavaScript <c>fetch</c>. Secrets never appear: the client secret, tokens and codes are read
/// from environment variables in every snippet.
/// </summary>
public sealed class CodeSnippetGenerator
{
    /// <summary>The environment variable the snippets read the client secret from.</summary>
    public const string ClientSecretVariable = "BITBUCKET_CLIENT_SECRET";

    /// <summary>The environment variable the snippets read the access token from.</summary>
    public const string AccessTokenVariable = "BITBUCKET_ACCESS_TOKEN";

    private static readonly Dictionary<string, string> s_secretFieldVariables = new(StringComparer.OrdinalIgnoreCase)
    {
        ["client_secret"] = ClientSecretVariable,
        ["access_token"] = AccessTokenVariable,
        ["refresh_token"] = "BITBUCKET_REFRESH_TOKEN",
        ["code"] = "BITBUCKET_AUTH_CODE",
    };

    /// <summary>Writes the request in every supported language.</summary>
    public IReadOnlyList<CodeSnippet> Generate(CodeRequest request) =>
    [
        new("curl", "curl", Curl(request)),
        new("csharp", "C# HttpClient", CSharpHttpClient(request)),
        new("refit", "C# Refit", CSharpRefit(request)),
        new("javascript", "JavaScript fetch", JavaScriptFetch(request)),
    ];

    /// <summary>Writes the request as a curl command line (bash).</summary>
    public static string Curl(CodeRequest request)
    {
        var lines = new List<string> { $"curl -sS -X {request.Method} {ShellSingle(request.Url.ToString())}" };
        if (request.BasicClientId is { } clientId)
        {
            lines.Add($"  -u \"{ShellDouble(clientId)}:${ClientSecretVariable}\"");
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
                ? $"  --data-urlencode \"{ShellDouble(name)}=${variable}\""
                : $"  --data-urlencode {ShellSingle($"{name}={value}")}");
        }

        return string.Join(" \\\n", lines);
    }

    /// <summary>Writes the request as C# with <c>HttpClient</c>.</summary>
    public static string CSharpHttpClient(CodeRequest request)
    {
        var code = new StringBuilder();
        code.AppendLine("using System.Net.Http.Headers;");
        code.AppendLine("using System.Text;");
        code.AppendLine();
        AppendCSharpSecrets(code, request);
        code.AppendLine("using var http = new HttpClient();");
        code.AppendLine(CultureInfo.InvariantCulture, $"using var request = new HttpRequestMessage(new HttpMethod({CSharpString(request.Method)}), {CSharpString(request.Url.ToString())});");
        if (request.BasicClientId is not null)
        {
            code.AppendLine("request.Headers.Authorization = new AuthenticationHeaderValue(\"Basic\",");
            code.AppendLine("    Convert.ToBase64String(Encoding.UTF8.GetBytes($\"{clientId}:{clientSecret}\")));");
        }

        if (request.UsesBearerToken)
        {
            code.AppendLine("request.Headers.Authorization = new AuthenticationHeaderValue(\"Bearer\", accessToken);");
        }

        code.AppendLine("request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(\"application/json\"));");
        if (request.Form.Count > 0)
        {
            code.AppendLine("request.Content = new FormUrlEncodedContent(new Dictionary<string, string>");
            code.AppendLine("{");
            foreach (var (name, value) in request.Form)
            {
                code.AppendLine(CultureInfo.InvariantCulture, $"    [{CSharpString(name)}] = {CSharpFormValue(name, value)},");
            }

            code.AppendLine("});");
        }

        code.AppendLine();
        code.AppendLine("using var response = await http.SendAsync(request);");
        code.AppendLine("Console.WriteLine($\"{(int)response.StatusCode} {response.ReasonPhrase}\");");
        code.Append("Console.WriteLine(await response.Content.ReadAsStringAsync());");
        return code.ToString();
    }

    /// <summary>Writes the request as C# through the app's Refit interface, when it has one.</summary>
    public static string CSharpRefit(CodeRequest request)
    {
        if (request.Refit is not { } refit)
        {
            return "// The app has no Refit method for this call: it follows Bitbucket's absolute\n" +
                "// next/previous URLs as given. Use the HttpClient snippet instead.";
        }

        var code = new StringBuilder();
        code.AppendLine("using System.Text;");
        code.AppendLine("using BitbucketBlazor.Bitbucket;");
        code.AppendLine("using Refit;");
        code.AppendLine();
        AppendCSharpSecrets(code, request);
        code.AppendLine(CultureInfo.InvariantCulture, $"var api = RestService.For<{refit.Interface}>({CSharpString(refit.BaseUrl.ToString().TrimEnd('/'))});");
        if (request.BasicClientId is not null)
        {
            code.AppendLine("var authorization = \"Basic \" + Convert.ToBase64String(Encoding.UTF8.GetBytes($\"{clientId}:{clientSecret}\"));");
        }

        if (request.Form.Count > 0)
        {
            code.AppendLine("using var form = new FormUrlEncodedContent(new Dictionary<string, string>");
            code.AppendLine("{");
            foreach (var (name, value) in request.Form)
            {
                code.AppendLine(CultureInfo.InvariantCulture, $"    [{CSharpString(name)}] = {CSharpFormValue(name, value)},");
            }

            code.AppendLine("});");
        }

        code.AppendLine();
        code.AppendLine(CultureInfo.InvariantCulture, $"var response = await api.{refit.Invocation};");
        code.AppendLine("Console.WriteLine($\"{(int)response.StatusCode} {response.ReasonPhrase}\");");
        code.Append("Console.WriteLine(response.IsSuccessStatusCode ? \"OK: see response.Content\" : response.Error?.Content);");
        return code.ToString();
    }

    /// <summary>Writes the request as JavaScript <c>fetch</c> for Node.js (secrets belong on a server, not in a browser).</summary>
    public static string JavaScriptFetch(CodeRequest request)
    {
        var code = new StringBuilder();
        code.AppendLine("// Node.js 18+. Run it on a server: a client secret or token must never ship to a browser.");
        if (request.BasicClientId is { } clientId)
        {
            code.AppendLine(CultureInfo.InvariantCulture, $"const clientId = {JsString(clientId)};");
            code.AppendLine(CultureInfo.InvariantCulture, $"const clientSecret = process.env.{ClientSecretVariable};");
        }

        if (request.UsesBearerToken)
        {
            code.AppendLine(CultureInfo.InvariantCulture, $"const accessToken = process.env.{AccessTokenVariable};");
        }

        code.AppendLine();
        code.AppendLine(CultureInfo.InvariantCulture, $"const response = await fetch({JsString(request.Url.ToString())}, {{");
        code.AppendLine(CultureInfo.InvariantCulture, $"  method: {JsString(request.Method)},");
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
                var jsValue = SecretVariable(name) is { } variable ? $"process.env.{variable}" : JsString(value);
                code.AppendLine(CultureInfo.InvariantCulture, $"    {JsString(name)}: {jsValue},");
            }

            code.AppendLine("  }),");
        }

        code.AppendLine("});");
        code.Append("console.log(response.status, await response.text());");
        return code.ToString();
    }

    private static void AppendCSharpSecrets(StringBuilder code, CodeRequest request)
    {
        if (request.BasicClientId is { } clientId)
        {
            code.AppendLine(CultureInfo.InvariantCulture, $"var clientId = {CSharpString(clientId)};");
            code.AppendLine(CultureInfo.InvariantCulture, $"var clientSecret = Environment.GetEnvironmentVariable(\"{ClientSecretVariable}\")");
            code.AppendLine(CultureInfo.InvariantCulture, $"    ?? throw new InvalidOperationException(\"Set {ClientSecretVariable} to the consumer's secret.\");");
        }

        if (request.UsesBearerToken)
        {
            code.AppendLine(CultureInfo.InvariantCulture, $"var accessToken = Environment.GetEnvironmentVariable(\"{AccessTokenVariable}\")");
            code.AppendLine(CultureInfo.InvariantCulture, $"    ?? throw new InvalidOperationException(\"Set {AccessTokenVariable} to an access token.\");");
        }

        code.AppendLine();
    }

    private static string CSharpFormValue(string name, string value) =>
        SecretVariable(name) is { } variable ? $"Environment.GetEnvironmentVariable(\"{variable}\")!" : CSharpString(value);

    private static string? SecretVariable(string fieldName) =>
        s_secretFieldVariables.TryGetValue(fieldName, out var variable) ? variable : null;

    private static string ShellSingle(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string ShellDouble(string value) => value
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("\"", "\\\"", StringComparison.Ordinal)
        .Replace("$", "\\$", StringComparison.Ordinal)
        .Replace("`", "\\`", StringComparison.Ordinal);

    private static string CSharpString(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string JsString(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
