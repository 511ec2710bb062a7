// @ts-check
// The relay's command line: starts, prints its URL, serves, and exits cleanly on a signal.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { RawClient, TEST_TIMEOUT_MS, within } from './helpers.js';

const CLI = fileURLToPath(new URL('../../demo/server/relay-cli.js', import.meta.url));

/** @param {string[]} args */
async function startCli(args) {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
  const exited = once(child, 'exit');
  const url = await within(
    new Promise((resolve, reject) => {
      child.stdout.on('data', () => {
        const match = /^relay listening on (ws:\/\/127\.0\.0\.1:\d+)$/m.exec(stdout);
        if (match) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`relay-cli exited with ${code}: ${stdout}`)));
    }),
    'the CLI to print its URL',
  );
  return { child, url: /** @type {string} */ (url), exited };
}

describe('relay-cli', () => {
  for (const signal of /** @type {const} */ (['SIGTERM', 'SIGINT'])) {
    it(`serves on --port 0 and closes cleanly on ${signal}`, { timeout: TEST_TIMEOUT_MS }, async () => {
      const { child, url, exited } = await startCli(['--port', '0']);
      const client = await RawClient.connect(url);
      assert.equal((await client.subscribe('f'.repeat(64))).value.result.length, 64);
      const closed = client.closed();
      child.kill(signal);
      assert.equal((await closed).code, 1001);
      const [code] = await within(exited, 'the CLI to exit');
      assert.equal(code, 0);
    });
  }

  it('--no-auth accepts a socket without a JWT', { timeout: TEST_TIMEOUT_MS }, async () => {
    const { child, url, exited } = await startCli(['--port', '0', '--no-auth']);
    const client = await RawClient.connect(url, { auth: null });
    assert.equal((await client.publish('f'.repeat(64), 'hi')).value.result, true);
    child.kill('SIGTERM');
    await within(exited, 'the CLI to exit');
  });

  it('rejects a bad --port with exit code 2', { timeout: TEST_TIMEOUT_MS }, async () => {
    const child = spawn(process.execPath, [CLI, '--port', 'nope'], { stdio: 'ignore' });
    const [code] = await within(once(child, 'exit'), 'the CLI to exit');
    assert.equal(code, 2);
  });
});
