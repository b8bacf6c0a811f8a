using System.Net;
using System.Text;
using System.Text.Json;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Sandbox;

namespace BitbucketBlazor.Tests.Sandbox;

public sealed class SandboxTokenEndpointTests(SandboxFixture app) : IClassFixture<SandboxFixture>
{
    private const string PublicConsumerMessage =
        "Cannot use client_credentials with a consumer marked as \"public\". Calls for auto generated consumers should use urn:bitbucket:oauth2:jwt instead.";

    private SandboxClient Sandbox => app.Sandbox;

    [Fact]
    public async Task ClientCredentialsWithBasicAuthAnswersExactlyBitbucketsTokenFields()
    {
        using var response = await Sandbox.PostTokenAsync(DemoConsumers.Private, ClientAuth.Basic, ("grant_type", "client_credentials"));
        var body = await SandboxClient.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal(
            ["access_token", "expires_in", "refresh_token", "scopes", "state", "token_type"],
            body.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(string.Join(' ', DemoConsumers.Private.Scopes), body.GetProperty("scopes").GetString());
        Assert.Equal(7200, body.GetProperty("expires_in").GetInt32());
        Assert.Equal("bearer", body.GetProperty("token_type").GetString());
        Assert.Equal("client_credentials", body.GetProperty("state").GetString());
        Assert.True(body.GetProperty("access_token").GetString()!.Length >= 22);
        Assert.False(string.IsNullOrEmpty(body.GetProperty("refresh_token").GetString()));
    }

    [Fact]
    public async Task ClientCredentialsWithClientIdAndSecretInTheFormAlsoAuthenticates()
    {
        using var response = await Sandbox.PostTokenAsync(DemoConsumers.Narrow, ClientAuth.Form, ("grant_type", "client_credentials"));
        var body = await SandboxClient.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("account", body.GetProperty("scopes").GetString());
    }

    [Fact]
    public async Task PublicConsumerIsRefusedClientCredentialsWithBitbucketsMessage()
    {
        using var response = await Sandbox.PostTokenAsync(DemoConsumers.Public, ClientAuth.Basic, ("grant_type", "client_credentials"));

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant", PublicConsumerMessage);
    }

    [Fact]
    public async Task RequestWithoutClientAuthenticationIsUnauthorizedClientWith400AsOnBitbucket()
    {
        using var response = await Sandbox.PostTokenAsync(DemoConsumers.Private, ClientAuth.None, ("grant_type", "client_credentials"));

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "unauthorized_client", "Requests must be authenticated using OAuth client credentials");
    }

