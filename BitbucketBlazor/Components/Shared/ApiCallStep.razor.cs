using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Bitbucket.Models;
using BitbucketBlazor.Components.Presentation;
using BitbucketBlazor.Components.Presentation.Programs;
using BitbucketBlazor.OAuth;
using Microsoft.AspNetCore.Components;

namespace BitbucketBlazor.Components.Shared;

/// <summary>Step 4 of the walkthrough: a REST API call with the current token.</summary>
public sealed partial class ApiCallStep : IDisposable
{
    /// <summary>The sandbox's seeded workspace, prefilled so the first call just works.</summary>
    public const string DefaultWorkspace = "blazor-demo";

    /// <summary>The sandbox's featured repository (the one with pull requests and commits).</summary>
    public const string DefaultRepository = "bitbucket-oauth-demo";

    private readonly CancellationTokenSource _cancellation = new();

    private IDisposable? _subscription;
    private ApiEndpoint _endpoint = ApiEndpoint.Repositories;
    private string? _workspace = DefaultWorkspace;
    private string? _repoSlug = DefaultRepository;
    private bool _busy;
    private HttpExchange? _exchange;
    // The readable view as markup, not the parsed answer (ReadableResult).
    private MarkupString? _readable;
    private ErrorExplanation? _explanation;
    private string? _refitInvocation;
    private string? _next;
    private string? _previous;
    private int? _page;
    private Func<Uri, Task>? _follow;

    [Inject] private TokenState State { get; set; } = null!;

    [Inject] private IBitbucketApiClient Api { get; set; } = null!;

    [Inject] private BitbucketEndpoints Endpoints { get; set; } = null!;

    [Inject] private PublicUrls Urls { get; set; } = null!;

    [Inject] private ILogger<ApiCallStep> Logger { get; set; } = null!;

    /// <summary>Gets or sets what "Get a new token" does after a 401 or 403 (the page goes back to the token request). Defaults to nothing.</summary>
    [Parameter] public EventCallback OnGetNewToken { get; set; }

    private bool NeedsWorkspace => _endpoint is ApiEndpoint.Repositories or ApiEndpoint.Repository or ApiEndpoint.PullRequests;

    private bool NeedsRepository => _endpoint is ApiEndpoint.Repository or ApiEndpoint.PullRequests;

    private bool CanSend => (!NeedsWorkspace || !string.IsNullOrWhiteSpace(_workspace)) && (!NeedsRepository || !string.IsNullOrWhiteSpace(_repoSlug));

    private string Workspace => (_workspace ?? "").Trim();

    private string RepoSlug => (_repoSlug ?? "").Trim();

    private string RequestUrl => Endpoints.ApiUrl + _endpoint switch
    {
        ApiEndpoint.CurrentUser => "/user",
        ApiEndpoint.Workspaces => "/user/workspaces",
        ApiEndpoint.Repositories => $"/repositories/{Uri.EscapeDataString(Workspace)}",
        ApiEndpoint.Repository => $"/repositories/{Uri.EscapeDataString(Workspace)}/{Uri.EscapeDataString(RepoSlug)}",
        _ => $"/repositories/{Uri.EscapeDataString(Workspace)}/{Uri.EscapeDataString(RepoSlug)}/pullrequests",
    };

    // The whole-program version of a repository listing, for the consumer of this tab's token.
    private RepositoryProgram? Program => State.Consumer is { } consumer && State.Token is not null
        ? new RepositoryProgram(Urls.ToPublic(Endpoints.SiteUrl), Urls.ToPublic(Endpoints.ApiUrl), consumer.ClientId,
            string.IsNullOrWhiteSpace(Workspace) ? DefaultWorkspace : Workspace,
            StartsFromRefreshToken: State.Grant is AuthorizationCodeFlow.Grant or TokenRefresher.Grant)
        : null;

    private IReadOnlyList<KeyValuePair<string, string>> PreviewHeaders =>
    [
        // Masked here, not in the child: what is handed down is in this component's frames, which go to the browser.
        new("Authorization", MaskingPolicy.ForDisplay.MaskHeaderValue("Authorization", "Bearer " + (State.Token?.AccessToken ?? ""))),
        new("Accept", "application/json"),
    ];

    /// <inheritdoc />
    protected override void OnInitialized() =>
        // Not with this component as the receiver, which would render at every notification: while its own request runs,
        // the history it records is part of the answer, and the answer renders once, when the request ends.
        _subscription = State.NotifyOnChange(new EventCallback(null, (Action)RenderUnlessBusy));

