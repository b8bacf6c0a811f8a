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
/// JavaScript <c>fetch</c>, each a whole program that prints the status line and then the body.
/// Secrets never appear: the client secret, tokens and codes are read from environment variables
/// in every snippet, which stops with a message naming the variable when it is not set.
/// </summary>
public sealed class CodeSnippetGenerator
{
    /// <summary>The environment variable the snippets read the client secret from.</summary>
    public const string ClientSecretVariable = "BITBUCKET_CLIENT_SECRET";

    /// <summary>The environment variable the snippets read the access token from.</summary>
    public const string AccessTokenVariable = "BITBUCKET_ACCESS_TOKEN";

    private static readonly SecretInput s_clientSecret = new("clientSecret", ClientSecretVariable, "the consumer's secret");
    private static readonly SecretInput s_accessToken = new("accessToken", AccessTokenVariable, "an access token");

    private static readonly Dictionary<string, SecretInput> s_secretFields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["client_secret"] = s_clientSecret,
        ["access_token"] = s_accessToken,
        ["refresh_token"] = new("refreshToken", "BITBUCKET_REFRESH_TOKEN", "a refresh token"),
        ["code"] = new("authorizationCode", "BITBUCKET_AUTH_CODE", "the authorization code from the callback"),
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
            lines.Add(SecretField(name)?.Variable is { } variable
                ? $"  --data-urlencode {SnippetLiterals.ShellSingle(name + "=")}\"${variable}\""
                : $"  --data-urlencode {SnippetLiterals.ShellSingle($"{name}={value}")}");
        }

        return preamble + string.Join(" \\\n", lines);
    }

    /// <summary>Writes the request as C# with <c>HttpClient</c>.</summary>
    public static string CSharpHttpClient(CodeRequest request)
    {
        var code = new StringBuilder();
        code.AppendLine("// Program.cs of a new console app (dotnet new console).");
        code.AppendLine("using System.Net;");
        code.AppendLine("using System.Net.Http.Headers;");
        code.AppendLine("using System.Text;");
        code.AppendLine();
        AppendCSharpSecrets(code, request);
        code.AppendLine("using var http = new HttpClient();");
        code.AppendLine(CultureInfo.InvariantCulture, $"using var request = new HttpRequestMessage(new HttpMethod({SnippetLiterals.CSharp(request.Method)}), {SnippetLiterals.CSharp(request.Url.ToString())});");
        if (request.BasicClientId is not null)
        {
            code.AppendLine("request.Headers.Authorization = new AuthenticationHeaderValue(\"Basic\", Convert.ToBase64String(");
            code.AppendLine("    Encoding.UTF8.GetBytes($\"{WebUtility.UrlEncode(clientId)}:{WebUtility.UrlEncode(clientSecret)}\"))); // RFC 6749 §2.3.1");
        }

        if (request.UsesBearerToken)
        {
            code.AppendLine("request.Headers.Authorization = new AuthenticationHeaderValue(\"Bearer\", accessToken);");
        }

        code.AppendLine("request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(\"application/json\"));");
        AppendCSharpForm(code, request, "request.Content = ");

        code.AppendLine();
        code.AppendLine("using var response = await http.SendAsync(request);");
        code.AppendLine("Console.WriteLine($\"{(int)response.StatusCode} {response.ReasonPhrase}\");");
        code.Append("Console.WriteLine(await response.Content.ReadAsStringAsync());");
        return code.ToString();
    }

    /// <summary>Writes the form body as a <c>FormUrlEncodedContent</c> assigned by <paramref name="target"/>; secrets come from variables.</summary>
    private static void AppendCSharpForm(StringBuilder code, CodeRequest request, string target)
    {
        if (request.Form.Count == 0)
        {
            return;
        }

        code.AppendLine(target + "new FormUrlEncodedContent(new Dictionary<string, string>");
        code.AppendLine("{");
        foreach (var (name, value) in request.Form)
        {
            code.AppendLine(CultureInfo.InvariantCulture, $"    [{SnippetLiterals.CSharp(name)}] = {CSharpFormValue(name, value)},");
        }

        code.AppendLine("});");
    }

    /// <summary>
    /// Writes the request as C# with Refit when the app has a Refit method for it: a whole console
    /// program that declares the method as the app's interface does, so it runs without the app.
    /// </summary>
    public static string CSharpRefit(CodeRequest request)
    {
        if (request.Refit is not { } refit)
        {
            return "// The app has no Refit method for this call: it follows Bitbucket's absolute\n" +
                "// next/previous URLs as given. Use the HttpClient snippet instead.";
        }

        var code = new StringBuilder();
        code.AppendLine("// Program.cs of a new console app: dotnet new console && dotnet add package Refit");
        code.AppendLine("using System.Net;");
        code.AppendLine("using System.Text;");
        code.AppendLine("using Refit;");
        code.AppendLine();
        AppendCSharpSecrets(code, request);
        code.AppendLine(CultureInfo.InvariantCulture, $"var api = RestService.ForGenerated<{refit.Interface}>({SnippetLiterals.CSharp(refit.BaseUrl.ToString().TrimEnd('/'))});");
        if (request.BasicClientId is not null)
        {
            code.AppendLine("var authorization = \"Basic \" + Convert.ToBase64String(Encoding.UTF8.GetBytes(");
            code.AppendLine("    $\"{WebUtility.UrlEncode(clientId)}:{WebUtility.UrlEncode(clientSecret)}\")); // RFC 6749 §2.3.1");
        }

        AppendCSharpForm(code, request, "using var form = ");

        code.AppendLine();
        code.AppendLine(CultureInfo.InvariantCulture, $"var response = await api.{refit.Invocation};");
        code.AppendLine("if (response.HasRequestError(out var noAnswer))");
        code.AppendLine("{");
        code.AppendLine("    throw noAnswer; // no HTTP answer at all: network, DNS or TLS");
        code.AppendLine("}");
        code.AppendLine();
        code.AppendLine("Console.WriteLine($\"{(int?)response.StatusCode} {response.ReasonPhrase}\");");
        code.AppendLine("Console.WriteLine(response.HasResponseError(out var error) ? error.Content : response.Content);");
        code.AppendLine();
        code.AppendLine(CultureInfo.InvariantCulture, $"// As the app's {refit.Interface} declares it, but returning the raw JSON: put a model type");
        code.AppendLine("// in place of string to have Refit deserialize it.");
        code.Append(RefitDeclarationWriter.Declare(refit.Interface, refit.Invocation));
        return code.ToString();
    }

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
            code.AppendLine("    // RFC 6749 §2.3.1: key and secret are form-urlencoded before they are joined.");
            code.AppendLine("    Authorization: \"Basic \" + Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString(\"base64\"),");
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

    private static void AppendCSharpSecrets(StringBuilder code, CodeRequest request)
    {
        if (request.BasicClientId is { } clientId)
        {
            code.AppendLine(CultureInfo.InvariantCulture, $"var clientId = {SnippetLiterals.CSharp(clientId)};");
        }

        foreach (var secret in SecretInputs(request))
        {
            code.AppendLine(CultureInfo.InvariantCulture, $"var {secret.Name} = Environment.GetEnvironmentVariable(\"{secret.Variable}\")");
            code.AppendLine(CultureInfo.InvariantCulture, $"    ?? throw new InvalidOperationException({SnippetLiterals.CSharp(secret.Missing)});");
        }

        code.AppendLine();
    }

    // Every secret the request needs, each once: a missing one stops the snippet with a message
    // instead of sending an empty or "undefined" value that Bitbucket answers with a puzzling 401.
    private static IEnumerable<SecretInput> SecretInputs(CodeRequest request)
    {
        var secrets = new List<SecretInput>();
        if (request.BasicClientId is not null)
        {
            secrets.Add(s_clientSecret);
        }

        if (request.UsesBearerToken)
        {
            secrets.Add(s_accessToken);
        }

        secrets.AddRange(request.Form.Select(field => SecretField(field.Key)).OfType<SecretInput>());
        return secrets.Distinct();
    }

    private static string CSharpFormValue(string name, string value) =>
        SecretField(name) is { } secret ? secret.Name : SnippetLiterals.CSharp(value);

    private static SecretInput? SecretField(string fieldName) =>
        s_secretFields.TryGetValue(fieldName, out var secret) ? secret : null;

    /// <summary>A secret a snippet reads from the environment.</summary>
    /// <param name="Name">The variable that holds it in the snippet, the same in C# and JavaScript.</param>
    /// <param name="Variable">The environment variable.</param>
    /// <param name="What">What to set it to, for the message when it is missing.</param>
    private sealed record SecretInput(string Name, string Variable, string What)
    {
        public string Missing => $"Set {Variable} to {What}.";
    }
}
