using System.Net;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.OAuth;
using BitbucketBlazor.Sandbox;
using BitbucketBlazor.Tests.Endpoints;
using BitbucketBlazor.Tests.Sandbox;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace BitbucketBlazor.Tests.Scale;

/// <summary>
/// What a load balancer does to a visitor: send one request to A and the next to B. With
/// <c>ConnectionStrings:Redis</c> set, every step works wherever it lands.
/// </summary>
public sealed class CrossInstanceTests(TwoInstancesFixture cluster) : IClassFixture<TwoInstancesFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ALoginStartedOnAAndCalledBackOnBIsSignedIn()
    {
        cluster.Redis.SkipUnlessRunning();
        using var visitor = new OAuthTestVisitor(cluster.A.RootUri);
        var callbackOnA = await visitor.AuthorizeAsync();

        using var response = await visitor.GetAsync(cluster.OnB(callbackOnA).ToString());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/authorization-code", response.Headers.Location!.OriginalString);
        var handoffs = cluster.A.Services.GetRequiredService<AuthorizationHandoffStore>();
        var handoff = await handoffs.ClaimAsync(await handoffs.FindPendingAsync(visitor.BrowserId, Ct), visitor.BrowserId, Ct);
        Assert.NotNull(handoff);
        Assert.NotNull(await cluster.B.Services.GetRequiredService<AuthorizedBrowserStore>().FindAsync(visitor.BrowserId, Ct));
    }

    [Fact]
    public async Task ASandboxTokenMintedOnAWorksOnBAndItsRefreshTokenRefreshesOnB()
    {
        cluster.Redis.SkipUnlessRunning();
        var (onA, onB) = (cluster.SandboxA, cluster.SandboxB);
        var grant = await onA.ClientCredentialsAsync(DemoConsumers.Private);

        await onB.GetApiJsonAsync("user", grant.GetProperty("access_token").GetString()!);
        using var refreshed = await onB.PostTokenAsync(DemoConsumers.Private, ClientAuth.Basic,
            ("grant_type", "refresh_token"), ("refresh_token", grant.GetProperty("refresh_token").GetString()!));
        var body = await SandboxClient.ReadJsonAsync(refreshed);

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        await onA.GetApiJsonAsync("user", body.GetProperty("access_token").GetString()!);
    }

    [Fact]
    public async Task ACodeIsSingleUseAcrossBothInstances()
    {
        cluster.Redis.SkipUnlessRunning();
        var (onA, onB) = (cluster.SandboxA, cluster.SandboxB);
        var code = await onA.AuthorizationCodeAsync(DemoConsumers.Private);

        var exchanges = await Task.WhenAll(
            onA.PostTokenAsync(DemoConsumers.Private, ClientAuth.Basic, ("grant_type", "authorization_code"), ("code", code)),
            onB.PostTokenAsync(DemoConsumers.Private, ClientAuth.Basic, ("grant_type", "authorization_code"), ("code", code)));
        using var again = await onB.PostTokenAsync(DemoConsumers.Private, ClientAuth.Basic, ("grant_type", "authorization_code"), ("code", code));

        Assert.Single(exchanges, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(exchanges, r => r.StatusCode == HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        foreach (var response in exchanges)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task TheHourlyLimitIsCountedOnceForTheWholeCluster()
    {
        cluster.Redis.SkipUnlessRunning();
        var (onA, onB) = (cluster.SandboxA, cluster.SandboxB);
        var token = await onA.AccessTokenAsync(DemoConsumers.Private);
        var limiter = cluster.A.Services.GetRequiredService<ISandboxRateLimiter>();
        var fingerprint = global::BitbucketBlazor.Common.Crypto.Fingerprint(token);

        // Spend all but one request of the hour through the shared counter, then one call on each instance.
        var limit = cluster.A.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SandboxOptions>>().Value.RateLimitPerHour;
        for (var i = 0; i < limit - 1; i++)
        {
            Assert.True((await limiter.TryAcquireAsync(fingerprint)).Allowed);
        }

        await onB.GetApiJsonAsync("user", token);
        using var refused = await onA.GetApiAsync("user", token);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    [Fact]
    public async Task WhatAProtectsBCanRead()
    {
        cluster.Redis.SkipUnlessRunning();

        // The key ring is shared, so cookies and persisted component state protected by one
        // instance are readable by the other (the browser test shows it for a real circuit).
        var protectedByA = cluster.A.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("cross-instance").Protect("written by A");
        var readByB = cluster.B.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("cross-instance").Unprotect(protectedByA);

        Assert.Equal("written by A", readByB);

        // Persisted component state prerendered by A (the walkthrough's browser id) is readable by B,
        // so a circuit can start on B from a page A rendered.
        using var visitor = new OAuthTestVisitor(cluster.A.RootUri);
        await visitor.StartAsync();
        using var pageOnA = await visitor.GetAsync("/authorization-code");
        var html = await pageOnA.Content.ReadAsStringAsync(Ct);
        var state = System.Text.RegularExpressions.Regex.Match(html, "<!--Blazor-Server-Component-State:(.*?)-->").Groups[1].Value;
        var decoded = cluster.B.Services.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector("Microsoft.AspNetCore.Components.Server.State").Unprotect(Convert.FromBase64String(state));

        var entries = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, byte[]>>(decoded)!;
        var values = string.Join("\n", entries.Values.Select(System.Text.Encoding.UTF8.GetString));
        Assert.Contains(visitor.BrowserId!, values, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NothingInRedisHoldsATokenACodeOrASecretInPlainText()
    {
        cluster.Redis.SkipUnlessRunning();
        using var visitor = new OAuthTestVisitor(cluster.A.RootUri);
        var callback = await visitor.AuthorizeAsync();
        var code = OAuthTestVisitor.Query(callback, "code")!;
        var state = OAuthTestVisitor.Query(callback, "state")!;
        using var done = await visitor.GetAsync(cluster.OnB(callback).ToString());
        var handoffs = cluster.B.Services.GetRequiredService<AuthorizationHandoffStore>();
        var handoffId = await handoffs.FindPendingAsync(visitor.BrowserId, Ct);
        var handoff = (await handoffs.ClaimAsync(handoffId, visitor.BrowserId, Ct))!;
        using var sandbox = new SandboxClient(cluster.A.RootUri);
        var grant = await sandbox.ClientCredentialsAsync(DemoConsumers.Private);
        await sandbox.GetApiJsonAsync("user", grant.GetProperty("access_token").GetString()!);
        var consent = await sandbox.OpenConsentAsync(DemoConsumers.Private);
        var secrets = new[]
        {
            code, state, handoffId!, visitor.BrowserId!, consent,
            handoff.Token.AccessToken, handoff.Token.RefreshToken!,
            grant.GetProperty("access_token").GetString()!, grant.GetProperty("refresh_token").GetString()!,
            DemoConsumers.Private.Secret,
        };

        var dump = await DumpRedisAsync();

        Assert.NotEmpty(dump);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, dump, StringComparison.Ordinal);
        }
    }

    private async Task<string> DumpRedisAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(cluster.Redis.ConnectionString);
        var db = redis.GetDatabase();
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var dump = new System.Text.StringBuilder();
        await foreach (var key in server.KeysAsync(pattern: "*"))
        {
            dump.Append(key).Append('\n');
            switch (await db.KeyTypeAsync(key))
            {
                case RedisType.String:
                    dump.Append(System.Text.Encoding.UTF8.GetString((byte[])(await db.StringGetAsync(key))!)).Append('\n');
                    break;
                case RedisType.SortedSet:
                    dump.AppendJoin(',', await db.SortedSetRangeByRankAsync(key)).Append('\n');
                    break;
                case RedisType.Hash:
                    dump.AppendJoin(',', (await db.HashGetAllAsync(key)).Select(e => $"{e.Name}={e.Value}")).Append('\n');
                    break;
                case RedisType.List:
                    dump.AppendJoin(',', await db.ListRangeAsync(key)).Append('\n');
                    break;
            }
        }

        return dump.ToString();
    }
}
