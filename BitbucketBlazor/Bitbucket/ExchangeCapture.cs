namespace BitbucketBlazor.Bitbucket;

/// <summary>
/// Collects the <see cref="HttpExchange"/>s made by the code inside a <c>using</c> block.
/// </summary>
/// <remarks>
/// Handlers built by IHttpClientFactory live outside the Blazor circuit's DI scope, so the
/// recording handler cannot inject per-visitor state. An <see cref="AsyncLocal{T}"/> flows
/// with the call instead: whoever starts a capture sees exactly the exchanges of its own calls,
/// and two visitors' calls never mix.
/// </remarks>
public sealed class ExchangeCapture : IDisposable
{
    private static readonly AsyncLocal<ExchangeCapture?> s_current = new();
    private readonly ExchangeCapture? _outer;
    private readonly List<HttpExchange> _exchanges = [];
    private readonly Lock _gate = new();

    private ExchangeCapture()
    {
        _outer = s_current.Value;
        s_current.Value = this;
    }

    /// <summary>Gets the capture in force for the current async flow, or null.</summary>
    internal static ExchangeCapture? Current => s_current.Value;

    /// <summary>Gets the exchanges recorded so far, in the order they finished.</summary>
    public IReadOnlyList<HttpExchange> Exchanges
    {
        get
        {
            lock (_gate)
            {
                return [.. _exchanges];
            }
        }
    }

    /// <summary>Starts capturing the exchanges of the calls that follow in this async flow.</summary>
    public static ExchangeCapture Start() => new();

    /// <summary>Adds an exchange; called by the recording handler.</summary>
    internal void Add(HttpExchange exchange)
    {
        lock (_gate)
        {
            _exchanges.Add(exchange);
        }

        _outer?.Add(exchange);
    }

    /// <inheritdoc />
    public void Dispose() => s_current.Value = _outer;
}
