/* global process, console, URL */
// CPU profile of one phase of bench/list/page.ts (top self times): node bench/list/profile.mjs first|expiry [n=500]
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
const phase = process.argv[2] ?? 'expiry';
const n = Number(process.argv[3] ?? 500);
const out = await build({
  entryPoints: [new URL('./page.ts', import.meta.url).pathname],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  write: false,
  ignoreAnnotations: true,
  define: { 'process.env.NODE_ENV': '"production"' },
});
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'] });
const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
const p = await context.newPage();
await p.setContent('<!doctype html><html lang="en"><body></body></html>');
await p.addScriptTag({ content: out.outputFiles[0].text, type: 'module' });
await p.waitForFunction(() => 'bench' in globalThis);
await p.evaluate(() => globalThis.bench.warm());
const cdp = await context.newCDPSession(p);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
if (phase === 'expiry') {
  await p.evaluate((n) => globalThis.bench.prepareOurs(n), n);
  await p.evaluate(() => globalThis.bench.oursFirst());
  await p.evaluate(() => globalThis.bench.gc());
}
if (phase !== 'expiry') await p.evaluate((n) => globalThis.bench.prepareOurs(n), n);
await cdp.send('Profiler.start');
const r = phase === 'expiry' ? await p.evaluate((n) => globalThis.bench.oursExpiry(n / 2), n) : await p.evaluate(() => globalThis.bench.oursFirst());
const { profile } = await cdp.send('Profiler.stop');
console.log(JSON.stringify(r));
const dt = new Map();
const ids = new Map(profile.nodes.map((nd) => [nd.id, nd]));
for (let i = 0; i < profile.samples.length; i++) {
  const nd = ids.get(profile.samples[i]);
  const k = `${nd.callFrame.functionName || '(anon)'} ${nd.callFrame.url.split('/').pop()}:${nd.callFrame.lineNumber}`;
  dt.set(k, (dt.get(k) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
const total = [...dt.values()].reduce((a, b) => a + b, 0);
console.log('total ms', (total / 1000).toFixed(1));
for (const [k, v] of [...dt].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((v / 1000).toFixed(1).padStart(8), k);
await browser.close();
