using System.Globalization;

namespace BitbucketBlazor.Bitbucket;

/// <summary>
/// Thrown when an answer's body is larger than <see cref="BitbucketCallOptions.MaxResponseBytes"/>:
/// the app stopped reading it. An <see cref="HttpRequestException"/> with
/// <see cref="HttpRequestError.ConfigurationLimitExceeded"/>, as <c>HttpClient</c> throws past its
/// own buffer limit, so callers handle it with the other transport faults. Its message is the
/// explanation shown to the visitor.
/// </summary>
public sealed class ResponseTooLargeException(string message) : HttpRequestException(HttpRequestError.ConfigurationLimitExceeded, message);

/// <summary>Reads response bodies up to a limit, never more, whatever the server sends or claims.</summary>
internal static class CappedBody
{
    /// <summary>
    /// Reads <paramref name="content"/> into memory, at most <paramref name="limit"/> bytes; throws
    /// <see cref="ResponseTooLargeException"/> as soon as the body (or its <c>Content-Length</c>) is larger.
    /// </summary>
    public static async Task<byte[]> ReadAsync(HttpContent content, int limit, Uri url, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is { } declared && declared > limit)
        {
            throw TooLarge(url, limit, $"announced {declared.ToString("N0", CultureInfo.InvariantCulture)} bytes");
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw TooLarge(url, limit, "kept sending past that");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static ResponseTooLargeException TooLarge(Uri url, int limit, string what) =>
        new($"The answer from {HttpFaults.Origin(url)} is larger than {Size(limit)} (it {what}), so the app stopped reading it " +
            "and closed the connection. Bitbucket's answers are a few kilobytes: this is probably not Bitbucket, or a proxy in " +
            "front of it answering instead. Check the URL; raise Bitbucket:Calls:MaxResponseBytes only if answers this large are expected.");

    private static string Size(int bytes) => bytes % (1024 * 1024) == 0
        ? $"{bytes / (1024 * 1024)} MiB"
        : $"{bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes";
}
