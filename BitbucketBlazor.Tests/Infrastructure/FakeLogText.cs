using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace BitbucketBlazor.Tests.Infrastructure;

/// <summary>
/// The one way tests read logs: register <c>services.AddFakeLogging()</c>, take
/// <c>GetFakeLogCollector()</c>, and read its records as text with everything a secret could hide
/// in, so a "no secret in the logs" assertion sees all of it.
/// </summary>
public static class FakeLogText
{
    /// <summary>Gets one record as a line: level, category, message, every structured value, and the exception.</summary>
    public static string Line(this FakeLogRecord record)
    {
        // The structured values too: a secret passed as a template argument must be caught even
        // if the rendered message were to hide it.
        var values = string.Join(' ', record.StructuredState?.Select(p => $"{p.Key}={p.Value}") ?? []);
        return $"{record.Level} {record.Category}: {record.Message} {values} {record.Exception}";
    }

    /// <summary>Gets every record collected so far, one line each.</summary>
    public static IReadOnlyList<string> Lines(this FakeLogCollector logs) => [.. logs.GetSnapshot().Select(Line)];

    /// <summary>Gets every record collected so far as one text.</summary>
    public static string AllText(this FakeLogCollector logs) => string.Join('\n', logs.Lines());

    /// <summary>Gets a service provider whose logger factory writes every level to a <see cref="FakeLogCollector"/>, for code tested outside a host.</summary>
    public static ServiceProvider LoggingServices() =>
        new ServiceCollection().AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace)).AddFakeLogging().BuildServiceProvider();
}
