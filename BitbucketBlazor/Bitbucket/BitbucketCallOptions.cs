using System.ComponentModel.DataAnnotations;

namespace BitbucketBlazor.Bitbucket;

/// <summary>
/// The <c>Bitbucket:Calls</c> configuration section: bounds on the app's own calls to Bitbucket,
/// so one visitor or one faulty upstream cannot use up the server.
/// </summary>
public sealed class BitbucketCallOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Bitbucket:Calls";

    /// <summary>
    /// Gets or sets the largest response body the app reads, in bytes; a larger answer is abandoned
    /// and explained. Defaults to 1 MiB (Bitbucket's pages are a few kilobytes).
    /// </summary>
    [Range(1024, 256 * 1024 * 1024, ErrorMessage = "Bitbucket:Calls:MaxResponseBytes must be between {1} and {2}.")]
    public int MaxResponseBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Gets or sets how many calls to Bitbucket one visitor (one browser tab, or one sign-in
    /// callback) may start per minute; past it the call is not made and the visitor is told why.
    /// Defaults to 60.
    /// </summary>
    [Range(1, 100_000, ErrorMessage = "Bitbucket:Calls:PerVisitorPerMinute must be between {1} and {2}.")]
    public int PerVisitorPerMinute { get; set; } = 60;
}
