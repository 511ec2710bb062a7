// @ts-check
// The CDN bundle's stand-ins (rollup.config.mjs): the packages it can never reach are stubs that throw
// a clear Error, each stub exports exactly what @walletconnect/utils imports from that package, and its
// `viem` (scripts/bundle/recover-address.js) recovers the same address as viem's own recoverAddress;
// CommonJS dependencies get a tslib with only the helper they use.
//
//   node --test test/node/bundle-stubs.test.js
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { createConfig, UNREACHABLE } from '../../rollup.config.mjs';
import { recoverAddress as bundledRecoverAddress } from '../../scripts/bundle/recover-address.js';
import { recoverAddress, hashMessage, parseSignature } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';

const require = createRequire(import.meta.url);
const utilsDist = readFileSync(require.resolve('@walletconnect/utils').replace(/index\.cjs\.js$/, 'index.es.js'), 'utf8');

/** The named imports of `pkg` in @walletconnect/utils' ES build. */
function importedFrom(/** @type {string} */ pkg) {
  const names = [...utilsDist.matchAll(/import\{([^}]*)\}from"([^"]+)"/g)]
    .filter((m) => m[2] === pkg)
    .flatMap((m) => (m[1] ?? '').split(',').map((spec) => spec.trim().split(/\s+as\s+/)[0]));
  return names.sort();
}

test('each stub exports exactly what @walletconnect/utils imports from the package', () => {
  for (const [pkg, names] of Object.entries(UNREACHABLE)) {
    assert.deepEqual(importedFrom(pkg), [...names].sort(), pkg);
  }
  assert.deepEqual(importedFrom('viem'), ['recoverAddress'], 'viem: scripts/bundle/recover-address.js exports recoverAddress only');
});

test('a stub throws a clear Error; it never returns a value', async () => {
  const plugin = /** @type {any} */ (createConfig({ minify: false, dapp: true }).plugins).find((/** @type {any} */ p) => p?.name === 'unreachable-stubs');
  assert.ok(plugin, 'rollup.config.mjs has the unreachable-stubs plugin');
  for (const [pkg, names] of Object.entries(UNREACHABLE)) {
    const id = plugin.resolveId(pkg);
    assert.ok(id, `${pkg} is resolved to a stub`);
    const mod = await import(`data:text/javascript,${encodeURIComponent(plugin.load(id))}`);
    assert.deepEqual(Object.keys(mod).sort(), [...names].sort());
    for (const name of names) {
      assert.throws(
        () => mod[name](new Uint8Array(4)),
        (/** @type {any} */ e) => e instanceof Error && e.message.includes(`${pkg} ${name}() is not in the CDN bundle`),
      );
    }
  }
  assert.equal(plugin.resolveId('@walletconnect/utils'), null, 'other packages are left alone');
  const names = /** @type {any} */ (createConfig({ minify: false }).plugins).map((/** @type {any} */ p) => p?.name);
  assert.ok(
    !names.includes('unreachable-stubs') && !names.includes('viem-recover-address'),
    'only the dapp (CDN) build is stubbed: the demo wallet and the bench floor are not',
  );
});

test("the bundle's recoverAddress recovers what viem's does (hex, bytes and {r, s, v} signatures)", async () => {
  for (let i = 0; i < 12; i++) {
    const account = privateKeyToAccount(generatePrivateKey());
    const message = `wc-elements ${i} ${Date.now()}`;
    const signature = await account.signMessage({ message });
    const hash = hashMessage(message);
    const expected = await recoverAddress({ hash, signature });
    assert.equal(expected, account.address);
    assert.equal(await bundledRecoverAddress({ hash, signature }), expected, 'hex');
    assert.equal(
      await bundledRecoverAddress({ hash: Buffer.from(hash.slice(2), 'hex'), signature: Buffer.from(signature.slice(2), 'hex') }),
      expected,
      'bytes',
    );
    const { r, s, v, yParity } = parseSignature(signature);
    assert.equal(await bundledRecoverAddress({ hash, signature: { r, s, v } }), expected, '{r, s, v}');
    assert.equal(await bundledRecoverAddress({ hash, signature: { r, s, yParity } }), expected, '{r, s, yParity}');
    const wrongV = `${signature.slice(0, 130)}05`;
    await assert.rejects(bundledRecoverAddress({ hash, signature: wrongV }), /Invalid yParityOrV value/);
    await assert.rejects(bundledRecoverAddress({ hash, signature: signature.slice(0, 100) }), /invalid signature length/);
  }
});

test("CommonJS dependencies get tslib's __exportStar alone; one that uses another helper fails the build", () => {
  const plugin = /** @type {any} */ (createConfig({ minify: false }).plugins).find((/** @type {any} */ p) => p?.name === 'tslib-for-commonjs');
  assert.ok(plugin, 'rollup.config.mjs has the tslib-for-commonjs plugin (every build)');
  const errors = /** @type {string[]} */ ([]);
  const ctx = { error: (/** @type {string} */ message) => errors.push(message) };
  const time = require.resolve('@walletconnect/time'); // dist/cjs/index.js: tslib_1.__exportStar(…)
  const slim = plugin.resolveId.call(ctx, 'tslib', time);
  assert.ok(slim, '@walletconnect/time gets the slim tslib');
  assert.equal(plugin.load(slim), "export { __exportStar, __createBinding } from 'tslib';\n");
  assert.equal(plugin.resolveId.call(ctx, 'tslib', new URL('../../src/define.ts', import.meta.url).pathname), null, 'our modules import tslib itself');
  assert.equal(plugin.resolveId.call(ctx, 'events', time), null, 'only tslib');
  const dir = mkdtempSync(path.join(tmpdir(), 'tslib-'));
  const other = path.join(dir, 'node_modules', 'dep', 'index.js');
  mkdirSync(path.dirname(other), { recursive: true });
  writeFileSync(other, 'const tslib_1 = require("tslib");\nexports.f = (a) => tslib_1.__awaiter(a);\n');
  plugin.resolveId.call(ctx, 'tslib', other);
  assert.equal(errors.length, 1);
  assert.match(errors[0] ?? '', /uses tslib's __awaiter/);
  rmSync(dir, { recursive: true, force: true });
  assert.deepEqual(errors.slice(1), []);
});
