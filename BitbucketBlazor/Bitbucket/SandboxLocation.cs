namespace BitbucketBlazor.Bitbucket;

/// <summary>
/// Where the built-in sandbox is, as the client side needs to know it: its path under the app,
/// and the app's own address for server-to-server calls. The client side never reads the
/// sandbox's settings; the host composes this from them (see <c>Hosting/SandboxWiring</c>).
/// </summary>
/// <param name="pathBase">The sandbox's path under the app, for example <c>/sandbox</c>.</param>
/// <param name="appBaseUrl">
/// Resolves the app's own base URL, for example <c>http://127.0.0.1:5142/</c>; asked once, on first
/// use, because the port is only known once the server listens. It throws
/// <see cref="InvalidOperationException"/> while the address is not known.
/// </param>
public sealed class SandboxLocation(string pathBase, Func<Uri> appBaseUrl)
{
    private Uri? _appBaseUrl;

    /// <summary>Gets the sandbox's path under the app, for example <c>/sandbox</c>.</summary>
    public string PathBase => pathBase;

    /// <summary>Gets the app's own base URL for server-to-server calls, for example <c>http://127.0.0.1:5142/</c>.</summary>
    /// <exception cref="InvalidOperationException">The server is not listening yet.</exception>
    public Uri AppBaseUrl => _appBaseUrl ??= appBaseUrl();
}
