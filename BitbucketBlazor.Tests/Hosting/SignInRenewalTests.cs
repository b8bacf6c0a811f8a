using System.Net;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.OAuth;
using BitbucketBlazor.Tests.Endpoints;
using BitbucketBlazor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace BitbucketBlazor.Tests.Hosting;

/// <summary>The browser id after a sign-in, and sign-in with a secret that needs RFC 6749 §2.3.1's encoding.</summary>
public sealed class SignInRenewalTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task ASuccessfulSignInGivesTheBrowserANewIdAndTheOldOneOpensNothing()
    {
        using var visitor = new OAuthTestVisitor(app.RootUri);
        var callback = await visitor.AuthorizeAsync();
        var before = visitor.BrowserId;

        using var response = await visitor.GetAsync(callback.ToString());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = visitor.BrowserId;
        Assert.NotNull(before);
        Assert.NotNull(after);
        Assert.NotEqual(before, after);
        var handoffs = app.Services.GetRequiredService<AuthorizationHandoffStore>();
        var authorizations = app.Services.GetRequiredService<AuthorizedBrowserStore>();
        var cancel = TestContext.Current.CancellationToken;
        Assert.NotNull(await handoffs.FindPendingAsync(after, cancel));
        Assert.Null(await handoffs.FindPendingAsync(before, cancel));
        Assert.NotNull(await authorizations.FindAsync(after, cancel));
        Assert.Null(await authorizations.FindAsync(before, cancel));
    }

    [Fact]
    public async Task AFailedCallbackKeepsTheBrowserId()
    {
        using var visitor = new OAuthTestVisitor(app.RootUri);
        var callback = await visitor.AuthorizeAsync(grant: false);
        var before = visitor.BrowserId;

        using var response = await visitor.GetAsync(callback.ToString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, visitor.BrowserId);
    }

    [Fact]
    public async Task TheConsumerWithPercentColonPlusSpacesAndNonAsciiInItsSecretSignsInEndToEnd()
    {
        Assert.Contains('%', DemoConsumers.AwkwardSecret.Secret);
        Assert.Contains(':', DemoConsumers.AwkwardSecret.Secret);
        Assert.Contains('+', DemoConsumers.AwkwardSecret.Secret);
        Assert.Contains(' ', DemoConsumers.AwkwardSecret.Secret);
        Assert.Contains(DemoConsumers.AwkwardSecret.Secret, c => c > 127);
        using var visitor = new OAuthTestVisitor(app.RootUri);
        var consent = await visitor.StartAsync("?consumer=" + DemoConsumers.AwkwardSecret.Key);
        var callback = await visitor.AnswerConsentAsync(consent, grant: true);

        using var response = await visitor.GetAsync(callback.ToString());
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, body);
        var authorization = await app.Services.GetRequiredService<AuthorizedBrowserStore>().FindAsync(visitor.BrowserId, TestContext.Current.CancellationToken);
        Assert.Equal(DemoConsumers.AwkwardSecret.Key, authorization?.Consumer.ClientId);
    }

    [Fact]
    public async Task TheTokenClientGetsATokenForTheAwkwardSecretAndTheBasicHeaderCarriesItFormUrlEncoded()
    {
        using var scope = app.Services.CreateScope();
        var consumer = new ConsumerCredentials(DemoConsumers.AwkwardSecret.Key, DemoConsumers.AwkwardSecret.Secret, "awkward", ConsumerSource.TypedIn);

        var result = await scope.ServiceProvider.GetRequiredService<ITokenClient>().RequestClientCredentialsAsync(consumer, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Fault ?? result.Error?.ErrorDescription);
        var basic = result.Exchange!.RequestHeader("Authorization")!["Basic ".Length..];
        var decoded = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(basic));
        Assert.Equal("sandbox-awkward-key:50%25+off%3A+a%2Bb%3D%C3%A7+%C3%BCn%C3%AFc%C3%B8d%C3%A9", decoded);
    }
}
