using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace BitbucketBlazor.Sandbox;

/// <summary>
/// The loopback address at which the app reaches its own sandbox. The port is only known once
/// Kestrel listens (it may be 0, "any free port", in tests), so it is read lazily.
/// </summary>
public sealed class SandboxAddress(IServer server, IOptions<SandboxOptions> options)
{
    private Uri? _baseUrl;

    /// <summary>Gets the app's own base URL for server-to-server calls, for example <c>http://127.0.0.1:5142/</c>.</summary>
    /// <exception cref="InvalidOperationException">The server is not listening yet.</exception>
    public Uri BaseUrl => _baseUrl ??= Resolve();

    private Uri Resolve()
    {
        if (!string.IsNullOrWhiteSpace(options.Value.InternalBaseUrl))
        {
            return new Uri(options.Value.InternalBaseUrl);
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var chosen = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException(
                "The sandbox's address is not known: the server is not listening on any address yet. " +
                "Set Bitbucket:Sandbox:InternalBaseUrl to the app's own URL (for example http://127.0.0.1:5142).");

        return ToLoopback(chosen);
    }

    /// <summary>Turns a listen address such as <c>http://+:8080</c> or <c>http://[::]:80</c> into one a client can call.</summary>
    internal static Uri ToLoopback(string listenAddress)
    {
        var wildcardFree = listenAddress
            .Replace("://+:", "://127.0.0.1:", StringComparison.Ordinal)
            .Replace("://*:", "://127.0.0.1:", StringComparison.Ordinal)
            .Replace("://[::]:", "://127.0.0.1:", StringComparison.Ordinal)
            .Replace("://0.0.0.0:", "://127.0.0.1:", StringComparison.Ordinal);
        var uri = new UriBuilder(wildcardFree);
        if (uri.Host is "localhost")
        {
            // "localhost" may resolve to ::1 first while Kestrel listens on IPv4 only.
            uri.Host = "127.0.0.1";
        }

        uri.Path = "/";
        return uri.Uri;
    }
}
