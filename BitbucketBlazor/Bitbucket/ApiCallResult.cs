using BitbucketBlazor.Bitbucket.Models;

namespace BitbucketBlazor.Bitbucket;

/// <summary>
/// The outcome of one REST API call: the exchanges (more than one when a transient fault was
/// retried) and either the parsed body, Bitbucket's error, or the network fault.
/// </summary>
public sealed record ApiCallResult<T>(
    IReadOnlyList<HttpExchange> Exchanges,
    T? Value,
    BitbucketErrorResponse? Error,
    string? Fault)
    where T : class
{
    /// <summary>Gets the last exchange, the one whose answer is <see cref="Value"/> or <see cref="Error"/>.</summary>
    public HttpExchange? Exchange => Exchanges.Count > 0 ? Exchanges[^1] : null;

    /// <summary>Gets whether a value arrived: false for an error answer, a network fault or a body that did not parse.</summary>
    public bool Succeeded => Value is not null;
}
