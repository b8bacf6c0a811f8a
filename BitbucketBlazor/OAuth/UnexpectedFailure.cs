using System.Security.Cryptography;
using System.Text.RegularExpressions;
using BitbucketBlazor.Bitbucket;

namespace BitbucketBlazor.OAuth;

/// <summary>
/// What the app does with an exception nobody expected: the person sees what failed and what to do, never the
/// exception's own text (it may name internals, or quote a URL with a code in it); the log keeps the whole exception,
/// masked, under a short reference the sentence also gives, so the two can be matched.
/// </summary>
public static partial class UnexpectedFailure
{
    /// <summary>Logs <paramref name="exception"/> masked and returns the sentence to show instead of it.</summary>
    /// <param name="logger">Where the detail goes.</param>
    /// <param name="exception">What was thrown.</param>
    /// <param name="whatFailed">What the person tried, as the start of a sentence: "The token request".</param>
    /// <param name="whatToDo">What the person can do about it: "Send it again.".</param>
    public static string Explain(ILogger logger, Exception exception, string whatFailed, string whatToDo)
    {
        var reference = Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant();
        logger.LogError("{WhatFailed} failed unexpectedly (reference {Reference}): {Detail}", whatFailed, reference, MaskedDetail(exception));
        return $"{whatFailed} failed unexpectedly, before any answer could be shown. {whatToDo} " +
            $"If it keeps happening, the server log has the details under reference {reference}.";
    }

    /// <summary>
    /// The exception's type, message and stack trace with secrets masked as the log masks them: secret form and query
    /// fields, secret JSON properties, and the credential of an <c>Authorization</c> value.
    /// </summary>
    public static string MaskedDetail(Exception exception)
    {
        var text = SecretMasker.MaskForm(exception.ToString());
        text = JsonSecretProperty().Replace(text, m => $"{m.Groups["prefix"].Value}\"{SecretMasker.Mask}\"");
        return Credential().Replace(text, m => $"{m.Groups["scheme"].Value} {SecretMasker.Mask}");
    }

    [GeneratedRegex(@"(?<prefix>""(?:client_secret|code|refresh_token|access_token|password|token)""\s*:\s*)""(?:[^""\\]|\\.)*""", RegexOptions.IgnoreCase)]
    private static partial Regex JsonSecretProperty();

    [GeneratedRegex(@"\b(?<scheme>Basic|Bearer)\s+[A-Za-z0-9\-._~+/=]+", RegexOptions.IgnoreCase)]
    private static partial Regex Credential();
}
