// `npm start`: build when dist/ is out of date (--build: always, --no-build: never), then the dev
// relay and the demo's static server, both on 127.0.0.1. Pages read the relay URL from /config.js
// (`export const relayUrl = 'ws://…'`). "Out of date": the bundle or the demo wallet's build is
// missing, or older than a build input (src/ without its tests, demo/wallet.ts, the build configs).
//
//   node demo/server/start.js [--build | --no-build] [--port 8080] [--relay-port 8787]
//   PORT / RELAY_PORT work too; the flags win.
//
// e2e tests reuse the same code: `const demo = await startDemo({ port: 0, relayPort: 0 })`.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startStatic } from './static.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const BUNDLE = path.join(REPO, 'dist', 'wc-elements.js');
const WALLET_BUNDLE = path.join(REPO, 'dist', 'demo-wallet.js');
const VIEM_BUNDLE = path.join(REPO, 'dist', 'demo-viem.js');

/** What `npm run build` reads: a change to any of them makes dist/ out of date. */
const BUILD_INPUTS = [
  'src',
  'demo/wallet.ts',
  'demo/signer.ts',
  'demo/viem-panel.ts',
  'demo/tsconfig.json',
  'demo/rollup.config.mjs',
  'rollup.config.mjs',
  'tsconfig.json',
  'tsconfig.build.json',
  'custom-elements-manifest.config.mjs',
  'scripts/build.mjs',
  'scripts/bundle',
  'package.json',
  'package-lock.json',
];
/** What the demo serves from dist/. */
const BUILD_OUTPUTS = [BUNDLE, WALLET_BUNDLE, VIEM_BUNDLE];

/** The newest file under `file` (a file or a folder; tests are not build inputs), or null. */
function newest(file) {
  let stat;
  try {
    stat = statSync(file);
  } catch {
    return null;
  }
  if (!stat.isDirectory()) return /\.test\.[cm]?[jt]sx?$/.test(file) ? null : { file, mtimeMs: stat.mtimeMs };
  let best = null;
  for (const name of readdirSync(file)) {
    const found = newest(path.join(file, name));
    if (found && (!best || found.mtimeMs > best.mtimeMs)) best = found;
  }
  return best;
}

/**
 * Whether dist/ holds the demo's builds and each is newer than every build input.
 * @param {string} [root] the repository
 * @returns {{ fresh: boolean, reason: string }}
 */
export function buildStatus(root = REPO) {
  const outputs = BUILD_OUTPUTS.map((file) => path.join(root, path.relative(REPO, file)));
  const missing = outputs.find((file) => !existsSync(file));
  if (missing) return { fresh: false, reason: `${path.relative(root, missing)} is missing` };
  const oldest = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  let input = null;
  for (const name of BUILD_INPUTS) {
    const found = newest(path.join(root, name));
    if (found && (!input || found.mtimeMs > input.mtimeMs)) input = found;
  }
  if (input && input.mtimeMs > oldest) return { fresh: false, reason: `${path.relative(root, input.file)} is newer than dist/` };
  return { fresh: true, reason: 'dist/ is up to date' };
}

/** Runs `npm run build` in the repo; rejects if it fails. */
export function runBuild({ stdio = 'inherit' } = {}) {
  return new Promise((resolve, reject) => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const child = spawn(npm, ['run', 'build'], { cwd: REPO, stdio });
    child.once('error', reject);
    child.once('exit', (code, signal) => (code === 0 ? resolve(undefined) : reject(new Error(`npm run build failed (${signal ?? `exit ${code}`})`))));
  });
}

/**
 * Starts the relay and the static server.
 * @param {{
 *   port?: number, relayPort?: number, host?: string,
 *   build?: boolean | 'auto' | 'if-stale',   // true: always build; 'auto' (default): only if dist/ has no bundle;
 *                                             // 'if-stale': when dist/ is older than a build input (and says which way)
 *   relayOptions?: Record<string, unknown>,
 *   log?: (line: string) => void,
 * }} [options]
 */
export async function startDemo({ port = 8080, relayPort = 8787, host = '127.0.0.1', build = 'auto', relayOptions = {}, log = () => {} } = {}) {
  if (build === 'if-stale') {
    const status = buildStatus();
    log(status.fresh ? `${status.reason}, not rebuilding` : `${status.reason}: rebuilding`);
    if (!status.fresh) await runBuild();
  } else if (build === true || (build === 'auto' && !(existsSync(BUNDLE) && existsSync(WALLET_BUNDLE) && existsSync(VIEM_BUNDLE)))) await runBuild();
  const { startRelay } = await import('./relay.js');
  const relay = await startRelay({ ...relayOptions, port: relayPort, host });
  let server;
  try {
    server = await startStatic({
      port,
      host,
      root: path.join(REPO, 'demo'),
      mounts: { '/dist/': path.join(REPO, 'dist') },
      routes: {
        '/config.js': () => ({
          type: '.js',
          body: `export const relayUrl = ${JSON.stringify(relay.url)};\n`,
        }),
        // The zero-script page names the default relay in markup; serve it with this run's relay.
        '/embed.html': async () => ({
          type: '.html',
          body: (await readFile(path.join(REPO, 'demo', 'embed.html'), 'utf8')).replaceAll('ws://127.0.0.1:8787', relay.url),
        }),
      },
    });
  } catch (err) {
    await relay.close();
    throw err;
  }
  let closing;
  return {
    url: server.url,
    relayUrl: relay.url,
    relay,
    server,
    /** Stops both servers (idempotent). */
    close() {
      closing ??= Promise.allSettled([server.close(), relay.close()]).then(() => undefined);
      return closing;
    },
  };
}

function parseArgs(argv, env) {
  /** @type {{ port: number, relayPort: number, build: boolean | 'if-stale' }} */
  const opts = { port: numberOr(env.PORT, 8080), relayPort: numberOr(env.RELAY_PORT, 8787), build: 'if-stale' };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--no-build':
        opts.build = false;
        break;
      case '--build':
        opts.build = true;
        break;
      case '--port':
        opts.port = numberOr(value(), NaN);
        break;
      case '--relay-port':
        opts.relayPort = numberOr(value(), NaN);
        break;
      case '-h':
      case '--help':
        console.log('usage: node demo/server/start.js [--build | --no-build] [--port 8080] [--relay-port 8787]');
        process.exit(0);
        break;
      default:
        throw new Error(`unknown argument: ${argv[i]}`);
    }
  }
  for (const k of ['port', 'relayPort']) {
    if (!Number.isInteger(opts[k]) || opts[k] < 0 || opts[k] > 65535) throw new Error(`invalid ${k}`);
  }
  return opts;
}

function numberOr(value, fallback) {
  return value === undefined || value === '' ? fallback : Number(value);
}

async function main() {
  process.stdout.on('error', () => {}); // e.g. `npm start | head`: a closed pipe is not a crash
  const demo = await startDemo({ ...parseArgs(process.argv.slice(2), process.env), log: (line) => console.log(line) });
  console.log(`demo: ${demo.url}`);
  console.log(`relay: ${demo.relayUrl}`);
  console.log('Ctrl-C to stop');
  let stopping = false;
  const stop = async (signal) => {
    if (stopping) process.exit(1); // second Ctrl-C: give up waiting
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await demo.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
