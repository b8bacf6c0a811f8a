// Counts every token countdown on the page down once a second, in the browser. The server renders a countdown's
// seconds left (data-countdown-from) when it renders it, and "expired" when the token runs out; between those
// renders nothing is sent, so a room of open circuits costs the server nothing per second.
// Only the text node Blazor rendered is changed (its nodeValue), never replaced: Blazor keeps writing to the same
// node when the server renders the countdown again.
(() => {
    const started = new WeakMap();

    function format(seconds) {
        if (seconds <= 0) {
            return "expired";
        }
        const hours = Math.floor(seconds / 3600);
        const minutes = Math.floor((seconds % 3600) / 60);
        const rest = seconds % 60;
        return `${hours}:${String(minutes).padStart(2, "0")}:${String(rest).padStart(2, "0")}`;
    }

    function tick() {
        const now = performance.now();
        for (const element of document.querySelectorAll("[data-countdown-from][data-countdown-key]")) {
            const key = element.getAttribute("data-countdown-key");
            const from = Number(element.getAttribute("data-countdown-from"));
            let start = started.get(element);
            if (!start || start.key !== key || start.from !== from) {
                start = { key, from, at: now };
                started.set(element, start);
                continue;
            }
            const left = Math.max(0, Math.ceil(from - (now - start.at) / 1000));
            const text = element.firstChild;
            const shown = format(left);
            if (text && text.nodeType === Node.TEXT_NODE && text.nodeValue !== shown) {
                text.nodeValue = shown;
                element.setAttribute("data-remaining-seconds", String(left));
                element.classList.toggle("expired", left === 0);
            }
        }
    }

    setInterval(tick, 1000);
})();
