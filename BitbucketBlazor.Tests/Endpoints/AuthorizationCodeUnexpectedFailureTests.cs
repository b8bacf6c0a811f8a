using System.Net;
using BitbucketBlazor.OAuth;
using BitbucketBlazor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BitbucketBlazor.Tests.Endpoints;

/// <summary>The app with a token client that throws, standing in for any bug behind the callback.</summary>
public sealed class ThrowingTokenClientFixture : AppFixture
{
    /// <inheritdoc />
    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.AddSingleton<ITokenClient, ThrowingTokenClient>();

    private sealed class ThrowingTokenClient : ITokenClient
    {
        public TokenRequestPreview PreviewClientCredentials(ConsumerCredentials consumer) => throw Boom();

        public TokenRequestPreview PreviewCodeExchange(ConsumerCredentials consumer, string code, string? redirectUri) => throw Boom();

        public TokenRequestPreview PreviewRefresh(ConsumerCredentials consumer, string refreshToken) => throw Boom();

        public Task<TokenResult> RequestClientCredentialsAsync(ConsumerCredentials consumer, CancellationToken cancellationToken = default) => throw Boom();

        public Task<TokenResult> ExchangeCodeAsync(ConsumerCredentials consumer, string code, string? redirectUri, CancellationToken cancellationToken = default) => throw Boom();

        public Task<TokenResult> RefreshAsync(ConsumerCredentials consumer, string refreshToken, CancellationToken cancellationToken = default) => throw Boom();

        private static InvalidOperationException Boom() => new("Simulated bug inside the token client");
    }
}

public sealed class AuthorizationCodeUnexpectedFailureTests(ThrowingTokenClientFixture app) : IClassFixture<ThrowingTokenClientFixture>
{
    [Fact]
    public async Task AnUnexpectedFailureDuringTheCallbackShowsAPlainPageWithoutStackTraceOrCode()
    {
        using var visitor = new OAuthTestVisitor(app.RootUri);
        var callback = await visitor.AuthorizeAsync();

        using var response = await visitor.GetAsync(callback.ToString());
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("The callback failed unexpectedly", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Simulated bug", html, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" at BitbucketBlazor", html, StringComparison.Ordinal);
        Assert.DoesNotContain(OAuthTestVisitor.Query(callback, "code")!, html, StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
    }
}
