using BitbucketBlazor.Sandbox;
using BitbucketBlazor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BitbucketBlazor.Tests.Sandbox;

/// <summary>
/// The app on real Kestrel with the sandbox's clock replaced by a <see cref="FakeTimeProvider"/>.
/// Subclasses set sandbox settings (caps, rate limit) in their constructor.
/// </summary>
public class SandboxFixture : AppFixture
{
    /// <summary>Gets the clock the sandbox reads; advance it to make tokens and codes expire.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));

    /// <summary>Gets the sandbox's token store inside the running app.</summary>
    public SandboxTokenStore Tokens => Services.GetRequiredService<SandboxTokenStore>();

    /// <summary>Gets the sandbox's authorization codes inside the running app.</summary>
    public SandboxAuthorizationCodes Codes => Services.GetRequiredService<SandboxAuthorizationCodes>();

    /// <summary>Gets a client for the sandbox over real HTTP that does not follow redirects.</summary>
    public SandboxClient Sandbox { get; private set; } = null!;

    /// <inheritdoc />
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Sandbox = new SandboxClient(RootUri);
    }

    /// <inheritdoc />
    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.AddSingleton(new SandboxClock(Clock));

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        Sandbox?.Dispose();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A sandbox with at most 10 tokens and 10 codes.</summary>
public sealed class SmallCapsSandboxFixture : SandboxFixture
{
    /// <summary>The cap configured for tokens and for codes.</summary>
    public const int Cap = 10;

    public SmallCapsSandboxFixture()
    {
        WithSetting("Bitbucket:Sandbox:MaxTokens", Cap.ToString(System.Globalization.CultureInfo.InvariantCulture));
        WithSetting("Bitbucket:Sandbox:MaxAuthorizationCodes", Cap.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>A sandbox that allows three API requests per access token per hour.</summary>
public sealed class RateLimitedSandboxFixture : SandboxFixture
{
    /// <summary>The configured requests per rolling hour.</summary>
    public const int Limit = 3;

    public RateLimitedSandboxFixture() =>
        WithSetting("Bitbucket:Sandbox:RateLimitPerHour", Limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
