// Loaded as an ES module by CopyButton through IJSRuntime: no inline script (CSP script-src 'self').
export async function copyText(text) {
    await navigator.clipboard.writeText(text);
}
