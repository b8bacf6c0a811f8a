using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MudBlazor;
using MudBlazor.Services;

namespace BitbucketBlazor.Tests.Infrastructure;

/// <summary>
/// The bUnit base for component tests: MudBlazor's services with popovers allowed without a
/// provider, loose JS interop (MudBlazor calls JS the tests don't care about), no snackbar delays.
/// </summary>
public abstract class MudBunitContext : BunitContext
{
    /// <summary>Sets up MudBlazor for rendering under bUnit.</summary>
    protected MudBunitContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options =>
        {
            options.PopoverOptions.CheckForPopoverProvider = false;
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
        });
    }

    /// <summary>
    /// Sends the components' logs to a <c>FakeLogCollector</c> (read it with
    /// <c>Services.GetFakeLogCollector()</c>); call before the first render.
    /// </summary>
    protected void CaptureLogs()
    {
        Services.AddFakeLogging();
        // bUnit registers a logger factory that discards everything; this one wins, being added last.
        Services.AddSingleton<ILoggerFactory, LoggerFactory>();
    }
}
