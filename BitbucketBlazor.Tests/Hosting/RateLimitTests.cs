using System.Net;
using System.Text.Json;
using BitbucketBlazor.OAuth;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace BitbucketBlazor.Tests.Hosting;

/// <summary>The per-address rate limits on /authorize, /oauth-callback and the sandbox, over real HTTP.</summary>
public sealed class RateLimitTests(TightLimitsFixture app) : IClassFixture<TightLimitsFixture>, IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.RootUri };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PastTheLimitAuthorizeAnswers429WithRetryAfterAndAPageSayingWhatHappened()
    {
        var from = "198.51.100.1";
        for (var i = 0; i < TightLimitsFixture.Limit; i++)
        {
            using var allowed = await GetAsync("/authorize", from);
            Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        }

        using var refused = await GetAsync("/authorize", from);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal("text/html", refused.Content.Headers.ContentType!.MediaType);
        var page = await refused.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("id=\"rate-limited\"", page, StringComparison.Ordinal);
        Assert.Contains($"Try again in {retryAfter} s", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherAddressIsNotHeldBackByOneThatSpentItsAllowance()
    {
        for (var i = 0; i <= TightLimitsFixture.Limit; i++)
        {
            using var _ = await GetAsync("/oauth-callback?state=x&code=y", "198.51.100.2");
        }

        using var spent = await GetAsync("/oauth-callback?state=x&code=y", "198.51.100.2");
        using var other = await GetAsync("/oauth-callback?state=x&code=y", "198.51.100.3");

        Assert.Equal(HttpStatusCode.TooManyRequests, spent.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, other.StatusCode); // the callback's own answer to a state it never issued
    }

    [Fact]
    public async Task PastTheLimitTheSandboxApiAnswersInBitbucketsJsonErrorShape()
    {
        for (var i = 0; i < TightLimitsFixture.Limit; i++)
        {
            using var _ = await GetAsync("/sandbox/2.0/user", "198.51.100.4");
        }

        using var refused = await GetAsync("/sandbox/2.0/user", "198.51.100.4");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
        using var json = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("error", json.RootElement.GetProperty("type").GetString());
        Assert.Equal("Rate limit for this resource has been exceeded", json.RootElement.GetProperty("error").GetProperty("message").GetString());
        Assert.Contains("Try again in", json.RootElement.GetProperty("error").GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAppsOwnCallsToItsSandboxAreNotCountedAgainstTheLoopbackAddress()
    {
        // Every visitor's token request leaves this process over loopback; counted by address they
        // would share one allowance. Three times the per-address limit, all answered.
        using var scope = app.Services.CreateScope();
        var tokens = scope.ServiceProvider.GetRequiredService<ITokenClient>();
        var consumer = new ConsumerCredentials(DemoConsumers.Private.Key, DemoConsumers.Private.Secret, "demo", ConsumerSource.SandboxDemo);
        for (var i = 0; i < 3 * TightLimitsFixture.Limit; i++)
        {
            var result = await tokens.RequestClientCredentialsAsync(consumer, Cancel);
            Assert.True(result.Succeeded, result.Fault ?? result.Error?.ErrorDescription);
        }
    }

    [Fact]
    public async Task AForgedSelfCallHeaderEarnsNoExemption()
    {
        for (var i = 0; i < TightLimitsFixture.Limit; i++)
        {
            using var _ = await GetAsync("/sandbox/2.0/user", "198.51.100.5", ("X-BitbucketBlazor-Self-Call", "guess"));
        }

        using var refused = await GetAsync("/sandbox/2.0/user", "198.51.100.5", ("X-BitbucketBlazor-Self-Call", "guess"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string forwardedFor, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        foreach (var (name, value) in headers)
        {
            request.Headers.Add(name, value);
        }

        return await _http.SendAsync(request, Cancel);
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
