using BitbucketBlazor.Bitbucket.Models;
using BitbucketBlazor.Components.Presentation;
using BitbucketBlazor.OAuth;
using BitbucketBlazor.Tests.Infrastructure;

namespace BitbucketBlazor.Tests.Presentation;

public sealed class ErrorExplainerTests
{
    private const string ApiUrl = "http://127.0.0.1:5000/sandbox/2.0/repositories/blazor-demo";

    private static readonly ConsumerCredentials s_consumer = new("key", "secret", "Demo", ConsumerSource.SandboxDemo);

    [Fact]
    public void APublicConsumerIsToldToTickPrivate()
    {
        var result = FakeTokenClient.Failure(s_consumer, "invalid_grant",
            "Cannot use client_credentials with a consumer marked as \"public\". Calls for auto generated consumers should use urn:bitbucket:oauth2:jwt instead.");

        var explanation = ErrorExplainer.ForToken(result)!;

        Assert.Equal(ErrorKind.PublicConsumer, explanation.Kind);
        Assert.Contains("This is a private consumer", explanation.Fix, StringComparison.Ordinal);
        Assert.Contains("marked as \"public\"", explanation.Quote, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("invalid_client")]
    [InlineData("unauthorized_client")]
    public void AWrongSecretOrUnknownConsumerIsExplained(string error)
    {
        var explanation = ErrorExplainer.ForToken(FakeTokenClient.Failure(s_consumer, error, "Invalid OAuth client credentials"))!;

        Assert.Equal(ErrorKind.BadClientCredentials, explanation.Kind);
        Assert.Contains("Key and Secret", explanation.Fix, StringComparison.Ordinal);
        Assert.Contains("Invalid OAuth client credentials", explanation.Quote, StringComparison.Ordinal);
    }

    [Fact]
    public void ARequestWithoutClientAuthenticationIsToldToSendHttpBasic()
    {
        var explanation = ErrorExplainer.ForToken(FakeTokenClient.Failure(s_consumer, "unauthorized_client", "Requests must be authenticated using OAuth client credentials"))!;

        Assert.Equal(ErrorKind.MissingClientAuthentication, explanation.Kind);
        Assert.Contains("Authorization: Basic", explanation.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("invalid_request", "Invalid refresh_token")]
    [InlineData("invalid_grant", "The refresh token is invalid.")]
    public void ARefusedRefreshTokenIsExplainedWithRotation(string error, string description)
    {
        var explanation = ErrorExplainer.ForToken(FakeTokenClient.Failure(s_consumer, error, description))!;

        Assert.Equal(ErrorKind.InvalidRefreshToken, explanation.Kind);
        Assert.Contains("rotates refresh tokens", explanation.Cause, StringComparison.Ordinal);
        Assert.Contains("newest", explanation.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOldRefreshTokenRefusedAfterRotationIsExplainedAsAlreadyUsedWithTheGracePeriod()
    {
        var result = FakeTokenClient.Failure(s_consumer, "invalid_request", "Invalid refresh_token");

        var explanation = ErrorExplainer.ForUsedRefreshToken(result, TimeSpan.FromMinutes(10))!;

        Assert.Equal(ErrorKind.RefreshTokenAlreadyUsed, explanation.Kind);
        Assert.Contains("10 minutes", explanation.Cause, StringComparison.Ordinal);
        Assert.Equal("invalid_request: Invalid refresh_token", explanation.Quote);
    }

    [Fact]
    public void AnOldRefreshTokenStillInsideItsGracePeriodNeedsNoExplanation()
    {
        Assert.Null(ErrorExplainer.ForUsedRefreshToken(FakeTokenClient.Success(s_consumer, "token"), TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public void AMissingGrantTypeIsExplained()
    {
        var explanation = ErrorExplainer.ForToken(FakeTokenClient.Failure(s_consumer, "invalid_grant", "Unsupported grant type: None"))!;

        Assert.Equal(ErrorKind.UnsupportedGrant, explanation.Kind);
    }

    [Fact]
    public void ATokenRequestWithoutAnAnswerIsANetworkFault()
    {
        var result = new TokenResult(TestExchanges.Make("POST", FakeTokenClient.TokenUrl, null, null, fault: "Connection refused"), null, null, "Connection refused");

        var explanation = ErrorExplainer.ForToken(result)!;

        Assert.Equal(ErrorKind.NetworkFault, explanation.Kind);
        Assert.Equal("Connection refused", explanation.Quote);
    }

    [Fact]
    public void ASuccessNeedsNoExplanation()
    {
        Assert.Null(ErrorExplainer.ForToken(FakeTokenClient.Success(s_consumer, "token")));
    }

    [Fact]
    public void AnExpiredTokenIsToldToGetANewOne()
    {
        var result = FakeBitbucketApi.Error<Paginated<Repository>>(ApiUrl, 401, "Access token expired. Use your refresh token to obtain a new access token.");

        var explanation = ErrorExplainer.ForApi(result)!;

        Assert.Equal(ErrorKind.ExpiredToken, explanation.Kind);
        Assert.Contains("new token", explanation.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownTokenIsNotMistakenForAnExpiredOne()
    {
        var explanation = ErrorExplainer.ForApi(FakeBitbucketApi.Error<Account>(ApiUrl, 401, "Invalid access token"))!;

        Assert.Equal(ErrorKind.InvalidToken, explanation.Kind);
    }

    [Fact]
    public void AMissingScopeSaysScopesAreFixedWhenTheTokenIsIssued()
    {
        var explanation = ErrorExplainer.ForApi(FakeBitbucketApi.Error<Account>(ApiUrl, 403, "Your credentials lack one or more required privilege scopes."))!;

        Assert.Equal(ErrorKind.MissingScope, explanation.Kind);
        Assert.Contains("get a new token", explanation.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingScopeNamesBothSidesFromBitbucketsHeaders()
    {
        var result = FakeBitbucketApi.Error<Account>(ApiUrl, 403, "Your credentials lack one or more required privilege scopes.",
            new("x-accepted-oauth-scopes", "pullrequest"), new("x-oauth-scopes", "account"));

        var explanation = ErrorExplainer.ForApi(result)!;

        Assert.Contains("This endpoint needs pullrequest; the token has account", explanation.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void NotFoundIsExplained()
    {
        Assert.Equal(ErrorKind.NotFound, ErrorExplainer.ForApi(FakeBitbucketApi.Error<Account>(ApiUrl, 404, "Resource not found"))!.Kind);
    }

    [Fact]
    public void ARateLimitSaysHowLongToWait()
    {
        var result = FakeBitbucketApi.Error<Account>(ApiUrl, 429, "Rate limit for this resource has been exceeded", new KeyValuePair<string, string>("Retry-After", "42"));

        var explanation = ErrorExplainer.ForApi(result)!;

        Assert.Equal(ErrorKind.RateLimited, explanation.Kind);
        Assert.Contains("42 seconds", explanation.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void AServerErrorIsBitbucketsSide()
    {
        Assert.Equal(ErrorKind.ServerError, ErrorExplainer.ForApi(FakeBitbucketApi.Error<Account>(ApiUrl, 503, "Service unavailable"))!.Kind);
    }

    [Fact]
    public void AnApiCallWithoutAnAnswerIsANetworkFault()
    {
        var explanation = ErrorExplainer.ForApi(TestExchanges.Make("GET", ApiUrl, null, null, fault: "The request timed out"), null, "The request timed out");

        Assert.Equal(ErrorKind.NetworkFault, explanation.Kind);
        Assert.Equal("The request timed out", explanation.Quote);
    }

    [Fact]
    public void ASuccessStatusWhoseAnswerCouldNotBeReadSaysWhatWasWrongWithTheAnswerNotTheRequest()
    {
        const string fault = "The answer from http://127.0.0.1:5000 is larger than 1 MiB; raise Bitbucket:Calls:MaxResponseBytes only if answers this large are expected.";

        var explanation = ErrorExplainer.ForApi(TestExchanges.Make("GET", ApiUrl, 200, null, fault: fault), null, fault);

        Assert.Equal(ErrorKind.UnusableAnswer, explanation.Kind);
        Assert.Contains(fault, explanation.Cause, StringComparison.Ordinal);
        Assert.DoesNotContain("not accepted", explanation.Cause, StringComparison.Ordinal);
    }
}
