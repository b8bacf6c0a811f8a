using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.OAuth;

namespace BitbucketBlazor.Components.Presentation.Har;

/// <summary>
/// Exports one tab's session as HAR: every exchange of its history (token requests, API calls,
/// refreshes) and the browser's own steps of its authorization-code logins, oldest first.
/// Masked with the app's masking policy unless the visitor chose otherwise, which only the
/// sandbox allows: its secrets open nothing outside this app.
/// </summary>
public sealed class SessionHarExporter(BitbucketEndpoints endpoints)
{
    /// <summary>Gets whether an unmasked export may be offered at all (sandbox mode only).</summary>
    public bool AllowsUnmasked => endpoints.IsSandbox;

    /// <summary>Writes the tab's session as a HAR file.</summary>
    /// <param name="state">The tab's state.</param>
    /// <param name="unmasked">True to keep secrets as they were sent; refused unless <see cref="AllowsUnmasked"/>.</param>
    /// <exception cref="InvalidOperationException">An unmasked export was asked for against real Bitbucket.</exception>
    public byte[] Export(TokenState state, bool unmasked)
    {
        if (unmasked && !AllowsUnmasked)
        {
            throw new InvalidOperationException("An unmasked export is only possible against the sandbox: real secrets never leave the server.");
        }

        var exchanges = state.History.Select(e => new HarItem(unmasked ? e : MaskingPolicy.ForDisplay.MaskExchange(e), IsBrowserStep: false));

        // Browser steps were masked when they were recorded: their URLs never held a code in the store.
        var steps = state.BrowserSteps.Select(e => new HarItem(e, IsBrowserStep: true));
        return HarWriter.Write(exchanges.Concat(steps), unmasked
            ? "UNMASKED sandbox session: tokens and secrets are as they were sent. They work only against this app's sandbox."
            : "Secrets masked: tokens, codes and the client secret show at most their first characters.");
    }

    /// <summary>A file name for the export, with the time in it.</summary>
    public static string FileName(DateTimeOffset now, bool unmasked) =>
        $"bitbucketblazor-session-{now:yyyyMMdd-HHmmss}{(unmasked ? "-UNMASKED" : "")}.har";
}
