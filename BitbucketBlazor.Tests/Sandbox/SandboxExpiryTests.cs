using System.Net;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Sandbox;

namespace BitbucketBlazor.Tests.Sandbox;

/// <summary>Moves the sandbox's fake clock, so it has a fixture of its own.</summary>
public sealed class SandboxExpiryTests(SandboxFixture app) : IClassFixture<SandboxFixture>
{
    private SandboxClient Sandbox => app.Sandbox;

    [Fact]
    public async Task AccessTokenIsRejectedAsExpiredAfter7200Seconds()
    {
        var token = await Sandbox.AccessTokenAsync(DemoConsumers.Private);

        app.Clock.Advance(TimeSpan.FromSeconds(7199));
        await Sandbox.GetApiJsonAsync("user", token);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        using var response = await Sandbox.GetApiAsync("user", token);
        var body = await SandboxClient.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Access token expired. Use your refresh token to obtain a new access token.", body.GetProperty("error").GetProperty("message").GetString());
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"invalid_token\"", challenge.Parameter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefreshTokenStillWorksLongAfterItsAccessTokenExpired()
    {
        var first = await Sandbox.ClientCredentialsAsync(DemoConsumers.Private);

        app.Clock.Advance(TimeSpan.FromDays(30));
        using var response = await Sandbox.PostTokenAsync(DemoConsumers.Private, ClientAuth.Basic,
            ("grant_type", "refresh_token"), ("refresh_token", first.GetProperty("refresh_token").GetString()!));
        var refreshed = await SandboxClient.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Sandbox.GetApiJsonAsync("user", refreshed.GetProperty("access_token").GetString()!);
    }

    [Fact]
    public async Task AuthorizationCodeIsInvalidAfterFiveMinutes()
    {
        var fresh = await Sandbox.AuthorizationCodeAsync(DemoConsumers.Private);
        var stale = await Sandbox.AuthorizationCodeAsync(DemoConsumers.Private);

        app.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(59));
        using var inTime = await Sandbox.PostTokenAsync(DemoConsumers.Private, ClientAuth.Basic, ("grant_type", "authorization_code"), ("code", fresh));
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        using var late = await Sandbox.PostTokenAsync(DemoConsumers.Private, ClientAuth.Basic, ("grant_type", "authorization_code"), ("code", stale));

        Assert.Equal(HttpStatusCode.OK, inTime.StatusCode);
        await SandboxTokenEndpointTests.AssertOAuthErrorAsync(late, HttpStatusCode.BadRequest, "invalid_grant");
    }
}
