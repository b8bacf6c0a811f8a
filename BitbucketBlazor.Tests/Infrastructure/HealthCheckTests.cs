using System.Net;

namespace BitbucketBlazor.Tests.Infrastructure;

public sealed class HealthCheckTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task HealthcheckAnswersHealthyOverRealHttp()
    {
        using var response = await app.Http.GetAsync("/healthcheck", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void TheAppListensOnLoopback()
    {
        Assert.Equal("127.0.0.1", app.RootUri.Host);
        Assert.NotEqual(0, app.RootUri.Port);
    }
}
