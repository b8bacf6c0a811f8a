using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Components.Presentation;
using BitbucketBlazor.Components.Shared;
using BitbucketBlazor.OAuth;
using BitbucketBlazor.Sandbox;
using BitbucketBlazor.Tests.Infrastructure;

namespace BitbucketBlazor.Tests.Presentation;

/// <summary>The requests the snippet tests write as code, aimed at a running app's sandbox, as the pages build them.</summary>
internal static class SandboxCodeRequests
{
    /// <summary>The client-credentials token request of the private demo consumer.</summary>
    public static CodeRequest ClientCredentials(AppFixture app)
    {
        var siteUrl = new Uri(app.RootUri, "sandbox");
        return new CodeRequest("POST", new Uri(siteUrl + BitbucketPaths.TokenPath), DemoConsumers.Private.Key,
            UsesBearerToken: false, [new("grant_type", "client_credentials")],
            new RefitCall("IBitbucketOAuthApi", siteUrl, "RequestTokenAsync(authorization, form, CancellationToken.None)"));
    }

    /// <summary><c>GET /2.0/user</c> with the access token, as the API step writes it.</summary>
    public static CodeRequest CurrentUser(AppFixture app)
    {
        var apiBase = new Uri(app.RootUri, "sandbox/2.0");
        return CodeRequests.ForApi("GET", new Uri(apiBase + "/user"), apiBase, "GetCurrentUserAsync(accessToken, CancellationToken.None)");
    }

    /// <summary>The refresh-token grant of the private demo consumer; the refresh token is a secret form field.</summary>
    public static CodeRequest Refresh(AppFixture app) => ClientCredentials(app) with
    {
        Form = [new("grant_type", "refresh_token"), new("refresh_token", "never-shown")],
    };

    /// <summary>Gets an access token for the private demo consumer straight from the sandbox, without any snippet.</summary>
    public static async Task<string> AccessTokenAsync(AppFixture app) => (await TokensAsync(app)).AccessToken;

    /// <summary>Gets an access and a refresh token for the private demo consumer straight from the sandbox, without any snippet.</summary>
    public static async Task<(string AccessToken, string RefreshToken)> TokensAsync(AppFixture app)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "sandbox" + BitbucketPaths.TokenPath)
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{DemoConsumers.Private.Key}:{DemoConsumers.Private.Secret}")));
        using var response = await app.Http.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return (json.RootElement.GetProperty("access_token").GetString()!, json.RootElement.GetProperty("refresh_token").GetString()!);
    }

    /// <summary>Asserts that a snippet printed <c>200 OK</c> and then a bearer token from the <paramref name="grant"/>.</summary>
    public static void AssertPrintedAToken(SnippetRun run, string grant = "client_credentials")
    {
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(run.StatusLine == "200 OK", run.ToString());
        using var json = JsonDocument.Parse(run.Body);
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("access_token").GetString()));
        Assert.Equal("bearer", json.RootElement.GetProperty("token_type").GetString());
        Assert.Equal(grant, json.RootElement.GetProperty("state").GetString());
    }

    /// <summary>Asserts that a snippet printed <c>200 OK</c> and then the sandbox's user.</summary>
    public static void AssertPrintedTheSandboxUser(SnippetRun run)
    {
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(run.StatusLine == "200 OK", run.ToString());
        using var json = JsonDocument.Parse(run.Body);
        Assert.Equal(SandboxData.User.AccountId, json.RootElement.GetProperty("account_id").GetString());
        Assert.Equal(SandboxData.User.DisplayName, json.RootElement.GetProperty("display_name").GetString());
    }
}
