// Loaded in <head>, before the first paint: the saved theme (or, on a first visit, the system's colour scheme)
// applies at once, not only after the circuit has started. The dark palette is /theme.css under html.app-dark;
// preferences.js keeps the class in step when the visitor switches.
(function () {
    let theme = null;
    try { theme = localStorage.getItem('bitbucketblazor.theme'); } catch { /* storage blocked: follow the system */ }
    const dark = theme === 'dark' || (theme === null && window.matchMedia('(prefers-color-scheme: dark)').matches);
    document.documentElement.classList.toggle('app-dark', dark);
})();
