using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace BitbucketBlazor.Sandbox;

/// <summary>Random values and comparisons for the sandbox's tokens, codes and secrets.</summary>
internal static class SandboxSecrets
{
    /// <summary>Returns <paramref name="bytes"/> random bytes as URL-safe base64 without padding.</summary>
    public static string NewToken(int bytes = 32) => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>Compares two strings in time that does not depend on where they first differ.</summary>
    public static bool FixedTimeEquals(string? a, string? b) =>
        a is not null && b is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    /// <summary>
    /// The key under which a token is stored: its SHA-256, so the stores never hold a usable
    /// token and a memory dump or a debugger view shows nothing worth stealing.
    /// </summary>
    public static string Fingerprint(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
