using System.Net;
using BitbucketBlazor.Bitbucket.Facts;

namespace BitbucketBlazor.Tests.Sandbox;

/// <summary>The sandbox's answers carry Bitbucket's scope headers, and the app's page-security headers only where it serves pages.</summary>
public sealed class SandboxResponseHeaderTests(SandboxFixture app) : IClassFixture<SandboxFixture>
{
    private static readonly string[] s_pageHeaders = ["Content-Security-Policy", "X-Frame-Options", "Referrer-Policy"];

    [Theory]
    [InlineData("user", "account")]
    [InlineData("repositories/blazor-demo", "repository")]
    [InlineData("repositories/blazor-demo/bitbucket-oauth-demo/pullrequests", "pullrequest")]
    public async Task ApiAnswersTellTheTokensScopesAndTheEndpointsInBitbucketsFormat(string path, string accepted)
    {
        var token = await app.Sandbox.AccessTokenAsync(DemoConsumers.Private);

        using var response = await app.Sandbox.GetApiAsync(path, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertBitbucketHeadersOnly(response, "account, email, repository, pullrequest, project, team", accepted);
    }

    [Fact]
    public async Task A403StillTellsWhatTheTokenHasAndWhatTheEndpointAccepts()
    {
        var token = await app.Sandbox.AccessTokenAsync(DemoConsumers.Narrow);

        using var response = await app.Sandbox.GetApiAsync("repositories/blazor-demo", token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        AssertBitbucketHeadersOnly(response, "account", "repository");
    }

    [Fact]
    public async Task A401WithoutATokenTellsTheAcceptedScopesButNoGrantedOnes()
    {
        using var response = await app.Sandbox.GetApiAsync("user", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("account", Header(response, "x-accepted-oauth-scopes"));
        Assert.Null(Header(response, "x-oauth-scopes"));
        AssertNoPageHeaders(response);
    }

    [Theory]
    [InlineData("sandbox-private-secret")]
    [InlineData("not-the-secret")]
    public async Task TokenEndpointAnswersCarryNoPageHeaders(string secret)
    {
        using var response = await app.Sandbox.PostTokenAsync(DemoConsumers.Private with { Secret = secret }, ClientAuth.Basic, ("grant_type", "client_credentials"));

        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        AssertNoPageHeaders(response);
    }

    [Fact]
    public async Task TheConsentPageKeepsTheAppsPageProtections()
    {
        using var response = await app.Sandbox.AuthorizeAsync($"client_id={DemoConsumers.Private.Key}&response_type=code");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("frame-ancestors 'none'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
    }

    [Fact]
    public async Task TheAppsOwnPagesKeepTheirPageProtections()
    {
        using var response = await app.Http.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("default-src 'self'", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
    }

    /// <summary>Bitbucket's three scope headers are there with these values, and none of the app's page headers.</summary>
    internal static void AssertBitbucketHeadersOnly(HttpResponseMessage response, string granted, string accepted)
    {
        Assert.Equal(granted, Header(response, "x-oauth-scopes"));
        Assert.Equal(accepted, Header(response, "x-accepted-oauth-scopes"));
        Assert.False(string.IsNullOrEmpty(Header(response, "x-credential-type")), "x-credential-type is missing");
        AssertNoPageHeaders(response);
    }

    private static void AssertNoPageHeaders(HttpResponseMessage response)
    {
        foreach (var name in s_pageHeaders)
        {
            Assert.True(Header(response, name) is null, $"The sandbox's answer carries the app's {name}: {Header(response, name)}");
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}
