using System.Text.Json;
using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Bitbucket.Models;
using BitbucketBlazor.OAuth;

namespace BitbucketBlazor.Components.Presentation;

/// <summary>Which lesson an error teaches; tests and the UI's icons key off it.</summary>
public enum ErrorKind
{
    /// <summary>A public consumer asked for the client credentials grant.</summary>
    PublicConsumer,

    /// <summary>The key or secret is wrong, or the consumer does not exist.</summary>
    BadClientCredentials,

    /// <summary>The token request carried no client authentication (no Basic header, or a Bearer one).</summary>
    MissingClientAuthentication,

    /// <summary>The token request's body was not form-urlencoded or had no grant type.</summary>
    UnsupportedGrant,

    /// <summary>The consumer has no callback URL (authorization code grant).</summary>
    NoCallbackUrl,

    /// <summary>An authorization code or refresh token that is unknown, used or expired.</summary>
    InvalidGrant,

    /// <summary>A refresh token Bitbucket does not accept: unknown, revoked, another consumer's, or rotated out.</summary>
    InvalidRefreshToken,

    /// <summary>A refresh token that was used (rotated) longer ago than the grace period.</summary>
    RefreshTokenAlreadyUsed,

    /// <summary>The access token's two hours are over.</summary>
    ExpiredToken,

    /// <summary>The access token is not known (mistyped, revoked, or from another Bitbucket).</summary>
    InvalidToken,

    /// <summary>The token lacks the scope the endpoint needs.</summary>
    MissingScope,

    /// <summary>No such resource, or the token may not see it.</summary>
    NotFound,

    /// <summary>Too many requests in the hour.</summary>
    RateLimited,

    /// <summary>Bitbucket itself failed.</summary>
    ServerError,

    /// <summary>No answer came back: refused connection, DNS, time-out.</summary>
    NetworkFault,

    /// <summary>A success status whose answer could not be used: too large, or not the JSON expected.</summary>
    UnusableAnswer,

    /// <summary>Any other error answer.</summary>
    Other,
}

/// <summary>An error answer explained: what it means, why it happened, what to do.</summary>
/// <param name="Kind">Which lesson this is.</param>
/// <param name="Title">A short headline.</param>
/// <param name="Cause">Why it happened, in plain words.</param>
/// <param name="Fix">What to do about it.</param>
/// <param name="Quote">Bitbucket's own words from the response, if any.</param>
public sealed record ErrorExplanation(ErrorKind Kind, string Title, string Cause, string Fix, string? Quote);

