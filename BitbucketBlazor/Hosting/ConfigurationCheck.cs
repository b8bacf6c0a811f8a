using System.ComponentModel.DataAnnotations;
using BitbucketBlazor.Bitbucket;

namespace BitbucketBlazor.Hosting;

/// <summary>
/// Checks the <c>Bitbucket</c> settings before the server starts, so a bad setting ends the
/// process with one plain line per problem instead of a stack trace.
/// </summary>
public static class ConfigurationCheck
{
    /// <summary>
    /// Binds and validates the <c>Bitbucket</c> section; writes each problem to
    /// <paramref name="errors"/> and returns false when there is any.
    /// </summary>
    public static bool HasValidBitbucketSettings(this IConfiguration configuration, TextWriter errors)
    {
        BitbucketOptions options;
        try
        {
            options = configuration.GetSection(BitbucketOptions.SectionName).Get<BitbucketOptions>() ?? new BitbucketOptions();
        }
        catch (InvalidOperationException ex)
        {
            // The binder's message names the key and the value it could not convert.
            errors.WriteLine($"Configuration error: {ex.Message}");
            return false;
        }

        var problems = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), problems, validateAllProperties: true);
        foreach (var problem in problems)
        {
            var message = problem.ErrorMessage ?? "is invalid";
            errors.WriteLine(message.StartsWith("Bitbucket:", StringComparison.Ordinal)
                ? $"Configuration error: {message}"
                : $"Configuration error: Bitbucket:{string.Join(", ", problem.MemberNames)}: {message}");
        }

        return problems.Count == 0;
    }
}
