using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.OAuth;
using BitbucketBlazor.Tests.Endpoints;
using BitbucketBlazor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BitbucketBlazor.Tests.Hosting;

/// <summary>The app behind a trusted proxy on loopback, logging only errors: a flood would otherwise fill the test output.</summary>
public sealed class FloodFixture : AppFixture
{
    /// <summary>Trusts 127.0.0.1 as the proxy, so the flood can claim any client address.</summary>
    public FloodFixture()
    {
        WithSetting("Proxy:KnownProxies:0", "127.0.0.1");
        WithSetting("Logging:LogLevel:Default", "Error");
    }
}

/// <summary>
/// Floods on real Kestrel over loopback, bounded in count (20,000) and time: afterwards a visitor who
/// started signing in before the flood still finishes with a working token, and one who had signed
/// in before keeps theirs.
/// </summary>
internal sealed class Flood(AppFixture app)
{
    /// <summary>How many requests a flood sends.</summary>
    public const int Size = 20_000;

    private static readonly TimeSpan s_limit = TimeSpan.FromMinutes(4);

    /// <summary>Sends <see cref="Size"/> requests made by <paramref name="make"/> (given their number) and counts the answers by status.</summary>
    public async Task<IReadOnlyDictionary<int, int>> SendAsync(Func<int, HttpRequestMessage> make)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, MaxConnectionsPerServer = 8 })
        {
            BaseAddress = app.RootUri,
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(s_limit);
        var statuses = new ConcurrentDictionary<int, int>();
        await Parallel.ForAsync(0, Size, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = timeout.Token }, async (i, ct) =>
        {
            using var request = make(i);
            using var response = await http.SendAsync(request, ct);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
        });
        return statuses;
    }

    /// <summary>
    /// Signs one visitor in and starts another's sign-in (<c>GET /authorize</c>), floods with
    /// <paramref name="make"/>, then checks that the first visitor's token still works and that the
    /// second finishes signing in (consent, callback, the app's code exchange) with a working token.
    /// Returns the flood's answers by status.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, int>> SignInsOutlastAsync(Func<int, HttpRequestMessage> make)
    {
        using var signedIn = new OAuthTestVisitor(app.RootUri);
        var token = await FinishSignInAsync(signedIn, await signedIn.StartAsync());
        using var starting = new OAuthTestVisitor(app.RootUri);
        var started = await starting.StartAsync();

        var statuses = await SendAsync(make);

        await AssertTokenWorksAsync(token);
        await AssertTokenWorksAsync(await FinishSignInAsync(starting, started));
        return statuses;
    }

    /// <summary>A client address for request <paramref name="i"/>: every one different.</summary>
    public static string RotatingAddress(int i) => $"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}";

    /// <summary>Finishes a sign-in <paramref name="visitor"/> started at <paramref name="authorizeUrl"/>; returns the token it ends with.</summary>
    public async Task<string> FinishSignInAsync(OAuthTestVisitor visitor, Uri authorizeUrl)
    {
        var callback = await visitor.AnswerConsentAsync(authorizeUrl, grant: true);
        using var done = await visitor.GetAsync(callback.ToString());
        var page = await done.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(done.StatusCode == HttpStatusCode.Redirect, $"The callback answered {(int)done.StatusCode}: {page}");
        var handoffs = app.Services.GetRequiredService<AuthorizationHandoffStore>();
        var cancel = TestContext.Current.CancellationToken;
        var handoff = await handoffs.ClaimAsync(await handoffs.FindPendingAsync(visitor.BrowserId, cancel), visitor.BrowserId, cancel);
        Assert.NotNull(handoff);
        return handoff.Token.AccessToken;
    }

    /// <summary>Asserts that <paramref name="accessToken"/> still opens the sandbox's API.</summary>
    public async Task AssertTokenWorksAsync(string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "sandbox/2.0/user");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await app.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A cookieless <c>GET /authorize</c> as forwarded for <paramref name="address"/>.</summary>
    public static HttpRequestMessage Authorize(string address)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "authorize");
        request.Headers.Add("X-Forwarded-For", address);
        return request;
    }
}

/// <summary>20,000 /authorize from one address: the rate limit takes them.</summary>
public sealed class AuthorizeFloodFromOneAddressTests(FloodFixture app) : IClassFixture<FloodFixture>
{
    [Fact]
    public async Task AVisitorWhoStartedBeforeTheFloodStillSignsInAndKeepsAWorkingToken()
    {
        var statuses = await new Flood(app).SignInsOutlastAsync(_ => Flood.Authorize("203.0.113.9"));

        Assert.True(statuses.GetValueOrDefault(429) >= Flood.Size - 100, string.Join(", ", statuses));
    }
}

/// <summary>20,000 /authorize from 20,000 addresses: past the rate limit, the state store refuses newcomers and keeps the visitor's.</summary>
public sealed class AuthorizeFloodFromRotatingAddressesTests(FloodFixture app) : IClassFixture<FloodFixture>
{
    [Fact]
    public async Task AVisitorWhoStartedBeforeTheFloodStillSignsInAndKeepsAWorkingToken()
    {
        var statuses = await new Flood(app).SignInsOutlastAsync(i => Flood.Authorize(Flood.RotatingAddress(i)));

        Assert.True(statuses.GetValueOrDefault(503) > 0, "the state store never filled: " + string.Join(", ", statuses));
        Assert.All(statuses.Keys, status => Assert.True(status is 302 or 503, $"{status}"));
    }
}

/// <summary>
/// 20,000 sandbox token requests from 20,000 addresses: the public part of the token store fills and
/// refuses newcomers; the part kept for the app's own calls still mints the waiting visitor's token.
/// </summary>
public sealed class SandboxTokenFloodTests(FloodFixture app) : IClassFixture<FloodFixture>
{
    private static readonly string s_basic =
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{DemoConsumers.Private.Key}:{DemoConsumers.Private.Secret}"));

    [Fact]
    public async Task AVisitorWhoStartedBeforeTheFloodStillSignsInAndKeepsAWorkingToken()
    {
        var statuses = await new Flood(app).SignInsOutlastAsync(i => ClientCredentials(Flood.RotatingAddress(i)));

        Assert.True(statuses.GetValueOrDefault(503) > 0, "the token store never filled: " + string.Join(", ", statuses));
        Assert.All(statuses.Keys, status => Assert.True(status is 200 or 503, $"{status}"));

        // The visitor's sign-in did not succeed because the flood's tokens were gone: a stranger is still refused, and told why.
        using var stranger = ClientCredentials("198.51.100.7");
        using var refused = await app.Http.SendAsync(stranger, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("temporarily_unavailable", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    private static HttpRequestMessage ClientCredentials(string address)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "sandbox/site/oauth2/access_token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.TryAddWithoutValidation("Authorization", s_basic);
        request.Headers.Add("X-Forwarded-For", address);
        return request;
    }
}
