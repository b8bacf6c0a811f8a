// Loaded as an ES module by HarExport through IJSRuntime: no inline script (CSP script-src 'self').
// The file's bytes arrive over the circuit only when the visitor clicks; the page never holds them as text.
export async function downloadFromStream(fileName, contentType, streamReference) {
    const bytes = await streamReference.arrayBuffer();
    const url = URL.createObjectURL(new Blob([bytes], { type: contentType }));
    const link = document.createElement("a");
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
}
