using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Bitbucket.Facts;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace BitbucketBlazor.OAuth;

/// <summary>One query parameter of the authorize URL, with what it is for.</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="Value">Its value as sent.</param>
/// <param name="Explanation">What it does, in a sentence or two.</param>
public sealed record AuthorizeParameter(string Name, string Value, string Explanation);

/// <summary>The authorize URL as built, and its parameters one by one.</summary>
/// <param name="Url">The full URL the browser is sent to.</param>
/// <param name="Endpoint">The URL without its query.</param>
/// <param name="Parameters">The query parameters in order.</param>
public sealed record AuthorizeRequest(Uri Url, Uri Endpoint, IReadOnlyList<AuthorizeParameter> Parameters);

/// <summary>A consumer, or why none could be chosen.</summary>
/// <param name="Consumer">The consumer, or null.</param>
/// <param name="Problem">Why there is none, or null.</param>
public sealed record ConsumerChoice(ConsumerCredentials? Consumer, string? Problem);

/// <summary>
/// The authorization code grant (RFC 6749 §4.1) as plain steps: which consumer, the authorize URL
/// with a browser-bound <c>state</c>, and the callback — state first, then Bitbucket's error or the
/// single code exchange, then a hand-off to the visitor's interactive session.
/// </summary>
public sealed class AuthorizationCodeFlow(
    BitbucketEndpoints endpoints,
    IOptions<BitbucketOptions> options,
    AuthorizationStateStore states,
    AuthorizationHandoffStore handoffs,
    AuthorizedBrowserStore authorizations,
    ITokenClient tokenClient,
    TimeProvider clock,
    ILogger<AuthorizationCodeFlow> logger)
{
    /// <summary>The grant's name on the token request.</summary>
    public const string Grant = "authorization_code";

    /// <summary>Gets whether the flow runs against the built-in sandbox.</summary>
    public bool IsSandbox => endpoints.IsSandbox;

    /// <summary>Gets the <c>redirect_uri</c> to send (<c>Bitbucket:CallbackUrl</c>), or null to let Bitbucket use the consumer's.</summary>
    public string? ConfiguredRedirectUri =>
        string.IsNullOrWhiteSpace(options.Value.CallbackUrl) ? null : options.Value.CallbackUrl.Trim();

    /// <summary>Gets the consumers a visitor may start the flow with: the configured one, or the sandbox's demo consumers.</summary>
    public IReadOnlyList<ConsumerCredentials> AvailableConsumers => IsSandbox
        ? [.. DemoConsumers.All.Select(ToCredentials)]
        : ResolveConsumer(null).Consumer is { } configured ? [configured] : [];

    /// <summary>
    /// Picks the consumer: in Cloud mode always the configured one; in sandbox mode the demo
    /// consumer with key <paramref name="key"/>, the private one when no key is given.
    /// </summary>
    public ConsumerChoice ResolveConsumer(string? key)
    {
        if (!IsSandbox)
        {
            var o = options.Value;
            return o.HasConsumer
                ? new ConsumerChoice(new ConsumerCredentials(o.ClientId!, o.ClientSecret!, "Configured consumer", ConsumerSource.Configured), null)
                : new ConsumerChoice(null, "No consumer is configured: set Bitbucket:ClientId and Bitbucket:ClientSecret.");
        }

        var demo = string.IsNullOrEmpty(key) ? DemoConsumers.Private : DemoConsumers.FindByKey(key);
        return demo is null
            ? new ConsumerChoice(null, $"The sandbox has no demo consumer with key '{key}'. Known keys: {string.Join(", ", DemoConsumers.All.Select(c => c.Key))}.")
            : new ConsumerChoice(ToCredentials(demo), null);
    }

    /// <summary>Builds the authorize URL for a browser whose page came from <paramref name="appOrigin"/>.</summary>
    /// <param name="appOrigin">The app's origin as the browser sees it; the sandbox's consent page lives there.</param>
    /// <param name="consumer">The consumer asking.</param>
    /// <param name="state">The state, or a placeholder when only previewing.</param>
    /// <param name="redirectUri">The <c>redirect_uri</c> to send, or null for none.</param>
    public AuthorizeRequest BuildAuthorizeRequest(Uri appOrigin, ConsumerCredentials consumer, string state, string? redirectUri)
    {
        var endpoint = endpoints.AuthorizeUrlFor(appOrigin);
        var parameters = new List<AuthorizeParameter>
        {
            new("client_id", consumer.ClientId,
                "The consumer's Key. It tells Bitbucket which app asks; the Secret never goes to the browser."),
            new("response_type", "code",
                "Asks for an authorization code (RFC 6749 §4.1), which the server then exchanges for a token. " +
                "response_type=token (the implicit grant) would put the token in the URL and is not used."),
            new("state", state,
                "A random value this app made for this login only and tied to your browser's cookie. Bitbucket sends it back " +
                "unchanged; the callback refuses any other value, so nobody can slip their own code into your session (CSRF)."),
        };
        if (redirectUri is not null)
        {
            parameters.Add(new("redirect_uri", redirectUri,
                "Where Bitbucket sends the browser back. It must match the consumer's callback URL exactly, " +
                "and the code exchange must repeat it."));
        }

        var url = QueryHelpers.AddQueryString(endpoint.ToString(), parameters.Select(p => new KeyValuePair<string, string?>(p.Name, p.Value)));
        return new AuthorizeRequest(new Uri(url), endpoint, parameters);
    }

    /// <summary>Issues a state bound to <paramref name="browserId"/> and builds the authorize URL around it.</summary>
    public AuthorizeRequest Start(Uri appOrigin, string browserId, ConsumerCredentials consumer)
    {
        var redirectUri = ConfiguredRedirectUri;
        var state = states.Issue(browserId, consumer.ClientId, redirectUri);
        logger.LogInformation("Authorization code flow started for consumer {ConsumerKey}", consumer.ClientId);
        return BuildAuthorizeRequest(appOrigin, consumer, state, redirectUri);
    }

    /// <summary>Gets the browser's current authorization, or null.</summary>
    public BrowserAuthorization? FindAuthorization(string? browserId) => authorizations.Find(browserId);

    /// <summary>
    /// Handles Bitbucket's redirect back: checks <c>state</c> first, then Bitbucket's <c>error</c>,
    /// then exchanges the code once and leaves the result for the browser to claim.
    /// </summary>
    /// <param name="appOrigin">The app's origin as the browser sees it.</param>
    /// <param name="browserId">The browser cookie's id, or null when the browser sent none.</param>
    /// <param name="query">The callback's query string.</param>
    /// <param name="cancellationToken">Cancels the code exchange.</param>
    public async Task<CallbackOutcome> CompleteAsync(Uri appOrigin, string? browserId, IQueryCollection query, CancellationToken cancellationToken)
    {
        var stateCheck = states.Consume(Single(query, "state"), browserId);
        if (!stateCheck.IsValid)
        {
            logger.LogWarning("OAuth callback refused: state check failed ({Outcome})", stateCheck.Outcome);
            return CallbackOutcome.Failed(CallbackFailure.ForState(stateCheck.Outcome, browserId is null));
        }

        var pending = stateCheck.Request!;
        if (Single(query, "error") is { } error)
        {
            logger.LogInformation("OAuth callback carried error {Error} for consumer {ConsumerKey}", error, pending.ConsumerKey);
            return CallbackOutcome.Failed(CallbackFailure.ForAuthorizationError(error, Single(query, "error_description")));
        }

        var code = Single(query, "code");
        if (code is null)
        {
            logger.LogWarning("OAuth callback refused: no code");
            return CallbackOutcome.Failed(CallbackFailure.CodeMissing());
        }

        var consumer = ResolveConsumer(pending.ConsumerKey).Consumer;
        if (consumer is null || consumer.ClientId != pending.ConsumerKey)
        {
            return CallbackOutcome.Failed(CallbackFailure.ConsumerGone(pending.ConsumerKey));
        }

        // Exactly one attempt: the code is single-use, a retry could only fail or burn it.
        var result = await tokenClient.ExchangeCodeAsync(consumer, code, pending.RedirectUri, cancellationToken);
        var exchanges = result.Exchange is null ? Array.Empty<HttpExchange>() : [result.Exchange];
        if (!result.Succeeded)
        {
            logger.LogWarning("Code exchange failed for consumer {ConsumerKey}: {Error}", consumer.ClientId, result.Error?.Error ?? "no answer");
            return CallbackOutcome.Failed(CallbackFailure.ForExchange(result));
        }

        var now = clock.GetUtcNow();
        var facts = new CallbackFacts(
            BuildAuthorizeRequest(appOrigin, consumer, Single(query, "state")!, pending.RedirectUri).Url,
            pending.RedirectUri,
            MaskingPolicy.CodePreview(code),
            code.Length,
            Single(query, "state")!,
            pending.IssuedAt,
            now);
        var handoffId = handoffs.Put(browserId!, new AuthorizationHandoff(consumer, result.Token!, exchanges, facts));
        authorizations.Set(browserId!, new BrowserAuthorization(consumer, result.Token!, Grant, now));
        logger.LogInformation("Code exchanged for a token for consumer {ConsumerKey}", consumer.ClientId);
        return CallbackOutcome.Succeeded(handoffId);
    }

    private static ConsumerCredentials ToCredentials(SandboxConsumer demo) =>
        new(demo.Key, demo.Secret, demo.Name, ConsumerSource.SandboxDemo);

    private static string? Single(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;
}
