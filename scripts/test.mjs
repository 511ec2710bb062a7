#!/usr/bin/env node
// `npm test`: the one test command. Stages, in order:
//   chromium   scripts/ensure-chromium.sh (the browser at CHROME_PATH; without it, apt-installs Debian's
//              chromium if /usr/bin/chromium is missing)
//   typecheck  tsc --noEmit -p .
//   lint       eslint .
//   format     prettier --check . (what .prettierignore leaves: code, config, JSON, CSS)
//   lit        lit-analyzer --strict on every template (bindings to unknown or mistyped properties,
//              attributes and events; see LIT_ANALYZER_ARGS for the one rule switched off)
//   build      npm run build (bundle, types, custom-elements.json, sizes)
//   types      vue-tsc -p test/types: a TS consumer of the main entry, a React 19 TSX file and a
//              Vue 3 SFC, type-checked against the built dist/ (one program; vue-tsc checks .ts too)
//   node       node --test test/node/*.test.js          (the dev relay; the manifest vs source and README)
//   pack       node --test test/pack/*.test.js          (npm pack → a scratch app: Node, Rollup, Chromium)
//   browser    web-test-runner (src/**/*.test.ts, test/browser/**/*.test.ts in headless Chromium)
//   e2e        node --test test/e2e/*.test.js           (only when that folder has tests)
// Every stage runs even if an earlier one failed, so the totals are complete; each ends with
// `<stage>: N passed, N failed[, N skipped]` (a check stage counts as one test), and the run ends
// with one line `N passed, N failed[, N skipped]`. Exit code 1 if anything failed.
//
//   node scripts/test.mjs [stage ...]      e.g. `npm test -- node browser` runs just those two
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'node_modules', '.bin');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const isTTY = Boolean(process.stdout.isTTY);

/** Test files (*.test.js / *.test.mjs) directly in `dir`, relative to the repo. */
function testFiles(dir) {
  const abs = path.join(ROOT, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { withFileTypes: true })
    .filter((e) => e.isFile() && /\.test\.m?js$/.test(e.name))
    .map((e) => path.join(dir, e.name))
    .sort();
}

const stripAnsi = (s) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');

/** One check: passed when the command exits 0. */
const checkResult = (code) => ({ passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, skipped: 0 });

/** node --test, spec reporter: `ℹ pass 12` … */
function nodeTestResult(code, output) {
  const text = stripAnsi(output);
  const n = (name) => {
    const all = [...text.matchAll(new RegExp(`^[ℹ#]\\s*${name}\\s+(\\d+)\\s*$`, 'gm'))];
    return all.length ? Number(all.at(-1)[1]) : undefined;
  };
  const pass = n('pass');
  if (pass === undefined) return { passed: 0, failed: 1, skipped: 0 }; // no summary: it crashed
  const failed = (n('fail') ?? 0) + (n('cancelled') ?? 0);
  const r = { passed: pass, failed, skipped: (n('skipped') ?? 0) + (n('todo') ?? 0) };
  if (code !== 0 && r.failed === 0) r.failed = 1; // failed outside any test
  return r;
}

/** web-test-runner: scripts/wtr-summary-reporter.mjs writes the counts to WC_WTR_SUMMARY_FILE. */
const WTR_SUMMARY = path.join(tmpdir(), `wc-wtr-summary-${process.pid}.json`);
function wtrResult(code) {
  let r;
  try {
    r = JSON.parse(readFileSync(WTR_SUMMARY, 'utf8'));
  } catch {
    return { passed: 0, failed: 1, skipped: 0 }; // no summary: the runner itself failed
  } finally {
    rmSync(WTR_SUMMARY, { force: true });
  }
  if (code !== 0 && r.failed === 0) r.failed = 1;
  return r;
}

const nodeFiles = testFiles('test/node');
const packFiles = testFiles('test/pack');
const e2eFiles = testFiles('test/e2e');
const NODE_TEST_ARGS = ['--test', '--test-reporter=spec', '--test-reporter-destination=stdout'];
// The maintained fork (@jackolope/lit-analyzer): the original 2.0.3 does not know Lit 3's `nothing`
// and reports every `attr=${cond ? value : nothing}` binding. no-missing-import is off because tags
// are defined only in define.ts files (house style), so a class file rendering another element's tag
// never imports its definition; the rule would flag each one. In strict mode an unknown property
// is only a warning, so --maxWarnings 0 makes every warning fail the stage.
const LIT_ANALYZER_ARGS = [
  '--strict',
  '--format',
  'list',
  '--noColor',
  '--maxWarnings',
  '0',
  '--rules.no-missing-import',
  'off',
  'src/**/*.ts',
  'test/{browser,contracts,helpers}/**/*.ts',
];

