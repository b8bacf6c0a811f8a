using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace LoadRunner;

/// <summary>
/// One attendee at the HTTP level, through the load balancer: the sign-in (<c>/authorize</c>, the
/// sandbox's consent page, <c>/oauth-callback</c>), a client-credentials token and the first page
/// of repositories; then, once the instance is killed, the same sign-in and the same token on
/// whichever instance is left: still signed in, pages 2 and 3 by <c>next</c>, and a refresh.
/// </summary>
internal sealed partial class HttpAttendee : IDisposable
{
    private const string Consumer = "sandbox-private-key";
    private const string Secret = "sandbox-private-secret";
    private const int Tries = 6;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _cookies = new();
    private readonly HttpClient _http;
    private readonly Ledger _ledger;
    private string _accessToken = "";
    private string _refreshToken = "";
    private string? _next;

    public HttpAttendee(Uri loadBalancer, Ledger ledger)
    {
        _ledger = ledger;
        // Cookies by hand, as Chromium keeps them: it treats 127.0.0.1 as a secure origin, so it keeps
        // and sends the app's Secure cookie over plain HTTP, which .NET's CookieContainer would drop.
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = loadBalancer,
            Timeout = TimeSpan.FromSeconds(100),
        };
    }

    /// <summary>Gets the instance (A or B) the load balancer pins this attendee to, from its SRV cookie.</summary>
    public string? Instance => _cookies.TryGetValue("SRV", out var server) ? server.ToUpperInvariant() : null;

    /// <summary>Gets or sets the instance this attendee was pinned to when the kill began.</summary>
    public string? InstanceAtKill { get; set; }

    /// <summary>Gets whether every step after the kill succeeded, with the same sign-in and token.</summary>
    public bool Resumed { get; private set; }

    /// <summary>Walks the attendee; calls <paramref name="arrived"/> at the kill and waits for <paramref name="killed"/> there.</summary>
    public async Task RunAsync(Action arrived, Task killed)
    {
        var waiting = true;
        try
        {
            await RetryAsync(SignInAsync);
            await RetryAsync(async () =>
            {
                await TokenAsync();
                await PageAsync("repositories page 1", "sandbox/2.0/repositories/blazor-demo");
            });
            waiting = false;
            arrived();
            await killed;
            await RetryAsync(StillSignedInAsync);
            await RetryAsync(() => PageAsync("repositories page 2 (next)", _next!));
            await RetryAsync(() => PageAsync("repositories page 3 (next)", _next!));
            await RetryAsync(RefreshAsync);
            Resumed = true;
        }
        catch (StepFailedException)
        {
            // Already in the ledger; this attendee stops here as a person would.
        }
        finally
        {
            if (waiting)
            {
                arrived();
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    // A step that lost its instance is tried again (the user presses the button again); a sign-in starts over.
    private async Task RetryAsync(Func<Task> steps)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await steps();
                return;
            }
            catch (InstanceLostException) when (attempt < Tries)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt));
            }
            catch (InstanceLostException e)
            {
                _ledger.Error(e.Step, $"still no instance after {Tries} tries");
                throw new StepFailedException("gone");
            }
        }
    }

    private async Task SignInAsync()
    {
        using var authorize = await SendAsync("sign-in: /authorize", Get("authorize"), HttpStatusCode.Redirect);
        if (authorize.Headers.Location?.OriginalString == "/authorization-code")
        {
            // A sign-in started over after its callback was answered by the instance that then died: it is done.
            return;
        }

        using var consent = await SendAsync("sign-in: consent page", Get(authorize.Headers.Location!.ToString()), HttpStatusCode.OK);
        var html = await consent.Content.ReadAsStringAsync();
        var form = new FormUrlEncodedContent(
        [
            new("consent", WebUtility.HtmlDecode(ConsentField().Match(html).Groups[1].Value)),
            new("decision", "grant"),
        ]);
        var action = new Uri(consent.RequestMessage!.RequestUri!, WebUtility.HtmlDecode(FormAction().Match(html).Groups[1].Value));
        using var decision = await SendAsync("sign-in: grant", new HttpRequestMessage(HttpMethod.Post, action) { Content = form }, HttpStatusCode.Redirect);
        using var callback = await SendAsync("sign-in: /oauth-callback", Get(decision.Headers.Location!.ToString()), HttpStatusCode.Redirect);
        ExpectWalkthrough("sign-in: /oauth-callback", callback);
    }

    private async Task StillSignedInAsync()
    {
        const string step = "after the kill: still signed in";
        using var authorize = await SendAsync(step, Get("authorize"), HttpStatusCode.Redirect);
        ExpectWalkthrough(step, authorize);
        if (Instance == _ledger.Killed)
        {
            _ledger.Error(step, "answered by the killed instance");
            throw new StepFailedException("answered by the killed instance");
        }
    }

    private void ExpectWalkthrough(string step, HttpResponseMessage response)
    {
        if (response.Headers.Location?.OriginalString != "/authorization-code")
        {
            _ledger.Error(step, "not signed in");
            throw new StepFailedException("not signed in");
        }
    }

    private async Task TokenAsync()
    {
        using var response = await SendAsync("token (client credentials)", TokenRequest(("grant_type", "client_credentials")), HttpStatusCode.OK);
        await KeepTokensAsync(response);
    }

    private async Task RefreshAsync()
    {
        using var response = await SendAsync("refresh token", TokenRequest(("grant_type", "refresh_token"), ("refresh_token", _refreshToken)), HttpStatusCode.OK);
        await KeepTokensAsync(response);
    }

    private async Task PageAsync(string step, string url)
    {
        var request = Get(url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _accessToken);
        using var response = await SendAsync(step, request, HttpStatusCode.OK);
        using var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        _next = page.RootElement.TryGetProperty("next", out var next) ? next.GetString() : null;
    }

    private async Task KeepTokensAsync(HttpResponseMessage response)
    {
        using var grant = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        _accessToken = grant.RootElement.GetProperty("access_token").GetString()!;
        _refreshToken = grant.RootElement.GetProperty("refresh_token").GetString()!;
    }

    private static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);

    private static HttpRequestMessage TokenRequest(params (string Key, string Value)[] fields) =>
        new(HttpMethod.Post, "sandbox/site/oauth2/access_token")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Consumer}:{Secret}"))) },
            Content = new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Key, f.Value))),
        };

    // Sends one request as the step named; records its time, or the failure and whether it is the instance loss.
    private async Task<HttpResponseMessage> SendAsync(string step, HttpRequestMessage request, HttpStatusCode expected)
    {
        var pinned = Instance;
        var clock = Stopwatch.StartNew();
        HttpResponseMessage? response = null;
        try
        {
            if (!_cookies.IsEmpty)
            {
                request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            }

            response = await _http.SendAsync(request);
            _ledger.CountRequest();
            foreach (var cookie in response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [])
            {
                var pair = cookie.Split(';')[0].Split('=', 2);
                _cookies[pair[0].Trim()] = pair[1].Trim();
            }

            if (response.StatusCode != expected)
            {
                throw new HttpRequestException(await WhatItSaidAsync(response), null, response.StatusCode);
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
        {
            var status = response?.StatusCode;
            response?.Dispose();
            var kind = status is { } code ? $"HTTP {(int)code}: {e.Message}" : e.GetType().Name + ": " + e.Message;
            if (_ledger.IsInstanceLoss(e, status, pinned))
            {
                _ledger.Loss(step, kind);
                throw new InstanceLostException(step);
            }

            _ledger.Error(step, kind);
            throw new StepFailedException(kind);
        }
        finally
        {
            request.Dispose();
        }

        _ledger.Sample(step, clock.Elapsed.TotalMilliseconds);
        return response;
    }

    // The page's heading or the JSON error's message: what the attendee would read, without ids.
    private static async Task<string> WhatItSaidAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var said = Heading().Match(body) is { Success: true } heading ? heading.Groups[1].Value : JsonMessage().Match(body).Groups[1].Value;
        return said.Length > 0 ? WebUtility.HtmlDecode(said) : "(no heading)";
    }

    [GeneratedRegex("<h1[^>]*>([^<]{1,120})")]
    private static partial Regex Heading();

    [GeneratedRegex("\"(?:message|error_description)\"\\s*:\\s*\"([^\"]{1,120})")]
    private static partial Regex JsonMessage();

    [GeneratedRegex("<form[^>]*action=\"([^\"]+)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("name=\"consent\" value=\"([^\"]+)\"")]
    private static partial Regex ConsentField();
}
