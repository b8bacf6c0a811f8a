using System.Net;
using BitbucketBlazor.Bitbucket.Facts;
using BitbucketBlazor.Common;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Refit;

namespace BitbucketBlazor.Bitbucket;

/// <summary>Registers the Bitbucket options, endpoints and HTTP clients.</summary>
public static class BitbucketServiceExtensions
{
    /// <summary>The IHttpClientFactory name of the token endpoint's client.</summary>
    public const string OAuthClientName = "Bitbucket.OAuth";

    /// <summary>The IHttpClientFactory name of the REST API's client; <c>next</c> links go through it too.</summary>
    public const string RestClientName = "Bitbucket.Rest";

    /// <summary>
    /// The longest <c>Retry-After</c> the REST client waits for. A longer one is not retried: the
    /// 429 or 503 goes back to the visitor, who sees the header, instead of a page that hangs.
    /// </summary>
    public static readonly TimeSpan MaxHonouredRetryAfter = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Binds and validates <see cref="BitbucketOptions"/> (a bad setting stops start-up with a
    /// message naming the key) and registers the Bitbucket clients.
    /// </summary>
    public static IHostApplicationBuilder AddBitbucketClients(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BitbucketOptions>()
            .BindConfiguration(BitbucketOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.AddSingleton<BitbucketEndpoints>();
        builder.Services.AddBitbucketHttpClients();
        return builder;
    }

    /// <summary>
    /// Registers the token endpoint's client (recording, a time limit, never a retry) and the REST
    /// client (recording and the standard resilience pipeline), with <see cref="IBitbucketApiClient"/>
    /// on top; the OAuth flows register their token client over the former. Expects <see cref="BitbucketEndpoints"/> and
    /// <see cref="BitbucketOptions"/> to be registered.
    /// </summary>
    public static IServiceCollection AddBitbucketHttpClients(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SelfCallMarker>();
        services.AddOptions<BitbucketCallOptions>()
            .BindConfiguration(BitbucketCallOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddScoped<VisitorCallBudget>();
        var refitSettings = new RefitSettings(new SystemTextJsonContentSerializer(BitbucketJson.Options));

        // The token endpoint is never retried: an authorization code or a refresh token is
        // single-use, and a retry after a lost answer would burn it. Only a time limit applies.
        var oauth = services.AddRefitGeneratedClient<IBitbucketOAuthApi>(_ => refitSettings, OAuthClientName)
            .ConfigureHttpClient((sp, client) =>
            {
                client.BaseAddress = sp.GetRequiredService<BitbucketEndpoints>().SiteUrl;
                client.Timeout = Timeout.InfiniteTimeSpan;
            })

            // IHttpClientFactory's own logging would repeat every line without masking; the
            // recording handler logs each attempt with secrets masked instead.
            .RemoveAllLoggers();
        oauth.AddResilienceHandler("bitbucket-token", (pipeline, context) =>
            pipeline.AddTimeout(context.ServiceProvider.GetRequiredService<IOptions<BitbucketOptions>>().Value.RequestTimeout));
        oauth.AddExchangeRecording();
        oauth.AddSelfCallMark();

        var rest = services.AddRefitGeneratedClient<IBitbucketRestApi>(_ => refitSettings, RestClientName)
            .ConfigureHttpClient((sp, client) =>
            {
                client.BaseAddress = sp.GetRequiredService<BitbucketEndpoints>().ApiUrl;
                client.Timeout = Timeout.InfiniteTimeSpan;
            })
            .RemoveAllLoggers();
        rest.AddStandardResilienceHandler()
            .Configure((resilience, sp) => ConfigureRestResilience(resilience, sp.GetRequiredService<IOptions<BitbucketOptions>>().Value));

        // Innermost, after the resilience handler: each retry is recorded as its own exchange. A room listing the same
        // repositories keeps one copy of the page, not one per circuit.
        rest.AddExchangeRecording(SharedResponseBodies.Shared);
        rest.AddSelfCallMark();

        services.TryAddTransient<IBitbucketApiClient, BitbucketApiClient>();
        return services;
    }

    private static void ConfigureRestResilience(HttpStandardResilienceOptions resilience, BitbucketOptions options)
    {
        // The whole call, retries and waits included, fits in RequestTimeout; one attempt gets
        // half of it, so a hung connection is retried once before the visitor gives up waiting.
        resilience.TotalRequestTimeout.Timeout = options.RequestTimeout;
        resilience.AttemptTimeout.Timeout = options.RequestTimeout / 2;
        resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(30).Ticks, options.RequestTimeout.Ticks));

        resilience.Retry.MaxRetryAttempts = 2;
        resilience.Retry.Delay = TimeSpan.FromMilliseconds(200);
        resilience.Retry.BackoffType = DelayBackoffType.Exponential;
        resilience.Retry.UseJitter = true;
        resilience.Retry.ShouldRetryAfterHeader = true;
        var transient = resilience.Retry.ShouldHandle;
        resilience.Retry.ShouldHandle = async args =>
            await transient(args) && !AsksToWaitTooLong(args.Outcome.Result) && args.Outcome.Exception is not ResponseTooLargeException;

        // One breaker serves every visitor, so it counts only what says Bitbucket itself is in
        // trouble (5xx, time-outs, broken connections). A 429 is one token's or consumer's own
        // quota: counted, a visitor who spends theirs and keeps clicking would pause everyone.
        // (A breaker per circuit was the other way out; it would let every tab hammer a Bitbucket
        // that is really down until its own breaker opened, and costs a pipeline per tab.)
        var breakerCounts = resilience.CircuitBreaker.ShouldHandle;
        resilience.CircuitBreaker.ShouldHandle = async args =>
            args.Outcome.Result?.StatusCode != HttpStatusCode.TooManyRequests
            && args.Outcome.Exception is not ResponseTooLargeException
            && await breakerCounts(args);
    }

    private static bool AsksToWaitTooLong(HttpResponseMessage? response)
    {
        if (response?.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            || response.Headers.RetryAfter is not { } retryAfter)
        {
            return false;
        }

        var wait = retryAfter.Delta
            ?? (retryAfter.Date is { } date ? date - DateTimeOffset.UtcNow : TimeSpan.Zero);
        return wait > MaxHonouredRetryAfter;
    }
}
