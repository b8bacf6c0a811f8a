using System.Net.Http.Headers;
using System.Text;

namespace BitbucketBlazor.Bitbucket;

/// <summary>Attaches the handler that records and logs every HTTP attempt to Bitbucket.</summary>
public static class ExchangeRecordingExtensions
{
    /// <summary>The logger category of the exchange log lines.</summary>
    public const string LogCategory = "BitbucketBlazor.Bitbucket.Http";

    /// <summary>
    /// Records each attempt as an <see cref="HttpExchange"/> into <see cref="ExchangeCapture.Current"/>
    /// and logs it with secrets masked. Add it last, so it is the innermost handler and sees every
    /// retry as its own exchange.
    /// </summary>
    /// <param name="builder">The client.</param>
    /// <param name="sharedBodies">Where large response bodies are shared between circuits (the REST client's; never the
    /// token endpoint's, whose bodies carry tokens), or null to keep each as decoded.</param>
    public static IHttpClientBuilder AddExchangeRecording(this IHttpClientBuilder builder, SharedResponseBodies? sharedBodies = null) =>
        builder.AddHttpMessageHandler(sp => new ExchangeRecordingHandler(
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory),
            sp.GetService<Microsoft.Extensions.Options.IOptions<BitbucketCallOptions>>()?.Value.MaxResponseBytes ?? new BitbucketCallOptions().MaxResponseBytes,
            sharedBodies));

    /// <summary>
    /// Builds the exchange of one attempt and re-buffers the response so the caller can still
    /// read it. Never reads per-visitor services: it runs outside the circuit's DI scope, and
    /// the <see cref="ExchangeCapture"/> of the calling flow arrives through an AsyncLocal.
    /// </summary>
    private sealed class ExchangeRecordingHandler(TimeProvider time, ILogger logger, int maxResponseBytes, SharedResponseBodies? sharedBodies) : DelegatingHandler
    {
        // A larger body is cut: the UI shows it to a person, and a log must stay readable.
        private const int MaxRecordedBodyChars = 256 * 1024;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var url = request.RequestUri!;
            var requestHeaders = Headers(request.Headers, request.Content?.Headers);
            string? requestBody = null;
            if (request.Content is not null)
            {
                // Buffered first, so reading it here leaves it readable for the send (and for a retry).
                await request.Content.LoadIntoBufferAsync(cancellationToken);
                requestBody = Truncate(await request.Content.ReadAsStringAsync(cancellationToken));
            }

            var startedAt = time.GetUtcNow();
            var started = time.GetTimestamp();

            HttpResponseMessage? response = null;
            string? responseBody;
            try
            {
                response = await base.SendAsync(request, cancellationToken);
                var bytes = await CappedBody.ReadAsync(response.Content, maxResponseBytes, url, cancellationToken);
                responseBody = bytes.Length == 0 ? null : Truncate(Decode(bytes, response.Content.Headers.ContentType));
                responseBody = sharedBodies is null ? responseBody : sharedBodies.Share(responseBody);
                Rebuffer(response, bytes);
            }
            catch (ResponseTooLargeException tooLarge)
            {
                // The status and headers came; the body is what was refused. Disposing the response
                // closes the connection instead of draining the rest of the body.
                Record(new HttpExchange(request.Method.Method, url, requestHeaders, requestBody, startedAt, time.GetElapsedTime(started),
                    (int)response!.StatusCode, response.ReasonPhrase, Headers(response.Headers, response.Content.Headers), null, tooLarge.Message));
                response.Dispose();
                throw;
            }
            catch (Exception exception)
            {
                response?.Dispose();
                var duration = time.GetElapsedTime(started);
                logger.LogWarning("Bitbucket {Method} {Url} threw: {Detail}", request.Method.Method, MaskingPolicy.ForLogs.MaskUrl(url), MaskingPolicy.ForLogs.MaskForm(exception.ToString()));
                var fault = exception is OperationCanceledException
                    ? $"Abandoned after {duration.TotalSeconds:0.0} s with no complete answer (time-out or cancellation)."
                    : HttpFaults.Describe(exception, url, duration);
                Record(new HttpExchange(request.Method.Method, url, requestHeaders, requestBody, startedAt, duration, null, null, [], null, fault));
                throw;
            }

            Record(new HttpExchange(
                request.Method.Method,
                url,
                requestHeaders,
                requestBody,
                startedAt,
                time.GetElapsedTime(started),
                (int)response.StatusCode,
                response.ReasonPhrase,
                Headers(response.Headers, response.Content.Headers),
                responseBody,
                null));
            return response;
        }

        private void Record(HttpExchange exchange)
        {
            ExchangeCapture.Current?.Add(exchange);
            Log(exchange);
        }

        private void Log(HttpExchange exchange)
        {
            var url = MaskingPolicy.ForLogs.MaskUrl(exchange.Url);
            var ms = (long)exchange.Duration.TotalMilliseconds;
            if (exchange.Fault is not null)
            {
                logger.LogWarning("Bitbucket {Method} {Url} failed after {ElapsedMs} ms: {Fault}", exchange.Method, url, ms, exchange.Fault);
            }
            else
            {
                logger.LogInformation(
                    "Bitbucket {Method} {Url} answered {StatusCode} {ReasonPhrase} in {ElapsedMs} ms",
                    exchange.Method, url, exchange.StatusCode, exchange.ReasonPhrase, ms);
            }

            if (logger.IsEnabled(LogLevel.Debug))
            {
                var masked = MaskingPolicy.ForLogs.MaskExchange(exchange);
                logger.LogDebug(
                    "Bitbucket {Method} {Url} request headers: {RequestHeaders}; request body: {RequestBody}; response headers: {ResponseHeaders}; response body: {ResponseBody}",
                    masked.Method,
                    masked.Url,
                    Format(masked.RequestHeaders),
                    masked.RequestBody ?? "(none)",
                    Format(masked.ResponseHeaders),
                    masked.ResponseBody ?? "(none)");
            }
        }

        private static string Format(IReadOnlyList<KeyValuePair<string, string>> headers) =>
            string.Join("; ", headers.Select(h => $"{h.Key}: {h.Value}"));

        private static List<KeyValuePair<string, string>> Headers(HttpHeaders headers, HttpContentHeaders? contentHeaders)
        {
            var list = new List<KeyValuePair<string, string>>();
            foreach (var (name, values) in headers.NonValidated)
            {
                list.AddRange(values.Select(v => new KeyValuePair<string, string>(name, v)));
            }

            if (contentHeaders is not null)
            {
                foreach (var (name, values) in contentHeaders.NonValidated)
                {
                    list.AddRange(values.Select(v => new KeyValuePair<string, string>(name, v)));
                }
            }

            return list;
        }

        private static string Decode(byte[] bytes, MediaTypeHeaderValue? contentType)
        {
            Encoding encoding = Encoding.UTF8;
            if (contentType?.CharSet is { Length: > 0 } charset)
            {
                try
                {
                    encoding = Encoding.GetEncoding(charset.Trim('"'));
                }
                catch (ArgumentException)
                {
                    // An unknown charset: UTF-8 is the best guess for a web API.
                }
            }

            return encoding.GetString(bytes);
        }

        private static string Truncate(string text) =>
            text.Length <= MaxRecordedBodyChars ? text : text[..MaxRecordedBodyChars] + $"… ({text.Length - MaxRecordedBodyChars} more characters not recorded)";

        private static void Rebuffer(HttpResponseMessage response, byte[] bytes)
        {
            var original = response.Content;
            var copy = new ByteArrayContent(bytes);
            foreach (var (name, values) in original.Headers.NonValidated)
            {
                copy.Headers.TryAddWithoutValidation(name, values);
            }

            response.Content = copy;
            original.Dispose();
        }
    }
}
