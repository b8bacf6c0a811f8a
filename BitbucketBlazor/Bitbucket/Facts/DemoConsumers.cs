namespace BitbucketBlazor.Bitbucket.Facts;

/// <summary>
/// An OAuth consumer the sandbox knows. The demo values are sandbox-only: they open nothing on
/// bitbucket.org, which is why they may be listed in the README and the app.
/// </summary>
/// <param name="Name">The consumer's name, shown on the consent page.</param>
/// <param name="Key">The Key (<c>client_id</c>).</param>
/// <param name="Secret">The Secret.</param>
/// <param name="IsPrivate">Whether "This is a private consumer" is ticked (needed for client credentials).</param>
/// <param name="CallbackPath">The callback URL's path on the app's own origin, or null for none.</param>
/// <param name="Scopes">The scopes fixed on the consumer.</param>
/// <param name="Demonstrates">One line saying what this consumer shows.</param>
public sealed record SandboxConsumer(
    string Name,
    string Key,
    string Secret,
    bool IsPrivate,
    string? CallbackPath,
    IReadOnlyList<string> Scopes,
    string Demonstrates);

/// <summary>The sandbox's seeded consumers, one for each Bitbucket behaviour worth showing.</summary>
public static class DemoConsumers
{
    /// <summary>Private, with a callback and broad scopes: every grant works.</summary>
    public static SandboxConsumer Private { get; } = new(
        "Demo private consumer", "sandbox-private-key", "sandbox-private-secret", IsPrivate: true, "/oauth-callback",
        ["account", "email", "repository", "pullrequest", "project", "team"],
        "Private, with a callback URL and broad scopes: every grant works.");

    /// <summary>Public: Bitbucket refuses it the client credentials grant.</summary>
    public static SandboxConsumer Public { get; } = new(
        "Demo public consumer", "sandbox-public-key", "sandbox-public-secret", IsPrivate: false, "/oauth-callback",
        ["account", "repository"],
        "Public (not marked private): the client credentials grant is refused, as on Bitbucket.");

    /// <summary>Private but without a callback URL: the authorization code grant is refused.</summary>
    public static SandboxConsumer NoCallback { get; } = new(
        "Demo consumer without callback", "sandbox-nocallback-key", "sandbox-nocallback-secret", IsPrivate: true, CallbackPath: null,
        ["account", "repository"],
        "No callback URL: the authorization code grant is refused; client credentials still work.");

    /// <summary>Private with only the <c>account</c> scope: repository calls get 403.</summary>
    public static SandboxConsumer Narrow { get; } = new(
        "Demo narrow-scope consumer", "sandbox-narrow-key", "sandbox-narrow-secret", IsPrivate: true, "/oauth-callback",
        ["account"],
        "Only the 'account' scope: /user works, repositories answer 403 for the missing scope.");

    /// <summary>All seeded consumers, the private one first.</summary>
    public static IReadOnlyList<SandboxConsumer> All { get; } = [Private, Public, NoCallback, Narrow];

    /// <summary>Finds a consumer by key, or null.</summary>
    public static SandboxConsumer? FindByKey(string? key) => All.FirstOrDefault(c => c.Key == key);
}