    private void RenderUnlessBusy()
    {
        if (!_busy)
        {
            StateHasChanged();
        }
    }

    private static string ScopeOf(ApiEndpoint endpoint) => endpoint switch
    {
        ApiEndpoint.CurrentUser => "account",
        ApiEndpoint.Workspaces => "account",
        ApiEndpoint.PullRequests => "pullrequest",
        _ => "repository",
    };

    private void ChooseEndpoint(ApiEndpoint endpoint) => _endpoint = endpoint;

    private Task SendAsync()
    {
        var workspace = Workspace;
        var repo = RepoSlug;
        var ws = SnippetLiterals.CSharp(workspace);
        var rs = SnippetLiterals.CSharp(repo);
        return _endpoint switch
        {
            ApiEndpoint.CurrentUser => RunAsync(
                (t, c) => Api.GetCurrentUserAsync(t, c), "GetCurrentUserAsync(accessToken, CancellationToken.None)", null),
            ApiEndpoint.Workspaces => RunAsync(
                (t, c) => Api.GetUserWorkspacesAsync(t, null, null, c), "GetUserWorkspacesAsync(accessToken, page: null, pagelen: null, CancellationToken.None)", Paging<WorkspaceAccess>),
            ApiEndpoint.Repositories => RunAsync(
                (t, c) => Api.GetRepositoriesAsync(t, workspace, null, null, c), $"GetRepositoriesAsync(accessToken, {ws}, page: null, pagelen: null, CancellationToken.None)", Paging<Repository>),
            ApiEndpoint.Repository => RunAsync(
                (t, c) => Api.GetRepositoryAsync(t, workspace, repo, c), $"GetRepositoryAsync(accessToken, {ws}, {rs}, CancellationToken.None)", null),
            _ => RunAsync(
                (t, c) => Api.GetPullRequestsAsync(t, workspace, repo, null, null, c), $"GetPullRequestsAsync(accessToken, {ws}, {rs}, state: null, page: null, pagelen: null, CancellationToken.None)", Paging<PullRequest>),
        };
    }

    private Task FollowAsync(string? url) =>
        url is not null && _follow is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) ? _follow(uri) : Task.CompletedTask;

    private void Paging<TItem>(Paginated<TItem> page)
    {
        _next = page.Next;
        _previous = page.Previous;
        _page = page.Page;
        _follow = uri => RunAsync((t, c) => Api.GetPageAsync<TItem>(t, uri, c), null, Paging<TItem>);
    }

    private async Task RunAsync<T>(Func<string, CancellationToken, Task<ApiCallResult<T>>> call, string? refitInvocation, Action<T>? onValue)
        where T : class
    {
        if (State.Token is not { } token || _busy)
        {
            return;
        }

        _busy = true;
        try
        {
            var result = await call(token.AccessToken, _cancellation.Token);
            _exchange = result.Exchange;
            _readable = result.Value is null ? null : ReadableResult.Of(result.Value);
            _explanation = ErrorExplainer.ForApi(result);
            _refitInvocation = refitInvocation;
            if (result.Value is { } value && onValue is not null)
            {
                onValue(value);
            }
            else if (result.Value is not null)
            {
                ClearPaging();
            }

            if (result.Exchanges.Count > 0)
            {
                await State.RecordAsync(result.Exchanges);
            }
        }
        catch (OperationCanceledException) when (_cancellation.IsCancellationRequested)
        {
            // The visitor left the page.
        }
        catch (Exception ex)
        {
            // No error may end the circuit: an unexpected failure is shown like a network fault.
            _exchange = null;
            _readable = null;
            _explanation = ErrorExplainer.ForApi(null, null, UnexpectedFailure.Explain(Logger, ex, "The API call", "Send it again."));
        }
        finally
        {
            _busy = false;
        }
    }

    private void ClearPaging()
    {
        _next = null;
        _previous = null;
        _page = null;
        _follow = null;
    }

    private Task GetNewTokenAsync() => OnGetNewToken.HasDelegate ? OnGetNewToken.InvokeAsync() : Task.CompletedTask;

    /// <inheritdoc />
    public void Dispose()
    {
        _subscription?.Dispose();
        _cancellation.Cancel();
        _cancellation.Dispose();
    }
}
