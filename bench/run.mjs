#!/usr/bin/env node
// `npm run bench`: ours against a baseline measured in the same run, in headless Debian Chromium
// (CHROME_PATH to use another) driven by Playwright, on a loopback dev relay and static server.
// Prints one table (figure, ours, baseline, ratio / diff, target, pass) and the largest modules of
// the bundle, writes both as JSON to bench/results/latest.json, exits 1 when a target is missed.
//
//   node bench/run.mjs [--runs 7] [--quick] [--only size,nav,peer,list,restore,cycles,start] [--json] [--rebuild]
//
// Builds into bench/results/build/ (reused while src/, the bench's pages and the build config are unchanged).
//
// --quick: 3 runs, 20 restored sessions, 200 mount cycles: a smoke test of the bench itself (its
// numbers are not the targets' figures). Not part of `npm test`.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../scripts/chromium.mjs';
import { startRelay } from '../demo/server/relay.js';
import { startStatic } from '../demo/server/static.js';
import { buildStatus } from '../demo/server/start.js';
import { OUT, ROOT, buildAll, largest, largestModules } from './build.mjs';

const ROWS = ['size', 'nav', 'peer', 'list', 'restore', 'cycles', 'start'];
const { values: args } = parseArgs({
  options: {
    runs: { type: 'string' },
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    json: { type: 'boolean', default: false },
    rebuild: { type: 'boolean', default: false },
  },
});
const QUICK = args.quick;
const RUNS = Number(args.runs ?? (QUICK ? 3 : 7));
const ONLY = new Set(args.only ? args.only.split(',') : ROWS);
for (const row of ONLY) if (!ROWS.includes(row)) throw new Error(`--only: unknown row ${row} (${ROWS.join(', ')})`);
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('--runs: a positive integer');
const RESTORE_COUNT = QUICK ? 20 : 100;
const CYCLES = QUICK ? 200 : 1000;
const WARM_CYCLES = QUICK ? 100 : 300; // until the JIT and Lit's template caches have settled
const LIST_COUNT = 500;
const log = (line) => process.stderr.write(`${line}\n`);

// ---- statistics ----
const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const at = (s.length - 1) * q;
  const lo = Math.floor(at);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (at - lo);
}
/** Median with its spread: min–max and the interquartile range. */
function stats(xs) {
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), q1: quantile(xs, 0.25), q3: quantile(xs, 0.75), runs: xs };
}

// ---- rows ----
const rows = [];
/**
 * @param {{ figure: string, unit: 'ms' | 'KB', ours: ReturnType<typeof stats> | number, baseline?: ReturnType<typeof stats> | number | null,
 *   baselineLabel?: string, kind: 'ratio' | 'diff' | 'abs', limit: number, target: string, note?: string }} row
 */
function addRow(row) {
  const value = (x) => (typeof x === 'number' ? x : x?.median);
  const ours = value(row.ours);
  const base = value(row.baseline);
  const compared = row.kind === 'ratio' ? ours / base : row.kind === 'diff' ? ours - base : ours;
  rows.push({ ...row, compared, pass: Number.isFinite(compared) && compared <= row.limit });
}

const fmt = (n, unit) => (unit === 'KB' ? `${(n / 1024).toFixed(1)} KB` : `${n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1)} ms`);
function cell(x, unit) {
  if (x === null || x === undefined) return '—';
  if (typeof x === 'number') return fmt(x, unit);
  return `${fmt(x.median, unit)} (${fmt(x.min, unit).replace(/ \w+$/, '')}–${fmt(x.max, unit)})`;
}
function comparedCell(row) {
  if (row.kind === 'ratio') return `${row.compared.toFixed(2)}×`;
  if (row.kind === 'diff') return `${row.compared >= 0 ? '+' : '−'}${fmt(Math.abs(row.compared), row.unit)}`;
  return '—';
}

// ---- the browser ----
let browser;
let server;
let relay;
/** A URL on the bench's static server. */
const at = (file) => new URL(file, server.url).href;
/** A fresh context (no cache, no storage) per run; the page is closed with it. */
async function withPage(fn, { storageState } = {}) {
  const context = await browser.newContext(storageState ? { storageState } : {});
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  try {
    return await fn(page, context);
  } catch (error) {
    if (errors.length) error.message += `\n  page errors: ${errors.map((e) => e.message).join('; ')}`;
    throw error;
  } finally {
    await context.close();
  }
}
async function benchPage(page) {
  await page.goto(at('bench.html'));
  await page.waitForFunction(() => window.benchReady === true);
}
/** `RUNS` runs of `measure(side)`, ours and the baseline alternated (odd runs start with the baseline). */
async function interleaved(measure) {
  const out = { ours: [], baseline: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const side of i % 2 ? ['baseline', 'ours'] : ['ours', 'baseline']) out[side].push(await measure(side, i));
  }
  return out;
}
const pick = (results, key) => results.map((r) => r[key]);

