/* global process, console, URL, requestAnimationFrame, setTimeout */
// Quick list bench (issue 10, "Long lists"): node bench/list/run.mjs [runs=7] [n=500]
// <wc-session-list> with n sessions from a fake controller vs the same rows as plain DOM: first
// render (until the list and every item finished updating, plus forced layout; "to paint" also waits
// for the rows in view to be complete and a frame) and one session's expiry changing (a new
// snapshot; re-sort, re-render, layout). Wall times and main-thread CPU (ThreadTime), medians.
// Each run: a fresh browser context per variant, the order rotating (interleaved).
import fs from 'node:fs';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';

const here = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
const runs = Number(process.argv[2] ?? 7);
const n = Number(process.argv[3] ?? 500);
// BASE=/path/to/a/checkout: also measures that checkout's list ("base"), e.g. main extracted with
// `git archive <ref> src test/helpers | tar -x -C /tmp/list-base` (page.ts is copied there).
const base = process.env.BASE;
const bundle = async (root) => {
  const entry = `${root}/bench/list/page.ts`;
  if (root !== here) {
    fs.mkdirSync(`${root}/bench/list`, { recursive: true });
    fs.copyFileSync(`${here}/bench/list/page.ts`, entry);
  }
  const r = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    minify: true,
    ignoreAnnotations: true,
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return r.outputFiles[0].text;
};
const codes = { ours: await bundle(here), plain: await bundle(here) };
if (base) codes.base = await bundle(base);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc'], headless: true });
const kinds = Object.keys(codes);
const rows = {};
for (const m of ['First', 'FirstPaint', 'FirstCpu', 'Expiry', 'ExpiryPaint', 'ExpiryCpu']) for (const k of kinds) rows[`${k}${m}`] = [];
async function page(code) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const p = await context.newPage();
  p.on('console', (m) => process.env.VERBOSE && console.log('  page:', m.text()));
  await p.setContent('<!doctype html><html lang="en"><body></body></html>');
  await p.addScriptTag({ content: code, type: 'module' });
  await p.waitForFunction(() => 'bench' in globalThis);
  await p.evaluate(() => globalThis.bench.warm());
  return { p, context };
}
for (let r = 0; r < runs; r++) {
  // interleaved: the order rotates each run
  const order = kinds.map((_, i) => kinds[(i + r) % kinds.length]);
  for (const kind of order) {
    const { p, context } = await page(codes[kind]);
    const fn = kind === 'plain' ? 'plain' : 'ours';
    const cdp = await context.newCDPSession(p);
    await cdp.send('Performance.enable');
    // main-thread CPU time (ThreadTime), which the machine's other load does not inflate as much as wall time
    const cpu = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime').value * 1000;
    await p.evaluate(([k, n]) => globalThis.bench[k === 'plain' ? 'preparePlain' : 'prepareOurs'](n), [fn, n]);
    let c0 = await cpu();
    const first = await p.evaluate((k) => globalThis.bench[`${k}First`](), fn);
    first.cpu = (await cpu()) - c0;
    // the session in the middle of the list changes its expiry
    await p.evaluate(() => globalThis.bench.gc());
    await p.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
    c0 = await cpu();
    const exp = await p.evaluate(([k, i]) => globalThis.bench[`${k}Expiry`](i), [fn, Math.floor(n / 2)]);
    exp.cpu = (await cpu()) - c0;
    rows[`${kind}First`].push(first.sync);
    rows[`${kind}FirstPaint`].push(first.painted);
    rows[`${kind}Expiry`].push(exp.sync);
    rows[`${kind}ExpiryPaint`].push(exp.painted);
    rows[`${kind}FirstCpu`].push(first.cpu);
    rows[`${kind}ExpiryCpu`].push(exp.cpu);
    if (r === 0) console.log(kind, JSON.stringify(first), JSON.stringify(exp));
    await context.close();
  }
}
await browser.close();
const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (a) => `${median(a).toFixed(1)} ms (min ${Math.min(...a).toFixed(1)}, max ${Math.max(...a).toFixed(1)})`;
console.log(`${n} sessions, ${runs} runs each, medians:`);
for (const [k, v] of Object.entries(rows)) console.log(`  ${k.padEnd(18)} ${fmt(v)}`);
for (const k of kinds.filter((k) => k !== 'plain')) {
  const ratio = (m) => (median(rows[`${k}${m}`]) / median(rows[`plain${m}`])).toFixed(2);
  console.log(
    `  ${k} / plain: first render ${ratio('First')}x (to paint ${ratio('FirstPaint')}x, cpu ${ratio('FirstCpu')}x); expiry change ${ratio('Expiry')}x (to paint ${ratio('ExpiryPaint')}x, cpu ${ratio('ExpiryCpu')}x)`,
  );
}
