using System.Diagnostics;
using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Bitbucket.Models;
using BitbucketBlazor.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;

namespace BitbucketBlazor.Tests.Bitbucket;

/// <summary>The registered <see cref="IBitbucketApiClient"/> against a stub REST API over real HTTP.</summary>
public sealed class BitbucketApiClientTests
{
    private const string UserJson = """{"type":"user","uuid":"{u-1}","display_name":"Ada Lovelace","nickname":"ada","account_id":"557058:1"}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string PageJson(Uri stub, int page, bool last) =>
        $$"""{"pagelen":2,"page":{{page}},"size":3,"values":[{"type":"repository","slug":"repo-{{page}}a","full_name":"ws/repo-{{page}}a"}]{{(last ? "" : $",\"next\":\"{stub}2.0/repositories/ws?page={page + 1}&pagelen=2\"")}}}""";

    [Fact]
    public async Task CallsGoUnderTheApiBasePathWithTheBearerTokenAndQuery()
    {
        await using var stub = await StubBitbucket.StartAsync((c, _) => StubBitbucket.Json(c, 200, """{"pagelen":10,"values":[]}"""));
        await using var app = StubBitbucket.ClientsFor(stub.BaseUri);
        var client = app.Services.GetRequiredService<IBitbucketApiClient>();

        var result = await client.GetPullRequestsAsync("AT-1", "blazor-demo", "my repo", state: "MERGED", page: 2, Ct);
        await client.GetCommitsAsync("AT-1", "blazor-demo", "app", cancellationToken: Ct);
        await client.GetRepositoriesAsync("AT-1", "blazor-demo", pagelen: 5, cancellationToken: Ct);

        Assert.True(result.Succeeded, result.Fault);
        Assert.Equal(
            [
                "/2.0/repositories/blazor-demo/my%20repo/pullrequests?state=MERGED&page=2",
                "/2.0/repositories/blazor-demo/app/commits",
                "/2.0/repositories/blazor-demo?pagelen=5",
            ],
            stub.Requests.Select(r => r.PathAndQuery));
        Assert.All(stub.Requests, r => Assert.Equal("Bearer AT-1", r.Headers["Authorization"]));
        Assert.All(stub.Requests, r => Assert.Equal("GET", r.Method));
    }

    [Fact]
    public async Task TheCurrentUserIsParsedAndTheExchangeRecorded()
    {
        await using var stub = await StubBitbucket.StartAsync((c, _) => StubBitbucket.Json(c, 200, UserJson));
        await using var app = StubBitbucket.ClientsFor(stub.BaseUri);

        var result = await app.Services.GetRequiredService<IBitbucketApiClient>().GetCurrentUserAsync("AT-1", Ct);

        Assert.Equal("Ada Lovelace", result.Value!.DisplayName);
        var exchange = Assert.Single(result.Exchanges);
        Assert.Equal(new Uri(stub.BaseUri, "/2.0/user"), exchange.Url);
        Assert.Equal("Bearer AT-1", exchange.RequestHeader("Authorization"));
        Assert.Equal(UserJson, exchange.ResponseBody);
    }

    [Fact]
    public async Task ATransient503IsRetriedAndEveryAttemptIsRecorded()
    {
        await using var stub = await StubBitbucket.StartAsync((c, n) => n == 0
            ? StubBitbucket.Json(c, 503, """{"type":"error","error":{"message":"Service unavailable"}}""")
            : StubBitbucket.Json(c, 200, UserJson));
        await using var app = StubBitbucket.ClientsFor(stub.BaseUri);

        var result = await app.Services.GetRequiredService<IBitbucketApiClient>().GetCurrentUserAsync("AT-1", Ct);

        Assert.True(result.Succeeded, result.Fault);
        Assert.Equal(2, stub.Requests.Count);
        Assert.Equal([503, 200], result.Exchanges.Select(e => e.StatusCode));
    }

    [Fact]
    public async Task A429WithRetryAfterOneSecondIsRetriedNoSooner()
    {
        await using var stub = await StubBitbucket.StartAsync((c, n) => n == 0
            ? StubBitbucket.Json(c, 429, """{"type":"error","error":{"message":"Rate limit for this resource has been exceeded"}}""", ("Retry-After", "1"))
            : StubBitbucket.Json(c, 200, UserJson));
        await using var app = StubBitbucket.ClientsFor(stub.BaseUri);
        var watch = Stopwatch.StartNew();

        var result = await app.Services.GetRequiredService<IBitbucketApiClient>().GetCurrentUserAsync("AT-1", Ct);

        Assert.True(result.Succeeded, result.Fault);
        Assert.Equal([429, 200], result.Exchanges.Select(e => e.StatusCode));
        var waited = result.Exchanges[1].StartedAt - result.Exchanges[0].StartedAt;
        Assert.True(waited >= TimeSpan.FromSeconds(0.95), $"The retry came {waited.TotalMilliseconds} ms after the 429.");
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.95));
    }

    [Fact]
    public async Task A429AskingToWaitLongerThanTheCapIsReturnedNotWaitedFor()
    {
        await using var stub = await StubBitbucket.StartAsync((c, _) => StubBitbucket.Json(c, 429,
            """{"type":"error","error":{"message":"Rate limit for this resource has been exceeded"}}""", ("Retry-After", "3600")));
        await using var app = StubBitbucket.ClientsFor(stub.BaseUri);

        var result = await app.Services.GetRequiredService<IBitbucketApiClient>().GetCurrentUserAsync("AT-1", Ct);

        Assert.Single(stub.Requests);
        Assert.Equal("Rate limit for this resource has been exceeded", result.Error!.Error!.Message);
        Assert.Equal("3600", result.Exchange!.ResponseHeader("Retry-After"));
    }

    [Fact]
    public async Task ABitbucketErrorBodyIsParsedIntoError()
    {
        await using var stub = await StubBitbucket.StartAsync((c, _) => StubBitbucket.Json(c, 403,
            """{"type":"error","error":{"message":"Your credentials lack one or more required privilege scopes.","detail":{"granted":["account"],"required":["repository"]}}}"""));
        await using var app = StubBitbucket.ClientsFor(stub.BaseUri);

        var result = await app.Services.GetRequiredService<IBitbucketApiClient>().GetRepositoryAsync("AT-1", "ws", "repo", Ct);

        Assert.False(result.Succeeded);
        Assert.Null(result.Fault);
        Assert.Equal("Your credentials lack one or more required privilege scopes.", result.Error!.Error!.Message);
        Assert.Equal(System.Text.Json.JsonValueKind.Object, result.Error.Error.Detail!.Value.ValueKind);
    }

    [Fact]
    public async Task ANonJson502AfterRetriesBecomesAPlainFault()
    {
        await using var stub = await StubBitbucket.StartAsync(async (c, _) =>
        {
            c.Response.StatusCode = 502;
            c.Response.ContentType = "text/html";
            await c.Response.WriteAsync("<h1>502 Bad Gateway</h1>");
        });
        await using var app = StubBitbucket.ClientsFor(stub.BaseUri);

        var result = await app.Services.GetRequiredService<IBitbucketApiClient>().GetCurrentUserAsync("AT-1", Ct);

        Assert.Equal(3, result.Exchanges.Count);
        Assert.Null(result.Error);
        Assert.Contains("502", result.Fault, StringComparison.Ordinal);
        Assert.Contains("text/html", result.Fault, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnHtmlPageAnsweredWith200IsAFaultThatPointsAtTheUrl()
    {
        await using var stub = await StubBitbucket.StartAsync(async (c, _) =>
        {
            c.Response.ContentType = "text/html; charset=utf-8";
            await c.Response.WriteAsync("<!doctype html><title>Log in</title>");
        });
        await using var app = StubBitbucket.ClientsFor(stub.BaseUri);

        var result = await app.Services.GetRequiredService<IBitbucketApiClient>().GetCurrentUserAsync("AT-1", Ct);

        Assert.Null(result.Value);
        Assert.Null(result.Error);
        Assert.Contains("200", result.Fault, StringComparison.Ordinal);
        Assert.Contains("text/html", result.Fault, StringComparison.Ordinal);
        Assert.Contains("points at Bitbucket", result.Fault, StringComparison.Ordinal);
        Assert.Single(result.Exchanges);
    }

    [Theory]
    [InlineData("")]
    [InlineData("AT-1\r\nX-Injected: yes")]
    public async Task AnEmptyOrMultiLineTokenIsRefusedWithoutARequest(string token)
    {
        await using var stub = await StubBitbucket.StartAsync((c, _) => StubBitbucket.Json(c, 200, UserJson));
        await using var app = StubBitbucket.ClientsFor(stub.BaseUri);
        var client = app.Services.GetRequiredService<IBitbucketApiClient>();

        var user = await client.GetCurrentUserAsync(token, Ct);
        var page = await client.GetPageAsync<Repository>(token, new Uri(stub.BaseUri, "/2.0/repositories/ws?page=2"), Ct);

        Assert.Empty(stub.Requests);
        Assert.Contains("no request was made", user.Fault, StringComparison.Ordinal);
        Assert.Contains("no request was made", page.Fault, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Injected", user.Fault, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedConnectionIsAFaultWithEveryAttemptRecorded()
    {
        var nowhere = StubBitbucket.UnusedLoopbackUrl();
        await using var app = StubBitbucket.ClientsFor(nowhere);

        var result = await app.Services.GetRequiredService<IBitbucketApiClient>().GetCurrentUserAsync("AT-1", Ct);

        Assert.Contains("refused", result.Fault, StringComparison.Ordinal);
        Assert.Equal(3, result.Exchanges.Count);
        Assert.All(result.Exchanges, e => Assert.Null(e.StatusCode));
        Assert.All(result.Exchanges, e => Assert.Contains("refused", e.Fault, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASilentServerBecomesATimeOutFaultWithinRequestTimeout()
    {
        await using var stub = await StubBitbucket.StartAsync(async (c, _) => await Task.Delay(TimeSpan.FromSeconds(30), c.RequestAborted));
        await using var app = StubBitbucket.ClientsFor(stub.BaseUri, requestTimeout: TimeSpan.FromSeconds(2));
        var watch = Stopwatch.StartNew();

        var result = await app.Services.GetRequiredService<IBitbucketApiClient>().GetCurrentUserAsync("AT-1", Ct);

        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(10));
        Assert.False(result.Succeeded);
        Assert.Contains("within 2 s", result.Fault, StringComparison.Ordinal);
        Assert.NotEmpty(result.Exchanges);
        Assert.All(result.Exchanges, e => Assert.Null(e.StatusCode));
    }

    [Fact]
    public async Task TheCallersCancellationIsNotDressedUpAsAFault()
    {
        await using var stub = await StubBitbucket.StartAsync(async (c, _) => await Task.Delay(TimeSpan.FromSeconds(30), c.RequestAborted));
        await using var app = StubBitbucket.ClientsFor(stub.BaseUri);
        var client = app.Services.GetRequiredService<IBitbucketApiClient>();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetCurrentUserAsync("AT-1", cancel.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.GetPageAsync<Repository>("AT-1", new Uri(stub.BaseUri, "/2.0/repositories/ws?page=2"), cancel.Token));
    }

    [Fact]
    public async Task FollowingNextReachesTheLastPageThroughTheSamePipeline()
    {
        StubBitbucket? self = null;
        await using var stub = await StubBitbucket.StartAsync((c, n) =>
        {
            var page = int.Parse(c.Request.Query["page"].FirstOrDefault() ?? "1", System.Globalization.CultureInfo.InvariantCulture);
            return StubBitbucket.Json(c, 200, PageJson(self!.BaseUri, page, last: page == 3));
        });
        self = stub;
        await using var app = StubBitbucket.ClientsFor(stub.BaseUri);
        var client = app.Services.GetRequiredService<IBitbucketApiClient>();

        var slugs = new List<string?>();
        var result = await client.GetRepositoriesAsync("AT-1", "ws", pagelen: 2, cancellationToken: Ct);
        slugs.AddRange(result.Value!.Values.Select(r => r.Slug));
        while (result.Value?.Next is { } next)
        {
            result = await client.GetPageAsync<Repository>("AT-1", new Uri(next), Ct);
            Assert.True(result.Succeeded, result.Fault);
            slugs.AddRange(result.Value!.Values.Select(r => r.Slug));
        }

        Assert.Equal(["repo-1a", "repo-2a", "repo-3a"], slugs);
        Assert.Equal("/2.0/repositories/ws?page=3&pagelen=2", stub.Requests[^1].PathAndQuery);
        Assert.All(stub.Requests, r => Assert.Equal("Bearer AT-1", r.Headers["Authorization"]));
        Assert.Single(result.Exchanges);
    }

    [Fact]
    public async Task FollowingNextRetriesTransientFaultsLikeAnyOtherCall()
    {
        await using var stub = await StubBitbucket.StartAsync((c, n) => n == 0
            ? StubBitbucket.Json(c, 503, "{}")
            : StubBitbucket.Json(c, 200, """{"pagelen":10,"values":[]}"""));
        await using var app = StubBitbucket.ClientsFor(stub.BaseUri);

        var result = await app.Services.GetRequiredService<IBitbucketApiClient>()
            .GetPageAsync<Repository>("AT-1", new Uri(stub.BaseUri, "/2.0/repositories/ws?page=2"), Ct);

        Assert.True(result.Succeeded, result.Fault);
        Assert.Equal([503, 200], result.Exchanges.Select(e => e.StatusCode));
    }

    [Fact]
    public async Task ANextLinkToAnotherOriginIsRefusedWithoutSendingTheToken()
    {
        await using var api = await StubBitbucket.StartAsync((c, _) => StubBitbucket.Json(c, 200, "{}"));
        await using var elsewhere = await StubBitbucket.StartAsync((c, _) => StubBitbucket.Json(c, 200, """{"pagelen":10,"values":[]}"""));
        await using var app = StubBitbucket.ClientsFor(api.BaseUri);
        var client = app.Services.GetRequiredService<IBitbucketApiClient>();

        var foreign = await client.GetPageAsync<Repository>("AT-1", new Uri(elsewhere.BaseUri, "/2.0/repositories/ws?page=2"), Ct);
        var outsideApi = await client.GetPageAsync<Repository>("AT-1", new Uri(api.BaseUri, "/site/oauth2/access_token?page=2"), Ct);

        Assert.Empty(elsewhere.Requests);
        Assert.Empty(api.Requests);
        Assert.Contains("Refused", foreign.Fault, StringComparison.Ordinal);
        Assert.Contains(elsewhere.BaseUri.Authority, foreign.Fault, StringComparison.Ordinal);
        Assert.Contains("Refused", outsideApi.Fault, StringComparison.Ordinal);
        Assert.Empty(foreign.Exchanges);
    }

    [Fact]
    public async Task LogsNameEachAttemptButNeverTheBearerToken()
    {
        await using var stub = await StubBitbucket.StartAsync((c, n) => n == 0
            ? StubBitbucket.Json(c, 503, "{}")
            : StubBitbucket.Json(c, 200, UserJson));
        await using var app = StubBitbucket.ClientsFor(stub.BaseUri);

        await app.Services.GetRequiredService<IBitbucketApiClient>().GetCurrentUserAsync("AT-very-secret-token", Ct);

        var logs = app.Services.GetFakeLogCollector().AllText();
        Assert.Contains("GET http://127.0.0.1", logs, StringComparison.Ordinal);
        Assert.Contains("503", logs, StringComparison.Ordinal);
        Assert.Contains("Bearer ***", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("AT-very-secret-token", logs, StringComparison.Ordinal);
    }
}
