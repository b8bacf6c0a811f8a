using BitbucketBlazor.Common.Stores;
using BitbucketBlazor.OAuth;
using BitbucketBlazor.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace BitbucketBlazor.Tests.Har;

public sealed class BrowserStepStoreTests
{
    private readonly FakeTimeProvider _clock = new(TestExchanges.Start);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StepsAreTakenOnceByTheirBrowserOnlyAndANewLoginStartsAfresh()
    {
        var store = new BrowserStepStore(new InMemoryBoundedStoreFactory(), _clock);
        await store.RecordAsync("browser-a", Step("/authorize"), startsLogin: true, cancellationToken: Ct);
        await store.RecordAsync("browser-a", Step("/oauth-callback"), startsLogin: false, cancellationToken: Ct);
        await store.RecordAsync("browser-b", Step("/authorize"), startsLogin: true, cancellationToken: Ct);
        await store.RecordAsync("browser-b", Step("/authorize"), startsLogin: true, cancellationToken: Ct);

        Assert.Equal(["/authorize", "/oauth-callback"], (await store.TakeAsync("browser-a", Ct)).Select(s => s.Url.AbsolutePath));
        Assert.Empty(await store.TakeAsync("browser-a", Ct));
        Assert.Single(await store.TakeAsync("browser-b", Ct));
        Assert.Empty(await store.TakeAsync(null, Ct));
    }

    [Fact]
    public async Task OneBrowserKeepsAtMostItsShareOfSteps()
    {
        var store = new BrowserStepStore(new InMemoryBoundedStoreFactory(), _clock);
        for (var i = 0; i < BrowserStepStore.MaxStepsPerBrowser + 5; i++)
        {
            await store.RecordAsync("browser-a", Step("/oauth-callback"), startsLogin: false, cancellationToken: Ct);
        }

        Assert.Equal(BrowserStepStore.MaxStepsPerBrowser, (await store.TakeAsync("browser-a", Ct)).Count);
    }

    [Fact]
    public async Task AFullStoreRefusesNewBrowsersRatherThanDropAnotherBrowsersLoginUntilStepsExpire()
    {
        var store = new BrowserStepStore(new InMemoryBoundedStoreFactory(), _clock, capacity: 2);
        Assert.True(await store.RecordAsync("browser-a", Step("/authorize"), startsLogin: true, cancellationToken: Ct));
        Assert.True(await store.RecordAsync("browser-b", Step("/authorize"), startsLogin: true, cancellationToken: Ct));

        Assert.False(await store.RecordAsync("browser-c", Step("/authorize"), startsLogin: true, cancellationToken: Ct));
        Assert.True(await store.RecordAsync("browser-a", Step("/oauth-callback"), startsLogin: false, cancellationToken: Ct));
        Assert.Equal(2, (await store.TakeAsync("browser-a", Ct)).Count);

        Assert.True(await store.RecordAsync("browser-c", Step("/authorize"), startsLogin: true, cancellationToken: Ct));
        _clock.Advance(BrowserStepStore.Lifetime);
        Assert.True(await store.RecordAsync("browser-d", Step("/authorize"), startsLogin: true, cancellationToken: Ct));
        Assert.Empty(await store.TakeAsync("browser-b", Ct));
        Assert.Single(await store.TakeAsync("browser-d", Ct));
    }

    private static BitbucketBlazor.Bitbucket.HttpExchange Step(string path) =>
        TestExchanges.Make("GET", "http://127.0.0.1:5000" + path, 302, null);
}
