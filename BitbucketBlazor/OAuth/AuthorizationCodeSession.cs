using BitbucketBlazor.Bitbucket;

namespace BitbucketBlazor.OAuth;

/// <summary>
/// What one circuit (browser tab) knows about its authorization code login beyond the token
/// itself: which browser it runs in, and the last callback's facts for the walkthrough to show.
/// Scoped per circuit, like <see cref="TokenState"/>.
/// </summary>
public sealed class AuthorizationCodeSession
{
    /// <summary>Gets or sets the browser cookie's id, carried in from prerendering; null when unknown.</summary>
    public string? BrowserId { get; set; }

    /// <summary>Gets the last callback's facts, or null.</summary>
    public CallbackFacts? Callback { get; private set; }

    /// <summary>Gets the code exchange as it went over the wire, or null.</summary>
    public HttpExchange? CodeExchange { get; private set; }

    /// <summary>Gets whether the token was restored from the browser's earlier authorization rather than a fresh callback.</summary>
    public bool Restored { get; private set; }

    /// <summary>Remembers a fresh callback's hand-off.</summary>
    public void Received(AuthorizationHandoff handoff)
    {
        Callback = handoff.Callback;
        CodeExchange = handoff.Exchanges.Count > 0 ? handoff.Exchanges[^1] : null;
        Restored = false;
    }

    /// <summary>Notes that the token came from the browser's earlier authorization.</summary>
    public void RestoredFromEarlierLogin() => Restored = true;

    /// <summary>Gets whether this circuit resumed a saved walkthrough (see <see cref="WalkthroughStore"/>).</summary>
    public bool Resumed { get; private set; }

    /// <summary>Takes over a saved walkthrough's callback facts (see <see cref="WalkthroughStore"/>).</summary>
    public void Restore(WalkthroughSnapshot snapshot)
    {
        Resumed = true;
        Callback = snapshot.Callback;
        CodeExchange = snapshot.CodeExchange;
        Restored = snapshot.RestoredLogin;
    }

    /// <summary>Forgets the callback's facts (for a new login).</summary>
    public void Clear()
    {
        Callback = null;
        CodeExchange = null;
        Restored = false;
    }
}
