using System.Security.Cryptography;
using System.Text;

namespace BitbucketBlazor.Common;

/// <summary>
/// Marks the app's own server-to-server calls to its sandbox, so the per-address rate limits and
/// the HTTPS redirection, which exist for browsers and strangers, leave them alone. Every visitor's
/// sandbox call leaves from this process over loopback: counted by address, one visitor's calls
/// would spend everybody's budget. Those calls are limited per visitor instead, before they leave.
/// </summary>
/// <remarks>
/// The mark is a random value made when the process starts; it is added by the innermost HTTP
/// handler, after the exchange is recorded, so it never appears in the UI, a log or a snippet, and
/// it is only ever sent to the app's own sandbox address.
/// </remarks>
public sealed class SelfCallMarker
{
    /// <summary>The request header that carries the mark.</summary>
    public const string HeaderName = "X-BitbucketBlazor-Self-Call";

    private readonly byte[] _value = RandomNumberGenerator.GetBytes(32);

    /// <summary>Gets the mark's value, as sent in <see cref="HeaderName"/>.</summary>
    public string Value => Convert.ToHexString(_value);

    /// <summary>Gets whether <paramref name="context"/> is a marked call from this very process.</summary>
    public bool IsSelfCall(HttpContext context)
    {
        if (context.Connection.RemoteIpAddress is not { } remote || !System.Net.IPAddress.IsLoopback(remote)
            || !context.Request.Headers.TryGetValue(HeaderName, out var sent) || sent.Count != 1)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(sent[0] ?? ""), Encoding.ASCII.GetBytes(Value));
    }
}
