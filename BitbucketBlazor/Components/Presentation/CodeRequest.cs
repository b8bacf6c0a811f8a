namespace BitbucketBlazor.Components.Presentation;

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

/// <summary>One tab of "Copy as code": the same request written in one language.</summary>
/// <param name="Language">A short id, for example <c>curl</c>.</param>
/// <param name="Label">What the tab says.</param>
/// <param name="Code">The source text, secrets replaced by variables read from the environment.</param>
public sealed record CodeSnippet(string Language, string Label, string Code);
