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
/// The <c>Bitbucket</c> configuration section: the OAuth consumer and the real service's
/// endpoints. The sandbox's settings (<c>Bitbucket:Sandbox</c>) belong to the sandbox.
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
    }

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static ValidationResult Invalid(string key, string problem) =>
        new($"Bitbucket:{key} {problem}.", [key]);
}
