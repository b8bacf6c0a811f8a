using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using BitbucketBlazor.Bitbucket;
using BitbucketBlazor.OAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace BitbucketBlazor.Tests.Bitbucket;

/// <summary>One request as the stub server received it.</summary>
public sealed record StubRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// A tiny HTTP server on a free 127.0.0.1 port that answers as each test tells it to, and
/// remembers what it received: the clients under test talk to it over real HTTP, through their
/// real registered pipelines.
/// </summary>
public sealed class StubBitbucket : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<StubRequest> _requests = new();
    private Func<HttpContext, int, Task> _respond;

    private StubBitbucket(WebApplication app, Func<HttpContext, int, Task> respond)
    {
        _app = app;
        _respond = respond;
    }

    /// <summary>Gets the server's root, for example <c>http://127.0.0.1:40123</c> (no trailing slash).</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Gets the requests received so far, in order.</summary>
    public IReadOnlyList<StubRequest> Requests => [.. _requests];

    /// <summary>Starts a stub that answers each request with <paramref name="respond"/> (given the request's 0-based number).</summary>
    public static async Task<StubBitbucket> StartAsync(Func<HttpContext, int, Task> respond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new StubBitbucket(app, respond);
        app.Run(stub.HandleAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        stub.BaseUri = new Uri(app.Urls.First().TrimEnd('/'));
        return stub;
    }

    /// <summary>Writes a JSON answer.</summary>
    public static async Task Json(HttpContext context, int status, string json, params (string Name, string Value)[] headers)
    {
        context.Response.StatusCode = status;
        foreach (var (name, value) in headers)
        {
            context.Response.Headers[name] = value;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    }

    /// <summary>Changes how later requests are answered.</summary>
    public void AnswerWith(Func<HttpContext, int, Task> respond) => _respond = respond;

    /// <summary>
    /// Builds the app's Bitbucket client registrations (<see cref="BitbucketServiceExtensions.AddBitbucketClients"/>)
    /// and the OAuth flows' token client (<c>AddOAuthFlows</c>) in Cloud mode pointed at
    /// <paramref name="siteUrl"/>, with fake logging at Debug.
    /// </summary>
    public static WebApplication ClientsFor(Uri siteUrl, TimeSpan? requestTimeout = null, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bitbucket:Mode"] = "Cloud",
            ["Bitbucket:ClientId"] = "configured-key",
            ["Bitbucket:ClientSecret"] = "configured-secret",
            ["Bitbucket:SiteUrl"] = siteUrl.ToString(),
            ["Bitbucket:ApiUrl"] = siteUrl.ToString().TrimEnd('/') + "/2.0",
            ["Bitbucket:RequestTimeout"] = (requestTimeout ?? TimeSpan.FromSeconds(20)).ToString(),
            ["Logging:LogLevel:Default"] = "Trace",
        });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddFakeLogging();
        builder.AddBitbucketClients();
        builder.Services.AddOAuthFlows();
        configure?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>Gets a loopback URL on which nothing listens: a port just freed.</summary>
    public static Uri UnusedLoopbackUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        int number;
        lock (_requests)
        {
            number = _requests.Count;
            _requests.Enqueue(new StubRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body));
        }

        await _respond(context, number);
    }
}