/// <summary>
/// Turns the token endpoint's and the REST API's error answers into explanations. Errors are
/// part of the lesson: each names its cause and the fix, next to the raw response.
/// </summary>
public static class ErrorExplainer
{
    /// <summary>Explains a failed token request, or returns null when it succeeded.</summary>
    public static ErrorExplanation? ForToken(TokenResult result)
    {
        if (result.Succeeded)
        {
            return null;
        }

        if (result.Fault is not null && result.Error is null && result.Exchange?.StatusCode is null)
        {
            return Network(result.Fault);
        }

        var error = result.Error?.Error;
        var description = result.Error?.ErrorDescription;
        var quote = error is null ? result.Fault : $"{error}: {description}".TrimEnd(' ', ':');
        var status = result.Exchange?.StatusCode;

        if (error == "invalid_grant" && Contains(description, "public"))
        {
            return new(ErrorKind.PublicConsumer, "This consumer is public",
                "Bitbucket gives the client credentials grant only to private consumers: a public consumer's secret may live in a place anyone can read, such as a mobile app, so it cannot vouch for the client on its own.",
                "In Bitbucket, open the workspace settings, OAuth consumers, edit this consumer and tick \"This is a private consumer\". Then send the token request again.",
                quote);
        }

        if (error == "invalid_grant" && Contains(description, "Unsupported grant type"))
        {
            return new(ErrorKind.UnsupportedGrant, "Bitbucket did not find a grant type",
                "The token request must be a form (application/x-www-form-urlencoded) with grant_type in it. A JSON body, or a form without grant_type, reads as no grant at all.",
                "Send grant_type=client_credentials as a form field, with the Content-Type application/x-www-form-urlencoded.",
                quote);
        }

        // Bitbucket answers both with unauthorized_client; only the message tells them apart.
        if (error == "unauthorized_client" && Contains(description, "must be authenticated"))
        {
            return new(ErrorKind.MissingClientAuthentication, "The token request did not authenticate the consumer",
                "Bitbucket's token endpoint wants the consumer's key and secret on every request, as HTTP Basic (Authorization: Basic base64(key:secret)) or as client_id and client_secret form fields. This request had neither; an Authorization: Bearer header does not count, and some clients send nothing until challenged.",
                "Send Authorization: Basic with base64(key:secret) on the token request (curl -u key:secret; in C#, Duende.IdentityModel's ClientId and ClientSecret), then send it again.",
                quote);
        }

        if (error is "invalid_client" or "unauthorized_client" || status == 401)
        {
            return new(ErrorKind.BadClientCredentials, "Bitbucket did not accept the consumer's key and secret",
                "The Basic Authorization header carries base64(key:secret). Either the key names no consumer, or the secret is not that consumer's (for example it was regenerated, or copied with a stray space).",
                "Copy the Key and Secret again from the consumer's page in Bitbucket (workspace settings, OAuth consumers) and choose the consumer again.",
                quote);
        }

        if (error == "invalid_request" && Contains(description, "callback"))
        {
            return new(ErrorKind.NoCallbackUrl, "The consumer has no callback URL",
                "The authorization code grant sends the browser back to the consumer's callback URL; without one Bitbucket has nowhere to send the code.",
                "Edit the consumer in Bitbucket and fill in its Callback URL (this app's /oauth-callback).",
                quote);
        }

        if (error is "invalid_request" or "invalid_grant" && (Contains(description, "refresh_token") || Contains(description, "refresh token")))
        {
            return new(ErrorKind.InvalidRefreshToken, "Bitbucket did not accept the refresh token",
                "The refresh token is unknown, was revoked, belongs to another consumer, or was already used: Bitbucket now rotates refresh tokens, so every refresh answers a new one and the one just used stops working about 10 minutes later. A client that kept its first refresh token fails exactly like this.",
                "Store the refresh_token of every refresh answer in place of the old one, and refresh with the newest. If it is lost, get a new token the way you got the first (client credentials again, or the authorization code flow with the user's consent).",
                quote);
        }

        if (error == "invalid_grant")
        {
            return new(ErrorKind.InvalidGrant, "The grant was refused",
                "The authorization code or refresh token is unknown, was already used, expired, or belongs to another consumer. Codes are single-use and short-lived.",
                "Start the flow again to get a fresh code (or a new token), and exchange it once, straight away.",
                quote);
        }

        if (status is >= 200 and < 300 && result.Fault is { } unusable)
        {
            return Unusable(status.Value, unusable);
        }

        return status is { } code ? ForStatus(code, result.Exchange, quote) : Network(result.Fault ?? "No response came back.");
    }

    /// <summary>
    /// Explains a refresh that was sent with a refresh token the visitor knows was already used once (the old one
    /// of a rotation), or returns null when it succeeded (still inside the grace period).
    /// </summary>
    public static ErrorExplanation? ForUsedRefreshToken(TokenResult result, TimeSpan gracePeriod) =>
        ForToken(result) is not { Kind: ErrorKind.InvalidRefreshToken } explanation
            ? ForToken(result)
            : explanation with
            {
                Kind = ErrorKind.RefreshTokenAlreadyUsed,
                Title = "This refresh token was already used",
                Cause = $"Bitbucket rotates refresh tokens: the refresh that used this one answered a new refresh token, and this one kept working only for a grace period ({Describe(gracePeriod)}) after its first use. That period is over, so Bitbucket answers as if it had never existed.",
                Fix = "Refresh with the newest refresh token, the one that came back with the last refresh, and always store the refresh_token of each answer in place of the old one.",
            };

    /// <summary>Explains a failed REST API call, or returns null when it succeeded.</summary>
    public static ErrorExplanation? ForApi<T>(ApiCallResult<T> result)
        where T : class => result.Succeeded ? null : ForApi(result.Exchange, result.Error, result.Fault);

