using BitbucketBlazor.Common.Stores;
using BitbucketBlazor.Sandbox;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace BitbucketBlazor.Hosting.SharedState;

/// <summary>
/// The one switch between a single instance and a cluster: <c>ConnectionStrings:Redis</c>.
/// Unset, the stores live in process memory and the Data Protection key ring in a directory, so a
/// restart keeps browsers bound. Set, the key ring, every OAuth and sandbox store, the sandbox's
/// rate counters and Blazor's persisted circuit state all live in that Redis, shared by every
/// instance behind the load balancer.
/// </summary>
public static class SharedStateExtensions
{
    /// <summary>The connection string's name: <c>ConnectionStrings:Redis</c> (environment: <c>ConnectionStrings__Redis</c>).</summary>
    public const string ConnectionName = "Redis";

    /// <summary>The Data Protection application name, fixed so every instance (and every restart) shares one key ring.</summary>
    public const string ApplicationName = "BitbucketBlazor";

    /// <summary>What every Redis key of this app starts with.</summary>
    public const string KeyPrefix = "bitbucketblazor:";

    /// <summary>The setting naming the key ring's directory when no Redis is configured.</summary>
    public const string KeyDirectorySetting = "DataProtection:KeyDirectory";

    /// <summary>Registers shared state according to <c>ConnectionStrings:Redis</c>; call before the stores are registered.</summary>
    public static WebApplicationBuilder AddSharedState(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var protection = services.AddDataProtection().SetApplicationName(ApplicationName);
        var connection = builder.Configuration.GetConnectionString(ConnectionName);
        if (string.IsNullOrWhiteSpace(connection))
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(KeyDirectory(builder.Configuration)));
            services.AddSingleton<IBoundedStoreFactory, InMemoryBoundedStoreFactory>();
            return builder;
        }

        // Not AbortOnConnectFail: an instance that starts while Redis restarts keeps retrying
        // instead of dying; requests meanwhile fail with an explained error.
        var configuration = ConfigurationOptions.Parse(connection);
        configuration.AbortOnConnectFail = false;
        var redis = ConnectionMultiplexer.Connect(configuration);
        services.AddSingleton<IConnectionMultiplexer>(redis);
        protection.PersistKeysToStackExchangeRedis(redis, KeyPrefix + "data-protection-keys");
        services.AddSingleton<IBoundedStoreFactory>(sp =>
            new RedisBoundedStoreFactory(redis, sp.GetRequiredService<IDataProtectionProvider>(), KeyPrefix));
        services.AddSingleton<ISandboxRateLimiter>(sp => new RedisSandboxRateLimiter(
            redis, sp.GetRequiredService<SandboxClock>(), sp.GetRequiredService<IOptions<SandboxOptions>>(), KeyPrefix));

        // Blazor's own circuit state persistence, distributed: a paused or evicted circuit's
        // [PersistentState] can be resumed by any instance.
        services.AddStackExchangeRedisCache(o =>
        {
            o.ConnectionMultiplexerFactory = () => Task.FromResult<IConnectionMultiplexer>(redis);
            o.InstanceName = KeyPrefix + "cache:";
        });
        services.AddHybridCache();
        services.AddOptions<CircuitOptions>().Configure<HybridCache>((o, cache) => o.HybridPersistenceCache = cache);
        return builder;
    }

    /// <summary>Gets the key ring's directory: <c>DataProtection:KeyDirectory</c>, else one under the user's local application data.</summary>
    public static string KeyDirectory(IConfiguration configuration) =>
        configuration[KeyDirectorySetting] is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), ApplicationName, "keys");
}
