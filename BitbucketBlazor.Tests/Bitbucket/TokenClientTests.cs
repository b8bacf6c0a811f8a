using System.Diagnostics;
using System.Text;
using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.OAuth;
using BitbucketBlazor.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;

namespace BitbucketBlazor.Tests.Bitbucket;

/// <summary>The registered <see cref="ITokenClient"/> against a stub token endpoint over real HTTP.</summary>
public sealed class TokenClientTests
{
    private const string TokenJson = """{"access_token":"AT-secret-123","scopes":"repository account","expires_in":7200,"refresh_token":"RT-secret-456","token_type":"bearer","state":"client_credentials"}""";

    private static readonly ConsumerCredentials s_consumer = new("key-abc", "secret-xyz", "Test consumer", ConsumerSource.TypedIn);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ClientCredentialsSendsExactlyThePreviewAndParsesTheToken()
    {
        await using var stub = await StubBitbucket.StartAsync((c, _) => StubBitbucket.Json(c, 200, TokenJson));
        await using var app = StubBitbucket.ClientsFor(stub.BaseUri);
        var client = app.Services.GetRequiredService<ITokenClient>();

        var preview = client.PreviewClientCredentials(s_consumer);
        var result = await client.RequestClientCredentialsAsync(s_consumer, Ct);

        Assert.True(result.Succeeded, result.Fault);
        Assert.Equal("AT-secret-123", result.Token!.AccessToken);
        Assert.Equal(["repository", "account"], result.Token.ScopeList);
        var received = Assert.Single(stub.Requests);
        Assert.Equal("POST", received.Method);
        Assert.Equal("/site/oauth2/access_token", received.PathAndQuery);
        Assert.Equal(new Uri(stub.BaseUri, "/site/oauth2/access_token"), preview.Url);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("key-abc:secret-xyz")), received.Headers["Authorization"]);
        Assert.Equal(preview.Headers.Single(h => h.Key == "Authorization").Value, received.Headers["Authorization"]);
        Assert.Equal("application/x-www-form-urlencoded", received.Headers["Content-Type"]);
        Assert.Equal("grant_type=client_credentials", received.Body);
        Assert.Equal(preview.FormBody, received.Body);
        Assert.Equal(200, result.Exchange!.StatusCode);
        Assert.Equal(received.Body, result.Exchange.RequestBody);
    }

    [Fact]
    public async Task CodeExchangeAndRefreshSendTheirGrantFieldsInOrder()
    {
        await using var stub = await StubBitbucket.StartAsync((c, _) => StubBitbucket.Json(c, 200, TokenJson));
        await using var app = StubBitbucket.ClientsFor(stub.BaseUri);
        var client = app.Services.GetRequiredService<ITokenClient>();

        await client.ExchangeCodeAsync(s_consumer, "code 1/2", "http://localhost:5142/oauth-callback", Ct);
        await client.ExchangeCodeAsync(s_consumer, "code-2", null, Ct);
        await client.RefreshAsync(s_consumer, "RT-1", Ct);

        Assert.Equal(
            [
                "grant_type=authorization_code&code=code%201%2F2&redirect_uri=http%3A%2F%2Flocalhost%3A5142%2Foauth-callback",
                "grant_type=authorization_code&code=code-2",
                "grant_type=refresh_token&refresh_token=RT-1",
            ],
            stub.Requests.Select(r => r.Body));
        Assert.Equal(
            client.PreviewCodeExchange(s_consumer, "code 1/2", "http://localhost:5142/oauth-callback").FormBody,
            stub.Requests[0].Body);
    }

    [Fact]
    public async Task AnOAuthErrorAnswerIsParsedIntoError()
    {
        await using var stub = await StubBitbucket.StartAsync((c, _) => StubBitbucket.Json(c, 400,
            """{"error":"invalid_grant","error_description":"Cannot use client_credentials with a consumer marked as \"public\"."}"""));
        await using var app = StubBitbucket.ClientsFor(stub.BaseUri);

        var result = await app.Services.GetRequiredService<ITokenClient>().RequestClientCredentialsAsync(s_consumer, Ct);

        Assert.False(result.Succeeded);
        Assert.Null(result.Fault);
        Assert.Equal("invalid_grant", result.Error!.Error);
        Assert.StartsWith("Cannot use client_credentials", result.Error.ErrorDescription, StringComparison.Ordinal);
        Assert.Equal(400, result.Exchange!.StatusCode);
    }

    [Fact]
    public async Task TheTokenEndpointIsNeverRetriedEvenOnA503()
    {
        await using var stub = await StubBitbucket.StartAsync((c, _) =>
        {
            c.Response.StatusCode = 503;
            return Task.CompletedTask;
        });
        await using var app = StubBitbucket.ClientsFor(stub.BaseUri);

        var result = await app.Services.GetRequiredService<ITokenClient>().ExchangeCodeAsync(s_consumer, "single-use-code", null, Ct);

        Assert.Single(stub.Requests);
        Assert.False(result.Succeeded);
        Assert.Contains("503", result.Fault, StringComparison.Ordinal);
        Assert.Equal(503, result.Exchange!.StatusCode);
    }

    [Fact]
    public async Task ANonJson502BecomesAPlainFaultNotAnException()
    {
        await using var stub = await StubBitbucket.StartAsync(async (c, _) =>
        {
            c.Response.StatusCode = 502;
            c.Response.ContentType = "text/html";
            await c.Response.WriteAsync("<html><body>Bad gateway</body></html>");
        });
        await using var app = StubBitbucket.ClientsFor(stub.BaseUri);

        var result = await app.Services.GetRequiredService<ITokenClient>().RequestClientCredentialsAsync(s_consumer, Ct);

        Assert.Null(result.Token);
        Assert.Null(result.Error);
        Assert.Contains("502", result.Fault, StringComparison.Ordinal);
        Assert.Contains("text/html", result.Fault, StringComparison.Ordinal);
        Assert.Equal("<html><body>Bad gateway</body></html>", result.Exchange!.ResponseBody);
    }

    [Fact]
    public async Task ARefusedConnectionBecomesAFaultThatSaysSo()
    {
        var nowhere = StubBitbucket.UnusedLoopbackUrl();
        await using var app = StubBitbucket.ClientsFor(nowhere);

        var result = await app.Services.GetRequiredService<ITokenClient>().RequestClientCredentialsAsync(s_consumer, Ct);

        Assert.False(result.Succeeded);
        Assert.Contains("refused", result.Fault, StringComparison.Ordinal);
        Assert.Contains(nowhere.Authority, result.Fault, StringComparison.Ordinal);
        Assert.Null(result.Exchange!.StatusCode);
        Assert.Equal(result.Fault, result.Exchange.Fault);
    }

    [Fact]
    public async Task ASilentServerBecomesATimeOutFaultAfterRequestTimeout()
    {
        await using var stub = await StubBitbucket.StartAsync(async (c, _) => await Task.Delay(TimeSpan.FromSeconds(30), c.RequestAborted));
        await using var app = StubBitbucket.ClientsFor(stub.BaseUri, requestTimeout: TimeSpan.FromSeconds(1));
        var watch = Stopwatch.StartNew();

        var result = await app.Services.GetRequiredService<ITokenClient>().RequestClientCredentialsAsync(s_consumer, Ct);

        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
        Assert.False(result.Succeeded);
        Assert.Contains("within 1 s", result.Fault, StringComparison.Ordinal);
        Assert.Equal(result.Fault, result.Exchange!.Fault);
    }

    [Fact]
    public async Task TheCallersCancellationIsNotDressedUpAsAFault()
    {
        await using var stub = await StubBitbucket.StartAsync(async (c, _) => await Task.Delay(TimeSpan.FromSeconds(30), c.RequestAborted));
        await using var app = StubBitbucket.ClientsFor(stub.BaseUri);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            app.Services.GetRequiredService<ITokenClient>().RequestClientCredentialsAsync(s_consumer, cancel.Token));
    }

    [Fact]
    public async Task LogsNameTheCallButNeverTheCredentialsCodeOrTokens()
    {
        await using var stub = await StubBitbucket.StartAsync((c, _) => StubBitbucket.Json(c, 200, TokenJson));
        await using var app = StubBitbucket.ClientsFor(stub.BaseUri);
        var client = app.Services.GetRequiredService<ITokenClient>();

        await client.ExchangeCodeAsync(s_consumer, "the-code-789", null, Ct);
        await client.RefreshAsync(s_consumer, "RT-secret-456", Ct);

        var logs = app.Services.GetFakeLogCollector().AllText();
        Assert.Contains("POST", logs, StringComparison.Ordinal);
        Assert.Contains("/site/oauth2/access_token", logs, StringComparison.Ordinal);
        Assert.Contains("Basic ***", logs, StringComparison.Ordinal);
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("key-abc:secret-xyz"));
        foreach (var secret in new[] { "secret-xyz", basic, "the-code-789", "AT-secret-123", "RT-secret-456" })
        {
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        }
    }
}
