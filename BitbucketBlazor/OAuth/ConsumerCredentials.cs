namespace BitbucketBlazor.OAuth;

/// <summary>Where a consumer's key and secret came from.</summary>
public enum ConsumerSource
{
    /// <summary>The consumer in configuration (Bitbucket Cloud mode).</summary>
    Configured,

    /// <summary>One of the sandbox's demo consumers.</summary>
    SandboxDemo,

    /// <summary>Typed in by the visitor for this session only.</summary>
    TypedIn,
}

/// <summary>
/// An OAuth consumer's key and secret. <see cref="ToString"/> never prints the secret, so a
/// stray log line or interpolation cannot leak it.
/// </summary>
/// <param name="ClientId">The consumer's Key (<c>client_id</c>).</param>
/// <param name="ClientSecret">The consumer's Secret; never shown, logged or put in a URL.</param>
/// <param name="DisplayName">What the UI calls this consumer.</param>
/// <param name="Source">Where the credentials came from.</param>
public sealed record ConsumerCredentials(string ClientId, string ClientSecret, string DisplayName, ConsumerSource Source)
{
    /// <inheritdoc />
    public override string ToString() => $"{DisplayName} (key {ClientId}, secret hidden)";
}
