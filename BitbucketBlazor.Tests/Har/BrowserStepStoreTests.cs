using BitbucketBlazor.Tests.Infrastructure;
using BitbucketBlazor.OAuth;
using BitbucketBlazor.Tests.Components;
using Microsoft.Extensions.Time.Testing;

namespace BitbucketBlazor.Tests.Har;

public sealed class BrowserStepStoreTests
{
    private readonly FakeTimeProvider _clock = new(TestExchanges.Start);

    [Fact]
    public void StepsAreTakenOnceByTheirBrowserOnlyAndANewLoginStartsAfresh()
    {
        var store = new BrowserStepStore(_clock);
        store.Record("browser-a", Step("/authorize"), startsLogin: true);
        store.Record("browser-a", Step("/oauth-callback"), startsLogin: false);
        store.Record("browser-b", Step("/authorize"), startsLogin: true);
        store.Record("browser-b", Step("/authorize"), startsLogin: true);

        Assert.Equal(["/authorize", "/oauth-callback"], store.Take("browser-a").Select(s => s.Url.AbsolutePath));
        Assert.Empty(store.Take("browser-a"));
        Assert.Single(store.Take("browser-b"));
        Assert.Empty(store.Take(null));
    }

    [Fact]
    public void OneBrowserKeepsAtMostItsShareOfSteps()
    {
        var store = new BrowserStepStore(_clock);
        for (var i = 0; i < BrowserStepStore.MaxStepsPerBrowser + 5; i++)
        {
            store.Record("browser-a", Step("/oauth-callback"), startsLogin: false);
        }

        Assert.Equal(BrowserStepStore.MaxStepsPerBrowser, store.Take("browser-a").Count);
    }

    [Fact]
    public void AFullStoreRefusesNewBrowsersRatherThanDropAnotherBrowsersLoginUntilStepsExpire()
    {
        var store = new BrowserStepStore(_clock, capacity: 2);
        Assert.True(store.Record("browser-a", Step("/authorize"), startsLogin: true));
        Assert.True(store.Record("browser-b", Step("/authorize"), startsLogin: true));

        Assert.False(store.Record("browser-c", Step("/authorize"), startsLogin: true));
        Assert.True(store.Record("browser-a", Step("/oauth-callback"), startsLogin: false));
        Assert.Equal(2, store.Take("browser-a").Count);

        Assert.True(store.Record("browser-c", Step("/authorize"), startsLogin: true));
        _clock.Advance(BrowserStepStore.Lifetime);
        Assert.True(store.Record("browser-d", Step("/authorize"), startsLogin: true));
        Assert.Empty(store.Take("browser-b"));
        Assert.Single(store.Take("browser-d"));
    }

    private static BitbucketBlazor.Bitbucket.HttpExchange Step(string path) =>
        TestExchanges.Make("GET", "http://127.0.0.1:5000" + path, 302, null);
}
