using System.Net;
using System.Text.Json;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Sandbox;

namespace BitbucketBlazor.Tests.Sandbox;

public sealed class SandboxRestApiTests(SandboxFixture app) : IClassFixture<SandboxFixture>
{
    private const string Featured = "repositories/blazor-demo/bitbucket-oauth-demo";

    private SandboxClient Sandbox => app.Sandbox;

    [Fact]
    public async Task UserAnswersTheDemoUserWithBracedUuidAndAbsoluteSelfLink()
    {
        var token = await Sandbox.AccessTokenAsync(DemoConsumers.Narrow);

        var user = await Sandbox.GetApiJsonAsync("user", token);

        Assert.Equal("user", user.GetProperty("type").GetString());
        Assert.Equal("Sandbox Demo User", user.GetProperty("display_name").GetString());
        Assert.Matches("^\\{[0-9a-f-]{36}\\}$", user.GetProperty("uuid").GetString());
        Assert.StartsWith(app.RootUri + "sandbox/2.0/users/", user.GetProperty("links").GetProperty("self").GetProperty("href").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserWorkspacesListsBothWorkspaces()
    {
        var token = await Sandbox.AccessTokenAsync(DemoConsumers.Private);

        var page = await Sandbox.GetApiJsonAsync("user/workspaces", token);

        Assert.Equal(2, page.GetProperty("size").GetInt32());
        Assert.Equal(
            ["blazor-demo", "sandbox-labs"],
            page.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("workspace").GetProperty("slug").GetString()));
    }

    [Fact]
    public async Task FollowingNextCollectsAll23RepositoriesOnce()
    {
        var token = await Sandbox.AccessTokenAsync(DemoConsumers.Private);
        var names = new List<string>();
        var pages = 0;
        string? next = "repositories/blazor-demo";

        while (next is not null)
        {
            var page = await Sandbox.GetApiJsonAsync(next, token);
            pages++;
            Assert.Equal(10, page.GetProperty("pagelen").GetInt32());
            Assert.Equal(23, page.GetProperty("size").GetInt32());
            Assert.Equal(pages, page.GetProperty("page").GetInt32());
            Assert.Equal(pages > 1, page.TryGetProperty("previous", out _));
            names.AddRange(page.GetProperty("values").EnumerateArray().Select(r => r.GetProperty("full_name").GetString()!));
            next = page.TryGetProperty("next", out var link) ? link.GetString() : null;
            Assert.True(next is null || next.StartsWith(app.RootUri.ToString(), StringComparison.Ordinal), $"next is absolute on the request's origin: {next}");
        }

        Assert.Equal(3, pages);
        Assert.Equal(23, names.Count);
        Assert.Equal(23, names.Distinct().Count());
        Assert.All(names, n => Assert.StartsWith("blazor-demo/", n, StringComparison.Ordinal));
    }

    [Fact]
    public async Task NextLinkKeepsTheOtherQueryParameters()
    {
        var token = await Sandbox.AccessTokenAsync(DemoConsumers.Private);

        var page = await Sandbox.GetApiJsonAsync("repositories/blazor-demo?pagelen=5&role=member", token);

        var next = new Uri(page.GetProperty("next").GetString()!);
        Assert.Contains("pagelen=5", next.Query, StringComparison.Ordinal);
        Assert.Contains("role=member", next.Query, StringComparison.Ordinal);
        Assert.Contains("page=2", next.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PagelenIsCappedAt100ForRepositoriesAnd50ForCommits()
    {
        var token = await Sandbox.AccessTokenAsync(DemoConsumers.Private);

        var repositories = await Sandbox.GetApiJsonAsync("repositories/blazor-demo?pagelen=500", token);
        var commits = await Sandbox.GetApiJsonAsync(Featured + "/commits?pagelen=500", token);

        Assert.Equal(100, repositories.GetProperty("pagelen").GetInt32());
        Assert.Equal(23, repositories.GetProperty("values").GetArrayLength());
        Assert.False(repositories.TryGetProperty("next", out _));
        Assert.Equal(50, commits.GetProperty("pagelen").GetInt32());
    }

    [Fact]
    public async Task PageBeyondTheEndIsEmptyWithoutNext()
    {
        var token = await Sandbox.AccessTokenAsync(DemoConsumers.Private);

        var page = await Sandbox.GetApiJsonAsync("repositories/blazor-demo?page=9", token);

        Assert.Equal(0, page.GetProperty("values").GetArrayLength());
        Assert.False(page.TryGetProperty("next", out _));
    }

    [Theory]
    [InlineData("pagelen=0")]
    [InlineData("page=0")]
    [InlineData("page=abc")]
    public async Task MalformedPaginationIsABadRequest(string query)
    {
        var token = await Sandbox.AccessTokenAsync(DemoConsumers.Private);

        await Sandbox.GetApiJsonAsync("repositories/blazor-demo?" + query, token, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task SingleRepositoryHasItsTypeAndLinks()
    {
        var token = await Sandbox.AccessTokenAsync(DemoConsumers.Private);

        var repository = await Sandbox.GetApiJsonAsync(Featured, token);

        Assert.Equal("repository", repository.GetProperty("type").GetString());
        Assert.Equal("blazor-demo/bitbucket-oauth-demo", repository.GetProperty("full_name").GetString());
        Assert.Equal(app.RootUri + "sandbox/2.0/" + Featured, repository.GetProperty("links").GetProperty("self").GetProperty("href").GetString());
        Assert.False(string.IsNullOrEmpty(repository.GetProperty("links").GetProperty("html").GetProperty("href").GetString()));
    }

    [Fact]
    public async Task PullRequestsDefaultToOpenOnly()
    {
        var token = await Sandbox.AccessTokenAsync(DemoConsumers.Private);

        var page = await Sandbox.GetApiJsonAsync(Featured + "/pullrequests", token);

        var states = States(page);
        Assert.NotEmpty(states);
        Assert.All(states, s => Assert.Equal("OPEN", s));
    }

    [Fact]
    public async Task PullRequestStateFilterIsRepeatable()
    {
        var token = await Sandbox.AccessTokenAsync(DemoConsumers.Private);

        var page = await Sandbox.GetApiJsonAsync(Featured + "/pullrequests?state=MERGED&state=DECLINED&state=SUPERSEDED", token);

        var states = States(page);
        Assert.Contains("MERGED", states);
        Assert.Contains("DECLINED", states);
        Assert.Contains("SUPERSEDED", states);
        Assert.DoesNotContain("OPEN", states);
    }

    [Fact]
    public async Task CommitsListADozenCommitsNewestFirst()
    {
        var token = await Sandbox.AccessTokenAsync(DemoConsumers.Private);

        var page = await Sandbox.GetApiJsonAsync(Featured + "/commits?pagelen=50", token);

        var commits = page.GetProperty("values").EnumerateArray().ToList();
        Assert.Equal(12, commits.Count);
        Assert.All(commits, c => Assert.Matches("^[0-9a-f]{40}$", c.GetProperty("hash").GetString()));
        var dates = commits.Select(c => c.GetProperty("date").GetDateTimeOffset()).ToList();
        Assert.Equal(dates.OrderDescending(), dates);
    }

    [Fact]
    public async Task NarrowConsumerGets403OnRepositoriesButReadsTheUser()
    {
        var token = await Sandbox.AccessTokenAsync(DemoConsumers.Narrow);

        var forbidden = await Sandbox.GetApiJsonAsync("repositories/blazor-demo", token, HttpStatusCode.Forbidden);
        await Sandbox.GetApiJsonAsync("user", token);

        var error = forbidden.GetProperty("error");
        Assert.Equal("error", forbidden.GetProperty("type").GetString());
        Assert.Equal("Your credentials lack one or more required privilege scopes.", error.GetProperty("message").GetString());
        Assert.Contains("account", error.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("repository", error.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(["repository"], error.GetProperty("data").GetProperty("required").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task MissingScopeCarriesAnInsufficientScopeChallenge()
    {
        var token = await Sandbox.AccessTokenAsync(DemoConsumers.Narrow);

        using var response = await Sandbox.GetApiAsync("repositories/blazor-demo", token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("error=\"insufficient_scope\"", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepositoryScopeAloneDoesNotGivePullRequests()
    {
        var token = await Sandbox.AccessTokenAsync(DemoConsumers.NoCallback);

        await Sandbox.GetApiJsonAsync(Featured, token);
        await Sandbox.GetApiJsonAsync(Featured + "/pullrequests", token, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task MissingTokenIs401WithABearerChallenge()
    {
        using var response = await Sandbox.GetApiAsync("user", accessToken: null);
        var body = await SandboxClient.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.Equal("error", body.GetProperty("type").GetString());
    }

    [Fact]
    public async Task UnknownTokenIs401()
    {
        using var response = await Sandbox.GetApiAsync("user", "not-a-token");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("repositories/no-such-workspace")]
    [InlineData("repositories/blazor-demo/no-such-repo")]
    [InlineData("repositories/blazor-demo/no-such-repo/pullrequests")]
    [InlineData("no/such/path")]
    public async Task UnknownWorkspaceRepositoryOrPathIsResourceNotFound(string path)
    {
        var token = await Sandbox.AccessTokenAsync(DemoConsumers.Private);

        var body = await Sandbox.GetApiJsonAsync(path, token, HttpStatusCode.NotFound);

        Assert.Equal("error", body.GetProperty("type").GetString());
        Assert.Equal("Resource not found", body.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task PresenterEndpointExpiresOnlyTheTokenItIsCalledWith()
    {
        var victim = await Sandbox.AccessTokenAsync(DemoConsumers.Private);
        var bystander = await Sandbox.AccessTokenAsync(DemoConsumers.Private);

        using var expire = await Sandbox.ExpireTokenAsync(victim);
        var expired = await Sandbox.GetApiJsonAsync("user", victim, HttpStatusCode.Unauthorized);
        await Sandbox.GetApiJsonAsync("user", bystander);

        Assert.Equal(HttpStatusCode.NoContent, expire.StatusCode);
        Assert.Equal(
            "Access token expired. Use your refresh token to obtain a new access token.",
            expired.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task PresenterEndpointWithoutABearerTokenIsUnauthorized()
    {
        using var response = await Sandbox.ExpireTokenAsync(accessToken: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task ExpireAccessTokenInProcessExpiresOnlyThatToken()
    {
        var victim = await Sandbox.AccessTokenAsync(DemoConsumers.Narrow);
        var bystander = await Sandbox.AccessTokenAsync(DemoConsumers.Narrow);

        Assert.True(app.Tokens.ExpireAccessToken(victim));
        Assert.False(app.Tokens.ExpireAccessToken("never-issued"));

        await Sandbox.GetApiJsonAsync("user", victim, HttpStatusCode.Unauthorized);
        await Sandbox.GetApiJsonAsync("user", bystander);
    }

    private static List<string?> States(JsonElement page) =>
        page.GetProperty("values").EnumerateArray().Select(p => p.GetProperty("state").GetString()).ToList();
}
