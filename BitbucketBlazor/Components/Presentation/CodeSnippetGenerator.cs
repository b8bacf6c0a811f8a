using BitbucketBlazor.Bitbucket;

namespace BitbucketBlazor.Components.Presentation;

/// <summary>
/// Writes a request as curl, C# <c>HttpClient</c>, C# with the app's Refit interfaces, and
/// JavaScript <c>fetch</c>, each a whole program that prints the status line and then the body.
/// Secrets never appear: the client secret, tokens and codes are read from environment variables
/// in every snippet, which stops with a message naming the variable when it is not set.
/// </summary>
public sealed partial class CodeSnippetGenerator
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

    private static string? SecretVariable(string fieldName) => SecretField(fieldName)?.Variable;

    // The masking policy says which fields are secret; the table above only names their variables.
    // A secret field it does not name still never appears: it gets a variable of its own.
    private static SecretInput? SecretField(string fieldName) =>
        s_secretFields.TryGetValue(fieldName, out var secret) ? secret
        : MaskingPolicy.IsSecretField(fieldName) ? new(CamelCase(fieldName), "BITBUCKET_" + fieldName.ToUpperInvariant(), $"the {fieldName} to send")
        : null;

    private static string CamelCase(string snakeCase)
    {
        var words = snakeCase.ToLowerInvariant().Split('_', StringSplitOptions.RemoveEmptyEntries);
        return string.Concat(words.Select((w, i) => i == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));
    }


    /// <summary>A secret a snippet reads from the environment.</summary>
    /// <param name="Name">The variable that holds it in the snippet, the same in C# and JavaScript.</param>
    /// <param name="Variable">The environment variable.</param>
    /// <param name="What">What to set it to, for the message when it is missing.</param>
    private sealed record SecretInput(string Name, string Variable, string What)
    {
        public string Missing => $"Set {Variable} to {What}.";
    }
}