async function sizeRows(built) {
  addRow({
    figure: '`dist/wc-elements.js` brotli (Node zlib, q11)',
    unit: 'KB',
    ours: built.ours.brotli,
    baseline: built.floor.brotli,
    baselineLabel: 'floor: lit + @lit/context + qrcode + SignClient.init',
    kind: 'diff',
    limit: 12 * 1024,
    target: '≤ floor + 12 KB',
    note: `minified ${fmt(built.ours.min, 'KB')} vs ${fmt(built.floor.min, 'KB')}`,
  });
}

async function navRows() {
  const r = await interleaved((side) =>
    withPage(async (page) => {
      await page.goto(at(`nav-${side === 'ours' ? 'ours' : 'floor'}.html`));
      return page.waitForFunction(() => window.benchDefined).then((h) => h.jsonValue());
    }),
  );
  addRow({
    figure: 'page navigation → tags defined',
    unit: 'ms',
    ours: stats(r.ours),
    baseline: stats(r.baseline),
    baselineLabel: 'the floor page',
    kind: 'ratio',
    limit: 1.15,
    target: '≤ 1.15×',
  });
}

async function peerRows() {
  const r = await interleaved((side) =>
    withPage(async (page) => {
      await benchPage(page);
      return page.evaluate((a) => window.rows.peer(a), { relayUrl: relay.url, side });
    }),
  );
  const row = (key, figure, label, limit) =>
    addRow({
      figure,
      unit: 'ms',
      ours: stats(pick(r.ours, key)),
      baseline: stats(pick(r.baseline, key)),
      baselineLabel: label,
      kind: 'diff',
      limit,
      target: `≤ raw + ${limit} ms`,
    });
  row('click', 'click on `<wc-connect>` → QR painted (client initialised)', 'raw `client.connect()` → URI', 50);
  row('approve', 'wallet approves → session row painted', 'raw `approval()` resolving', 16);
  row('request', 'request round trip through the controller', 'raw `client.request()`', 16);
}

async function listRows() {
  const r = await interleaved((side) =>
    withPage(async (page) => {
      await benchPage(page);
      return page.evaluate((a) => window.rows.list(a), { count: LIST_COUNT, side });
    }),
  );
  const rendered = median(pick(r.ours, 'rows'));
  addRow({
    figure: `${LIST_COUNT} sessions, first render of \`<wc-session-list>\``,
    unit: 'ms',
    ours: stats(pick(r.ours, 'first')),
    baseline: stats(pick(r.baseline, 'first')),
    baselineLabel: 'the same rows as plain DOM',
    kind: 'ratio',
    limit: 0.5,
    target: '≤ 0.5× plain DOM',
    note: `render + style + layout; ${rendered} rows in the DOM`,
  });
  addRow({
    figure: `${LIST_COUNT} sessions, one session's expiry changes`,
    unit: 'ms',
    ours: stats(pick(r.ours, 'update')),
    baseline: stats(pick(r.baseline, 'update')),
    baselineLabel: 'plain DOM',
    kind: 'abs',
    limit: 16,
    target: '≤ 16 ms (one frame)',
    note: 're-render + style + layout',
  });
}

async function restoreRow() {
  const prefix = `bench-restore-${Date.now().toString(36)}`;
  log(`restore: seeding ${RESTORE_COUNT} real sessions (controller + in-page wallet)…`);
  const storageState = await withPage(async (page, context) => {
    await benchPage(page);
    const { sessions } = await page.evaluate((a) => window.rows.seed(a), { relayUrl: relay.url, prefix, count: RESTORE_COUNT });
    if (sessions !== RESTORE_COUNT) throw new Error(`restore: seeded ${sessions} sessions, not ${RESTORE_COUNT}`);
    return context.storageState({ indexedDB: true });
  });
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    runs.push(
      await withPage(
        async (page) => {
          await page.goto(at(`restore.html?${new URLSearchParams({ relay: relay.url, prefix, count: String(RESTORE_COUNT) })}`));
          const result = await (await page.waitForFunction(() => window.benchRestore, null, { timeout: 60_000 })).jsonValue();
          if (result.sessions < RESTORE_COUNT) throw new Error(`restore: ${result.sessions} of ${RESTORE_COUNT} sessions restored`);
          return result;
        },
        { storageState },
      ),
    );
  }
  addRow({
    figure: `${RESTORE_COUNT} sessions restored from storage → rows painted`,
    unit: 'ms',
    ours: stats(runs.map((r) => r.painted - r.defined)),
    baseline: stats(runs.map((r) => r.defined)),
    baselineLabel: 'navigation → tags defined (same page)',
    kind: 'abs',
    limit: 600,
    target: '≤ 600 ms after tags defined',
    note: `real controller + SignClient init from IndexedDB; ${median(runs.map((r) => r.rows))} rows in the DOM`,
  });
}

