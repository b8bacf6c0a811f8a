using System.Collections.Concurrent;
using BitbucketBlazor.Tests.Sandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace BitbucketBlazor.Tests.Presentation;

/// <summary>
/// A sandbox with rotating refresh tokens, no grace period for a used one, Bitbucket-length (2,500+
/// character) tokens, and a short access-token
/// lifetime, that lets its clock run past that lifetime just before chosen pages of a workspace's
/// repositories are served: the token in hand expires mid-listing, on a known page, every run.
/// </summary>
/// <remarks>
/// With no grace period a refresh token works once. A client that refreshes twice must therefore
/// have kept the rotated refresh token from the first refresh, or its second refresh is refused.
/// </remarks>
public sealed class ForcedExpirySandboxFixture : SandboxFixture
{
    /// <summary>The access-token lifetime the sandbox is configured with.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, byte> _pending = new(StringComparer.Ordinal);

    public ForcedExpirySandboxFixture()
    {
        WithSetting("Bitbucket:Sandbox:AccessTokenLifetime", Lifetime.ToString());
        WithSetting("Bitbucket:Sandbox:RefreshTokenRotation", "Rotating");
        WithSetting("Bitbucket:Sandbox:RefreshTokenGracePeriod", "00:00:00");
        WithSetting("Bitbucket:Sandbox:LongTokens", "true");
    }

    /// <summary>Gets how many forced expiries have happened since the last <see cref="ExpireBeforePages"/>.</summary>
    public int ForcedExpiries { get; private set; }

    /// <summary>
    /// Makes every token expire right before the first request for each of these pages of
    /// <c>/2.0/repositories/{workspace}</c> (page 1 is the one without a <c>page</c> parameter).
    /// </summary>
    public void ExpireBeforePages(params int[] pages)
    {
        _pending.Clear();
        ForcedExpiries = 0;
        foreach (var page in pages)
        {
            _pending[page.ToString(System.Globalization.CultureInfo.InvariantCulture)] = 0;
        }
    }

    /// <inheritdoc />
    protected override void ConfigureTestServices(IServiceCollection services)
    {
        base.ConfigureTestServices(services);
        services.AddSingleton<IStartupFilter>(new ExpiryFilter(this));
    }

    private void BeforeRequest(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method)
            && context.Request.Path.StartsWithSegments("/sandbox/2.0/repositories", StringComparison.Ordinal)
            && _pending.TryRemove(context.Request.Query["page"].FirstOrDefault() ?? "1", out _))
        {
            Clock.Advance(Lifetime + TimeSpan.FromSeconds(1));
            ForcedExpiries++;
        }
    }

    private sealed class ExpiryFilter(ForcedExpirySandboxFixture fixture) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                fixture.BeforeRequest(context);
                await nextMiddleware(context);
            });
            next(app);
        };
    }
}
