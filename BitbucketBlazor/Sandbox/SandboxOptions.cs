using System.ComponentModel.DataAnnotations;

namespace BitbucketBlazor.Sandbox;

/// <summary>
/// The <c>Bitbucket:Sandbox</c> configuration section: the built-in sandbox's settings. They
/// belong to the sandbox; the client side learns only where the sandbox is, from the host.
/// </summary>
public sealed class SandboxOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Bitbucket:Sandbox";

    /// <summary>Gets or sets the path under which the app serves the sandbox. Defaults to <c>/sandbox</c>.</summary>
    public string PathBase { get; set; } = "/sandbox";

    /// <summary>
    /// Gets or sets the address the app uses to reach its own sandbox over HTTP. Optional: by
    /// default the first HTTP address Kestrel listens on, with a wildcard host read as 127.0.0.1.
    /// </summary>
    public string? InternalBaseUrl { get; set; }

    /// <summary>
    /// Gets or sets the most live access tokens, and separately refresh tokens, the sandbox keeps
    /// for direct callers, and again for the app's own calls (<see cref="SandboxTokenRoom"/>); when a
    /// part is full the newcomer is refused, no live token is dropped. Defaults to 10,000.
    /// </summary>
    [Range(10, 1_000_000, ErrorMessage = OutOfRange)]
    public int MaxTokens { get; set; } = 10_000;

    /// <summary>
    /// Gets or sets the most authorization codes the sandbox keeps at once, and separately the most
    /// unanswered consent pages; when full, the oldest go. Defaults to 1,000.
    /// </summary>
    [Range(10, 1_000_000, ErrorMessage = OutOfRange)]
    public int MaxAuthorizationCodes { get; set; } = 1_000;

    /// <summary>
    /// Gets or sets how many REST API requests one OAuth consumer may make per rolling hour before
    /// the sandbox answers 429, as Bitbucket does. Defaults to 1,000.
    /// </summary>
    [Range(1, 1_000_000, ErrorMessage = OutOfRange)]
    public int RateLimitPerHour { get; set; } = 1_000;

    /// <summary>
    /// Gets or sets how long a sandbox access token lives (<c>expires_in</c>). Bitbucket's is two hours;
    /// a presenter or a test sets a short one to show expiry and refresh. Defaults to 2 hours.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = OutOfRange)]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// Gets or sets whether a refresh answers a new refresh token and retires the used one, as Bitbucket
    /// Cloud now does, or keeps the old never-expiring refresh token. Defaults to <see cref="SandboxRefreshTokenRotation.Rotating"/>.
    /// </summary>
    public SandboxRefreshTokenRotation RefreshTokenRotation { get; set; } = SandboxRefreshTokenRotation.Rotating;

    /// <summary>
    /// Gets or sets how long a rotated refresh token keeps working after its first use (about ten
    /// minutes on Bitbucket); after it the token is refused. Defaults to 10 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = OutOfRange)]
    public TimeSpan RefreshTokenGracePeriod { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Gets or sets whether the sandbox issues Bitbucket-length tokens (over 2,500 characters, like
    /// Bitbucket's new tokens) instead of short ones. Defaults to false.
    /// </summary>
    public bool LongTokens { get; set; }

    // {0} is the property's name; the message names the full configuration key, as every other one does.
    private const string OutOfRange = $"{SectionName}:{{0}} is out of range: it must be between {{1}} and {{2}}.";

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!PathBase.StartsWith('/') || PathBase.Length < 2 || PathBase.EndsWith('/'))
        {
            yield return Invalid(nameof(PathBase), $"'{PathBase}' must start with '/' and not end with one, for example /sandbox");
        }

        if (!string.IsNullOrWhiteSpace(InternalBaseUrl) && !IsHttpUrl(InternalBaseUrl))
        {
            yield return Invalid(nameof(InternalBaseUrl), $"'{InternalBaseUrl}' is not an absolute http(s) URL, for example http://127.0.0.1:5142");
        }
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static ValidationResult Invalid(string key, string problem) =>
        new($"{SectionName}:{key} {problem}.", [key]);
}