async function cycleRow() {
  const runs = [];
  for (let i = 0; i < Math.min(RUNS, 3); i++) {
    runs.push(
      await withPage(async (page) => {
        await benchPage(page);
        const cdp = await page.context().newCDPSession(page);
        const measure = async () => {
          for (let k = 0; k < 3; k++) await cdp.send('HeapProfiler.collectGarbage');
          const { usedSize } = await cdp.send('Runtime.getHeapUsage');
          let listeners = 0;
          for (const expression of ['window', 'document', 'globalThis.benchFake', 'globalThis.benchHost']) {
            const { result } = await cdp.send('Runtime.evaluate', { expression });
            if (result.objectId) listeners += (await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId })).listeners.length;
          }
          return { heap: usedSize, listeners };
        };
        const warm = await page.evaluate((a) => window.rows.cycles(a), { count: WARM_CYCLES });
        await measure();
        // zero cycles: whatever one evaluate + one measurement leave behind is in both readings
        await page.evaluate((a) => window.rows.cycles(a), { count: 0 });
        const before = await measure();
        const after = await page.evaluate((a) => window.rows.cycles(a), { count: CYCLES });
        const end = await measure();
        return { before, end, fakeBefore: warm.controllerListeners, fakeAfter: after.controllerListeners };
      }),
    );
  }
  const growth = runs.map((r) => r.end.heap - r.before.heap);
  const listenersConstant = runs.every((r) => r.end.listeners === r.before.listeners && r.fakeAfter === r.fakeBefore);
  addRow({
    figure: `${CYCLES.toLocaleString('en-US')} mount/unmount cycles: heap growth after warm-up`,
    unit: 'KB',
    ours: stats(growth),
    baseline: stats(runs.map((r) => r.before.heap)),
    baselineLabel: `heap after ${WARM_CYCLES} warm-up cycles`,
    kind: 'abs',
    limit: 64 * 1024,
    target: '< 64 KB, listeners constant',
    note: `listeners (window, document, controller, host) ${runs[0].before.listeners} → ${runs[0].end.listeners}; on the controller ${runs[0].fakeBefore} → ${runs[0].fakeAfter}`,
  });
  if (!listenersConstant) {
    const last = rows.at(-1);
    last.pass = false;
    last.note += ' — listener count changed';
  }
}

/** `npm start` on an unchanged, built checkout: the real one when its dist/ is up to date, else a scratch copy. */
async function startRow(built) {
  let root = ROOT;
  let where = 'this checkout';
  if (!buildStatus(ROOT).fresh) {
    root = mkdtempSync(path.join(tmpdir(), 'wc-bench-start-'));
    where = 'a scratch copy (this checkout’s dist/ is out of date)';
    for (const dir of ['src', 'demo']) cpSync(path.join(ROOT, dir), path.join(root, dir), { recursive: true });
    for (const file of [
      'package.json',
      'package-lock.json',
      'rollup.config.mjs',
      'tsconfig.json',
      'tsconfig.build.json',
      'custom-elements-manifest.config.mjs',
    ]) {
      copyFileSync(path.join(ROOT, file), path.join(root, file));
    }
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    mkdirSync(path.join(root, 'dist'));
    copyFileSync(built.ours.file, path.join(root, 'dist', 'wc-elements.js'));
    copyFileSync(built.floor.file, path.join(root, 'dist', 'demo-wallet.js'));
    copyFileSync(built.floor.file, path.join(root, 'dist', 'demo-viem.js'));
  }
  const times = [];
  try {
    for (let i = 0; i < RUNS; i++) times.push(await timeStart(root));
  } finally {
    if (root !== ROOT) rmSync(root, { recursive: true, force: true });
  }
  addRow({
    figure: '`npm start` on an unchanged, built checkout → URL printed',
    unit: 'ms',
    ours: stats(times),
    baseline: null,
    kind: 'abs',
    limit: 10_000,
    target: '< 10 s',
    note: where,
  });
}

