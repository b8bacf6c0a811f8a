using System.Text;
using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Bitbucket.Models;
using BitbucketBlazor.OAuth;

namespace BitbucketBlazor.Tests.Infrastructure;

/// <summary>Builds <see cref="HttpExchange"/>s for component tests.</summary>
internal static class TestExchanges
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    public static HttpExchange Make(
        string method,
        string url,
        int? status,
        string? responseBody,
        IEnumerable<KeyValuePair<string, string>>? requestHeaders = null,
        string? requestBody = null,
        IEnumerable<KeyValuePair<string, string>>? responseHeaders = null,
        string? fault = null) =>
        new(method, new Uri(url), [.. requestHeaders ?? []], requestBody, Start, TimeSpan.FromMilliseconds(42),
            status, status is null ? null : ReasonOf(status.Value), [.. responseHeaders ?? [new("Content-Type", "application/json")]], responseBody, fault);

    public static string Basic(string key, string secret) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{key}:{secret}"));

    private static string ReasonOf(int status) => status switch
    {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        429 => "Too Many Requests",
        _ => "Status",
    };
}

/// <summary>An <see cref="ITokenClient"/> answering what the test tells it to.</summary>
internal sealed class FakeTokenClient : ITokenClient
{
    public const string TokenUrl = "http://127.0.0.1:5000/sandbox/site/oauth2/access_token";

    public Func<ConsumerCredentials, Task<TokenResult>> ClientCredentials { get; set; } =
        consumer => Task.FromResult(Success(consumer, "token-" + Guid.NewGuid().ToString("N")));

    public List<ConsumerCredentials> Requests { get; } = [];

    public static TokenResult Success(ConsumerCredentials consumer, string accessToken, string scopes = "account repository") =>
        new(Exchange(consumer, 200, $$"""{"access_token":"{{accessToken}}","scopes":"{{scopes}}","expires_in":7200,"refresh_token":"refresh-{{accessToken}}","token_type":"bearer","state":"client_credentials"}"""),
            new TokenResponse(accessToken, scopes, 7200, "refresh-" + accessToken, "bearer", "client_credentials"), null, null);

    public static TokenResult Failure(ConsumerCredentials consumer, string error, string description) =>
        new(Exchange(consumer, 400, $$"""{"error":"{{error}}","error_description":"{{description.Replace("\"", "\\\"", StringComparison.Ordinal)}}"}"""),
            null, new OAuthErrorResponse(error, description), null);

    public TokenRequestPreview PreviewClientCredentials(ConsumerCredentials consumer) =>
        new("POST", new Uri(TokenUrl),
            [new("Authorization", TestExchanges.Basic(consumer.ClientId, consumer.ClientSecret)), new("Content-Type", "application/x-www-form-urlencoded")],
            [new("grant_type", "client_credentials")]);

    public TokenRequestPreview PreviewCodeExchange(ConsumerCredentials consumer, string code, string? redirectUri) => throw new NotSupportedException();

    public TokenRequestPreview PreviewRefresh(ConsumerCredentials consumer, string refreshToken) =>
        new("POST", new Uri(TokenUrl),
            [new("Authorization", TestExchanges.Basic(consumer.ClientId, consumer.ClientSecret)), new("Content-Type", "application/x-www-form-urlencoded")],
            [new("grant_type", "refresh_token"), new("refresh_token", refreshToken)]);

    public Task<TokenResult> RequestClientCredentialsAsync(ConsumerCredentials consumer, CancellationToken cancellationToken = default)
    {
        Requests.Add(consumer);
        return ClientCredentials(consumer);
    }

    public Task<TokenResult> ExchangeCodeAsync(ConsumerCredentials consumer, string code, string? redirectUri, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    /// <summary>Gets or sets how a refresh is answered, given the refresh token sent; by default refreshes are not expected.</summary>
    public Func<string, TokenResult> Refresh { get; set; } = _ => throw new NotSupportedException();

    public List<string> RefreshTokensUsed { get; } = [];

    /// <summary>Gets or sets what every refresh waits for after it is sent, so a test can hold one in flight.</summary>
    public Task Hold { get; set; } = Task.CompletedTask;

    public async Task<TokenResult> RefreshAsync(ConsumerCredentials consumer, string refreshToken, CancellationToken cancellationToken = default)
    {
        RefreshTokensUsed.Add(refreshToken);
        await Hold;
        return Refresh(refreshToken);
    }

    private static HttpExchange Exchange(ConsumerCredentials consumer, int status, string body) =>
        TestExchanges.Make("POST", TokenUrl, status, body,
            [new("Authorization", TestExchanges.Basic(consumer.ClientId, consumer.ClientSecret))], "grant_type=client_credentials");
}

/// <summary>An <see cref="IBitbucketApiClient"/> answering what the test tells it to, recording the calls.</summary>
internal sealed class FakeBitbucketApi : IBitbucketApiClient
{
    public const string ApiBase = "http://127.0.0.1:5000/sandbox/2.0";

