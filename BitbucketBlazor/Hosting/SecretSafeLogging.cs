namespace BitbucketBlazor.Hosting;

/// <summary>Keeps OAuth codes out of ASP.NET Core's own log lines, whatever the configured levels.</summary>
public static class SecretSafeLogging
{
    // These categories write full request and redirect URLs at Information level. OAuth puts the
    // authorization code in the callback's query string (Bitbucket's doing, not ours), so at
    // Information or below they would log it. Warnings and errors still come through.
    private static readonly string[] s_urlLoggingCategories =
    [
        "Microsoft.AspNetCore.Hosting.Diagnostics",
        "Microsoft.AspNetCore.Http.Result.RedirectResult",
        "Microsoft.AspNetCore.Http.Result.RedirectHttpResult",
        "Microsoft.AspNetCore.HttpLogging",
    ];

    /// <summary>Raises the categories that log request and redirect URLs to Warning.</summary>
    public static IHostApplicationBuilder AddSecretSafeLogging(this IHostApplicationBuilder builder)
    {
        foreach (var category in s_urlLoggingCategories)
        {
            builder.Logging.AddFilter(category, LogLevel.Warning);
        }

        return builder;
    }
}
