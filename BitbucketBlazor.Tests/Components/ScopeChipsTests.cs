using BitbucketBlazor.Tests.Infrastructure;
using BitbucketBlazor.Components.Shared;
using BitbucketBlazor.OAuth;
using Bunit;

namespace BitbucketBlazor.Tests.Components;

/// <summary>Scopes at a glance: granted, accepted and configured, with the 403 told before it happens.</summary>
public sealed class ScopeChipsTests : WalkthroughContext
{
    private const string Repositories = FakeBitbucketApi.ApiBase + "/repositories/blazor-demo";

    [Fact]
    public async Task BeforeAnyCallTheTokenResponsesScopesAndTheExpectedScopeForecastA403()
    {
        await HoldTokenAsync(scopes: "account");

        var check = ScopeCheck.For(State, new Uri(Repositories + "/bitbucket-oauth-demo/pullrequests"), "pullrequest");

        Assert.False(check.Allowed);
        Assert.Equal("the token response's scopes", check.GrantedSource);
        Assert.StartsWith("This endpoint needs `pullrequest`; your token has `account`.", check.Verdict, StringComparison.Ordinal);
        Assert.Contains("The consumer has that scope now, so get a new token", check.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BitbucketsHeadersFromThisTabsHistoryWinOverWhatTheAppExpected()
    {
        var token = await HoldTokenAsync(scopes: "account");
        await State.RecordAsync([TestExchanges.Make("GET", Repositories, 403, "{}",
            requestHeaders: [new("Authorization", "Bearer " + token)],
            responseHeaders: [new("x-oauth-scopes", "account,email"), new("x-accepted-oauth-scopes", "repository, project")])]);

        var check = ScopeCheck.For(State, new Uri(Repositories + "?page=2"), "expected-scope");

        Assert.Equal(["account", "email"], check.Granted);
        Assert.Equal("x-oauth-scopes", check.GrantedSource);
        Assert.Equal(["repository", "project"], check.Accepted);
        Assert.StartsWith("This endpoint needs `repository` or `project`; your token has `account`, `email`.", check.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnImpliedScopeCountsAndTheChipsShowWhatIsCovered()
    {
        await HoldTokenAsync(scopes: "account pullrequest");

        var chips = Render<ScopeChips>(p => p.Add(c => c.Check, ScopeCheck.For(State, new Uri(Repositories), "repository")));

        Assert.Equal("true", chips.Find("[data-testid=scope-check]").GetAttribute("data-allowed"));
        Assert.Contains("which the token has", chips.Find("[data-testid=scope-verdict]").TextContent, StringComparison.Ordinal);
        Assert.Contains("mud-chip-color-success", chips.Find("[data-testid=scopes-accepted] .mud-chip").ClassName, StringComparison.Ordinal);
        Assert.Contains("pullrequest", chips.Find("[data-testid=scopes-configured]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConsumerTheAppCannotSeeIsSaidSo()
    {
        await State.SelectConsumerAsync(new ConsumerCredentials("k", "s", "Mine", ConsumerSource.Configured));

        var chips = Render<ScopeChips>(p => p.Add(c => c.Check, ScopeCheck.For(State, new Uri(Repositories), "repository")));

        Assert.Equal("unknown", chips.Find("[data-testid=scope-check]").GetAttribute("data-allowed"));
        Assert.Contains("not visible to this app", chips.Find("[data-testid=scopes-configured]").TextContent, StringComparison.Ordinal);
    }
}
