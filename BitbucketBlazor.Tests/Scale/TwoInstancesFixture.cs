using BitbucketBlazor.Tests.Infrastructure;

namespace BitbucketBlazor.Tests.Scale;

/// <summary>
/// Two instances of the app on real Kestrel (A and B), each with its own process-level services,
/// sharing nothing but a redis-server the fixture starts on a free port: what two instances
/// behind a load balancer share.
/// </summary>
public sealed class TwoInstancesFixture : IAsyncLifetime
{
    /// <summary>Gets the Redis both instances use.</summary>
    public RedisServerFixture Redis { get; } = new();

    /// <summary>Gets instance A.</summary>
    public AppFixture A { get; private set; } = null!;

    /// <summary>Gets instance B.</summary>
    public AppFixture B { get; private set; } = null!;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        await Redis.InitializeAsync();
        if (Redis.SkipReason is not null)
        {
            return;
        }

        A = new AppFixture().WithSetting("ConnectionStrings:Redis", Redis.ConnectionString);
        B = new AppFixture().WithSetting("ConnectionStrings:Redis", Redis.ConnectionString);
        await A.InitializeAsync();
        await B.InitializeAsync();
        SandboxA = new(A.RootUri);
        SandboxB = new(B.RootUri);
    }

    /// <summary>Gets a sandbox client talking to A.</summary>
    public BitbucketBlazor.Tests.Sandbox.SandboxClient SandboxA { get; private set; } = null!;

    /// <summary>Gets a sandbox client talking to B.</summary>
    public BitbucketBlazor.Tests.Sandbox.SandboxClient SandboxB { get; private set; } = null!;

    /// <summary>Rewrites <paramref name="url"/> (an address on A) to the same path on B.</summary>
    public Uri OnB(Uri url) => new UriBuilder(url) { Port = B.RootUri.Port }.Uri;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        SandboxA?.Dispose();
        SandboxB?.Dispose();
        if (A is not null)
        {
            await A.DisposeAsync();
        }

        if (B is not null)
        {
            await B.DisposeAsync();
        }

        await Redis.DisposeAsync();
    }
}
