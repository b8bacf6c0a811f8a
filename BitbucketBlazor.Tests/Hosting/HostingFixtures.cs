using BitbucketBlazor.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace BitbucketBlazor.Tests.Hosting;

/// <summary>The app on real Kestrel with small per-address limits, and loopback as its trusted proxy.</summary>
public sealed class TightLimitsFixture : AppFixture
{
    /// <summary>How many requests each limited route takes per address in these tests.</summary>
    public const int Limit = 5;

    /// <summary>Sets the limits and trusts 127.0.0.1 as the proxy, so tests can speak for other addresses.</summary>
    public TightLimitsFixture()
    {
        WithSetting("RateLimits:AuthorizePerWindow", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        WithSetting("RateLimits:CallbackPerWindow", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        WithSetting("RateLimits:SandboxPerWindow", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        WithSetting("Proxy:KnownProxies:0", "127.0.0.1");
    }
}

/// <summary>
/// The app as hosted for the public: the Production environment behind a proxy at a given
/// address (127.0.0.1, where the tests send from, or one the tests never send from).
/// </summary>
public abstract class ProductionBehindProxyFixture : AppFixture
{
    /// <summary>Trusts <paramref name="proxy"/> as the reverse proxy, or sets the framework's switch when null.</summary>
    protected ProductionBehindProxyFixture(string? proxy)
    {
        if (proxy is null)
        {
            WithSetting("FORWARDEDHEADERS_ENABLED", "true");
        }
        else
        {
            WithSetting("Proxy:KnownProxies:0", proxy);
        }
    }

    /// <summary>Trusts proxies by one setting, for example <c>Proxy:KnownNetworks:0</c>.</summary>
    protected ProductionBehindProxyFixture(string setting, string value) => WithSetting(setting, value);

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
    }
}

/// <summary>Production behind a proxy at 127.0.0.1, the address the tests send from.</summary>
public sealed class KnownProxyFixture() : ProductionBehindProxyFixture("127.0.0.1");

/// <summary>Production behind a proxy at 192.0.2.10 (a documentation address): the tests' requests come from elsewhere.</summary>
public sealed class UnknownProxyFixture() : ProductionBehindProxyFixture("192.0.2.10");

/// <summary>Production with only <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c>, the framework's own switch.</summary>
public sealed class FrameworkSwitchFixture() : ProductionBehindProxyFixture(null);

/// <summary>
/// Production behind the proxy at 127.0.0.1, told the public HTTPS port (<c>HTTPS_PORT=443</c>):
/// behind a proxy the app cannot learn it from its own bindings, so HTTPS redirection needs it.
/// </summary>
public sealed class HttpsPortFixture : ProductionBehindProxyFixture
{
    /// <summary>Sets the proxy and the port.</summary>
    public HttpsPortFixture()
        : base("127.0.0.1") => WithSetting("HTTPS_PORT", "443");
}

/// <summary>Production trusting the network 127.0.0.0/8 (<c>Proxy:KnownNetworks</c>), where the tests send from.</summary>
public sealed class KnownNetworkFixture() : ProductionBehindProxyFixture("Proxy:KnownNetworks:0", "127.0.0.0/8");
