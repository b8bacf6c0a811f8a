using System.Net;
using System.Net.Sockets;

namespace BitbucketBlazor.Hosting;

/// <summary>Who a request counts against for rate limiting: its client address, as forwarded-header processing left it.</summary>
internal static class ClientAddress
{
    /// <summary>
    /// Gets the partition key of <paramref name="context"/>'s client: the IPv4 address, or the /64
    /// prefix of an IPv6 one (one subscriber's usual allocation, so rotating through it gains nothing).
    /// </summary>
    public static string PartitionKey(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }
}
