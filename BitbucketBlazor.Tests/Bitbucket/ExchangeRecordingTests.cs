using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace BitbucketBlazor.Tests.Bitbucket;

/// <summary>
/// The recording handler attached with <see cref="ExchangeRecordingExtensions.AddExchangeRecording"/>,
/// in front of a stub <see cref="HttpMessageHandler"/> that stands in for the network.
/// </summary>
public sealed class ExchangeRecordingTests
{
    private static readonly DateTimeOffset s_start = new(2026, 11, 29, 7, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EachAttemptIsRecordedWithRequestResponseAndDuration()
    {
        var time = new FakeTimeProvider(s_start);
        using var services = Services(time, new StubNetwork(async request =>
        {
            time.Advance(TimeSpan.FromMilliseconds(250));
            var response = new HttpResponseMessage(HttpStatusCode.BadRequest)
            {
                ReasonPhrase = "Bad Request",
                Content = new StringContent("""{"error":"invalid_grant"}""", Encoding.UTF8, "application/json"),
            };
            response.Headers.Add("X-Request-Id", "r-1");
            return await Task.FromResult(response);
        }));
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient("recorded");
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://bitbucket.example/site/oauth2/access_token")
        {
            Content = new StringContent("grant_type=client_credentials", Encoding.ASCII, "application/x-www-form-urlencoded"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "a2V5OnNlY3JldA==");

        using var capture = ExchangeCapture.Start();
        using var response = await client.SendAsync(request, Ct);

        var exchange = Assert.Single(capture.Exchanges);
        Assert.Equal("POST", exchange.Method);
        Assert.Equal(new Uri("https://bitbucket.example/site/oauth2/access_token"), exchange.Url);
        Assert.Equal("Basic a2V5OnNlY3JldA==", exchange.RequestHeader("Authorization"));
        Assert.Equal("application/x-www-form-urlencoded; charset=us-ascii", exchange.RequestHeader("Content-Type"));
        Assert.Equal("grant_type=client_credentials", exchange.RequestBody);
        Assert.Equal(s_start, exchange.StartedAt);
        Assert.Equal(TimeSpan.FromMilliseconds(250), exchange.Duration);
        Assert.Equal(400, exchange.StatusCode);
        Assert.Equal("Bad Request", exchange.ReasonPhrase);
        Assert.Equal("r-1", exchange.ResponseHeader("X-Request-Id"));
        Assert.Equal("application/json; charset=utf-8", exchange.ResponseHeader("Content-Type"));
        Assert.Equal("""{"error":"invalid_grant"}""", exchange.ResponseBody);
        Assert.Null(exchange.Fault);
        Assert.Equal("""{"error":"invalid_grant"}""", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnExceptionIsRecordedAsAFaultAndStillThrown()
    {
        var time = new FakeTimeProvider(s_start);
        using var services = Services(time, new StubNetwork(_ =>
        {
            time.Advance(TimeSpan.FromSeconds(1));
            throw new HttpRequestException(HttpRequestError.NameResolutionError, "No such host is known. (nowhere.invalid:443)");
        }));
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient("recorded");

        using var capture = ExchangeCapture.Start();
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri("https://nowhere.invalid/2.0/user"), Ct));

        var exchange = Assert.Single(capture.Exchanges);
        Assert.Null(exchange.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), exchange.Duration);
        Assert.Contains("nowhere.invalid", exchange.Fault, StringComparison.Ordinal);
        Assert.Contains("could not be found", exchange.Fault, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NothingIsRecordedOutsideACaptureAndNestedCapturesBothSeeTheExchange()
    {
        using var services = Services(new FakeTimeProvider(s_start), new StubNetwork(_ => Task.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent))));
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient("recorded");

        using (await client.GetAsync(new Uri("https://bitbucket.example/uncaptured"), Ct))
        {
        }

        using var outer = ExchangeCapture.Start();
        using (var inner = ExchangeCapture.Start())
        {
            using var response = await client.GetAsync(new Uri("https://bitbucket.example/captured"), Ct);
            Assert.Equal("/captured", Assert.Single(inner.Exchanges).Url.AbsolutePath);
            Assert.Null(inner.Exchanges[0].ResponseBody);
        }

        Assert.Equal("/captured", Assert.Single(outer.Exchanges).Url.AbsolutePath);
    }

    [Fact]
    public async Task LogLinesCarryMethodUrlStatusAndDurationButNoSecret()
    {
        var time = new FakeTimeProvider(s_start);
        using var services = Services(time, new StubNetwork(_ =>
        {
            time.Advance(TimeSpan.FromMilliseconds(42));
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("""{"access_token":"AT-leak","refresh_token":"RT-leak","token_type":"bearer","expires_in":7200}""", Encoding.UTF8, "application/json"),
            });
        }));
        var client = services.GetRequiredService<IHttpClientFactory>().CreateClient("recorded");
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://bitbucket.example/site/oauth2/access_token?access_token=AT-in-url")
        {
            Content = new StringContent("grant_type=authorization_code&code=CODE-leak&client_secret=SECRET-leak", Encoding.ASCII, "application/x-www-form-urlencoded"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "BASIC-leak");

        using var response = await client.SendAsync(request, Ct);

        var records = services.GetFakeLogCollector().GetSnapshot();
        var info = Assert.Single(records, r => r.Level == LogLevel.Information);
        Assert.Equal("Bitbucket POST https://bitbucket.example/site/oauth2/access_token?access_token=*** answered 200 OK in 42 ms", info.Message);
        Assert.Contains(records, r => r.Level == LogLevel.Debug);
        var all = services.GetFakeLogCollector().AllText();
        Assert.Contains("grant_type=authorization_code", all, StringComparison.Ordinal);
        Assert.Contains("Basic ***", all, StringComparison.Ordinal);
        foreach (var secret in new[] { "AT-leak", "RT-leak", "CODE-leak", "SECRET-leak", "BASIC-leak", "AT-in-url" })
        {
            Assert.DoesNotContain(secret, all, StringComparison.Ordinal);
        }
    }

    private static ServiceProvider Services(TimeProvider time, StubNetwork network)
    {
        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace)).AddFakeLogging();
        services.AddHttpClient("recorded")
            .ConfigurePrimaryHttpMessageHandler(() => network)
            .RemoveAllLoggers()
            .AddExchangeRecording();
        return services.BuildServiceProvider();
    }

    /// <summary>Answers every request with a function: the network, without a network.</summary>
    private sealed class StubNetwork(Func<HttpRequestMessage, Task<HttpResponseMessage>> answer) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await answer(request);
            response.RequestMessage = request;
            return response;
        }
    }
}
