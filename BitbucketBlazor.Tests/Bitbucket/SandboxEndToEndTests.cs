using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Bitbucket.Models;
using BitbucketBlazor.OAuth;
using BitbucketBlazor.Sandbox;
using BitbucketBlazor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BitbucketBlazor.Tests.Bitbucket;

/// <summary>
/// The app's own registered <see cref="ITokenClient"/> and <see cref="IBitbucketApiClient"/>,
/// resolved from the running app, against its built-in sandbox over real HTTP.
/// </summary>
public sealed class SandboxEndToEndTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ITokenClient Tokens => app.Services.GetRequiredService<ITokenClient>();

    private IBitbucketApiClient Api => app.Services.GetRequiredService<IBitbucketApiClient>();

    private static ConsumerCredentials Consumer(SandboxConsumer demo) =>
        new(demo.Key, demo.Secret, demo.Name, ConsumerSource.SandboxDemo);

    [Fact]
    public async Task ThePrivateDemoConsumerGetsAClientCredentialsTokenFromTheSandbox()
    {
        var result = await Tokens.RequestClientCredentialsAsync(Consumer(DemoConsumers.Private), Ct);

        Assert.True(result.Succeeded, result.Fault ?? result.Error?.ErrorDescription);
        Assert.Equal("client_credentials", result.Token!.State);
        Assert.Equal("bearer", result.Token.TokenType);
        Assert.Contains("repository", result.Token.ScopeList);
        Assert.Equal(new Uri(app.RootUri, "/sandbox/site/oauth2/access_token"), result.Exchange!.Url);
        Assert.Equal(200, result.Exchange.StatusCode);
    }

    [Fact]
    public async Task TheTokenReadsTheSandboxUser()
    {
        var token = await PrivateTokenAsync();

        var result = await Api.GetCurrentUserAsync(token, Ct);

        Assert.True(result.Succeeded, result.Fault);
        Assert.Equal(SandboxData.User.DisplayName, result.Value!.DisplayName);
        Assert.Equal(new Uri(app.RootUri, "/sandbox/2.0/user"), result.Exchange!.Url);
    }

    [Fact]
    public async Task FollowingNextListsAllTwentyThreeRepositoriesOfBlazorDemo()
    {
        var token = await PrivateTokenAsync();
        var pages = 0;
        var slugs = new List<string?>();

        var result = await Api.GetRepositoriesAsync(token, "blazor-demo", cancellationToken: Ct);
        while (true)
        {
            Assert.True(result.Succeeded, result.Fault);
            pages++;
            slugs.AddRange(result.Value!.Values.Select(r => r.Slug));
            if (result.Value.Next is not { } next)
            {
                break;
            }

            result = await Api.GetPageAsync<Repository>(token, new Uri(next), Ct);
        }

        var expected = SandboxData.Repositories.Where(r => r.Workspace.Slug == "blazor-demo").Select(r => (string?)r.Slug).ToList();
        Assert.Equal(23, expected.Count);
        Assert.Equal(expected, slugs);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task ThePublicDemoConsumersRefusalIsParsedIntoAnOAuthError()
    {
        var result = await Tokens.RequestClientCredentialsAsync(Consumer(DemoConsumers.Public), Ct);

        Assert.False(result.Succeeded);
        Assert.Null(result.Fault);
        Assert.Equal("invalid_grant", result.Error!.Error);
        Assert.Contains("marked as \"public\"", result.Error.ErrorDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefreshingTheDemoTokenGivesANewUsableAccessToken()
    {
        var first = await Tokens.RequestClientCredentialsAsync(Consumer(DemoConsumers.Private), Ct);
        Assert.NotNull(first.Token?.RefreshToken);

        var refreshed = await Tokens.RefreshAsync(Consumer(DemoConsumers.Private), first.Token.RefreshToken, Ct);

        Assert.True(refreshed.Succeeded, refreshed.Fault ?? refreshed.Error?.ErrorDescription);
        Assert.Equal("refresh_token", refreshed.Token!.State);
        Assert.True((await Api.GetCurrentUserAsync(refreshed.Token.AccessToken, Ct)).Succeeded);
    }

    [Fact]
    public async Task AMissingScopeComesBackAsABitbucketErrorNotAFault()
    {
        var narrow = await Tokens.RequestClientCredentialsAsync(Consumer(DemoConsumers.Narrow), Ct);
        Assert.True(narrow.Succeeded, narrow.Fault ?? narrow.Error?.ErrorDescription);

        var result = await Api.GetRepositoriesAsync(narrow.Token!.AccessToken, "blazor-demo", cancellationToken: Ct);

        Assert.False(result.Succeeded);
        Assert.Null(result.Fault);
        Assert.Equal(403, result.Exchange!.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(result.Error!.Error!.Message));
        Assert.Single(result.Exchanges);
    }

    private async Task<string> PrivateTokenAsync()
    {
        var result = await Tokens.RequestClientCredentialsAsync(Consumer(DemoConsumers.Private), Ct);
        Assert.True(result.Succeeded, result.Fault ?? result.Error?.ErrorDescription);
        return result.Token!.AccessToken;
    }
}
