using System.Net;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace BitbucketBlazor.Tests.Sandbox;

public sealed class SandboxCapsTests(SmallCapsSandboxFixture app) : IClassFixture<SmallCapsSandboxFixture>
{
    [Fact]
    public async Task AFullTokenStoreRefusesTheNewcomerWithAnExplanationAndEveryIssuedTokenKeepsWorking()
    {
        ForgetEverything();
        var tokens = new List<string>();
        for (var i = 0; i < SmallCapsSandboxFixture.Cap; i++)
        {
            tokens.Add(await app.Sandbox.AccessTokenAsync(DemoConsumers.Private));
        }

        using var refused = await app.Sandbox.PostTokenAsync(DemoConsumers.Private, ClientAuth.Basic, ("grant_type", "client_credentials"));
        var body = await SandboxClient.ReadJsonAsync(refused);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("temporarily_unavailable", body.GetProperty("error").GetString());
        Assert.Contains("never drops anyone's", body.GetProperty("error_description").GetString(), StringComparison.Ordinal);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal(SmallCapsSandboxFixture.Cap, await app.Tokens.CountLiveAccessTokensAsync(SandboxTokenRoom.Public));
        foreach (var token in tokens)
        {
            await app.Sandbox.GetApiJsonAsync("user", token);
        }

        ForgetEverything();
        Assert.False(string.IsNullOrEmpty(await app.Sandbox.AccessTokenAsync(DemoConsumers.Private)));
    }

    [Fact]
    public async Task RateLimitWindowsOfIdleTokensAreDroppedOnceThereAreMoreThanMaxTokens()
    {
        ForgetEverything();
        var limiter = (SandboxRateLimiter)app.Services.GetRequiredService<ISandboxRateLimiter>();
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < SmallCapsSandboxFixture.Cap; i++)
            {
                await app.Sandbox.GetApiJsonAsync("user", await app.Sandbox.AccessTokenAsync(DemoConsumers.Private));
            }

            Assert.True(limiter.TrackedTokens <= SmallCapsSandboxFixture.Cap, $"{limiter.TrackedTokens} windows kept in round {round}");
            ForgetEverything();
        }
    }

    [Fact]
    public async Task AFullCodeStoreRefusesTheNewConsentAndKeepsEveryWaitingCode()
    {
        ForgetEverything();
        var codes = new List<string>();
        for (var i = 0; i < SmallCapsSandboxFixture.Cap; i++)
        {
            codes.Add(await app.Sandbox.AuthorizationCodeAsync(DemoConsumers.Private));
        }

        var consent = await app.Sandbox.OpenConsentAsync(DemoConsumers.Private);
        using var noCode = await app.Sandbox.DecideAsync(consent, grant: true);
        Assert.Equal(HttpStatusCode.Redirect, noCode.StatusCode);
        Assert.Contains("error=temporarily_unavailable", noCode.Headers.Location!.Query, StringComparison.Ordinal);
        for (var i = 0; i < SmallCapsSandboxFixture.Cap; i++)
        {
            await app.Sandbox.OpenConsentAsync(DemoConsumers.Private);
        }

        using var busy = await app.Sandbox.AuthorizeAsync($"client_id={DemoConsumers.Private.Key}&response_type=code");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.Contains("The sandbox is busy", await busy.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        using var exchanged = await app.Sandbox.PostTokenAsync(DemoConsumers.Private, ClientAuth.Basic, ("grant_type", "authorization_code"), ("code", codes[0]));
        Assert.Equal(HttpStatusCode.OK, exchanged.StatusCode);
    }

    // Every token, refresh token, code and consent of an earlier test expires: each test starts with room.
    private void ForgetEverything() => app.Clock.Advance(SandboxTokenStore.RefreshTokenLifetime + TimeSpan.FromHours(5));
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