    public List<string> Calls { get; } = [];

    public Func<string, string, ApiCallResult<Paginated<Repository>>> Repositories { get; set; } =
        (_, workspace) => RepositoryPage(workspace, 1, 3);

    public Func<Uri, object> Page { get; set; } = uri => RepositoryPage("blazor-demo", 2, 3);

    /// <summary>Gets or sets what the repository listing waits for before answering: a real request ends after the click's own render.</summary>
    public Task RepositoriesAnswerAfter { get; set; } = Task.CompletedTask;

    public Func<string, ApiCallResult<Account>> CurrentUser { get; set; } = _ => new(
        [TestExchanges.Make("GET", ApiBase + "/user", 200, """{"type":"user","display_name":"Sandbox Demo User"}""")],
        new Account("user", "{u}", "Sandbox Demo User", "sandbox-demo", "557058:1", null, null, null), null, null);

    public static ApiCallResult<Paginated<Repository>> RepositoryPage(string workspace, int page, int pages)
    {
        var url = $"{ApiBase}/repositories/{workspace}" + (page > 1 ? $"?page={page}" : "");
        var values = Enumerable.Range(1, 10).Select(i => Repo(workspace, $"repo-p{page}-{i}")).ToList();
        var next = page < pages ? $"{ApiBase}/repositories/{workspace}?page={page + 1}" : null;
        var previous = page > 1 ? $"{ApiBase}/repositories/{workspace}?page={page - 1}" : null;
        return new([TestExchanges.Make("GET", url, 200, "{\"values\":[]}")],
            new Paginated<Repository>(23, page, 10, next, previous, values), null, null);
    }

    public static ApiCallResult<T> Error<T>(string url, int status, string message, params KeyValuePair<string, string>[] headers)
        where T : class =>
        new([TestExchanges.Make("GET", url, status, "{\"type\":\"error\",\"error\":{\"message\":\"" + message + "\"}}", responseHeaders: headers)],
            null, new BitbucketErrorResponse("error", new BitbucketError(message, null)), null);

    public Task<ApiCallResult<Account>> GetCurrentUserAsync(string accessToken, CancellationToken cancellationToken = default)
    {
        Calls.Add("user");
        return Task.FromResult(CurrentUser(accessToken));
    }

    public Task<ApiCallResult<Paginated<WorkspaceAccess>>> GetUserWorkspacesAsync(string accessToken, int? page = null, int? pagelen = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public async Task<ApiCallResult<Paginated<Repository>>> GetRepositoriesAsync(string accessToken, string workspace, int? page = null, int? pagelen = null, CancellationToken cancellationToken = default)
    {
        Calls.Add($"repositories {workspace}");
        await RepositoriesAnswerAfter;
        return Repositories(accessToken, workspace);
    }

    public Task<ApiCallResult<Repository>> GetRepositoryAsync(string accessToken, string workspace, string repoSlug, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<ApiCallResult<Paginated<PullRequest>>> GetPullRequestsAsync(string accessToken, string workspace, string repoSlug, string? state = null, int? page = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<ApiCallResult<Paginated<Commit>>> GetCommitsAsync(string accessToken, string workspace, string repoSlug, int? page = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<ApiCallResult<Paginated<T>>> GetPageAsync<T>(string accessToken, Uri pageUrl, CancellationToken cancellationToken = default)
    {
        Calls.Add($"page {pageUrl}");
        return Task.FromResult((ApiCallResult<Paginated<T>>)Page(pageUrl));
    }

    private static Repository Repo(string workspace, string slug) =>
        new("repository", "{" + slug + "}", $"{workspace}/{slug}", slug, slug, null, true, "c#", 1, null, null, null, null, null, null);
}

/// <summary>Presenter controls that remember what they expired or retired.</summary>
internal sealed class FakePresenterControls : IPresenterControls
{
    public List<string> Expired { get; } = [];

    public bool IsAvailable { get; set; } = true;

    public List<string> Retired { get; } = [];

    public TimeSpan RefreshTokenGracePeriod { get; set; } = TimeSpan.FromMinutes(10);

    public Task<bool> ExpireAccessTokenAsync(string accessToken, CancellationToken cancellationToken = default)
    {
        Expired.Add(accessToken);
        return Task.FromResult(true);
    }

    public Task<bool> RetireRefreshTokenAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        Retired.Add(refreshToken);
        return Task.FromResult(true);
    }
}
