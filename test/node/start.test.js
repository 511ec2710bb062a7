// @ts-check
// `npm start` (demo/server/start.js) builds only when dist/ is out of date. Each test runs the real
// script from a scratch copy of the repository's shape (the server files, a src/ file, dist/ files,
// node_modules linked), so it never builds this checkout and never depends on its dist/.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { TEST_TIMEOUT_MS, within } from './helpers.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const scratch = [];

/** A scratch checkout: src/ and dist/ with the given ages (seconds before now). */
function checkout({ srcAge, distAge }) {
  const root = mkdtempSync(path.join(tmpdir(), 'wc-start-'));
  scratch.push(root);
  mkdirSync(path.join(root, 'demo', 'server'), { recursive: true });
  for (const file of ['start.js', 'static.js', 'relay.js']) copyFileSync(path.join(REPO, 'demo', 'server', file), path.join(root, 'demo', 'server', file));
  symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  const now = Date.now() / 1000;
  const write = (file, text, age) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
    utimesSync(path.join(root, file), now - age, now - age);
  };
  write('src/index.ts', 'export {};\n', srcAge);
  write('src/index.test.ts', '// a test is not a build input\n', 0);
  write('package.json', '{"name":"scratch","private":true,"type":"module","scripts":{"build":"exit 3"}}\n', Math.max(srcAge, distAge) + 10);
  write('dist/wc-elements.js', 'export {};\n', distAge);
  write('dist/demo-wallet.js', 'export {};\n', distAge);
  write('dist/demo-viem.js', 'export {};\n', distAge);
  return root;
}

/** Runs start.js in `root` until `done(stdout)` is true or it exits; then stops it. */
async function start(root, done) {
  const child = spawn(process.execPath, [path.join(root, 'demo', 'server', 'start.js'), '--port', '0', '--relay-port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = once(child, 'close'); // exited, and its output read to the end
  await within(
    new Promise((resolve) => {
      const check = () => done(out) && resolve(undefined);
      child.stdout.setEncoding('utf8').on('data', (chunk) => ((out += chunk), check()));
      child.stderr.setEncoding('utf8').on('data', (chunk) => ((out += chunk), check()));
      child.once('close', resolve);
    }),
    'start.js to print its first lines',
    8_000,
  );
  if (child.exitCode === null) child.kill('SIGTERM');
  await within(exited, 'start.js to exit');
  return out;
}

after(() => {
  for (const root of scratch) rmSync(root, { recursive: true, force: true });
});

describe('npm start', () => {
  it('does not rebuild when dist/ is newer than the sources: says so and prints the URL', { timeout: TEST_TIMEOUT_MS }, async () => {
    const root = checkout({ srcAge: 60, distAge: 30 });
    const out = await start(root, (text) => /^relay: ws:\/\/127\.0\.0\.1:\d+$/m.test(text));
    const lines = out.split('\n');
    assert.equal(lines[0], 'dist/ is up to date, not rebuilding', out);
    assert.match(lines[1], /^demo: http:\/\/127\.0\.0\.1:\d+/);
    assert.match(lines[2], /^relay: ws:\/\/127\.0\.0\.1:\d+/);
  });

  it('rebuilds when a source is newer than dist/, and says which', { timeout: TEST_TIMEOUT_MS }, async () => {
    const root = checkout({ srcAge: 30, distAge: 60 });
    const out = await start(root, (text) => text.includes('npm run build failed'));
    assert.match(out.split('\n')[0], /^src[\\/]index\.ts is newer than dist\/: rebuilding$/);
    assert.match(out, /npm run build failed \(exit 3\)/); // the scratch package's build script
    assert.doesNotMatch(out, /^demo: /m);
  });

  it('rebuilds when a bundle is missing', { timeout: TEST_TIMEOUT_MS }, async () => {
    const root = checkout({ srcAge: 60, distAge: 30 });
    rmSync(path.join(root, 'dist', 'demo-wallet.js'));
    const out = await start(root, (text) => text.includes('npm run build failed'));
    assert.match(out.split('\n')[0], /^dist[\\/]demo-wallet\.js is missing: rebuilding$/);
  });
});
