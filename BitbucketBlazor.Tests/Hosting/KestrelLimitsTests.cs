using BitbucketBlazor.Tests.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BitbucketBlazor.Tests.Hosting;

/// <summary>
/// A room of attendees each leaves a handful of idle keep-alive connections behind after the page has loaded (its
/// circuit has its own WebSocket); the app closes them after 15 s instead of Kestrel's 130 s (issue 12, heap).
/// </summary>
public sealed class KestrelLimitsTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public void IdleKeepAliveConnectionsCloseAfterFifteenSeconds()
    {
        var limits = app.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits;

        Assert.Equal(TimeSpan.FromSeconds(15), limits.KeepAliveTimeout);
    }
}
