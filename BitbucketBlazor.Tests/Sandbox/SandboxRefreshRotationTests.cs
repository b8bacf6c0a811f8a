using System.Net;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Sandbox;

namespace BitbucketBlazor.Tests.Sandbox;

/// <summary>Rotating refresh tokens as Bitbucket now issues them; moves the sandbox's clock, so it has a fixture of its own.</summary>
public sealed class SandboxRefreshRotationTests(SandboxFixture app) : IClassFixture<SandboxFixture>
{
    private static readonly TimeSpan s_grace = TimeSpan.FromMinutes(10);

    private SandboxClient Sandbox => app.Sandbox;

    [Fact]
    public async Task AUsedRefreshTokenWorksWithinTheGracePeriodAndIsThenRefusedLikeAnUnknownOne()
    {
        var old = await RefreshTokenAsync();
        var next = await RefreshAsync(old);

        app.Clock.Advance(s_grace - TimeSpan.FromSeconds(1));
        var stillWorks = await RefreshAsync(old);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        using var refused = await PostRefreshAsync(old);

        Assert.NotEqual(old, next);
        Assert.NotEqual(next, stillWorks);
        await SandboxTokenEndpointTests.AssertOAuthErrorAsync(refused, HttpStatusCode.BadRequest, "invalid_request", "Invalid refresh_token");
        Assert.Equal(SandboxRefreshTokenStatus.Retired, await app.Tokens.ValidateRefreshTokenAsync(DemoConsumers.Private.Key, old));
    }

    [Fact]
    public async Task TheGracePeriodRunsFromTheFirstUseNotTheLatest()
    {
        var old = await RefreshTokenAsync();
        await RefreshAsync(old);

        app.Clock.Advance(s_grace / 2);
        await RefreshAsync(old);
        app.Clock.Advance(s_grace / 2);
        using var refused = await PostRefreshAsync(old);

        await SandboxTokenEndpointTests.AssertOAuthErrorAsync(refused, HttpStatusCode.BadRequest, "invalid_request", "Invalid refresh_token");
    }

    [Fact]
    public async Task AClientThatAlwaysKeepsTheNewestRefreshTokenKeepsWorkingLongAfter()
    {
        var refreshToken = await RefreshTokenAsync();

        for (var i = 0; i < 3; i++)
        {
            refreshToken = await RefreshAsync(refreshToken);
            app.Clock.Advance(TimeSpan.FromHours(1));
        }

        Assert.Equal(SandboxRefreshTokenStatus.Fresh, await app.Tokens.ValidateRefreshTokenAsync(DemoConsumers.Private.Key, refreshToken));
        await RefreshAsync(refreshToken);
    }

    [Fact]
    public async Task ThePresenterRetiresExactlyTheRefreshTokenItPresents()
    {
        var victim = await RefreshTokenAsync();
        var bystander = await RefreshTokenAsync();

        using var retire = await PostRetireAsync(victim);
        using var refused = await PostRefreshAsync(victim);

        Assert.Equal(HttpStatusCode.NoContent, retire.StatusCode);
        await SandboxTokenEndpointTests.AssertOAuthErrorAsync(refused, HttpStatusCode.BadRequest, "invalid_request", "Invalid refresh_token");
        await RefreshAsync(bystander);
    }

    [Fact]
    public async Task ThePresenterEndpointWantsTheRefreshTokenInTheBodyAndKnowsOnlyIssuedOnes()
    {
        using var missing = await PostRetireAsync(null);
        using var unknown = await PostRetireAsync("never-issued");

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    private async Task<string> RefreshTokenAsync() =>
        (await Sandbox.ClientCredentialsAsync(DemoConsumers.Private)).GetProperty("refresh_token").GetString()!;

    private Task<HttpResponseMessage> PostRefreshAsync(string refreshToken) =>
        Sandbox.PostTokenAsync(DemoConsumers.Private, ClientAuth.Basic, ("grant_type", "refresh_token"), ("refresh_token", refreshToken));

    private async Task<string> RefreshAsync(string refreshToken)
    {
        using var response = await PostRefreshAsync(refreshToken);
        var body = await SandboxClient.ReadJsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Refresh refused: {body}");
        await Sandbox.GetApiJsonAsync("user", body.GetProperty("access_token").GetString()!);
        return body.GetProperty("refresh_token").GetString()!;
    }

    private async Task<HttpResponseMessage> PostRetireAsync(string? refreshToken)
    {
        using var content = new FormUrlEncodedContent(refreshToken is null ? [] : [new("refresh_token", refreshToken)]);
        return await Sandbox.Http.PostAsync("sandbox/presenter/retire-refresh-token", content, TestContext.Current.CancellationToken);
    }
}

/// <summary>The sandbox with rotation switched off, a one-minute grace period never coming into play.</summary>
public sealed class SandboxLegacyRefreshTests(LegacyRefreshSandboxFixture app) : IClassFixture<LegacyRefreshSandboxFixture>
{
    [Fact]
    public async Task LegacyModeAnswersTheSameRefreshTokenWhichKeepsWorking()
    {
        var refreshToken = (await app.Sandbox.ClientCredentialsAsync(DemoConsumers.Private)).GetProperty("refresh_token").GetString()!;

        for (var i = 0; i < 2; i++)
        {
            using var response = await app.Sandbox.PostTokenAsync(DemoConsumers.Private, ClientAuth.Basic, ("grant_type", "refresh_token"), ("refresh_token", refreshToken));
            var body = await SandboxClient.ReadJsonAsync(response);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(refreshToken, body.GetProperty("refresh_token").GetString());
            app.Clock.Advance(TimeSpan.FromDays(1));
        }
    }
}

/// <summary>A sandbox that does not rotate refresh tokens.</summary>
public sealed class LegacyRefreshSandboxFixture : SandboxFixture
{
    public LegacyRefreshSandboxFixture() =>
        WithSetting("Bitbucket:Sandbox:RefreshTokenRotation", "Legacy").WithSetting("Bitbucket:Sandbox:RefreshTokenGracePeriod", "00:01:00");
}
