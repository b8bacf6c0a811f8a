using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace BitbucketBlazor.Tests.Infrastructure;

/// <summary>One token request the app sent, as it went: the form fields, and the tokens that came back.</summary>
/// <param name="Form">The request's form fields (<c>grant_type</c>, <c>code</c>, <c>refresh_token</c>).</param>
/// <param name="AccessToken">The <c>access_token</c> of the answer, if any.</param>
/// <param name="RefreshToken">The <c>refresh_token</c> of the answer, if any.</param>
public sealed record TappedTokenRequest(IReadOnlyDictionary<string, string> Form, string? AccessToken, string? RefreshToken)
{
    /// <summary>Gets the request's <c>grant_type</c>.</summary>
    public string? GrantType => Form.GetValueOrDefault("grant_type");
}

/// <summary>
/// Learns the real tokens and codes on the server side, never from the page: a handler at the wire end of every HTTP
/// client the app makes records each token request's form and the tokens in its answer.
/// </summary>
public sealed class TokenWireTap
{
    private readonly ConcurrentQueue<TappedTokenRequest> _requests = new();

    /// <summary>Gets the token requests seen so far, in order.</summary>
    public IReadOnlyList<TappedTokenRequest> Requests => [.. _requests];

    /// <summary>Adds the tap to every HTTP client of <paramref name="services"/>.</summary>
    public void AttachTo(IServiceCollection services) =>
        services.AddSingleton<IHttpMessageHandlerBuilderFilter>(new Filter(this));

    private sealed class Filter(TokenWireTap tap) : IHttpMessageHandlerBuilderFilter
    {
        public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
        {
            next(builder);
            builder.AdditionalHandlers.Add(new Handler(tap)); // last: nearest the wire, after resilience
        };
    }

    private sealed class Handler(TokenWireTap tap) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var form = request.Content is { Headers.ContentType.MediaType: "application/x-www-form-urlencoded" } content
                ? await content.ReadAsStringAsync(cancellationToken)
                : null;
            var response = await base.SendAsync(request, cancellationToken);
            if (form is null || !form.Contains("grant_type=", StringComparison.Ordinal))
            {
                return response;
            }

            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            string? access = null, refresh = null;
            if (body.TrimStart().StartsWith('{'))
            {
                using var json = JsonDocument.Parse(body);
                access = json.RootElement.TryGetProperty("access_token", out var a) ? a.GetString() : null;
                refresh = json.RootElement.TryGetProperty("refresh_token", out var r) ? r.GetString() : null;
            }

            tap._requests.Enqueue(new TappedTokenRequest(ParseForm(form), access, refresh));
            return response;
        }

        private static Dictionary<string, string> ParseForm(string form) => form.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : "");
    }
}

/// <summary>The app on real Kestrel with a <see cref="TokenWireTap"/> on its outgoing HTTP.</summary>
public sealed class WireTappedAppFixture : AppFixture
{
    /// <summary>Gets the tap.</summary>
    public TokenWireTap Tap { get; } = new();

    /// <inheritdoc />
    protected override void ConfigureTestServices(IServiceCollection services) => Tap.AttachTo(services);
}
