namespace BitbucketBlazor.OAuth;

/// <summary>What the callback ended in: a hand-off waiting for the browser, or a failure to explain.</summary>
/// <param name="HandoffId">The hand-off's id when the code was exchanged, else null.</param>
/// <param name="Failure">What went wrong, else null.</param>
public sealed record CallbackOutcome(string? HandoffId, CallbackFailure? Failure)
{
    /// <summary>A callback that ended with a token waiting in the hand-off store.</summary>
    public static CallbackOutcome Succeeded(string handoffId) => new(handoffId, null);

    /// <summary>A callback that ended in <paramref name="failure"/>.</summary>
    public static CallbackOutcome Failed(CallbackFailure failure) => new(null, failure);
}

/// <summary>What kind of failure a callback ran into.</summary>
public enum CallbackFailureKind
{
    /// <summary>The state was missing, unknown, expired, reused or another browser's.</summary>
    State,

    /// <summary>The user refused on the consent page (<c>error=access_denied</c>).</summary>
    AccessDenied,

    /// <summary>Bitbucket redirected back with another <c>error</c>.</summary>
    AuthorizationError,

    /// <summary>The callback had a valid state but no code.</summary>
    CodeMissing,

    /// <summary>The consumer the state was issued for is no longer available.</summary>
    ConsumerGone,

    /// <summary>The token endpoint refused the code, or could not be reached.</summary>
    ExchangeFailed,

    /// <summary>A shared store was full of other visitors' live entries, so this one was refused.</summary>
    Busy,
}

