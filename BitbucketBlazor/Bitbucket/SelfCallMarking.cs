using BitbucketBlazor.Common;

namespace BitbucketBlazor.Bitbucket;

/// <summary>Attaches the handler that marks calls to the app's own sandbox (see <see cref="SelfCallMarker"/>).</summary>
internal static class SelfCallMarking
{
    /// <summary>
    /// Adds <see cref="SelfCallMarker.HeaderName"/> to requests for the sandbox, and to nothing else.
    /// Add it after the recording handler, so no recorded exchange, log line or snippet shows it.
    /// </summary>
    public static IHttpClientBuilder AddSelfCallMark(this IHttpClientBuilder builder) =>
        builder.AddHttpMessageHandler(sp => new SelfCallHandler(sp.GetRequiredService<SelfCallMarker>(), sp.GetRequiredService<BitbucketEndpoints>()));

    private sealed class SelfCallHandler(SelfCallMarker marker, BitbucketEndpoints endpoints) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // Removed first: a retry sends the same request message again.
            request.Headers.Remove(SelfCallMarker.HeaderName);
            if (endpoints.IsSandbox && request.RequestUri is { } url && SameOrigin(url, endpoints.SiteUrl))
            {
                request.Headers.TryAddWithoutValidation(SelfCallMarker.HeaderName, marker.Value);
            }

            return base.SendAsync(request, cancellationToken);
        }

        private static bool SameOrigin(Uri a, Uri b) =>
            a.IsAbsoluteUri && string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;
    }
}
