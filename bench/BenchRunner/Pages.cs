using System.Text.Json;
using Microsoft.Playwright;

namespace BenchRunner;

/// <summary>Opens visitor pages in the one headless Chromium and clicks through them from inside the page.</summary>
internal static class Pages
{
    /// <summary>Counts WebSocket payload bytes in the page (Blazor's circuit is the only socket).</summary>
    private const string CountWebSocketBytes = """
        (() => {
          const Native = window.WebSocket;
          window.__ws = { in: 0, out: 0, log: [] };
          const size = d => typeof d === 'string' ? new TextEncoder().encode(d).length : (d.byteLength ?? d.size ?? 0);
          function Counted(url, protocols) {
            const socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
            // The last 100 messages (both ways), timed: the solo step's timeline (--timeline) reads them.
            const note = (way, n) => { window.__ws.log.push({ way, n, t: performance.now() }); if (window.__ws.log.length > 100) window.__ws.log.shift(); };
            socket.addEventListener('message', e => { const n = size(e.data); window.__ws.in += n; note('in', n); });
            const send = socket.send.bind(socket);
            socket.send = d => { const n = size(d); window.__ws.out += n; note('out', n); return send(d); };
            return socket;
          }
          Counted.prototype = Native.prototype;
          Object.assign(Counted, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
          window.WebSocket = Counted;
          // Pieces of markup the page parses: Blazor's insertMarkup sets innerHTML once per markup frame, and each is
          // one more HTML parser the browser builds.
          const inner = Object.getOwnPropertyDescriptor(Element.prototype, 'innerHTML');
          window.__markup = 0;
          Object.defineProperty(Element.prototype, 'innerHTML', {
            get() { return inner.get.call(this); },
            set(v) { window.__markup++; inner.set.call(this, v); },
            configurable: true,
          });
        })();
        """;

    /// <summary>Clicks, then resolves with the milliseconds until the done element shows.</summary>
    private const string ClickAndWait = """
        async ({ click, done, text }) => {
          const ok = () => [...document.querySelectorAll(done)].some(e => !text || e.textContent.includes(text));
          if (ok()) throw new Error('already done before the click: ' + done);
          const button = document.querySelector(click);
          if (!button) throw new Error('nothing to click: ' + click);
          window.__w0 = window.__ws.in;
          window.__m0 = window.__markup;
          const t0 = performance.now();
          window.__t0 = t0;
          button.click();
          await new Promise((resolve, reject) => {
            const observer = new MutationObserver(() => { if (ok()) { observer.disconnect(); resolve(); } });
            observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
            setTimeout(() => { observer.disconnect(); reject(new Error('timed out waiting for ' + done)); }, 120000);
          });
          return performance.now() - t0;
        }
        """;

    /// <summary>Opens a new visitor (own context, own circuit) on <paramref name="path"/> and waits until it is interactive.</summary>
    public static async Task<IPage> OpenAsync(IBrowser browser, Uri root, string path)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = root.ToString(), ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(180_000);
        context.SetDefaultNavigationTimeout(180_000);
        await context.AddInitScriptAsync(CountWebSocketBytes);
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await WaitInteractiveAsync(page);
        return page;
    }

    /// <summary>Waits for the layout's marker that the circuit is up.</summary>
    public static Task WaitInteractiveAsync(IPage page) =>
        page.Locator("#app-interactive[data-interactive='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>Clicks <paramref name="step"/> in the page; returns the milliseconds until its answer showed.</summary>
    public static Task<double> ClickAsync(IPage page, Step step) =>
        page.EvaluateAsync<double>(ClickAndWait, new { click = step.Click, done = step.Done, text = step.DoneText });

    /// <summary>The WebSocket messages since the last click, as "+ms way bytes" lines (from the click).</summary>
    public static Task<string> TimelineSinceClickAsync(IPage page) => page.EvaluateAsync<string>(
        "() => window.__ws.log.filter(e => e.t >= window.__t0).map(e => `+${(e.t - window.__t0).toFixed(1)} ms ${e.way} ${e.n} B`).join('\\n')");

    /// <summary>WebSocket bytes received since the last <see cref="ClickAsync"/>.</summary>
    public static Task<double> BytesSinceClickAsync(IPage page) => page.EvaluateAsync<double>("() => window.__ws.in - window.__w0");

    /// <summary>Pieces of markup the page parsed (innerHTML set) since the last <see cref="ClickAsync"/>.</summary>
    public static Task<double> MarkupPiecesSinceClickAsync(IPage page) => page.EvaluateAsync<double>("() => window.__markup - window.__m0");

    /// <summary>WebSocket bytes received since the page opened.</summary>
    public static Task<double> BytesInAsync(IPage page) => page.EvaluateAsync<double>("() => window.__ws.in");

    /// <summary>
    /// Loads <paramref name="path"/> in a fresh visitor and counts the bytes Chromium received for it over HTTP
    /// (headers and bodies as sent), with compression or with every content encoding refused.
    /// </summary>
    public static async Task<(double HttpBytes, double SocketBytes)> FirstLoadAsync(IBrowser browser, Uri root, string path, bool compressed)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = root.ToString() });
        context.SetDefaultTimeout(180_000);
        context.SetDefaultNavigationTimeout(180_000);
        await context.AddInitScriptAsync(CountWebSocketBytes);
        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        double bytes = 0;
        cdp.Event("Network.loadingFinished").OnEvent += (_, e) =>
        {
            if (e is { } json && json.TryGetProperty("encodedDataLength", out var length))
            {
                bytes += length.GetDouble();
            }
        };
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.setCacheDisabled", new() { ["cacheDisabled"] = true });
        if (!compressed)
        {
            await cdp.SendAsync("Network.setExtraHTTPHeaders", new() { ["headers"] = new Dictionary<string, string> { ["Accept-Encoding"] = "identity" } });
        }

        await page.GotoAsync(path);
        await WaitInteractiveAsync(page);
        await page.WaitForTimeoutAsync(1000);
        var socket = await BytesInAsync(page);
        await context.CloseAsync();
        return (bytes, socket);
    }

}