/// <summary>A failed callback explained: what happened, why, and what to do.</summary>
/// <param name="Kind">The kind of failure.</param>
/// <param name="Title">A short headline.</param>
/// <param name="Cause">What happened and why it matters.</param>
/// <param name="Fix">What to do next.</param>
/// <param name="Details">Facts to show as they are (error codes, descriptions); never a code or token.</param>
/// <param name="ExchangeMade">Whether the token endpoint was called.</param>
public sealed record CallbackFailure(
    CallbackFailureKind Kind,
    string Title,
    string Cause,
    string Fix,
    IReadOnlyList<KeyValuePair<string, string>> Details,
    bool ExchangeMade = false)
{
    private const string StartAgain = "Start the login again from this browser: open /authorize (or the walkthrough's \"Authorize\" button).";

    /// <summary>Explains a refused state.</summary>
    public static CallbackFailure ForState(StateCheckOutcome outcome, bool browserHadNoCookie)
    {
        var (title, cause, fix) = outcome switch
        {
            StateCheckOutcome.Missing => (
                "The callback carries no state",
                "This app always sends a random state on the authorize URL and Bitbucket always sends it back. A callback " +
                "without one did not come from a login this browser started: it may be a forged link trying to log you in " +
                "with someone else's code (cross-site request forgery), so no code was exchanged.",
                StartAgain),
            StateCheckOutcome.OtherBrowser => (
                "This login was started in another browser",
                "The state is one this app issued, but to a different browser (or this browser's cookies were cleared " +
                "since). Accepting it would let someone else's authorization land in your session — exactly the CSRF " +
                "attack the state parameter exists to stop — so no code was exchanged.",
                "Start the login in this browser, and allow cookies for this site."),
            StateCheckOutcome.Expired => (
                "This login took too long",
                $"A state is accepted for {AuthorizationStateStore.Lifetime.TotalMinutes:0} minutes after it was issued; this " +
                "one is older. No code was exchanged.",
                StartAgain),
            StateCheckOutcome.AlreadyUsed => (
                "This callback was already used",
                "Each state is accepted once. This one was spent by an earlier callback — the page was reloaded, the back " +
                "button was used, or the link was replayed. No code was exchanged this time.",
                "If the first attempt worked, your token is on the walkthrough page (/authorization-code). Otherwise " +
                "start the login again."),
            _ => (
                "This state was not issued by this app",
                (browserHadNoCookie ? "This browser sent no session cookie, and the " : "The ") +
                "state does not match any login this app started: it was altered, invented, or issued so long ago (or " +
                "before a restart of the app) that it is forgotten. No code was exchanged.",
                StartAgain),
        };
        return new CallbackFailure(CallbackFailureKind.State, title, cause, fix, [new("state check", Describe(outcome))]);
    }

    /// <summary>Explains an <c>error</c> Bitbucket sent back to the callback.</summary>
    public static CallbackFailure ForAuthorizationError(string error, string? description)
    {
        var details = new List<KeyValuePair<string, string>> { new("error", error) };
        if (description is not null)
        {
            details.Add(new("error_description", description));
        }

        if (error == "access_denied")
        {
            return new CallbackFailure(
                CallbackFailureKind.AccessDenied,
                "Access was not granted",
                "On the consent page the request was cancelled, so Bitbucket sent the browser back with " +
                "error=access_denied instead of a code. There is nothing to exchange: the app gets no access.",
                "To try again, start the login and choose \"Grant access\".",
                details);
        }

        var cause = error switch
        {
            "invalid_request" => "Bitbucket found the authorize request malformed: a parameter is missing, repeated or invalid.",
            "unauthorized_client" => "This consumer may not use the authorization code grant.",
            "unsupported_response_type" => "Bitbucket does not support the response_type that was sent; the app sends response_type=code.",
            "invalid_scope" => "The requested scope is invalid. On Bitbucket the scopes are fixed on the consumer.",
            "server_error" or "temporarily_unavailable" => "Bitbucket had a problem of its own.",
            _ => "Bitbucket refused the authorization request.",
        };
        return new CallbackFailure(
            CallbackFailureKind.AuthorizationError,
            "Bitbucket sent back an error instead of a code",
            cause + " The error and its description below are exactly what came back in the callback URL.",
            "Check the consumer's settings in Bitbucket (callback URL, permissions), then start the login again.",
            details);
    }

    /// <summary>Explains a callback with a valid state but no code.</summary>
    public static CallbackFailure CodeMissing() => new(
        CallbackFailureKind.CodeMissing,
        "The callback carries no code",
        "The state checked out, but there is neither a code nor an error in the callback URL, so there is nothing to " +
        "exchange. The link was probably cut short or edited. The state is now spent.",
        StartAgain,
        []);

    /// <summary>Explains a state whose consumer is no longer available (configuration changed meanwhile).</summary>
    public static CallbackFailure ConsumerGone(string consumerKey) => new(
        CallbackFailureKind.ConsumerGone,
        "The consumer of this login is no longer available",
        "The login was started for consumer " + consumerKey + ", which this app no longer has (its configuration changed).",
        StartAgain,
        []);

    /// <summary>
    /// Explains a login refused because a shared store already holds as many live entries as it
    /// may: nobody else's login is pushed out to make room, so this one has to wait.
    /// </summary>
    /// <param name="what">What could not be kept, e.g. "pending logins".</param>
    /// <param name="waitMinutes">How long, at most, until room frees up.</param>
    public static CallbackFailure Busy(string what, int waitMinutes) => new(
        CallbackFailureKind.Busy,
        "Too many logins are under way right now",
        $"This app keeps a bounded number of {what} for all its visitors, and it is full. It never drops another " +
        "visitor's login to make room, so yours could not start.",
        $"Try again in a minute or two: entries expire within {waitMinutes} minutes. If this keeps happening on a " +
        "hosted demo, someone may be flooding it; the presenter can raise the limit or add instances.",
        []);

    /// <summary>Explains a refused or failed code exchange.</summary>
    public static CallbackFailure ForExchange(TokenResult result)
    {
        var details = new List<KeyValuePair<string, string>>();
        if (result.Exchange?.StatusCode is { } status)
        {
            details.Add(new("HTTP status", $"{status} {result.Exchange.ReasonPhrase}".Trim()));
        }

        if (result.Error is { } error)
        {
            details.Add(new("error", error.Error));
            if (error.ErrorDescription is not null)
            {
                details.Add(new("error_description", error.ErrorDescription));
            }
        }

        if (result.Fault is not null)
        {
            details.Add(new("fault", result.Fault));
        }

        var cause = result.Error?.Error switch
        {
            "invalid_grant" =>
                "The token endpoint refused the code: it has expired (codes live only minutes), was already exchanged " +
                "(each code works once), or the redirect_uri does not match the one on the authorize request.",
            "invalid_client" or "unauthorized_client" =>
                "The token endpoint did not accept the consumer's Key and Secret.",
            "invalid_request" =>
                "The token endpoint found the request incomplete; a consumer without a callback URL gets this too.",
            null => "The token endpoint could not be reached or gave an answer that could not be read.",
            _ => "The token endpoint refused the code.",
        };
        return new CallbackFailure(
            CallbackFailureKind.ExchangeFailed,
            "The code could not be exchanged for a token",
            cause + " It was tried once: a code is single-use, so the app never retries.",
            StartAgain + " A fresh login brings a fresh code.",
            details,
            ExchangeMade: true);
    }

    private static string Describe(StateCheckOutcome outcome) => outcome switch
    {
        StateCheckOutcome.Missing => "missing",
        StateCheckOutcome.OtherBrowser => "issued to another browser",
        StateCheckOutcome.Expired => "expired",
        StateCheckOutcome.AlreadyUsed => "already used",
        StateCheckOutcome.Unknown => "unknown",
        _ => outcome.ToString(),
    };
}
