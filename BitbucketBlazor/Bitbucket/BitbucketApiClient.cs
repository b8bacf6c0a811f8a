using System.Net.Http.Headers;
using System.Text.Json;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Bitbucket.Models;
using Microsoft.Extensions.Options;
using Refit;

namespace BitbucketBlazor.Bitbucket;

/// <summary>
/// Calls the REST API 2.0 through the <see cref="IBitbucketRestApi"/> Refit client, and follows
/// <c>next</c> links through the same named <see cref="HttpClient"/>, so every call is recorded,
/// logged with secrets masked, and retried on transient faults.
/// </summary>
public sealed class BitbucketApiClient(
    IBitbucketRestApi api,
    IHttpClientFactory httpClientFactory,
    BitbucketEndpoints endpoints,
    IOptions<BitbucketOptions> options) : IBitbucketApiClient
{
    /// <inheritdoc />
    public Task<ApiCallResult<Account>> GetCurrentUserAsync(string accessToken, CancellationToken cancellationToken = default) =>
        CallAsync("/user", accessToken, ct => api.GetCurrentUserAsync(accessToken, ct), cancellationToken);

    /// <inheritdoc />
    public Task<ApiCallResult<Paginated<WorkspaceAccess>>> GetUserWorkspacesAsync(string accessToken, int? page = null, int? pagelen = null, CancellationToken cancellationToken = default) =>
        CallAsync("/user/workspaces", accessToken, ct => api.GetUserWorkspacesAsync(accessToken, page, pagelen, ct), cancellationToken);

    /// <inheritdoc />
    public Task<ApiCallResult<Paginated<Repository>>> GetRepositoriesAsync(string accessToken, string workspace, int? page = null, int? pagelen = null, CancellationToken cancellationToken = default) =>
        CallAsync("/repositories/{workspace}", accessToken, ct => api.GetRepositoriesAsync(accessToken, workspace, page, pagelen, ct), cancellationToken);

    /// <inheritdoc />
    public Task<ApiCallResult<Repository>> GetRepositoryAsync(string accessToken, string workspace, string repoSlug, CancellationToken cancellationToken = default) =>
        CallAsync("/repositories/{workspace}/{repo_slug}", accessToken, ct => api.GetRepositoryAsync(accessToken, workspace, repoSlug, ct), cancellationToken);

    /// <inheritdoc />
    public Task<ApiCallResult<Paginated<PullRequest>>> GetPullRequestsAsync(string accessToken, string workspace, string repoSlug, string? state = null, int? page = null, CancellationToken cancellationToken = default) =>
        CallAsync("/repositories/{workspace}/{repo_slug}/pullrequests", accessToken, ct => api.GetPullRequestsAsync(accessToken, workspace, repoSlug, state, page, null, ct), cancellationToken);

    /// <inheritdoc />
    public Task<ApiCallResult<Paginated<Commit>>> GetCommitsAsync(string accessToken, string workspace, string repoSlug, int? page = null, CancellationToken cancellationToken = default) =>
        CallAsync("/repositories/{workspace}/{repo_slug}/commits", accessToken, ct => api.GetCommitsAsync(accessToken, workspace, repoSlug, page, ct), cancellationToken);

    /// <inheritdoc />
    public async Task<ApiCallResult<Paginated<T>>> GetPageAsync<T>(string accessToken, Uri pageUrl, CancellationToken cancellationToken = default)
    {
        if ((TokenProblem(accessToken) ?? RefuseToFollow(pageUrl)) is { } refusal)
        {
            return new ApiCallResult<Paginated<T>>([], null, null, refusal);
        }

        var client = httpClientFactory.CreateClient(BitbucketServiceExtensions.RestClientName);
        using var request = new HttpRequestMessage(HttpMethod.Get, pageUrl);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        var outcome = await BitbucketCall.SendAsync(ct => client.SendAsync(request, ct), pageUrl, options.Value.RequestTimeout, cancellationToken);
        using var response = outcome.Response;
        if (response is null)
        {
            return new ApiCallResult<Paginated<T>>(outcome.Exchanges, null, null, outcome.Fault);
        }

        if (response.IsSuccessStatusCode)
        {
            try
            {
                var page = await response.Content.ReadFromJsonAsync<Paginated<T>>(BitbucketJson.Options, cancellationToken);
                if (page?.Values is not null)
                {
                    return new ApiCallResult<Paginated<T>>(outcome.Exchanges, page, null, null);
                }
            }
            catch (JsonException)
            {
                // Described below from the recorded exchange.
            }
        }

        return Unsuccessful<Paginated<T>>(outcome.Exchanges, "a page of results");
    }

    private async Task<ApiCallResult<T>> CallAsync<T>(string what, string accessToken, Func<CancellationToken, Task<IApiResponse<T>>> call, CancellationToken cancellationToken)
        where T : class
    {
        if (TokenProblem(accessToken) is { } problem)
        {
            return new ApiCallResult<T>([], null, null, problem);
        }

        var outcome = await BitbucketCall.SendAsync(call, endpoints.ApiUrl, options.Value.RequestTimeout, cancellationToken);
        using var response = outcome.Response;
        if (response is null)
        {
            return new ApiCallResult<T>(outcome.Exchanges, null, null, outcome.Fault);
        }

        return response.IsSuccessStatusCode && response.Content is not null && response.Error is null
            ? new ApiCallResult<T>(outcome.Exchanges, response.Content, null, null)
            : Unsuccessful<T>(outcome.Exchanges, $"the JSON answer of {what}");
    }

    private static ApiCallResult<T> Unsuccessful<T>(IReadOnlyList<HttpExchange> exchanges, string expected)
        where T : class
    {
        var last = exchanges.Count > 0 ? exchanges[^1] : null;
        if (last is { IsSuccess: false } && BitbucketCall.TryParseError<BitbucketErrorResponse>(last.ResponseBody, e => e is { Type: "error", Error: not null }) is { } error)
        {
            return new ApiCallResult<T>(exchanges, null, error, null);
        }

        return new ApiCallResult<T>(exchanges, null, null, HttpFaults.UnexpectedAnswer(last, last is { IsSuccess: false }
            ? "Bitbucket's JSON error ({\"type\": \"error\", \"error\": {\"message\": …}})"
            : expected));
    }

    // A token with a space or line break would be refused by the header parser with an exception
    // quoting the value; say what is wrong instead, without the token.
    private static string? TokenProblem(string? accessToken) =>
        string.IsNullOrWhiteSpace(accessToken) ? "No access token was given, so no request was made. Get a token first."
        : accessToken.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) ? "The access token contains spaces or line breaks, so no request was made. Paste it again without them."
        : null;

    private string? RefuseToFollow(Uri pageUrl)
    {
        var api = endpoints.ApiUrl;
        var sameOrigin = pageUrl.IsAbsoluteUri
            && string.Equals(pageUrl.Scheme, api.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(pageUrl.IdnHost, api.IdnHost, StringComparison.OrdinalIgnoreCase)
            && pageUrl.Port == api.Port;
        var basePath = api.AbsolutePath.TrimEnd('/') + "/";
        if (sameOrigin && pageUrl.AbsolutePath.StartsWith(basePath, StringComparison.Ordinal))
        {
            return null;
        }

        var where = pageUrl.IsAbsoluteUri ? HttpFaults.Origin(pageUrl) + pageUrl.AbsolutePath : "a relative URL";
        return $"Refused to follow the link to {where}: it is not under the Bitbucket API at {api}, " +
            "and following it would send the access token to another site. No request was made.";
    }
}
