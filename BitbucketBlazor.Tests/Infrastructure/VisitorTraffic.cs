using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace BitbucketBlazor.Tests.Infrastructure;

/// <summary>
/// Everything one browser visitor exchanged with the app: every WebSocket frame both ways (Blazor's binary MessagePack
/// render batches and JS interop calls) and every HTTP response body, numbered in the order they happened, so a test
/// can ask whether a secret appeared before a given click.
/// </summary>
public sealed class VisitorTraffic
{
    private readonly List<Entry> _entries = [];
    private readonly List<Task> _pendingBodies = [];

    /// <summary>What one recorded item was.</summary>
    public enum Kind
    {
        /// <summary>A WebSocket frame from the server to the browser.</summary>
        FrameReceived,

        /// <summary>A WebSocket frame from the browser to the server (what the visitor typed or clicked).</summary>
        FrameSent,

        /// <summary>An HTTP response body.</summary>
        ResponseBody,
    }

    /// <summary>Gets how many items have been recorded; a click's mark is this count just before it.</summary>
    public int Count
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Starts recording <paramref name="page"/>: its WebSockets' frames and its responses' bodies.</summary>
    public void Record(IPage page)
    {
        page.WebSocket += (_, socket) =>
        {
            socket.FrameReceived += (_, frame) => Add(Kind.FrameReceived, socket.Url, BytesOf(frame));
            socket.FrameSent += (_, frame) => Add(Kind.FrameSent, socket.Url, BytesOf(frame));
        };
        page.Response += (_, response) =>
        {
            // The place in the order is taken now; the body is filled in when it has been read.
            var entry = Add(Kind.ResponseBody, response.Url, []);
            lock (_pendingBodies)
            {
                _pendingBodies.Add(FillBodyAsync(entry, response));
            }
        };
    }

    /// <summary>Waits until every response body seen so far has been read.</summary>
    public async Task SettleAsync()
    {
        Task[] pending;
        lock (_pendingBodies)
        {
            pending = [.. _pendingBodies];
        }

        await Task.WhenAll(pending);
    }

    /// <summary>
    /// Finds where <paramref name="secret"/> first appears, in any encoding Blazor or a page might use, among the
    /// items of <paramref name="kinds"/> numbered from <paramref name="from"/> up to (not including)
    /// <paramref name="until"/>; null when it does not.
    /// </summary>
    public string? FirstSighting(string secret, int from, int until, params Kind[] kinds)
    {
        var forms = Encodings(secret);
        lock (_entries)
        {
            for (var i = from; i < Math.Min(until, _entries.Count); i++)
            {
                var entry = _entries[i];
                var form = kinds.Contains(entry.Kind) ? forms.FirstOrDefault(f => entry.Bytes.AsSpan().IndexOf(f.Bytes) >= 0).Name : null;
                if (form is not null)
                {
                    return $"item #{i} ({entry.Kind} {entry.Source}) as {form}";
                }
            }
        }

        return null;
    }

    /// <summary>Gets every form the value could take on the wire: UTF-8, UTF-16, URL- and JSON-escaped, and base64 at each byte alignment.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> Encodings(string secret)
    {
        var utf8 = Encoding.UTF8.GetBytes(secret);
        var forms = new List<(string Name, byte[] Bytes)>
        {
            ("UTF-8", utf8),
            ("UTF-16", Encoding.Unicode.GetBytes(secret)),
            ("URL-encoded", Encoding.UTF8.GetBytes(Uri.EscapeDataString(secret))),
            ("JSON-escaped", Encoding.UTF8.GetBytes(JsonSerializer.Serialize(secret)[1..^1])),
        };
        for (var shift = 0; shift < 3; shift++)
        {
            // Inside a longer base64 text the secret starts at one of three byte alignments; the characters wholly
            // made of its own bits are the same whatever surrounds it.
            var encoded = Convert.ToBase64String([.. new byte[shift], .. utf8]);
            var start = (8 * shift + 5) / 6;
            var end = 8 * (shift + utf8.Length) / 6;
            var inner = encoded[start..end];
            forms.Add(($"base64 (alignment {shift})", Encoding.ASCII.GetBytes(inner)));
            forms.Add(($"base64url (alignment {shift})", Encoding.ASCII.GetBytes(inner.Replace('+', '-').Replace('/', '_'))));
        }

        return forms;
    }

    private static byte[] BytesOf(IWebSocketFrame frame) => frame.Binary ?? Encoding.UTF8.GetBytes(frame.Text ?? "");

    private static async Task FillBodyAsync(Entry entry, IResponse response)
    {
        try
        {
            entry.Bytes = await response.BodyAsync();
        }
        catch (PlaywrightException)
        {
            // Redirects and aborted loads have no body to read.
        }
    }

    private Entry Add(Kind kind, string source, byte[] bytes)
    {
        var entry = new Entry(kind, source) { Bytes = bytes };
        lock (_entries)
        {
            _entries.Add(entry);
        }

        return entry;
    }

    private sealed class Entry(Kind kind, string source)
    {
        public Kind Kind { get; } = kind;

        public string Source { get; } = source;

        public byte[] Bytes { get; set; } = [];
    }
}
