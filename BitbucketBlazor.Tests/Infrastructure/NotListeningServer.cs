using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace BitbucketBlazor.Tests.Infrastructure;

/// <summary>
/// An <see cref="IServer"/> that listens nowhere, for component tests that need
/// <c>SandboxAddress</c> but never reach the sandbox (they set <c>Sandbox:InternalBaseUrl</c> or never ask).
/// </summary>
public sealed class NotListeningServer : IServer
{
    /// <inheritdoc />
    public IFeatureCollection Features { get; } = new FeatureCollection();

    /// <inheritdoc />
    public void Dispose()
    {
    }

    /// <inheritdoc />
    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull => Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
