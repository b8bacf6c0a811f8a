using System.Net;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Sandbox;
using Duende.IdentityModel.Client;

namespace BitbucketBlazor.Tests.Sandbox;

/// <summary>
/// The sandbox driven by Duende.IdentityModel, the OAuth client most C# developers use, as a user following along
/// would: a third-party client, not only ours, keeps the token endpoint honest. IdentityModel reads a 400 as an
/// OAuth protocol error with <c>Error</c> and <c>ErrorDescription</c>, anything else as a transport failure that
/// hides Bitbucket's message; so every error here must arrive as a protocol error with Bitbucket's words.
/// </summary>
public sealed class IdentityModelClientTests(SandboxFixture app) : IClassFixture<SandboxFixture>
{
    private Uri TokenEndpoint => new(app.RootUri, "sandbox/site/oauth2/access_token");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(ClientCredentialStyle.AuthorizationHeader)]
    [InlineData(ClientCredentialStyle.PostBody)]
    public async Task ClientCredentialsGivesATokenThatOpensTheApi(ClientCredentialStyle style)
    {
        var response = await app.Http.RequestClientCredentialsTokenAsync(ClientCredentials(DemoConsumers.Private, style), Ct);

        AssertSucceeded(response);
        Assert.Equal("bearer", response.TokenType);
        Assert.Equal(7200, response.ExpiresIn);
        Assert.False(string.IsNullOrEmpty(response.RefreshToken));
        await app.Sandbox.GetApiJsonAsync("user", response.AccessToken!);
    }

    [Theory]
    [InlineData(ClientCredentialStyle.AuthorizationHeader)]
    [InlineData(ClientCredentialStyle.PostBody)]
    public async Task AWrongSecretIsAProtocolErrorWithBitbucketsMessage(ClientCredentialStyle style)
    {
        var impostor = DemoConsumers.Private with { Secret = "not-the-secret" };

        var response = await app.Http.RequestClientCredentialsTokenAsync(ClientCredentials(impostor, style), Ct);

        AssertProtocolError(response, "unauthorized_client", "Invalid OAuth client credentials");
    }

    [Fact]
    public async Task NoClientAuthenticationIsAProtocolErrorWithBitbucketsMessage()
    {
        var request = new ClientCredentialsTokenRequest { Address = TokenEndpoint.ToString(), ClientCredentialStyle = ClientCredentialStyle.PostBody };

        var response = await app.Http.RequestClientCredentialsTokenAsync(request, Ct);

        AssertProtocolError(response, "unauthorized_client", "Requests must be authenticated using OAuth client credentials");
    }

    [Fact]
    public async Task APublicConsumerIsRefusedClientCredentialsAsAProtocolError()
    {
        var response = await app.Http.RequestClientCredentialsTokenAsync(ClientCredentials(DemoConsumers.Public, ClientCredentialStyle.AuthorizationHeader), Ct);

        AssertProtocolError(response, "invalid_grant", SandboxTokenErrors.PublicConsumer.Description);
    }

    [Theory]
    [InlineData(ClientCredentialStyle.AuthorizationHeader)]
    [InlineData(ClientCredentialStyle.PostBody)]
    public async Task RefreshRotatesTheRefreshTokenAndTheOldOneIsRefusedAfterTheGracePeriod(ClientCredentialStyle style)
    {
        var first = await app.Http.RequestClientCredentialsTokenAsync(ClientCredentials(DemoConsumers.Private, style), Ct);

        var refreshed = await app.Http.RequestRefreshTokenAsync(Refresh(first.RefreshToken!, style), Ct);
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var withOld = await app.Http.RequestRefreshTokenAsync(Refresh(first.RefreshToken!, style), Ct);
        var withNewest = await app.Http.RequestRefreshTokenAsync(Refresh(refreshed.RefreshToken!, style), Ct);

        AssertSucceeded(refreshed);
        Assert.NotEqual(first.RefreshToken, refreshed.RefreshToken);
        AssertProtocolError(withOld, "invalid_request", "Invalid refresh_token");
        AssertSucceeded(withNewest);
        await app.Sandbox.GetApiJsonAsync("user", withNewest.AccessToken!);
    }

    [Fact]
    public async Task AnUnknownRefreshTokenIsAProtocolErrorWithBitbucketsMessage()
    {
        var response = await app.Http.RequestRefreshTokenAsync(Refresh("made-up", ClientCredentialStyle.AuthorizationHeader), Ct);

        AssertProtocolError(response, "invalid_request", "Invalid refresh_token");
    }

    [Theory]
    [InlineData(ClientCredentialStyle.AuthorizationHeader)]
    [InlineData(ClientCredentialStyle.PostBody)]
    public async Task AnAuthorizationCodeIsExchangedOnceThenRefusedAsAProtocolError(ClientCredentialStyle style)
    {
        var callback = new Uri(app.RootUri, "/oauth-callback").ToString();
        var code = await app.Sandbox.AuthorizationCodeAsync(DemoConsumers.Private, callback);

        var exchanged = await app.Http.RequestAuthorizationCodeTokenAsync(CodeExchange(DemoConsumers.Private, code, callback, style), Ct);
        var again = await app.Http.RequestAuthorizationCodeTokenAsync(CodeExchange(DemoConsumers.Private, code, callback, style), Ct);

        AssertSucceeded(exchanged);
        await app.Sandbox.GetApiJsonAsync("user", exchanged.AccessToken!);
        AssertProtocolError(again, "invalid_grant", SandboxTokenErrors.InvalidCode.Description);
    }

    [Fact]
    public async Task AConsumerWithoutCallbackIsRefusedTheCodeExchangeAsAProtocolError()
    {
        var request = CodeExchange(DemoConsumers.NoCallback, "any", new Uri(app.RootUri, "/oauth-callback").ToString(), ClientCredentialStyle.AuthorizationHeader);

        var response = await app.Http.RequestAuthorizationCodeTokenAsync(request, Ct);

        AssertProtocolError(response, "invalid_request", "No callback uri defined for the OAuth client.");
    }

    private ClientCredentialsTokenRequest ClientCredentials(SandboxConsumer consumer, ClientCredentialStyle style) => new()
    {
        Address = TokenEndpoint.ToString(),
        ClientId = consumer.Key,
        ClientSecret = consumer.Secret,
        ClientCredentialStyle = style,
    };

    private RefreshTokenRequest Refresh(string refreshToken, ClientCredentialStyle style) => new()
    {
        Address = TokenEndpoint.ToString(),
        ClientId = DemoConsumers.Private.Key,
        ClientSecret = DemoConsumers.Private.Secret,
        ClientCredentialStyle = style,
        RefreshToken = refreshToken,
    };

    private AuthorizationCodeTokenRequest CodeExchange(SandboxConsumer consumer, string code, string redirectUri, ClientCredentialStyle style) => new()
    {
        Address = TokenEndpoint.ToString(),
        ClientId = consumer.Key,
        ClientSecret = consumer.Secret,
        ClientCredentialStyle = style,
        Code = code,
        RedirectUri = redirectUri,
    };

    private static void AssertSucceeded(TokenResponse response)
    {
        Assert.False(response.IsError, $"{response.ErrorType} {response.HttpStatusCode}: {response.Error} {response.ErrorDescription}");
        Assert.False(string.IsNullOrEmpty(response.AccessToken));
    }

    private static void AssertProtocolError(TokenResponse response, string error, string description)
    {
        Assert.True(response.IsError, "The request succeeded: " + response.Raw);
        Assert.True(ResponseErrorType.Protocol == response.ErrorType, $"Read as {response.ErrorType} ({response.HttpStatusCode}), so the message is lost: {response.Raw}");
        Assert.Equal(HttpStatusCode.BadRequest, response.HttpStatusCode);
        Assert.Equal(error, response.Error);
        Assert.Equal(description, response.ErrorDescription);
    }
}
