using System.Text.Json;
using BitbucketBlazor.Bitbucket.Facts;
using Refit;

namespace BitbucketBlazor.Bitbucket;

/// <summary>What one call brought back: its recorded exchanges and either the response or a fault.</summary>
/// <typeparam name="TResponse">The response type; the caller disposes it.</typeparam>
/// <param name="Exchanges">The exchanges, the faulted one marked with the fault.</param>
/// <param name="Response">The response, or null after a fault.</param>
/// <param name="Fault">One plain sentence on what went wrong on the way, or null.</param>
internal sealed record CallOutcome<TResponse>(IReadOnlyList<HttpExchange> Exchanges, TResponse? Response, string? Fault)
    where TResponse : class, IDisposable
{
    /// <summary>Gets the last exchange, the one whose answer (or fault) counts.</summary>
    public HttpExchange? LastExchange => Exchanges.Count > 0 ? Exchanges[^1] : null;
}

/// <summary>
/// The plumbing every call to Bitbucket shares, the token client's and the REST client's alike:
/// capture the exchanges, turn a network fault into a sentence, read Bitbucket's error body.
/// </summary>
internal static class BitbucketCall
{
    /// <summary>
    /// Sends one call with its exchanges captured. A network fault (refused, DNS, time-out, an open
    /// circuit) comes back as <see cref="CallOutcome{TResponse}.Fault"/>; the caller's own
    /// cancellation is not a fault and ends the call with <see cref="OperationCanceledException"/>.
    /// </summary>
    /// <param name="send">The call.</param>
    /// <param name="url">The URL called, for the fault sentence (only its origin is shown).</param>
    /// <param name="timeout">The time limit in force, for the fault sentence.</param>
    /// <param name="cancellationToken">The caller's cancellation.</param>
    public static async Task<CallOutcome<TResponse>> SendAsync<TResponse>(
        Func<CancellationToken, Task<TResponse>> send, Uri url, TimeSpan timeout, CancellationToken cancellationToken)
        where TResponse : class, IDisposable
    {
        using var capture = ExchangeCapture.Start();
        TResponse response;
        try
        {
            response = await send(cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && IsNetworkFault(exception))
        {
            return Faulted<TResponse>(capture, exception, url, timeout);
        }

        // Refit reports a request that got no answer in the response instead of throwing.
        if (response is IApiResponse { Error: ApiRequestException requestError })
        {
            response.Dispose();
            cancellationToken.ThrowIfCancellationRequested();
            return Faulted<TResponse>(capture, requestError, url, timeout);
        }

        return new CallOutcome<TResponse>(capture.Exchanges, response, null);
    }

    /// <summary>Reads an error body as <typeparamref name="TError"/> when it is one, else null.</summary>
    /// <param name="body">The response body, JSON or not.</param>
    /// <param name="isError">Whether what parsed is really an error of that shape (its required fields are set).</param>
    public static TError? TryParseError<TError>(string? body, Func<TError, bool> isError)
        where TError : class
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            var error = JsonSerializer.Deserialize<TError>(body, BitbucketJson.Options);
            return error is not null && isError(error) ? error : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsNetworkFault(Exception exception) =>
        exception is HttpRequestException or OperationCanceledException or ApiRequestException or Polly.ExecutionRejectedException;

    private static CallOutcome<TResponse> Faulted<TResponse>(ExchangeCapture capture, Exception exception, Uri url, TimeSpan timeout)
        where TResponse : class, IDisposable
    {
        var fault = HttpFaults.Describe(exception, url, timeout);
        var exchanges = capture.Exchanges.ToList();
        if (exchanges.Count > 0 && exchanges[^1].StatusCode is null)
        {
            exchanges[^1] = exchanges[^1] with { Fault = fault };
        }

        return new CallOutcome<TResponse>(exchanges, null, fault);
    }
}