    /// <summary>Explains a failed REST API call from its exchange, Bitbucket's error body and any fault.</summary>
    public static ErrorExplanation ForApi(HttpExchange? exchange, BitbucketErrorResponse? error, string? fault)
    {
        if (exchange?.StatusCode is not { } status)
        {
            return Network(fault ?? exchange?.Fault ?? "No response came back.");
        }

        if (exchange.IsSuccess && fault is not null)
        {
            return Unusable(status, fault);
        }

        var message = error?.Error?.Message;
        var detail = error?.Error?.Detail is { ValueKind: JsonValueKind.String } d ? d.GetString() : null;
        var quote = message is null ? null : detail is null ? message : $"{message} {detail}";

        if (status == 401 && (Contains(message, "expired") || Contains(exchange.ResponseHeader("WWW-Authenticate"), "expired")))
        {
            return new(ErrorKind.ExpiredToken, "The access token has expired",
                "Access tokens live for two hours (expires_in). After that Bitbucket answers 401 to every call made with it.",
                "Get a new token: send the token request again (client credentials), or use the refresh token if one came back (authorization code).",
                quote);
        }

        if (status == 401)
        {
            return new(ErrorKind.InvalidToken, "Bitbucket did not accept the access token",
                "The bearer token is unknown to Bitbucket: mistyped, cut short, revoked, or issued by another Bitbucket (the sandbox's tokens open nothing on bitbucket.org).",
                "Get a new token from the token endpoint and send it as Authorization: Bearer <token>.",
                quote);
        }

        if (status == 403)
        {
            // Bitbucket says both sides in headers; without them the cause stays general.
            var needs = exchange.ResponseHeader(ScopeHeaders.Accepted) is { } accepted && exchange.ResponseHeader(ScopeHeaders.Granted) is { } granted
                ? $"This endpoint needs {accepted}; the token has {granted} (Bitbucket's {ScopeHeaders.Accepted} and {ScopeHeaders.Granted} headers)."
                : "This endpoint needs one the token does not have (for example repository for repositories, pullrequest for pull requests).";
            return new(ErrorKind.MissingScope, "The token lacks a scope this endpoint needs",
                "Scopes are fixed on the consumer, and a token carries the scopes the consumer had when the token was issued. " + needs,
                "Tick the missing scope on the consumer in Bitbucket, then get a new token: the old one keeps its old scopes.",
                quote);
        }

        return ForStatus(status, exchange, quote);
    }

    private static ErrorExplanation ForStatus(int status, HttpExchange? exchange, string? quote) => status switch
    {
        404 => new(ErrorKind.NotFound, "Not found",
            "Nothing lives at this URL, or it exists but the token may not see it (Bitbucket answers 404 rather than say a private repository exists).",
            "Check the workspace and repository slugs (lower case, as in the repository's URL) and that the consumer's owner can see them.",
            quote),
        429 => new(ErrorKind.RateLimited, "Rate limit reached",
            "Bitbucket allows about 1,000 API calls an hour for an OAuth consumer; this one has used them up.",
            exchange?.ResponseHeader("Retry-After") is { } wait
                ? $"Wait {wait} seconds (the Retry-After header) and try again; cache answers and follow next links instead of re-reading pages."
                : "Wait a while and try again; cache answers and follow next links instead of re-reading pages.",
            quote),
        >= 500 => new(ErrorKind.ServerError, $"Bitbucket failed ({status})",
            "The error is on Bitbucket's side, not in the request.",
            "Try again in a moment; check status.atlassian.com if it persists.",
            quote),
        _ => new(ErrorKind.Other, $"Bitbucket answered {status}",
            "The request was not accepted; the response below says why.",
            "Read the response body, correct the request and send it again.",
            quote),
    };

    // The request was fine and an answer came back; the answer is the problem, and the fault says which.
    private static ErrorExplanation Unusable(int status, string fault) => new(ErrorKind.UnusableAnswer,
        $"Bitbucket answered {status}, but the answer could not be used",
        $"The request went through, but the answer could not be read: {fault}",
        "Nothing in the request needs changing. Check that the Bitbucket URLs in configuration point at Bitbucket; if the answer is only too large, ask for less (a smaller pagelen) or raise the limit named above.",
        Quote: null);

    private static ErrorExplanation Network(string fault) => new(ErrorKind.NetworkFault, "No answer came back",
        "The request never got a response: the server could not be reached, refused the connection, or took too long.",
        "Check the network and the Bitbucket URLs in configuration, then try again.",
        fault);

    /// <summary>Says a span in words, for example <c>10 minutes</c> or <c>90 seconds</c>.</summary>
    public static string Describe(TimeSpan span) =>
        span.TotalMinutes >= 1 && span.Seconds == 0 ? $"{span.TotalMinutes:0} minute{(span.TotalMinutes == 1 ? "" : "s")}" : $"{span.TotalSeconds:0} seconds";

    private static bool Contains(string? text, string value) =>
        text?.Contains(value, StringComparison.OrdinalIgnoreCase) == true;
}
