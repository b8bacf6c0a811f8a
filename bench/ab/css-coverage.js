// Which of the stylesheets' rules one walk of /client-credentials uses (Chromium's CSS coverage): writes the used part
// of MudBlazor.min.css to OUT, for trace-token-step.js to swap in. A trial, not a build step: coverage of one walk misses
// every state it did not show (dark mode, errors, other pages), and rules inside @media lose their condition.
//
//   NODE_PATH=/tmp/ab/node_modules node bench/ab/css-coverage.js http://127.0.0.1:PORT /tmp/used.css
const { chromium } = require('playwright-core');
const fs = require('fs');
(async () => {
  const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
  const ctx = await b.newContext({viewport:{width:1280,height:900}});
  const p = await ctx.newPage();
  await p.coverage.startCSSCoverage({resetOnNavigation:false});
  await p.goto(process.argv[2] + '/client-credentials');
  await p.waitForSelector("#app-interactive[data-interactive='true']", {state:'attached'});
  for (const [c, d] of [['[data-testid=choose-sandbox-private-key]','[data-testid=send-token-request]'],['[data-testid=send-token-request]','[data-testid=token-exchange-status]'],['[data-testid=go-to-api]','[data-testid=send-api-request]'],['[data-testid=send-api-request]','[data-testid=api-exchange-status]']]) {
    await p.click(c); await p.waitForSelector(d); await p.waitForTimeout(300);
  }
  const cov = await p.coverage.stopCSSCoverage();
  for (const e of cov) {
    const used = e.ranges.map(r => e.text.slice(r.start, r.end)).join('\n');
    console.log(e.url, e.text.length, 'used', used.length);
    if (/MudBlazor/.test(e.url)) fs.writeFileSync(process.argv[3], used);
  }
  await b.close();
})();
