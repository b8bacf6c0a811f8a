using System.Diagnostics;

namespace BenchRunner;

/// <summary>What the server does with a room's requests when no browser shares the cores with it.</summary>
internal static class ServerSide
{
    /// <summary>
    /// Sends the same authorized GET <paramref name="count"/> times at once from one HttpClient in this process, in
    /// <paramref name="rounds"/> rounds, and returns each request's time until its whole body was read.
    /// </summary>
    public static async Task<List<double>> AtOnceAsync(Uri url, string accessToken, int count, int rounds)
    {
        using var http = new HttpClient();
        var times = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            times.AddRange(await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Authorization = new("Bearer", accessToken);
                var clock = Stopwatch.StartNew();
                using var response = await http.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
                response.EnsureSuccessStatusCode();
                return clock.Elapsed.TotalMilliseconds;
            })));
        }

        return times;
    }
}
