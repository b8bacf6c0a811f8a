using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BitbucketBlazor.Tests.Infrastructure;

/// <summary>
/// The whole app on real Kestrel, on a free loopback port, in sandbox mode. The app's own
/// server-to-server calls reach its sandbox over that port, and a real browser can load it.
/// Share one per test class through <c>IClassFixture&lt;AppFixture&gt;</c>.
/// </summary>
public class AppFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly Dictionary<string, string?> _settings = new()
    {
        // A developer's user-secrets must never turn a test run into calls to bitbucket.org.
        ["Bitbucket:Mode"] = "Sandbox",
        ["Bitbucket:ClientId"] = "",
        ["Bitbucket:ClientSecret"] = "",
    };

    private readonly List<IServiceScope> _scopes = [];

    /// <summary>Gets the app's root URL, for example <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri RootUri { get; private set; } = null!;

    /// <summary>Gets a client whose base address is <see cref="RootUri"/>, going over real HTTP.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>
    /// Resolves a per-visitor service (the token and API clients, which draw on one visitor's call
    /// allowance) in a new DI scope, as a circuit or a request would; the scope ends with the fixture.
    /// </summary>
    public T ForVisitor<T>()
        where T : notnull
    {
        var scope = Services.CreateScope();
        lock (_scopes)
        {
            _scopes.Add(scope);
        }

        return scope.ServiceProvider.GetRequiredService<T>();
    }

    /// <summary>Overrides one configuration setting; call before the server starts.</summary>
    public AppFixture WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    /// <inheritdoc />
    public virtual ValueTask InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        RootUri = new Uri(addresses.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        Http = new HttpClient { BaseAddress = RootUri };
        return ValueTask.CompletedTask;
    }

    /// <summary>Replaces services for this fixture, for example the sandbox's clock.</summary>
    protected virtual void ConfigureTestServices(IServiceCollection services)
    {
    }

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("urls", "http://127.0.0.1:0");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(ConfigureTestServices);
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        foreach (var scope in _scopes)
        {
            scope.Dispose();
        }

        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
