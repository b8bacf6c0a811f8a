using BitbucketBlazor.OAuth;
using BitbucketBlazor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace BitbucketBlazor.Tests.OAuth;

public sealed class UnexpectedFailureTests
{
    [Fact]
    public void ThePersonGetsWhatFailedAndWhatToDoAndTheLogGetsTheMaskedDetailUnderTheSameReference()
    {
        using var services = FakeLogText.LoggingServices();
        var factory = services.GetRequiredService<ILoggerFactory>();
        var exception = new InvalidOperationException(
            """sent Authorization: Bearer tok-0123456789 with {"refresh_token": "rt-0123456789"} to /cb?code=c-0123456789&state=s""");

        var shown = UnexpectedFailure.Explain(factory.CreateLogger("test"), exception, "The refresh", "Try again.");

        Assert.StartsWith("The refresh failed unexpectedly", shown, StringComparison.Ordinal);
        Assert.Contains("Try again.", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("Authorization", shown, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(InvalidOperationException), shown, StringComparison.Ordinal);
        var reference = shown[(shown.LastIndexOf(' ') + 1)..].TrimEnd('.');
        var line = Assert.Single(services.GetFakeLogCollector().Lines());
        Assert.Contains(reference, line, StringComparison.Ordinal);
        Assert.Contains(nameof(InvalidOperationException), line, StringComparison.Ordinal);
        Assert.Contains("Bearer ***", line, StringComparison.Ordinal);
        Assert.Contains("\"refresh_token\": \"***\"", line, StringComparison.Ordinal);
        Assert.Contains("code=***", line, StringComparison.Ordinal);
        Assert.Contains("state=s", line, StringComparison.Ordinal);
        Assert.DoesNotContain("0123456789", line, StringComparison.Ordinal);
    }
}
