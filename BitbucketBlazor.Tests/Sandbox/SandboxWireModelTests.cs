using System.Text.Json;
using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Bitbucket.Models;
using BitbucketBlazor.Sandbox;

namespace BitbucketBlazor.Tests.Sandbox;

/// <summary>The app's own wire models read what the sandbox writes, so the UI sees real values.</summary>
public sealed class SandboxWireModelTests(SandboxFixture app) : IClassFixture<SandboxFixture>
{
    private const string Featured = "repositories/blazor-demo/bitbucket-oauth-demo";

    [Fact]
    public async Task TokenResponseReadsIntoTheTokenModel()
    {
        var body = await app.Sandbox.ClientCredentialsAsync(DemoConsumers.Private);

        var token = body.Deserialize<TokenResponse>(BitbucketJson.Options)!;

        Assert.Equal(7200, token.ExpiresIn);
        Assert.Equal(DemoConsumers.Private.Scopes, token.ScopeList);
        Assert.Equal("client_credentials", token.State);
    }

    [Fact]
    public async Task ApiBodiesReadIntoTheApiModels()
    {
        var token = await app.Sandbox.AccessTokenAsync(DemoConsumers.Private);

        var user = (await app.Sandbox.GetApiJsonAsync("user", token)).Deserialize<Account>(BitbucketJson.Options)!;
        var workspaces = (await app.Sandbox.GetApiJsonAsync("user/workspaces", token)).Deserialize<Paginated<WorkspaceAccess>>(BitbucketJson.Options)!;
        var repositories = (await app.Sandbox.GetApiJsonAsync("repositories/blazor-demo", token)).Deserialize<Paginated<Repository>>(BitbucketJson.Options)!;
        var pullRequests = (await app.Sandbox.GetApiJsonAsync(Featured + "/pullrequests", token)).Deserialize<Paginated<PullRequest>>(BitbucketJson.Options)!;
        var commits = (await app.Sandbox.GetApiJsonAsync(Featured + "/commits", token)).Deserialize<Paginated<Commit>>(BitbucketJson.Options)!;

        Assert.Equal("Sandbox Demo User", user.DisplayName);
        Assert.NotNull(user.Links?.Self?.Href);
        Assert.Equal("blazor-demo", workspaces.Values[0].Workspace?.Slug);
        Assert.Equal(23, repositories.Size);
        Assert.NotNull(repositories.Next);
        Assert.Equal("main", repositories.Values[0].Mainbranch?.Name);
        Assert.All(pullRequests.Values, pr => Assert.Equal("OPEN", pr.State));
        Assert.All(pullRequests.Values, pr => Assert.Equal("main", pr.Destination?.Branch?.Name));
        Assert.All(commits.Values, c => Assert.Equal("Sandbox Demo User", c.Author?.User?.DisplayName));
    }

    [Fact]
    public async Task ErrorBodyReadsIntoTheErrorModel()
    {
        var token = await app.Sandbox.AccessTokenAsync(DemoConsumers.Narrow);

        var body = await app.Sandbox.GetApiJsonAsync("repositories/blazor-demo", token, System.Net.HttpStatusCode.Forbidden);
        var error = body.Deserialize<BitbucketErrorResponse>(BitbucketJson.Options)!;

        Assert.Equal("Your credentials lack one or more required privilege scopes.", error.Error?.Message);
        Assert.Equal(JsonValueKind.String, error.Error?.Detail?.ValueKind);
    }
}