function timeStart(root) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [path.join(root, 'demo', 'server', 'start.js'), '--port', '0', '--relay-port', '0'], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => child.kill('SIGTERM'), 120_000);
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      out += chunk;
      if (/^demo: http/m.test(out) && !child.killed) {
        const ms = performance.now() - t0;
        child.kill('SIGTERM');
        child.once('close', () => resolve(ms));
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => (out += chunk));
    child.once('close', (code) => {
      clearTimeout(timer);
      if (!/^demo: http/m.test(out)) reject(new Error(`npm start printed no URL (exit ${code}):\n${out}`));
    });
  });
}

// ---- main ----
async function main() {
  const t0 = performance.now();
  const built = await buildAll({ log, rebuild: args.rebuild });
  if (!built.reused) log(`built ours and the floor in ${((built.ours.ms + built.floor.ms) / 1000).toFixed(1)} s`);
  relay = await startRelay({ port: 0 });
  server = await startStatic({ port: 0, root: path.join(ROOT, 'bench', 'pages'), mounts: { '/build/': OUT } });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  try {
    const steps = {
      size: () => sizeRows(built),
      nav: navRows,
      peer: peerRows,
      list: listRows,
      restore: restoreRow,
      cycles: cycleRow,
      start: () => startRow(built),
    };
    for (const name of ROWS) {
      if (!ONLY.has(name)) continue;
      log(`${name}…`);
      try {
        await steps[name]();
      } catch (error) {
        rows.push({
          figure: name,
          unit: 'ms',
          ours: null,
          baseline: null,
          kind: 'abs',
          compared: NaN,
          limit: 0,
          target: 'runs',
          pass: false,
          note: `ERROR: ${error.message.split('\n')[0]}`,
        });
        log(error.stack);
      }
    }
  } finally {
    await browser.close();
    await server.close();
    await relay.close();
  }
  report(built, performance.now() - t0);
}

function report(built, elapsed) {
  const table = rows.map((r) => ({
    figure: r.figure,
    ours: cell(r.ours, r.unit),
    baseline: r.baseline === null || r.baseline === undefined ? '—' : `${r.baselineLabel ? `${r.baselineLabel}: ` : ''}${cell(r.baseline, r.unit)}`,
    compared: r.kind === 'abs' ? '—' : comparedCell(r),
    target: r.target,
    pass: r.pass ? 'pass' : 'FAIL',
    note: r.note ?? '',
  }));
  const modules = largest(built.ours);
  const env = {
    date: new Date().toISOString(),
    runs: RUNS,
    quick: QUICK,
    chromium: browserVersion,
    node: process.version,
    cpus: `${availableParallelism()} × ${cpus()[0]?.model ?? '?'}`,
    elapsedSeconds: Math.round(elapsed / 1000),
  };
  mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
  const json = { env, rows, modules, topModules: largestModules(built.ours), floorModules: largest(built.floor, { top: 8 }) };
  writeFileSync(path.join(ROOT, 'bench', 'results', 'latest.json'), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(path.join(ROOT, 'bench', 'results', `${env.date.replace(/[:.]/g, '-')}.json`), `${JSON.stringify(json, null, 2)}\n`);
  if (args.json) console.log(JSON.stringify(json, null, 2));
  else {
    console.log(`\nnpm run bench — ${env.date}, ${RUNS} interleaved runs per row (medians, min–max), Chromium ${env.chromium}, ${env.cpus}\n`);
    console.log('| figure | ours | baseline | ratio / diff | target | pass |');
    console.log('|---|---:|---:|---:|---|---|');
    for (const r of table) console.log(`| ${r.figure} | ${r.ours} | ${r.baseline} | ${r.compared} | ${r.target} | ${r.pass}${r.note ? ` (${r.note})` : ''} |`);
    console.log(`\nLargest parts of ours.js (share of the rendered code × ${fmt(built.ours.brotli, 'KB')} brotli):`);
    for (const m of modules)
      console.log(`  ${fmt(m.brotliShare, 'KB').padStart(8)}  ${(m.share * 100).toFixed(1).padStart(5)}%  ${m.group} (${m.modules} modules)`);
    console.log('\nLargest single modules:');
    for (const m of json.topModules.slice(0, 10)) console.log(`  ${fmt(m.brotliShare, 'KB').padStart(8)}  ${m.module}`);
    console.log(`\nwritten to bench/results/latest.json (${env.elapsedSeconds} s)`);
  }
  process.exitCode = rows.every((r) => r.pass) ? 0 : 1;
}

let browserVersion = '?';
const launch = chromium.launch.bind(chromium);
chromium.launch = async (...a) => {
  const b = await launch(...a);
  browserVersion = b.version();
  return b;
};

main().catch((error) => {
  console.error(error);
  process.exit(2);
});
