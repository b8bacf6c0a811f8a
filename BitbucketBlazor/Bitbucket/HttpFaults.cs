using System.Net.Sockets;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace BitbucketBlazor.Bitbucket;

/// <summary>
/// Turns what went wrong on the way to Bitbucket into one plain sentence: what happened and
/// what to do about it. Never includes a header, a body or a query string.
/// </summary>
internal static class HttpFaults
{
    /// <summary>Describes an exception thrown while calling <paramref name="url"/>.</summary>
    /// <param name="exception">What the HTTP pipeline threw.</param>
    /// <param name="url">The URL called; only its scheme, host and port are shown.</param>
    /// <param name="timeout">The time limit in force, for the time-out sentence.</param>
    public static string Describe(Exception exception, Uri url, TimeSpan timeout)
    {
        var where = Origin(url);
        var root = Unwrap(exception);
        return root switch
        {
            TimeoutRejectedException or TimeoutException or TaskCanceledException or OperationCanceledException =>
                $"No answer from {where} within {timeout.TotalSeconds:0.#} s, so the request was abandoned. " +
                "The server may be slow or unreachable: try again, or raise Bitbucket:RequestTimeout.",
            BrokenCircuitException =>
                $"Calls to {where} are paused for a few seconds after a run of failures. Try again shortly.",
            HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } =>
                $"The host name '{url.Host}' could not be found (DNS lookup failed). " +
                "Check the URL in Bitbucket:SiteUrl / Bitbucket:ApiUrl and this machine's network connection.",
            HttpRequestException http when FindSocketError(http) is SocketError.ConnectionRefused =>
                $"The connection to {where} was refused: nothing is listening there. " +
                "Check the URL and port in Bitbucket:SiteUrl / Bitbucket:ApiUrl (or Bitbucket:Sandbox:InternalBaseUrl), and that the server is running.",
            HttpRequestException http when FindSocketError(http) is SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain =>
                $"The host name '{url.Host}' could not be found (DNS lookup failed). " +
                "Check the URL in Bitbucket:SiteUrl / Bitbucket:ApiUrl and this machine's network connection.",
            HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } =>
                $"Could not connect to {where}. Check the URL, the network connection and any proxy or firewall.",
            HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } =>
                $"The TLS handshake with {where} failed: the certificate may be untrusted or the URL may use https for a plain-http server.",
            HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse } =>
                $"{where} closed the connection or sent something that is not a valid HTTP answer. Check that the URL points at Bitbucket.",
            // The exception's own text stays in the log (the exchange recorder writes it, masked): it can quote internals.
            _ => $"The request to {where} failed before an answer came back. Check the URL, the network and any proxy, then try again.",
        };
    }

    /// <summary>Describes an answer that came back but is not what the call expects.</summary>
    public static string UnexpectedAnswer(HttpExchange? exchange, string expected)
    {
        if (exchange?.StatusCode is not { } status)
        {
            return $"No usable answer came back; {expected} was expected.";
        }

        var contentType = exchange.ResponseHeader("Content-Type") ?? "no Content-Type";
        var body = string.IsNullOrWhiteSpace(exchange.ResponseBody) ? "an empty body" : $"a body of type {contentType}";
        var hint = status switch
        {
            >= 500 => " The server or a proxy in front of it is failing; try again later.",
            >= 200 and < 300 => " Check that the URL points at Bitbucket and not at another site.",
            _ => "",
        };
        return $"{Origin(exchange.Url)} answered {status} {exchange.ReasonPhrase} with {body} where {expected} was expected.{hint}";
    }

    /// <summary>Gets <c>scheme://host:port</c> of a URL, the only part a fault message shows.</summary>
    public static string Origin(Uri url) => url.IsAbsoluteUri ? url.GetLeftPart(UriPartial.Authority) : "the server";

    private static Exception Unwrap(Exception exception)
    {
        // Refit wraps transport failures; the resilience pipeline may wrap time-outs.
        var current = exception;
        while (current is Refit.ApiRequestException or AggregateException && current.InnerException is not null)
        {
            current = current.InnerException;
        }

        if (current is TaskCanceledException { InnerException: TimeoutException timeout })
        {
            return timeout;
        }

        return current;
    }

    private static SocketError? FindSocketError(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SocketException socket)
            {
                return socket.SocketErrorCode;
            }
        }

        return null;
    }
}
