using System.ComponentModel.DataAnnotations;
using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Sandbox;

namespace BitbucketBlazor.Hosting;

/// <summary>
/// Checks the <c>Bitbucket</c> settings (the client's and the sandbox's) before the server starts,
/// so a bad setting ends the process with one plain line per problem instead of a stack trace.
/// </summary>
public static class ConfigurationCheck
{
    /// <summary>
    /// Binds and validates the <c>Bitbucket</c> and <c>Bitbucket:Sandbox</c> sections; writes each
    /// problem to <paramref name="errors"/> and returns false when there is any.
    /// </summary>
    public static bool HasValidBitbucketSettings(this IConfiguration configuration, TextWriter errors)
    {
        // Both sections are checked whatever the first says, so one run names every problem.
        var clientValid = IsValid<BitbucketOptions>(configuration, BitbucketOptions.SectionName, errors);
        var sandboxValid = IsValid<SandboxOptions>(configuration, SandboxOptions.SectionName, errors);
        return clientValid && sandboxValid;
    }

    private static bool IsValid<TOptions>(IConfiguration configuration, string sectionName, TextWriter errors)
        where TOptions : class, new()
    {
        TOptions options;
        try
        {
            options = configuration.GetSection(sectionName).Get<TOptions>() ?? new TOptions();
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
                : $"Configuration error: {sectionName}:{string.Join(", ", problem.MemberNames)}: {message}");
        }

        return problems.Count == 0;
    }
}
