// Server CPU per step of two builds of the app, side by side: N pages walk each server in turn (alternating which goes
// first), rounds 3 onwards counted; /proc/PID/stat of each server across each step clicked in all its pages at once.
// Quicker to trust than two runs of bench/run.sh for a change of a millisecond or two: the rounds interleave, so both
// builds see the same machine.
//
//   (cd /tmp/ab && npm init -y && npm install playwright-core@1.64.1)   # once
//   start each build on its own port (ASPNETCORE_ENVIRONMENT=Production, DOTNET_gcServer=0, as bench/run.sh does)
//   NODE_PATH=/tmp/ab/node_modules N=24 R=8 node bench/ab/cpu-per-step.js PORT_A PID_A PORT_B PID_B
const { chromium } = require('playwright-core');
const fs = require('fs');
const [portA, pidA, portB, pidB] = process.argv.slice(2);
const N = +(process.env.N || 20), R = +(process.env.R || 6);
const ticks = pid => { const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (+f[11] + +f[12]) * 10; };
const steps = [['[data-testid=choose-sandbox-private-key]','[data-testid=send-token-request]',''],['[data-testid=send-token-request]','[data-testid=token-exchange-status]','200'],['[data-testid=go-to-api]','[data-testid=send-api-request]',''],['[data-testid=send-api-request]','[data-testid=api-exchange-status]','200']];
const click = (p, [c, d, text]) => p.evaluate(async ({c, d, text}) => {
  const ok = () => [...document.querySelectorAll(d)].some(e => !text || e.textContent.includes(text));
  const t0 = performance.now(); document.querySelector(c).click();
  await new Promise(res => { const o = new MutationObserver(() => { if (ok()) { o.disconnect(); res(); } }); o.observe(document.body, {subtree:true, childList:true, characterData:true, attributes:true}); });
  return performance.now() - t0; }, {c, d, text});
(async () => {
  const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-timer-throttling','--disable-renderer-backgrounding','--disable-backgrounding-occluded-windows'] });
  const servers = [{name:'A', port:portA, pid:pidA, cpu:[0,0,0,0], lat:[[],[],[],[]]}, {name:'B', port:portB, pid:pidB, cpu:[0,0,0,0], lat:[[],[],[],[]]}];
  for (let r = 0; r < R; r++) for (const s of (r % 2 ? servers.slice().reverse() : servers)) {
    const ctxs = [], pages = [];
    for (let i = 0; i < N; i += 4) await Promise.all([0,1,2,3].filter(j => i + j < N).map(async () => {
      const ctx = await b.newContext({viewport:{width:1280,height:900}}); const p = await ctx.newPage();
      await p.goto(`http://127.0.0.1:${s.port}/client-credentials`); await p.waitForSelector("#app-interactive[data-interactive='true']", {state:'attached'});
      ctxs.push(ctx); pages.push(p); }));
    await new Promise(r => setTimeout(r, 1000));
    for (let k = 0; k < 4; k++) {
      const c0 = ticks(s.pid);
      const l = await Promise.all(pages.map(p => click(p, steps[k])));
      await new Promise(r => setTimeout(r, 500));
      if (r >= 2) { s.cpu[k] += ticks(s.pid) - c0; s.lat[k].push(...l); }
    }
    await Promise.all(ctxs.map(c => c.close()));
    await new Promise(r => setTimeout(r, 1000));
  }
  const med = a => { const x = a.slice().sort((p,q)=>p-q); return x[Math.floor(x.length/2)]; };
  for (const s of servers) console.log(`${s.name}: CPU per step ${s.cpu.map(c => (c / (R - 2) / N).toFixed(2)).join(' / ')} ms; p50 ${s.lat.map(l => med(l).toFixed(0)).join(' / ')} ms`);
  await b.close();
})();
