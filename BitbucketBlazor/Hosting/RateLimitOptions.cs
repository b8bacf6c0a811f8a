using System.ComponentModel.DataAnnotations;

namespace BitbucketBlazor.Hosting;

/// <summary>
/// The <c>RateLimits</c> configuration section: how many requests one client address may make
/// per <see cref="Window"/> to the routes strangers can hammer. Past the limit the answer is 429
/// with <c>Retry-After</c>. A classroom behind one NAT shares one address: size the limits for the
/// room, not for one person.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "RateLimits";

    /// <summary>Gets or sets the window the counts below apply to. Defaults to one minute.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "RateLimits:Window must be between {1} and {2}.")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets how many <c>/authorize</c> requests one address may make per window. Defaults to 60.</summary>
    [Range(1, 1_000_000, ErrorMessage = "RateLimits:AuthorizePerWindow must be between {1} and {2}.")]
    public int AuthorizePerWindow { get; set; } = 60;

    /// <summary>Gets or sets how many <c>/oauth-callback</c> requests one address may make per window. Defaults to 60.</summary>
    [Range(1, 1_000_000, ErrorMessage = "RateLimits:CallbackPerWindow must be between {1} and {2}.")]
    public int CallbackPerWindow { get; set; } = 60;

    /// <summary>
    /// Gets or sets how many requests to the sandbox (<c>/sandbox/…</c>) one address may make per
    /// window. The app's own calls to its sandbox are not counted here: they are limited per
    /// visitor (<c>Bitbucket:Calls:PerVisitorPerMinute</c>). Defaults to 600.
    /// </summary>
    [Range(1, 1_000_000, ErrorMessage = "RateLimits:SandboxPerWindow must be between {1} and {2}.")]
    public int SandboxPerWindow { get; set; } = 600;
}
