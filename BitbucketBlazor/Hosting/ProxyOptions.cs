using System.ComponentModel.DataAnnotations;
using System.Net;

namespace BitbucketBlazor.Hosting;

/// <summary>
/// The <c>Proxy</c> configuration section: which reverse proxies (the ones that end TLS in front of
/// the app) may tell it the visitor's address and scheme in <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c>. Headers from any other address are ignored.
/// </summary>
public sealed class ProxyOptions : IValidatableObject
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Proxy";

    /// <summary>
    /// Gets or sets the proxies' own addresses, for example <c>10.0.0.5</c>. Setting this or
    /// <see cref="KnownNetworks"/> turns forwarded-header handling on, trusting only these.
    /// Empty by default.
    /// </summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Gets or sets networks whose every address is a trusted proxy, in CIDR form, for example <c>10.0.0.0/8</c>. Empty by default.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>
    /// Gets or sets how many proxies in a row may add to <c>X-Forwarded-For</c> (the value read is
    /// that many entries from the right). Defaults to 1: one load balancer or reverse proxy.
    /// </summary>
    [Range(1, 10, ErrorMessage = "Proxy:ForwardLimit must be between {1} and {2}.")]
    public int ForwardLimit { get; set; } = 1;

    /// <summary>Gets whether trusted proxies are configured here.</summary>
    public bool HasTrustedProxies => KnownProxies.Length > 0 || KnownNetworks.Length > 0;

    /// <summary>Gets the configured proxy addresses; call only after validation.</summary>
    public IEnumerable<IPAddress> ProxyAddresses() => KnownProxies.Select(p => IPAddress.Parse(p.Trim()));

    /// <summary>Gets the configured proxy networks; call only after validation.</summary>
    public IEnumerable<System.Net.IPNetwork> ProxyNetworks() => KnownNetworks.Select(n => System.Net.IPNetwork.Parse(n.Trim()));

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (proxy, i) in KnownProxies.Select((p, i) => (p, i)))
        {
            if (!IPAddress.TryParse(proxy?.Trim(), out _))
            {
                yield return new ValidationResult(
                    $"Proxy:KnownProxies:{i} '{proxy}' is not an IP address, for example 10.0.0.5 or ::1.", [nameof(KnownProxies)]);
            }
        }

        foreach (var (network, i) in KnownNetworks.Select((n, i) => (n, i)))
        {
            if (!System.Net.IPNetwork.TryParse(network?.Trim(), out _))
            {
                yield return new ValidationResult(
                    $"Proxy:KnownNetworks:{i} '{network}' is not a network in CIDR form, for example 10.0.0.0/8.", [nameof(KnownNetworks)]);
            }
        }
    }
}
