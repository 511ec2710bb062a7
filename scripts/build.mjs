#!/usr/bin/env node
// `npm run build`: clean dist/, then in parallel (2 at a time)
//   bundle    rollup -c rollup.config.mjs          → dist/wc-elements.js (+ .map), the one-file CDN
//                                                    build, and dist/THIRD-PARTY-NOTICES.txt
//   demo      rollup -c demo/rollup.config.mjs     → dist/demo-wallet.js, dist/demo-viem.js (the demo / e2e wallet
//                                                    and the dApp's viem panel; not packed)
//   modules   tsc -p tsconfig.build.json           → dist/**/*.js + .d.ts (+ maps): the unbundled
//                                                    ES modules bundlers use (package.json "exports")
//   manifest  cem analyze                          → custom-elements.json, and from it dist/frameworks/
//                                                    (React and Vue types, VS Code data, web-types)
// and finally write the JSON entry points' types (scripts/json-types.mjs), print and write the CDN
// file's SRI hash (scripts/sri.mjs → dist/wc-elements.js.sri) and its min / gzip / brotli sizes
// (scripts/size.mjs). Each step is also its own npm script (build:bundle, build:demo, build:modules,
// build:manifest).
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'node_modules', '.bin');

const steps = [
  { name: 'bundle', cmd: path.join(BIN, 'rollup'), args: ['-c', 'rollup.config.mjs'] },
  existsSync(path.join(ROOT, 'demo/rollup.config.mjs')) && {
    name: 'demo',
    cmd: path.join(BIN, 'rollup'),
    args: ['-c', 'demo/rollup.config.mjs'],
  },
  { name: 'modules', cmd: path.join(BIN, 'tsc'), args: ['-p', 'tsconfig.build.json'] },
  { name: 'manifest', cmd: path.join(BIN, 'cem'), args: ['analyze', '--config', 'custom-elements-manifest.config.mjs'] },
].filter(Boolean);

/** Runs a step with its output buffered, so parallel steps do not interleave. */
function run(step) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    let out = '';
    const env = process.stdout.isTTY ? process.env : { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
    const child = spawn(step.cmd, step.args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env });
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.once('error', (err) => (out += `${err.message}\n`));
    child.once('close', (code) => {
      const ms = Date.now() - t0;
      const ok = code === 0;
      const text = out.trim();
      console.log(`${ok ? '✔' : '✘'} build:${step.name} (${(ms / 1000).toFixed(1)}s)${text ? `\n${indent(text)}` : ''}`);
      resolve(ok);
    });
  });
}

const indent = (s) => s.replace(/^/gm, '    ');

async function pool(items, size, fn) {
  const results = [];
  let next = 0;
  const workers = Array.from({ length: Math.min(size, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  });
  await Promise.all(workers);
  return results;
}

const t0 = Date.now();
rmSync(path.join(ROOT, 'dist'), { recursive: true, force: true });
const parallel = Math.max(1, Math.min(2, availableParallelism()));
let ok = (await pool(steps, parallel, run)).every(Boolean);
const after = ['json-types.mjs', 'sri.mjs', 'size.mjs'];
for (const script of ok ? after : []) {
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts', script)], { cwd: ROOT, stdio: 'inherit' });
  const code = await new Promise((r) => child.once('close', r));
  if (code !== 0 && script !== 'size.mjs') ok = false;
}
console.log(`build ${ok ? 'done' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
process.exitCode = ok ? 0 : 1;
