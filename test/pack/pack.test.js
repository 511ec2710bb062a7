// @ts-check
// The published package, as a user gets it: `npm pack` of this repo (after `npm run build`), the
// tarball's contents and package.json, the CDN file's banner, SRI hash and third-party notices, and
// a scratch app that installs the tarball beside its own `lit`, imports it in Node, bundles it with
// Rollup and runs it in Chromium. `npm test`'s "pack" stage runs this file after the build.
//
//   npm run build && node --test test/pack/
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { realpath, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import terser from '@rollup/plugin-terser';
import { startRelay } from '../../demo/server/relay.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { ROOT, installScratchApp, packRepo } from './scratch-app.js';

const run = promisify(execFile);
const DIST = path.join(ROOT, 'dist');
const TAGS = ['wc-provider', 'wc-connect', 'wc-session-list', 'wc-namespace-picker'];
/** Upper bound of any single wait in the browser. */
const WAIT = 15_000;
/** The issue's budget for one CAIP helper imported from the main entry, minified. */
const HELPER_BUDGET = 10 * 1024;

/** @type {Awaited<ReturnType<typeof packRepo>>} */
let packed;
/** @type {string} the scratch app's folder */
let app;
/** @type {string | undefined} the bundle of define.js + the app's own Lit element, for Chromium */
let appBundle;

before(
  async () => {
    assert.ok(existsSync(path.join(DIST, 'wc-elements.js')), 'dist/ is missing: run `npm run build` first');
    packed = await packRepo();
    const installed = await installScratchApp(packed);
    app = installed.app;
    console.log(`scratch app: ${installed.packages} packages installed ${installed.offline ? 'offline' : 'from the registry'}`);
  },
  { timeout: 300_000 },
);

after(async () => {
  if (packed) await rm(packed.dir, { recursive: true, force: true });
});

/** The package folder a path inside node_modules belongs to (the innermost one). */
function packageDirOf(file) {
  const parts = file.split(/[\\/]/);
  const i = parts.lastIndexOf('node_modules');
  if (i < 0) return undefined;
  const name = parts[i + 1]?.startsWith('@') ? parts.slice(i + 1, i + 3) : parts.slice(i + 1, i + 2);
  return parts
    .slice(0, i + 1)
    .concat(name)
    .join('/');
}

/** @type {import('rollup').RollupCache | undefined} shared by the two bundles: the SDK is transformed once */
let rollupCache;

/** Bundles `input` (inside the scratch app) for the browser, as an app's build would. */
async function bundle(input, { minify = false } = {}) {
  const build = await rollup({
    input,
    cache: rollupCache,
    onwarn: () => {}, // the SDK's own warnings (circular imports, `this` at top level) are not ours
    plugins: [nodeResolve({ browser: true, preferBuiltins: false, rootDir: app }), commonjs(), json()],
  });
  rollupCache = build.cache;
  try {
    const { output } = await build.generate({
      format: 'es',
      inlineDynamicImports: true,
      plugins: minify ? [terser({ module: true })] : [],
    });
    return output[0];
  } finally {
    await build.close();
  }
}

test('the tarball holds LICENSE, the notices, the unbundled modules with types, the CDN file and the manifest; nothing of the demo', () => {
  const files = new Set(packed.files);
  for (const file of [
    'LICENSE',
    'README.md',
    'package.json',
    'custom-elements.json',
    'dist/THIRD-PARTY-NOTICES.txt',
    'dist/wc-elements.js',
    'dist/wc-elements.js.sri',
    'dist/index.js',
    'dist/index.d.ts',
    'dist/index.d.ts.map',
    'dist/define.js',
    'dist/define.d.ts',
    'dist/caip.js',
    'dist/caip.d.ts',
    ...['provider', 'connect', 'session-list', 'namespace-picker'].flatMap((el) => [`dist/elements/${el}/define.js`, `dist/elements/${el}/define.d.ts`]),
  ]) {
    assert.ok(files.has(file), `the tarball has ${file}`);
  }
  const demo = packed.files.filter((f) => /(^|\/)demo|demo-wallet/.test(f));
  assert.deepEqual(demo, [], 'nothing of the demo (pages, server, wallet bundle or its map)');
  const tests = packed.files.filter((f) => /\.test\.|^test\//.test(f));
  assert.deepEqual(tests, [], 'no tests');
});

test('package.json: a name that is not the unrelated wc-elements, exports with types that exist, sideEffects naming exactly the define files and the CDN file', () => {
  const { pkg } = packed;
  const files = new Set(packed.files);
  assert.notEqual(pkg.name, 'wc-elements', 'wc-elements on npm is an unrelated package');
  for (const field of ['repository', 'homepage', 'bugs', 'keywords', 'license']) assert.ok(pkg[field], `${field} is filled in`);
  assert.deepEqual(Object.keys(pkg.exports).sort(), [
    '.',
    './cdn',
    './connect/define.js',
    './custom-elements.json',
    './define.js',
    './namespace-picker/define.js',
    './package.json',
    './provider/define.js',
    './react',
    './session-list/define.js',
    './vue',
  ]);
  for (const [entry, target] of Object.entries(pkg.exports)) {
    assert.equal(typeof target.types, 'string', `${entry} has types`);
    assert.equal(Object.keys(target)[0], 'types', `${entry}: types comes first (TypeScript takes the first match)`);
    for (const file of [target.types, target.default]) {
      assert.ok(files.has(file.replace(/^\.\//, '')), `${entry}: ${file} is in the tarball`);
    }
  }
  assert.equal(pkg.exports['./cdn'].default, './dist/wc-elements.js', 'the CDN file stays at dist/wc-elements.js');
  const defineFiles = packed.files.filter((f) => /^dist\/(elements\/[^/]+\/)?define\.js$/.test(f));
  assert.equal(defineFiles.length, 5, 'define.js and one per element');
  assert.deepEqual(
    [...pkg.sideEffects].sort(),
    [...defineFiles, 'dist/wc-elements.js'].map((f) => `./${f}`).sort(),
    'sideEffects names exactly the shipped define files and the CDN file',
  );
});

test('the CDN file starts with a one-line banner (name, version, licence, notices) and dist/ holds its sha384 SRI hash', () => {
  const { pkg } = packed;
  const code = readFileSync(path.join(DIST, 'wc-elements.js'));
  const first = code.subarray(0, code.indexOf(10)).toString();
  assert.match(first, /^\/\*! .* \*\/$/, 'a /*! comment minifiers keep');
  for (const part of [pkg.name, pkg.version, pkg.license, 'THIRD-PARTY-NOTICES.txt']) assert.ok(first.includes(part), `the banner names ${part}`);
  const sri = readFileSync(path.join(DIST, 'wc-elements.js.sri'), 'utf8').trim();
  assert.equal(sri, `sha384-${createHash('sha384').update(code).digest('base64')}`);
});

test("THIRD-PARTY-NOTICES.txt names every package in the CDN bundle's source map, at its version, with a licence", () => {
  const map = JSON.parse(readFileSync(path.join(DIST, 'wc-elements.js.map'), 'utf8'));
  const notices = readFileSync(path.join(DIST, 'THIRD-PARTY-NOTICES.txt'), 'utf8');
  const dirs = new Set();
  for (const source of map.sources) {
    const dir = packageDirOf(path.resolve(DIST, source));
    if (dir) dirs.add(dir);
  }
  assert.ok(dirs.size > 20, `the map names the bundled packages (${dirs.size})`);
  const missing = [];
  for (const dir of dirs) {
    const { name, version } = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const at = notices.indexOf(`\n${name}@${version}\nLicense: `);
    if (at < 0) missing.push(`${name}@${version}`);
    else assert.doesNotMatch(notices.slice(at).split('\n')[2] ?? '', /not stated/, `${name} states a licence`);
  }
  assert.deepEqual(missing, [], 'every bundled package has a section');
});

test('in a scratch app that installed the tarball: importing the main entry in Node does not throw and defines nothing', async () => {
  const script = `
    const m = await import(${JSON.stringify(packed.pkg.name)});
    if (m.isCaip2('eip155:1') !== true || typeof m.WcConnect !== 'function') throw new Error('unexpected exports');
    if (globalThis.customElements?.get?.('wc-connect')) throw new Error('the main entry defined a tag');
    console.log('ok ' + Object.keys(m).length);
  `;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: app });
  assert.match(stdout, /^ok \d+/);
});

test(
  "TypeScript in the scratch app: every entry has types, and the main entry alone types querySelector('wc-connect') as WcConnect",
  { timeout: 120_000 },
  async () => {
    const name = packed.pkg.name;
    const programs = {
      // no define file in this program: the tag map must come from the main entry
      main: `import { WcConnect, WcNamespacePicker, WcProvider, WcSessionList, isCaip2 } from '${name}';
// inferred, not annotated: an annotation would pick querySelector's generic overload and prove nothing
const connect = document.querySelector('wc-connect');
const tags: [WcProvider | null, WcConnect | null, WcSessionList | null, WcNamespacePicker | null] = [
  document.querySelector('wc-provider'),
  connect,
  document.querySelector('wc-session-list'),
  document.querySelector('wc-namespace-picker'),
];
const mode: 'dialog' | 'inline' | undefined = connect?.mode;
const ok: boolean = isCaip2('eip155:1');
document.addEventListener('wc-session-change', (e) => e.detail.sessions.length);
export { tags, mode, ok };
`,
      entries: `import '${name}/define.js';
import '${name}/provider/define.js';
import '${name}/connect/define.js';
import '${name}/session-list/define.js';
import '${name}/namespace-picker/define.js';
import { WcConnect as CdnConnect } from '${name}/cdn';
import { WcConnect } from '${name}';
import manifest from '${name}/custom-elements.json';
import pkg from '${name}/package.json';
const same: typeof WcConnect = CdnConnect;
const version: string = pkg.version;
const modules: number = manifest.modules.length;
export { same, version, modules };
`,
    };
    const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
    for (const [program, source] of Object.entries(programs)) {
      await writeFile(path.join(app, `types-${program}.ts`), source);
      const compilerOptions = {
        target: 'ES2022',
        module: 'esnext',
        moduleResolution: 'bundler',
        lib: ['ES2022', 'DOM'],
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
      };
      await writeFile(path.join(app, `tsconfig.${program}.json`), JSON.stringify({ compilerOptions, files: [`types-${program}.ts`] }));
      const result = await run(process.execPath, [tsc, '-p', `tsconfig.${program}.json`], { cwd: app }).catch((error) => error);
      assert.equal(result.code ?? 0, 0, `tsc on the ${program} program:\n${result.stdout}${result.stderr}`);
    }
  },
);

test('a bundle importing only isCaip2 from the main entry tree-shakes to a few KB', { timeout: 180_000 }, async () => {
  const input = path.join(app, 'only-caip.js');
  await writeFile(input, `import { isCaip2 } from ${JSON.stringify(packed.pkg.name)};\nconsole.log(isCaip2('eip155:1'));\n`);
  const chunk = await bundle(input, { minify: true });
  const size = Buffer.byteLength(chunk.code);
  console.log(`isCaip2 alone: ${size} B minified`);
  assert.ok(size <= HELPER_BUDGET, `${size} B ≤ ${HELPER_BUDGET} B`);
  const packages = new Set(Object.keys(chunk.modules).map(packageDirOf).filter(Boolean));
  assert.deepEqual(
    [...packages].map((d) => path.basename(d)),
    [packed.pkg.name],
    'nothing but the package itself',
  );
});

test("a bundle of define.js plus the app's own Lit element holds one copy of Lit", { timeout: 180_000 }, async () => {
  const input = path.join(app, 'app.js');
  await writeFile(
    input,
    `import { LitElement, html } from 'lit';
import ${JSON.stringify(`${packed.pkg.name}/define.js`)};
import { controllerEventNames } from ${JSON.stringify(packed.pkg.name)};

class AppShell extends LitElement {
  render() {
    return html\`<p>the app's own Lit element</p>\`;
  }
}
customElements.define('app-shell', AppShell);

window.wcEvents = [];
for (const name of [...controllerEventNames, 'wc-namespace-change']) {
  document.addEventListener(name, (event) => window.wcEvents.push(event.type));
}
`,
  );
  const chunk = await bundle(input);
  for (const lit of ['lit-html', 'lit-element', '@lit/reactive-element']) {
    const copies = new Set(
      Object.keys(chunk.modules)
        .map(packageDirOf)
        .filter((dir) => dir?.endsWith(`/node_modules/${lit}`)),
    );
    const real = new Set(await Promise.all([...copies].map((dir) => realpath(/** @type {string} */ (dir)))));
    assert.equal(real.size, 1, `one ${lit} in the bundle: ${[...copies].join(', ')}`);
  }
  assert.equal(chunk.code.match(/litHtmlVersions/g)?.length, 1, 'one lit-html registers its version');
  appBundle = chunk.code;
});

test('in Chromium, the bundled app has the four tags working and a wc-* event reaches its handler', { timeout: 120_000 }, async () => {
  assert.ok(appBundle, 'the previous test built the app bundle');
  const relay = await startRelay({ port: 0 });
  const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>scratch app</title><link rel="icon" href="data:,">
<script type="module" src="/app.js"></script></head>
<body>
  <app-shell></app-shell>
  <wc-provider relay-url="${relay.url}" app-name="Scratch app" storage-prefix="scratch"
               chains="eip155:1" optional-chains="eip155:137" methods="personal_sign" events="chainChanged">
    <wc-namespace-picker></wc-namespace-picker>
    <wc-connect></wc-connect>
    <wc-session-list></wc-session-list>
  </wc-provider>
</body></html>`;
  const server = createServer((req, res) => {
    const [type, body] = req.url === '/app.js' ? ['text/javascript', appBundle] : ['text/html', page];
    res.writeHead(200, { 'content-type': `${type}; charset=utf-8` }).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  /** @type {string[]} */
  const problems = [];
  try {
    const tab = await browser.newPage();
    tab.on('pageerror', (error) => problems.push(error.message));
    tab.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`console.${message.type()}: ${message.text()}`);
    });
    await tab.goto(`http://127.0.0.1:${port}/`);
    await tab.waitForFunction((tags) => tags.every((tag) => customElements.get(tag)), TAGS, { timeout: WAIT });

    const facts = await tab.evaluate(
      (tags) => ({
        upgraded: tags.map((tag) => {
          const el = document.querySelector(tag);
          return Boolean(el && el instanceof /** @type {any} */ (customElements.get(tag)) && el.shadowRoot);
        }),
        litHtml: /** @type {any} */ (globalThis).litHtmlVersions?.length,
        litElement: /** @type {any} */ (globalThis).litElementVersions?.length,
        app: document.querySelector('app-shell')?.shadowRoot?.textContent?.trim(),
      }),
      TAGS,
    );
    assert.deepEqual(facts.upgraded, [true, true, true, true], `${TAGS.join(', ')} are upgraded`);
    assert.equal(facts.litHtml, 1, 'one lit-html loaded');
    assert.equal(facts.litElement, 1, 'one lit-element loaded');
    assert.equal(facts.app, "the app's own Lit element");

    // <wc-provider> connects to the relay; its controller's events reach the page's handler
    await tab.waitForFunction(() => /** @type {any} */ (window).wcEvents.includes('wc-ready'), undefined, { timeout: WAIT });
    // <wc-namespace-picker> lists the provider's chains; unticking the optional one is a wc-namespace-change
    await tab.locator('wc-namespace-picker input[type="checkbox"]:not([disabled])').first().click({ timeout: WAIT });
    await tab.waitForFunction(() => /** @type {any} */ (window).wcEvents.includes('wc-namespace-change'), undefined, { timeout: WAIT });
    // <wc-connect> makes a pairing through the relay and shows its QR code and wc: URI
    await tab.locator('wc-connect button[part="button"]').click({ timeout: WAIT });
    await tab.locator('wc-connect svg[part="qr"]').waitFor({ timeout: WAIT });
    assert.match(await tab.locator('wc-connect input[part="uri"]').inputValue(), /^wc:[0-9a-f]{64}@2\?/);
    // <wc-session-list> rendered its (empty) list
    assert.ok((await tab.locator('wc-session-list').evaluate((el) => el.shadowRoot?.childElementCount ?? 0)) > 0);
    assert.deepEqual(problems, [], 'no page error, console error or warning');
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(() => resolve(undefined)));
    await relay.close();
  }
});
