// Loaded as an ES module by MainLayout through IJSRuntime: no inline script (CSP script-src 'self').
// Remembers the theme and presenter mode per browser, and gives presenter mode its keyboard shortcuts.
const themeKey = 'bitbucketblazor.theme';
const presenterKey = 'bitbucketblazor.presenter';

function read(key) {
    try { return localStorage.getItem(key); } catch { return null; }
}

function write(key, value) {
    try { localStorage.setItem(key, value); } catch { /* private mode: the choice lasts this page only */ }
}

// On a first visit the operating system's colour scheme decides; after that, the visitor's own choice.
export function load() {
    const theme = read(themeKey);
    const dark = theme === 'dark' || (theme === null && window.matchMedia('(prefers-color-scheme: dark)').matches);
    applyTheme(dark);
    return { dark, presenter: read(presenterKey) === 'on', narrow: narrowWindow.matches };
}

export function saveTheme(dark) {
    write(themeKey, dark ? 'dark' : 'light');
    applyTheme(dark);
}

// The dark palette of /theme.css applies under this class (js/theme.js sets it before the first paint).
function applyTheme(dark) {
    document.documentElement.classList.toggle('app-dark', dark);
}

export function savePresenter(on) {
    write(presenterKey, on ? 'on' : 'off');
}

// MudBlazor's md breakpoint, where its responsive drawer stops pushing the page and covers it instead.
const narrowWindow = window.matchMedia('(max-width: 959px)');
let layout = null;
let installed = false;

// The layout (a .NET object reference) hears when the window crosses the breakpoint, as MudDrawer's own listener did.
export function install(layoutReference) {
    layout = layoutReference;
    if (installed) {
        return;
    }
    installed = true;
    document.addEventListener('keydown', onKey);
    document.addEventListener('click', onSkipLink, true);
    narrowWindow.addEventListener('change', event => {
        layout?.invokeMethodAsync('NarrowChanged', event.matches).catch(() => { /* the circuit is gone */ });
    });
}

// The skip link moves focus itself: Blazor's router would otherwise treat "#main-content" as a navigation.
function onSkipLink(event) {
    const link = event.target.closest && event.target.closest('a.skip-link');
    const main = document.getElementById('main-content');
    if (!link || !main) {
        return;
    }
    event.preventDefault();
    event.stopPropagation();
    main.focus();
}

function isTyping(target) {
    return !!(target && target.closest && target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]'));
}

function onKey(event) {
    if (!document.querySelector('.presenter-mode') || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) {
        return;
    }
    const key = event.key.toLowerCase();
    const done = key === 'n' ? step(1) : key === 'p' ? step(-1) : key === 's' ? send() : false;
    if (done) {
        event.preventDefault();
    }
}

function visible(element) {
    return element.offsetParent !== null && !element.disabled;
}

// Next or previous step of the walkthrough's stepper, skipping steps that are not open yet.
function step(direction) {
    const tabs = Array.from(document.querySelectorAll('.mud-stepper-nav > .mud-step'));
    const current = tabs.findIndex(tab => tab.getAttribute('aria-selected') === 'true');
    for (let i = current + direction; i >= 0 && i < tabs.length; i += direction) {
        if (!tabs[i].disabled) {
            tabs[i].click();
            tabs[i].focus();
            return true;
        }
    }
    return false;
}

// The current step's main action: the first visible button marked data-presenter-send.
function send() {
    const button = Array.from(document.querySelectorAll('[data-presenter-send]')).find(visible);
    if (!button) {
        return false;
    }
    button.click();
    return true;
}
