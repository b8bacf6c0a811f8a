// The token step alone in six fresh pages (as bench/run.sh times it), and a Chromium trace of the last one; with a third
// argument, that stylesheet is served in place of MudBlazor.min.css. Then python3 bench/trace-summary.py OUT.
//
//   NODE_PATH=/tmp/ab/node_modules node bench/ab/trace-token-step.js http://127.0.0.1:PORT/client-credentials /tmp/trace.json [/tmp/used.css]
const { chromium } = require('playwright-core');
const fs = require('fs');
(async () => {
  const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-timer-throttling','--disable-renderer-backgrounding'] });
  const url = process.argv[2] || 'http://127.0.0.1:5099/client-credentials';
  const out = process.argv[3] || '/tmp/trace.json';
  const cssSwap = process.argv[4];
  for (let round = 0; round < 6; round++) {
    const ctx = await b.newContext({viewport:{width:1280,height:900}});
    if (cssSwap) await ctx.route(/MudBlazor.min.css/, r => r.fulfill({ body: fs.readFileSync(cssSwap), contentType: 'text/css' }));
    const p = await ctx.newPage();
    await p.goto(url);
    await p.waitForSelector("#app-interactive[data-interactive='true']", {state:'attached'});
    await p.waitForTimeout(300);
    const clickWait = (c, d, text) => p.evaluate(async ({c, d, text}) => {
      const ok = () => [...document.querySelectorAll(d)].some(e => !text || e.textContent.includes(text));
      const t0 = performance.now(); document.querySelector(c).click();
      await new Promise(res => { const o = new MutationObserver(() => { if (ok()) { o.disconnect(); res(); } }); o.observe(document.body, {subtree:true, childList:true, characterData:true, attributes:true}); });
      const t1 = performance.now();
      await new Promise(r => requestAnimationFrame(() => setTimeout(r, 0)));
      return [t1 - t0, performance.now() - t0];
    }, {c, d, text});
    const a = await clickWait('[data-testid=choose-sandbox-private-key]', '[data-testid=send-token-request]');
    await p.waitForTimeout(300);
    if (round == 5) await b.startTracing(p, { path: out, categories: ['devtools.timeline','disabled-by-default-devtools.timeline','v8.execute','blink','toplevel'] });
    const t = await clickWait('[data-testid=send-token-request]', '[data-testid=token-exchange-status]', '200');
    if (round == 5) { await p.waitForTimeout(200); await b.stopTracing(); }
    console.log(`round ${round}: first step ${a.map(x=>x.toFixed(1))} token step DOM ${t[0].toFixed(1)} ms, next frame ${t[1].toFixed(1)} ms`);
    await ctx.close();
  }
  await b.close();
})();
