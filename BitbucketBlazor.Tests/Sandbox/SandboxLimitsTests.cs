using System.Net;
using BitbucketBlazor.Sandbox;

namespace BitbucketBlazor.Tests.Sandbox;

public sealed class SandboxCapsTests(SmallCapsSandboxFixture app) : IClassFixture<SmallCapsSandboxFixture>
{
    [Fact]
    public async Task ManyTokenRequestsNeverGrowTheStorePastMaxTokens()
    {
        var tokens = new List<string>();
        for (var i = 0; i < 5 * SmallCapsSandboxFixture.Cap; i++)
        {
            tokens.Add(await app.Sandbox.AccessTokenAsync(DemoConsumers.Private));
            Assert.True(app.Tokens.AccessTokenCount <= SmallCapsSandboxFixture.Cap, $"{app.Tokens.AccessTokenCount} access tokens held");
            Assert.True(app.Tokens.RefreshTokenCount <= SmallCapsSandboxFixture.Cap, $"{app.Tokens.RefreshTokenCount} refresh tokens held");
        }

        await app.Sandbox.GetApiJsonAsync("user", tokens[^1]);
        await app.Sandbox.GetApiJsonAsync("user", tokens[0], HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ManyConsentsAndCodesNeverGrowPastMaxAuthorizationCodes()
    {
        for (var i = 0; i < 3 * SmallCapsSandboxFixture.Cap; i++)
        {
            await app.Sandbox.AuthorizationCodeAsync(DemoConsumers.Private);
            await app.Sandbox.OpenConsentAsync(DemoConsumers.Private);
            Assert.True(app.Codes.CodeCount <= SmallCapsSandboxFixture.Cap, $"{app.Codes.CodeCount} codes held");
            Assert.True(app.Codes.PendingConsentCount <= SmallCapsSandboxFixture.Cap, $"{app.Codes.PendingConsentCount} consents held");
        }

        var newest = await app.Sandbox.AuthorizationCodeAsync(DemoConsumers.Private);
        using var response = await app.Sandbox.PostTokenAsync(DemoConsumers.Private, ClientAuth.Basic, ("grant_type", "authorization_code"), ("code", newest));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class SandboxRateLimitTests(RateLimitedSandboxFixture app) : IClassFixture<RateLimitedSandboxFixture>
{
    [Fact]
    public async Task PastTheHourlyLimitTheApiAnswers429WithRetryAfterUntilTheHourRollsOn()
    {
        var token = await app.Sandbox.AccessTokenAsync(DemoConsumers.Narrow);
        for (var i = 0; i < RateLimitedSandboxFixture.Limit; i++)
        {
            await app.Sandbox.GetApiJsonAsync("user", token);
        }

        using var limited = await app.Sandbox.GetApiAsync("user", token);
        var body = await SandboxClient.ReadJsonAsync(limited);
        var otherConsumer = await app.Sandbox.AccessTokenAsync(DemoConsumers.Private);
        await app.Sandbox.GetApiJsonAsync("user", otherConsumer);
        app.Clock.Advance(TimeSpan.FromHours(1));
        await app.Sandbox.GetApiJsonAsync("user", await app.Sandbox.AccessTokenAsync(DemoConsumers.Narrow));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("Rate limit for this resource has been exceeded", body.GetProperty("error").GetProperty("message").GetString());
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
    }
}