    [Theory]
    [InlineData(ClientAuth.Basic)]
    [InlineData(ClientAuth.Form)]
    public async Task WrongSecretIsUnauthorizedClientWithBitbucketsMessage(ClientAuth auth)
    {
        var impostor = DemoConsumers.Private with { Secret = "not-the-secret" };

        using var response = await Sandbox.PostTokenAsync(impostor, auth, ("grant_type", "client_credentials"));

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "unauthorized_client", "Invalid OAuth client credentials");
    }

    [Fact]
    public async Task UnknownKeyIsAnsweredLikeAWrongSecret()
    {
        var stranger = DemoConsumers.Private with { Key = "no-such-key" };

        using var response = await Sandbox.PostTokenAsync(stranger, ClientAuth.Basic, ("grant_type", "client_credentials"));

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "unauthorized_client", "Invalid OAuth client credentials");
    }

    [Fact]
    public async Task JsonBodyIsAnsweredUnsupportedGrantTypeNoneAsOnBitbucket()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "sandbox/site/oauth2/access_token")
        {
            Content = new StringContent("""{"grant_type":"client_credentials"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = SandboxClient.Basic(DemoConsumers.Private.Key, DemoConsumers.Private.Secret);

        using var response = await Sandbox.Http.SendAsync(request, TestContext.Current.CancellationToken);

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant", "Unsupported grant type: None");
    }

    [Fact]
    public async Task MissingGrantTypeIsAnsweredUnsupportedGrantTypeNone()
    {
        using var response = await Sandbox.PostTokenAsync(DemoConsumers.Private, ClientAuth.Basic, ("scope", "account"));

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant", "Unsupported grant type: None");
    }

    [Fact]
    public async Task UnknownGrantTypeIsUnsupportedGrantTypeNamingIt()
    {
        using var response = await Sandbox.PostTokenAsync(DemoConsumers.Private, ClientAuth.Basic, ("grant_type", "password"));

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "unsupported_grant_type", "Unsupported grant type: password");
    }

    [Fact]
    public async Task AuthorizationCodeFromTheConsentPageIsExchangedForTokens()
    {
        var code = await Sandbox.AuthorizationCodeAsync(DemoConsumers.Private);

        using var response = await Sandbox.PostTokenAsync(DemoConsumers.Private, ClientAuth.Basic, ("grant_type", "authorization_code"), ("code", code));
        var body = await SandboxClient.ReadJsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("authorization_code", body.GetProperty("state").GetString());
        await Sandbox.GetApiJsonAsync("user", body.GetProperty("access_token").GetString()!);
    }

    [Fact]
    public async Task AuthorizationCodeWorksOnlyOnce()
    {
        var code = await Sandbox.AuthorizationCodeAsync(DemoConsumers.Private);
        using var first = await Sandbox.PostTokenAsync(DemoConsumers.Private, ClientAuth.Form, ("grant_type", "authorization_code"), ("code", code));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var second = await Sandbox.PostTokenAsync(DemoConsumers.Private, ClientAuth.Form, ("grant_type", "authorization_code"), ("code", code));

        await AssertOAuthErrorAsync(second, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task UnknownAuthorizationCodeIsInvalidGrant()
    {
        using var response = await Sandbox.PostTokenAsync(DemoConsumers.Private, ClientAuth.Basic, ("grant_type", "authorization_code"), ("code", "made-up-code"));

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task AnotherConsumersAuthorizationCodeIsInvalidGrant()
    {
        var code = await Sandbox.AuthorizationCodeAsync(DemoConsumers.Narrow);

        using var response = await Sandbox.PostTokenAsync(DemoConsumers.Private, ClientAuth.Basic, ("grant_type", "authorization_code"), ("code", code));

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task ConsumerWithoutCallbackIsRefusedTheAuthorizationCodeGrant()
    {
        using var response = await Sandbox.PostTokenAsync(DemoConsumers.NoCallback, ClientAuth.Basic, ("grant_type", "authorization_code"), ("code", "any"));

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", "No callback uri defined for the OAuth client.");
    }

    [Fact]
    public async Task RedirectUriOnTheExchangeMustMatchTheOneGivenAtAuthorize()
    {
        var callback = new Uri(app.RootUri, "/oauth-callback").ToString();
        var mismatched = await Sandbox.AuthorizationCodeAsync(DemoConsumers.Private, callback);
        var matched = await Sandbox.AuthorizationCodeAsync(DemoConsumers.Private, callback);

        using var wrong = await Sandbox.PostTokenAsync(DemoConsumers.Private, ClientAuth.Basic,
            ("grant_type", "authorization_code"), ("code", mismatched), ("redirect_uri", callback + "/elsewhere"));
        using var right = await Sandbox.PostTokenAsync(DemoConsumers.Private, ClientAuth.Basic,
            ("grant_type", "authorization_code"), ("code", matched), ("redirect_uri", callback));

        await AssertOAuthErrorAsync(wrong, HttpStatusCode.BadRequest, "invalid_grant", "The redirect_uri does not match the one given on the authorize request.");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task RefreshIssuesANewAccessTokenAndANewRefreshTokenWhileTheOlderAccessTokenStaysValid()
    {
        var first = await Sandbox.ClientCredentialsAsync(DemoConsumers.Private);
        var refreshToken = first.GetProperty("refresh_token").GetString()!;

        using var response = await Sandbox.PostTokenAsync(DemoConsumers.Private, ClientAuth.Basic, ("grant_type", "refresh_token"), ("refresh_token", refreshToken));
        var refreshed = await SandboxClient.ReadJsonAsync(response);
        using var again = await Sandbox.PostTokenAsync(DemoConsumers.Private, ClientAuth.Basic, ("grant_type", "refresh_token"), ("refresh_token", refreshToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("refresh_token", refreshed.GetProperty("state").GetString());
        Assert.NotEqual(refreshToken, refreshed.GetProperty("refresh_token").GetString());
        Assert.NotEqual(first.GetProperty("access_token").GetString(), refreshed.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await Sandbox.GetApiJsonAsync("user", first.GetProperty("access_token").GetString()!);
        await Sandbox.GetApiJsonAsync("user", refreshed.GetProperty("access_token").GetString()!);
    }

    [Fact]
    public async Task UnknownRefreshTokenIsInvalidRequestWithBitbucketsMessage()
    {
        using var response = await Sandbox.PostTokenAsync(DemoConsumers.Private, ClientAuth.Basic, ("grant_type", "refresh_token"), ("refresh_token", "made-up"));

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", "Invalid refresh_token");
    }

    [Fact]
    public async Task AnotherConsumersRefreshTokenIsAnsweredLikeAnUnknownOne()
    {
        var narrow = await Sandbox.ClientCredentialsAsync(DemoConsumers.Narrow);

        using var response = await Sandbox.PostTokenAsync(DemoConsumers.Private, ClientAuth.Basic,
            ("grant_type", "refresh_token"), ("refresh_token", narrow.GetProperty("refresh_token").GetString()!));

        await AssertOAuthErrorAsync(response, HttpStatusCode.BadRequest, "invalid_request", "Invalid refresh_token");
    }

    [Fact]
    public async Task FiftyParallelTokenRequestsAllSucceedWithDistinctTokens()
    {
        var bodies = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Sandbox.ClientCredentialsAsync(DemoConsumers.Private)));

        Assert.Equal(50, bodies.Select(b => b.GetProperty("access_token").GetString()).Distinct().Count());
        Assert.Equal(50, bodies.Select(b => b.GetProperty("refresh_token").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task TwentyParallelExchangesOfOneCodeYieldExactlyOneToken()
    {
        var code = await Sandbox.AuthorizationCodeAsync(DemoConsumers.Private);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            Sandbox.PostTokenAsync(DemoConsumers.Private, ClientAuth.Basic, ("grant_type", "authorization_code"), ("code", code))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    internal static async Task AssertOAuthErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error, string? description = null)
    {
        var body = await SandboxClient.ReadJsonAsync(response);
        Assert.True(status == response.StatusCode, $"Expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal(error, body.GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.String, body.GetProperty("error_description").ValueKind);
        if (description is not null)
        {
            Assert.Equal(description, body.GetProperty("error_description").GetString());
        }
    }
}
