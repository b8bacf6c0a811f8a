using System.ComponentModel.DataAnnotations;

namespace BitbucketBlazor.Bitbucket;

/// <summary>Which Bitbucket the app talks to.</summary>
public enum BitbucketMode
{
    /// <summary>Bitbucket Cloud when a consumer key and secret are configured, the built-in sandbox otherwise.</summary>
    Auto,

    /// <summary>Always the built-in sandbox, even when a consumer is configured.</summary>
    Sandbox,

    /// <summary>Always Bitbucket Cloud; start-up fails without a consumer key and secret.</summary>
    Cloud,
}

/// <summary>
/// The <c>Bitbucket</c> configuration section: the OAuth consumer, the real service's
/// endpoints and the sandbox's settings.
/// </summary>
public sealed class BitbucketOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Bitbucket";

    /// <summary>Gets or sets which Bitbucket to use. Defaults to <see cref="BitbucketMode.Auto"/>.</summary>
    public BitbucketMode Mode { get; set; } = BitbucketMode.Auto;

    /// <summary>Gets or sets the OAuth consumer's Key (the <c>client_id</c>). Empty by default.</summary>
    public string? ClientId { get; set; }

    /// <summary>Gets or sets the OAuth consumer's Secret. Empty by default; keep it in user-secrets or the environment.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// Gets or sets the <c>redirect_uri</c> sent on the authorize request. Optional: when empty,
    /// Bitbucket uses the consumer's callback URL.
    /// </summary>
    public string? CallbackUrl { get; set; }

    /// <summary>Gets or sets the Bitbucket site that serves <c>/site/oauth2/...</c>. Defaults to <c>https://bitbucket.org</c>.</summary>
    [Required]
    public string SiteUrl { get; set; } = "https://bitbucket.org";

    /// <summary>Gets or sets the REST API 2.0 base URL. Defaults to <c>https://api.bitbucket.org/2.0</c>.</summary>
    [Required]
    public string ApiUrl { get; set; } = "https://api.bitbucket.org/2.0";

    /// <summary>Gets or sets how long one HTTP call to Bitbucket may take before it is abandoned. Defaults to 20 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Gets or sets whether visitors may type in a consumer key and secret of their own. Defaults to
    /// true. Switch it off on a public Cloud-mode instance: otherwise anyone can use the server to
    /// send requests with their own credentials to Bitbucket (an open relay).
    /// </summary>
    public bool AllowTypedInConsumers { get; set; } = true;

    /// <summary>Gets or sets the built-in sandbox's settings.</summary>
    public SandboxSettings Sandbox { get; set; } = new();

    /// <summary>Gets whether a consumer key and secret are both configured.</summary>
    public bool HasConsumer => !string.IsNullOrWhiteSpace(ClientId) && !string.IsNullOrWhiteSpace(ClientSecret);

    /// <summary>Gets the mode in force once <see cref="Mode"/> and the configured consumer are taken together.</summary>
    public BitbucketMode EffectiveMode => Mode switch
    {
        BitbucketMode.Auto => HasConsumer ? BitbucketMode.Cloud : BitbucketMode.Sandbox,
        _ => Mode,
    };

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (key, value) in new[] { ("SiteUrl", SiteUrl), ("ApiUrl", ApiUrl) })
        {
            if (!IsHttpUrl(value))
            {
                yield return Invalid(key, $"'{value}' is not an absolute http(s) URL, for example https://bitbucket.org");
            }
        }

        if (!string.IsNullOrWhiteSpace(CallbackUrl) && !IsHttpUrl(CallbackUrl))
        {
            yield return Invalid("CallbackUrl", $"'{CallbackUrl}' is not an absolute http(s) URL, for example http://localhost:5142/oauth-callback");
        }

        var hasId = !string.IsNullOrWhiteSpace(ClientId);
        var hasSecret = !string.IsNullOrWhiteSpace(ClientSecret);
        if (hasId && !hasSecret)
        {
            yield return Invalid("ClientSecret", "is empty but Bitbucket:ClientId is set; set both (dotnet user-secrets set Bitbucket:ClientSecret <secret>) or neither");
        }
        else if (hasSecret && !hasId)
        {
            yield return Invalid("ClientId", "is empty but Bitbucket:ClientSecret is set; set both (dotnet user-secrets set Bitbucket:ClientId <key>) or neither");
        }

        if (Mode == BitbucketMode.Cloud && !HasConsumer)
        {
            yield return Invalid("Mode", "is Cloud but no consumer is configured; set Bitbucket:ClientId and Bitbucket:ClientSecret, or use Mode Auto or Sandbox");
        }

        if (!Sandbox.PathBase.StartsWith('/') || Sandbox.PathBase.Length < 2 || Sandbox.PathBase.EndsWith('/'))
        {
            yield return Invalid("Sandbox:PathBase", $"'{Sandbox.PathBase}' must start with '/' and not end with one, for example /sandbox");
        }

        // Data annotations do not recurse into nested objects, so the sandbox's are checked here.
        var sandboxProblems = new List<ValidationResult>();
        Validator.TryValidateObject(Sandbox, new ValidationContext(Sandbox), sandboxProblems, validateAllProperties: true);
        foreach (var problem in sandboxProblems)
        {
            yield return Invalid($"Sandbox:{problem.MemberNames.FirstOrDefault()}", $"is out of range: {problem.ErrorMessage}");
        }

        if (!string.IsNullOrWhiteSpace(Sandbox.InternalBaseUrl) && !IsHttpUrl(Sandbox.InternalBaseUrl))
        {
            yield return Invalid("Sandbox:InternalBaseUrl", $"'{Sandbox.InternalBaseUrl}' is not an absolute http(s) URL, for example http://127.0.0.1:5142");
        }
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static ValidationResult Invalid(string key, string problem) =>
        new($"Bitbucket:{key} {problem}.", [key]);
}

/// <summary>Settings of the built-in Bitbucket sandbox.</summary>
public sealed class SandboxSettings
{
    /// <summary>Gets or sets the path under which the app serves the sandbox. Defaults to <c>/sandbox</c>.</summary>
    public string PathBase { get; set; } = "/sandbox";

    /// <summary>
    /// Gets or sets the address the app uses to reach its own sandbox over HTTP. Optional: by
    /// default the first HTTP address Kestrel listens on, with a wildcard host read as 127.0.0.1.
    /// </summary>
    public string? InternalBaseUrl { get; set; }

    /// <summary>
    /// Gets or sets the most access tokens the sandbox keeps at once, and separately the most
    /// refresh tokens; when full, expired tokens go first, then the oldest. Defaults to 10,000.
    /// </summary>
    [Range(10, 1_000_000)]
    public int MaxTokens { get; set; } = 10_000;

    /// <summary>
    /// Gets or sets the most authorization codes the sandbox keeps at once, and separately the most
    /// unanswered consent pages; when full, the oldest go. Defaults to 1,000.
    /// </summary>
    [Range(10, 1_000_000)]
    public int MaxAuthorizationCodes { get; set; } = 1_000;

    /// <summary>
    /// Gets or sets how many REST API requests one OAuth consumer may make per rolling hour before
    /// the sandbox answers 429, as Bitbucket does. Defaults to 1,000.
    /// </summary>
    [Range(1, 1_000_000)]
    public int RateLimitPerHour { get; set; } = 1_000;
}