/** @type {{ name: string, cmd: string, args: string[], parse: Function, skip?: string, env?: object }[]} */
const STAGES = [
  { name: 'chromium', cmd: 'bash', args: [path.join(ROOT, 'scripts/ensure-chromium.sh')], parse: checkResult },
  {
    name: 'typecheck',
    cmd: path.join(BIN, 'tsc'),
    args: ['--noEmit', '-p', '.', '--incremental', '--tsBuildInfoFile', 'node_modules/.cache/tsc/typecheck.tsbuildinfo'],
    parse: checkResult,
  },
  {
    name: 'lint',
    cmd: path.join(BIN, 'eslint'),
    args: ['.', '--cache', '--cache-location', 'node_modules/.cache/eslint/'],
    parse: checkResult,
  },
  {
    name: 'format',
    cmd: path.join(BIN, 'prettier'),
    args: ['--check', '.'],
    parse: checkResult,
  },
  { name: 'lit', cmd: path.join(BIN, 'lit-analyzer'), args: LIT_ANALYZER_ARGS, parse: checkResult },
  { name: 'build', cmd: NPM, args: ['run', '--silent', 'build'], parse: checkResult },
  {
    name: 'types',
    cmd: path.join(BIN, 'vue-tsc'),
    args: ['-p', 'test/types'],
    parse: checkResult,
  },
  {
    name: 'node',
    cmd: process.execPath,
    args: [...NODE_TEST_ARGS, ...nodeFiles],
    parse: nodeTestResult,
    skip: nodeFiles.length ? undefined : 'no test/node/*.test.js files',
  },
  {
    name: 'pack',
    cmd: process.execPath,
    args: [...NODE_TEST_ARGS, ...packFiles],
    parse: nodeTestResult,
    skip: packFiles.length ? undefined : 'no test/pack/*.test.js files',
  },
  {
    name: 'browser',
    cmd: path.join(BIN, 'wtr'),
    args: [],
    parse: wtrResult,
    env: { WC_WTR_SUMMARY_FILE: WTR_SUMMARY },
  },
  {
    name: 'e2e',
    cmd: process.execPath,
    args: [...NODE_TEST_ARGS, ...e2eFiles],
    parse: nodeTestResult,
    skip: e2eFiles.length ? undefined : 'no test/e2e/*.test.js files',
  },
];

function run(stage) {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(stage.cmd, stage.args, {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        CHROME_PATH: process.env.CHROME_PATH || '/usr/bin/chromium',
        ...(isTTY && !process.env.NO_COLOR ? { FORCE_COLOR: '1' } : {}),
        ...stage.env,
      },
    });
    const tee = (stream) => (chunk) => {
      output += chunk;
      if (output.length > 4_000_000) output = output.slice(-2_000_000); // summaries are at the end
      stream.write(chunk);
    };
    child.stdout.on('data', tee(process.stdout));
    child.stderr.on('data', tee(process.stderr));
    child.once('error', (err) => {
      output += `\n${err.message}\n`;
      process.stderr.write(`${stage.name}: cannot start ${stage.cmd}: ${err.message}\n`);
    });
    child.once('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

const fmt = ({ passed, failed, skipped }) => `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;

async function main() {
  const wanted = process.argv.slice(2);
  for (const w of wanted) {
    if (!STAGES.some((s) => s.name === w)) {
      console.error(`unknown stage "${w}"; stages: ${STAGES.map((s) => s.name).join(', ')}`);
      process.exit(2);
    }
  }
  const stages = wanted.length ? STAGES.filter((s) => wanted.includes(s.name)) : STAGES;

  const total = { passed: 0, failed: 0, skipped: 0 };
  const rows = [];
  const started = Date.now();
  for (const stage of stages) {
    if (stage.skip) {
      console.log(`\n━━ ${stage.name}: skipped (${stage.skip})`);
      console.log(`${stage.name}: 0 passed, 0 failed`);
      rows.push({ name: stage.name, result: undefined, ms: 0 });
      continue;
    }
    const shown = stage.cmd === process.execPath ? 'node' : stage.cmd.startsWith(ROOT) ? path.relative(ROOT, stage.cmd) : stage.cmd;
    console.log(`\n━━ ${stage.name} ━━ ${[shown, ...stage.args].join(' ')}`);
    const t0 = Date.now();
    const { code, output } = await run(stage);
    const ms = Date.now() - t0;
    const result = stage.parse(code, output);
    total.passed += result.passed;
    total.failed += result.failed;
    total.skipped += result.skipped;
    rows.push({ name: stage.name, result, ms });
    console.log(`(${stage.name} took ${seconds(ms)}, exit ${code})`);
    console.log(`${stage.name}: ${fmt(result)}`);
  }

  console.log(`\n━━ summary (${seconds(Date.now() - started)})`);
  for (const { name, result, ms } of rows) {
    const status = !result ? 'skipped' : result.failed ? 'FAIL' : 'ok';
    console.log(`  ${name.padEnd(10)} ${status.padEnd(7)} ${seconds(ms).padStart(7)}  ${result ? fmt(result) : ''}`);
  }
  console.log(fmt(total));
  process.exitCode = total.failed ? 1 : 0;
}

main().catch((err) => {
  console.error(err);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
