using System.Globalization;
using System.Text;

namespace BitbucketBlazor.Components.Presentation;

/// <summary>The C# snippets: HttpClient and Refit.</summary>
public sealed partial class CodeSnippetGenerator
{
    /// <summary>Writes the request as C# with <c>HttpClient</c>.</summary>
    public static string CSharpHttpClient(CodeRequest request)
    {
        var code = new StringBuilder();
        code.AppendLine("// Program.cs of a new console app (dotnet new console).");
        code.AppendLine("using System.Net.Http.Headers;");
        code.AppendLine("using System.Text;");
        code.AppendLine();
        AppendCSharpSecrets(code, request);
        code.AppendLine("using var http = new HttpClient();");
        code.AppendLine(CultureInfo.InvariantCulture, $"using var request = new HttpRequestMessage(new HttpMethod({SnippetLiterals.CSharp(request.Method)}), {SnippetLiterals.CSharp(request.Url.ToString())});");
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
        code.AppendLine("using System.Text;");
        code.AppendLine("using Refit;");
        code.AppendLine();
        AppendCSharpSecrets(code, request);
        code.AppendLine(CultureInfo.InvariantCulture, $"var api = RestService.ForGenerated<{refit.Interface}>({SnippetLiterals.CSharp(refit.BaseUrl.ToString().TrimEnd('/'))});");
        if (request.BasicClientId is not null)
        {
            code.AppendLine("var authorization = \"Basic \" + Convert.ToBase64String(Encoding.UTF8.GetBytes($\"{clientId}:{clientSecret}\"));");
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
}
