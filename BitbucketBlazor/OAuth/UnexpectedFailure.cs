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
    /// The exception's type, message and stack trace masked by <see cref="MaskingPolicy.ForLogs"/>: its secret form and
    /// query fields, its secret JSON-looking properties, and the credential of an <c>Authorization</c> value.
    /// </summary>
    public static string MaskedDetail(Exception exception)
    {
        var policy = MaskingPolicy.ForLogs;
        var text = policy.MaskForm(exception.ToString());
        text = JsonStringProperty().Replace(text, m => MaskingPolicy.IsSecretField(m.Groups["name"].Value)
            ? $"{m.Groups["prefix"].Value}\"{policy.MaskValue(m.Groups["value"].Value)}\""
            : m.Value);
        return Credential().Replace(text, m => policy.MaskHeaderValue("Authorization", m.Value));
    }

    // Free text, not a document: only "name": "value" pairs are recognised; the policy decides which names are secret.
    [GeneratedRegex(@"(?<prefix>""(?<name>[\w-]+)""\s*:\s*)""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex JsonStringProperty();

    [GeneratedRegex(@"\b(?:Basic|Bearer)\s+[A-Za-z0-9\-._~+/=]+", RegexOptions.IgnoreCase)]
    private static partial Regex Credential();
}
