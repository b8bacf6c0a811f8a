using System.Net;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Sandbox;
using Microsoft.Extensions.DependencyInjection;

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
    public async Task RateLimitWindowsOfIdleTokensAreDroppedOnceThereAreMoreThanMaxTokens()
    {
        for (var i = 0; i < 3 * SmallCapsSandboxFixture.Cap; i++)
        {
            await app.Sandbox.GetApiJsonAsync("user", await app.Sandbox.AccessTokenAsync(DemoConsumers.Private));
        }

        var limiter = app.Services.GetRequiredService<SandboxRateLimiter>();
        var trackedWhileActive = limiter.TrackedTokens;
        app.Clock.Advance(TimeSpan.FromMinutes(61));
        await app.Sandbox.GetApiJsonAsync("user", await app.Sandbox.AccessTokenAsync(DemoConsumers.Private));

        Assert.InRange(trackedWhileActive, SmallCapsSandboxFixture.Cap + 1, 2 * SmallCapsSandboxFixture.Cap);
        Assert.True(limiter.TrackedTokens <= SmallCapsSandboxFixture.Cap, $"{limiter.TrackedTokens} windows kept after the hour");
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
        app.Clock.Advance(TimeSpan.FromHours(1));
        using var afterAnHour = await app.Sandbox.GetApiAsync("user", token);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("Rate limit for this resource has been exceeded", body.GetProperty("error").GetProperty("message").GetString());
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.OK, afterAnHour.StatusCode);
    }

    [Fact]
    public async Task VisitorsSharingADemoConsumerDoNotUseUpEachOthersLimit()
    {
        var busyVisitor = await app.Sandbox.AccessTokenAsync(DemoConsumers.Private);
        for (var i = 0; i < RateLimitedSandboxFixture.Limit; i++)
        {
            await app.Sandbox.GetApiJsonAsync("user", busyVisitor);
        }

        using var busyVisitorsNextCall = await app.Sandbox.GetApiAsync("user", busyVisitor);
        var otherVisitor = await app.Sandbox.AccessTokenAsync(DemoConsumers.Private);
        using var otherVisitorsCall = await app.Sandbox.GetApiAsync("user", otherVisitor);

        Assert.Equal(HttpStatusCode.TooManyRequests, busyVisitorsNextCall.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherVisitorsCall.StatusCode);
    }
}
