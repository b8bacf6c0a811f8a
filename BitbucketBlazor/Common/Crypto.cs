using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace BitbucketBlazor.Common;

/// <summary>
/// The app's few cryptographic helpers, in one place: random ids and tokens, constant-time
/// comparison, and SHA-256 of text. The OAuth flows and the sandbox both use them.
/// </summary>
public static class Crypto
{
    /// <summary>
    /// Returns <paramref name="bytes"/> bytes from <see cref="RandomNumberGenerator"/> as URL-safe
    /// base64 without padding; the default 32 bytes (256 bits) give 43 characters.
    /// </summary>
    public static string NewRandomToken(int bytes = 32) => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>
    /// Compares two strings in time that does not depend on where they first differ, so timing
    /// does not tell how much of a guess was right. Null never equals anything.
    /// </summary>
    public static bool FixedTimeEquals(string? a, string? b) =>
        a is not null && b is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    /// <summary>Gets the SHA-256 of <paramref name="text"/> (UTF-8).</summary>
    public static byte[] Sha256(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// The key under which a secret (a token, a code, a state) is stored: its SHA-256 in upper-case
    /// hex, so a store never holds a usable secret and a memory dump shows nothing worth stealing.
    /// </summary>
    public static string Fingerprint(string secret) => Convert.ToHexString(Sha256(secret));
}
