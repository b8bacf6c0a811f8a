using System.Text;
using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Components.Presentation;
using BitbucketBlazor.OAuth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BitbucketBlazor.Tests.Bitbucket;

/// <summary>An upstream that answers something huge or absurdly nested stays harmless: explained, bounded, and the next call works.</summary>
public sealed class FaultyUpstreamTests
{
    private const string UserJson = """{"type":"user","uuid":"{u}","display_name":"Ada","account_id":"1"}""";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AFiftyMegabyteBodyIsAbandonedAfterTheCapExplainedAndTheNextCallSucceeds(bool announcesLength)
    {
        // A raw socket server: Kestrel would swallow writes after the client hangs up, so it could
        // not tell how much was really taken off the wire. A socket send fails once the peer is gone.
        await using var upstream = HugeBodyServer.Start(announcesLength, UserJson);
        await using var app = StubBitbucket.ClientsFor(upstream.BaseUri);
        using var scope = app.Services.CreateScope();
        var api = scope.ServiceProvider.GetRequiredService<IBitbucketApiClient>();

        var huge = await api.GetCurrentUserAsync("AT", Ct);
        var sent = await upstream.BytesSentForTheBigAnswer;
        var next = await api.GetCurrentUserAsync("AT", Ct);

        Assert.False(huge.Succeeded);
        Assert.Contains("larger than 1 MiB", huge.Fault, StringComparison.Ordinal);
        Assert.Contains("Bitbucket:Calls:MaxResponseBytes", huge.Fault, StringComparison.Ordinal);
        var exchange = Assert.Single(huge.Exchanges); // not retried
        Assert.Equal(200, exchange.StatusCode);
        Assert.Null(exchange.ResponseBody);
        Assert.Equal(huge.Fault, exchange.Fault);

        // What the socket took before the client hung up: the cap plus the kernel's buffers, not 50 MB.
        Assert.True(sent < 16L * 1024 * 1024, $"{sent:N0} of {HugeBodyServer.BodyLength:N0} bytes were taken before the client stopped reading");
        Assert.True(next.Succeeded, next.Fault);
    }

    [Fact]
    public async Task ATokenAnswerPastTheCapIsExplainedToo()
    {
        await using var stub = await StubBitbucket.StartAsync((context, _) =>
            StubBitbucket.Json(context, 200, "{\"access_token\":\"" + new string('a', 2 * 1024 * 1024) + "\"}"));
        await using var app = StubBitbucket.ClientsFor(stub.BaseUri);
        using var scope = app.Services.CreateScope();

        var result = await scope.ServiceProvider.GetRequiredService<ITokenClient>()
            .RequestClientCredentialsAsync(new ConsumerCredentials("k", "s", "k", ConsumerSource.TypedIn), Ct);

        Assert.False(result.Succeeded);
        Assert.Contains("larger than 1 MiB", result.Fault, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATenThousandDeepJsonBodyIsExplainedShownAsPlainTextAndTheNextCallSucceeds()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);
        await using var stub = await StubBitbucket.StartAsync((context, n) => StubBitbucket.Json(context, 200, n == 0 ? deep : UserJson));
        await using var app = StubBitbucket.ClientsFor(stub.BaseUri);
        using var scope = app.Services.CreateScope();
        var api = scope.ServiceProvider.GetRequiredService<IBitbucketApiClient>();

        var nested = await api.GetCurrentUserAsync("AT", Ct);
        var next = await api.GetCurrentUserAsync("AT", Ct);

        Assert.False(nested.Succeeded);
        Assert.Contains("answered 200", nested.Fault, StringComparison.Ordinal);
        Assert.Equal(deep, nested.Exchange!.ResponseBody);
        Assert.Null(JsonHighlighter.Highlight(nested.Exchange.ResponseBody)); // shown as it came, not indented 10,000 deep
        Assert.True(next.Succeeded, next.Fault);
    }
}
