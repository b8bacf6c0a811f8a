using BitbucketBlazor.Common.Stores;
using BitbucketBlazor.Bitbucket.Models;
using BitbucketBlazor.OAuth;
using Microsoft.Extensions.Time.Testing;

namespace BitbucketBlazor.Tests.OAuth;

/// <summary>The claim/restore of an authorization code login, without a page.</summary>
public sealed class AuthorizationCodeResumeTests
{
    private const string Browser = "browser-a";
    private static readonly ConsumerCredentials s_consumer = new("key", "secret", "Consumer", ConsumerSource.SandboxDemo);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
    private readonly AuthorizationHandoffStore _handoffs;
    private readonly AuthorizedBrowserStore _authorizations;
    private readonly TokenState _state;
    private readonly AuthorizationCodeSession _session = new();
    private readonly AuthorizationCodeResume _resume;

    public AuthorizationCodeResumeTests()
    {
        _handoffs = new AuthorizationHandoffStore(new InMemoryBoundedStoreFactory(), _clock);
        _authorizations = new AuthorizedBrowserStore(new InMemoryBoundedStoreFactory(), _clock);
        _state = new TokenState(_clock);
        _resume = new AuthorizationCodeResume(_state, _session, _handoffs, _authorizations, new BrowserStepStore(new InMemoryBoundedStoreFactory(), _clock), _clock);
    }

    [Fact]
    public async Task TheCallbacksHandoffIsClaimedOnceIntoTheTab()
    {
        var handoffId = (await _handoffs.PutAsync(Browser, NewHandoff("fresh-token"), TestContext.Current.CancellationToken))!;
        Assert.Equal(handoffId, await _resume.FindPendingHandoffAsync(Browser));

        var resumed = await _resume.ResumeAsync(Browser, handoffId);

        Assert.Equal(new Resumption(ResumeOutcome.Claimed, "key", null), resumed);
        Assert.Equal("fresh-token", _state.Token?.AccessToken);
        Assert.Equal(AuthorizationCodeFlow.Grant, _state.Grant);
        Assert.NotNull(_session.Callback);
        Assert.True(_resume.HasToken);
        Assert.Null(await _handoffs.ClaimAsync(handoffId, Browser, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task WithoutAHandoffTheBrowsersEarlierAuthorizationIsRestoredWithWhatIsLeftOfItsLifetime()
    {
        await _authorizations.SetAsync(Browser, new BrowserAuthorization(s_consumer, Token("earlier-token"), AuthorizationCodeFlow.Grant, _clock.GetUtcNow()), TestContext.Current.CancellationToken);
        _clock.Advance(TimeSpan.FromMinutes(30));

        var resumed = await _resume.ResumeAsync(Browser, handoffId: null);

        Assert.Equal(ResumeOutcome.Restored, resumed.Outcome);
        Assert.NotNull(resumed.Notice);
        Assert.Equal("earlier-token", _state.Token?.AccessToken);
        Assert.Equal(7200 - 1800, _state.Token?.ExpiresIn);
        Assert.True(_session.Restored);
        Assert.True(await _resume.IsAuthorizedAsync());
    }

    [Fact]
    public async Task AnotherBrowserPicksUpNothing()
    {
        var handoffId = (await _handoffs.PutAsync(Browser, NewHandoff("fresh-token"), TestContext.Current.CancellationToken))!;
        await _authorizations.SetAsync(Browser, new BrowserAuthorization(s_consumer, Token("earlier-token"), AuthorizationCodeFlow.Grant, _clock.GetUtcNow()), TestContext.Current.CancellationToken);

        var resumed = await _resume.ResumeAsync("browser-b", handoffId);

        Assert.Equal(ResumeOutcome.None, resumed.Outcome);
        Assert.Null(_state.Token);
        Assert.False(await _resume.IsAuthorizedAsync());
    }

    [Fact]
    public async Task ForgettingDropsTheAuthorizationAndTheToken()
    {
        await _resume.ResumeAsync(Browser, (await _handoffs.PutAsync(Browser, NewHandoff("fresh-token"), TestContext.Current.CancellationToken))!);
        await _authorizations.SetAsync(Browser, new BrowserAuthorization(s_consumer, Token("fresh-token"), AuthorizationCodeFlow.Grant, _clock.GetUtcNow()), TestContext.Current.CancellationToken);

        await _resume.ForgetAsync();

        Assert.False(await _resume.IsAuthorizedAsync());
        Assert.Null(_state.Token);
        Assert.False(_resume.HasToken);
    }

    private static TokenResponse Token(string accessToken) => new(accessToken, "account", 7200, "refresh", "bearer", null);

    private AuthorizationHandoff NewHandoff(string accessToken) => new(
        s_consumer,
        Token(accessToken),
        [],
        new CallbackFacts(new Uri("http://127.0.0.1/sandbox/site/oauth2/authorize"), null, "abcd…", 32, "state", _clock.GetUtcNow(), _clock.GetUtcNow()));
}
