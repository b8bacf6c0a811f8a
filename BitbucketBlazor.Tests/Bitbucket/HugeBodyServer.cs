using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BitbucketBlazor.Tests.Bitbucket;

/// <summary>
/// A bare HTTP/1.1 server on a free 127.0.0.1 port, one request per connection: the connection a test
/// picks gets a 50 MB JSON answer (with or without <c>Content-Length</c>), every other one a small JSON
/// body. It counts the bytes its socket accepted for the big answer until the peer hung up.
/// </summary>
internal sealed class HugeBodyServer : IAsyncDisposable
{
    /// <summary>The size of the big answer's body.</summary>
    public const long BodyLength = 50L * 1024 * 1024;

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly TaskCompletionSource<long> _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    /// <summary>Gets the server's root URL.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Gets the bytes of the big answer the socket took, once its connection ended.</summary>
    public Task<long> BytesSentForTheBigAnswer => _sent.Task;

    /// <summary>Starts a server whose first connection gets the big answer and every later one <paramref name="smallJson"/>.</summary>
    public static HugeBodyServer Start(bool announcesLength, string smallJson) => Start(announcesLength, n => n == 0 ? null : smallJson);

    /// <summary>Starts a server that answers connection n (from 0) with <paramref name="smallJsonFor"/>(n), or the big answer where that is null.</summary>
    public static HugeBodyServer Start(bool announcesLength, Func<int, string?> smallJsonFor)
    {
        var server = new HugeBodyServer();
        server._listener.Start();
        server.BaseUri = new Uri($"http://127.0.0.1:{((IPEndPoint)server._listener.LocalEndpoint).Port}");
        server._loop = server.ServeAsync(announcesLength, smallJsonFor);
        return server;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task ServeAsync(bool announcesLength, Func<int, string?> smallJsonFor)
    {
        for (var n = 0; !_stop.IsCancellationRequested; n++)
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            using var stream = client.GetStream();
            await ReadHeadAsync(stream);
            if (smallJsonFor(n) is { } smallJson)
            {
                var small = Encoding.UTF8.GetBytes(smallJson);
                await stream.WriteAsync(Encoding.ASCII.GetBytes(
                    $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {small.Length}\r\nConnection: close\r\n\r\n"), _stop.Token);
                await stream.WriteAsync(small, _stop.Token);
                continue;
            }

            var length = announcesLength ? $"Content-Length: {BodyLength}\r\n" : "";
            long sent = 0;
            try
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{length}Connection: close\r\n\r\n["), _stop.Token);
                var chunk = Encoding.ASCII.GetBytes(new string(' ', 64 * 1024));
                while (sent < BodyLength)
                {
                    await stream.WriteAsync(chunk, _stop.Token);
                    sent += chunk.Length;
                }
            }
            catch (IOException)
            {
                // The client hung up: what the test hopes for.
            }

            _sent.TrySetResult(sent);
        }
    }

    private async Task ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var buffer = new byte[4096];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, _stop.Token);
            if (read == 0)
            {
                return;
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
    }
}
