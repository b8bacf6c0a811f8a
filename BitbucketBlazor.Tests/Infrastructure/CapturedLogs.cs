using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace BitbucketBlazor.Tests.Infrastructure;

/// <summary>
/// A logger provider that keeps every line the app logs, message and exception text included,
/// so a test can assert that no secret or token ever reaches a log.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    /// <summary>Gets everything logged so far, one entry a line.</summary>
    public IReadOnlyCollection<string> Lines => _lines;

    /// <summary>Gets everything logged so far as one text.</summary>
    public string AllText => string.Join('\n', _lines);

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            // The structured values too: a secret passed as a template argument must be caught
            // even if the rendered message were to hide it.
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}"))
                : "";
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {values} {exception}");
        }
    }
}
