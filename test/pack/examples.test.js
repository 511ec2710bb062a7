// @ts-check
// The examples in examples/, as their readers would run them: the three Vite apps (plain TS, React
// 19, Vue 3) are built with Vite against this repository's dist/ (examples/node_modules/
// wc-session-elements links to the repo, as their `file:../..` dependency would), the plain HTML page
// loads the CDN file from its versioned CDN URL (served here from dist/, with the build's real SRI
// hash), and each page is loaded in Chromium against the dev relay (`?relay=`): the tags render and
// the provider's `wc-ready` reaches the page's own code (the framework's state, for React and Vue).
//
//   npm run build && node --test test/pack/examples.test.js
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { startRelay } from '../../demo/server/relay.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLES = path.join(ROOT, 'examples');
const VITE_APPS = ['vite', 'react', 'vue'];
const CDN_PATTERN = /^https:\/\/cdn\.jsdelivr\.net\/npm\/wc-session-elements@[^/]+\/dist\/wc-elements\.js$/;
/** Upper bound of any single wait in the browser. */
const WAIT = 20_000;

/** @type {string} */ let out;
/** @type {Awaited<ReturnType<typeof startRelay>>} */ let relay;
/** @type {import('node:http').Server} */ let server;
/** @type {string} */ let origin;
/** @type {import('playwright-core').Browser} */ let browser;

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

before(
  async () => {
    assert.ok(existsSync(path.join(ROOT, 'dist/wc-elements.js')), 'dist/ is missing: run `npm run build` first');
    // what `npm install` of an example's `file:../..` dependency makes: a link to this repository
    const link = path.join(EXAMPLES, 'node_modules/wc-session-elements');
    if (!existsSync(link)) {
      await mkdir(path.dirname(link), { recursive: true });
      await symlink('../..', link, 'dir');
    }
    out = await mkdtemp(path.join(tmpdir(), 'wc-examples-'));
    for (const app of VITE_APPS) {
      const t0 = Date.now();
      await build({
        root: path.join(EXAMPLES, app),
        configFile: path.join(EXAMPLES, app, 'vite.config.mjs'),
        base: './',
        logLevel: 'error',
        // unminified: the test needs the app to run, not to be small, and minifying the SDK three times is slow
        build: { outDir: path.join(out, app), emptyOutDir: true, reportCompressedSize: false, minify: false },
      });
      console.log(`built examples/${app} in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
    }
    relay = await startRelay();
    server = createServer(async (req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      const [, app, ...rest] = url.pathname.split('/');
      const file = app === 'html' ? path.join(EXAMPLES, 'html', ...rest) : path.join(out, app ?? '', ...rest);
      try {
        let body = await readFile(file.endsWith('/') || !path.extname(file) ? path.join(file, 'index.html') : file);
        if (app === 'html') {
          // the page as published, with the hash the build wrote beside the CDN file
          const sri = readFileSync(path.join(ROOT, 'dist/wc-elements.js.sri'), 'utf8').trim();
          body = Buffer.from(body.toString('utf8').replace(/integrity="[^"]*"/, `integrity="${sri}"`));
        }
        res.writeHead(200, { 'content-type': TYPES[/** @type {keyof TYPES} */ (path.extname(file) || '.html')] ?? 'application/octet-stream' });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', () => r(undefined)));
    const address = /** @type {import('node:net').AddressInfo} */ (server.address());
    origin = `http://127.0.0.1:${address.port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  },
  { timeout: 300_000 },
);

after(async () => {
  await browser?.close();
  server?.close();
  await relay?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

for (const app of ['html', ...VITE_APPS]) {
  test(`examples/${app}: builds, the tags render and wc-ready reaches the page on the dev relay`, { timeout: 60_000 }, async () => {
    const page = await browser.newPage();
    const errors = /** @type {string[]} */ ([]);
    page.on('pageerror', (e) => errors.push(e.message));
    const cdnRequests = /** @type {string[]} */ ([]);
    await page.route('https://**/*', async (route) => {
      const url = route.request().url();
      if (!CDN_PATTERN.test(url)) return route.abort(); // nothing else leaves the machine
      cdnRequests.push(url);
      await route.fulfill({
        status: 200,
        headers: { 'content-type': 'text/javascript', 'access-control-allow-origin': '*' },
        body: readFileSync(path.join(ROOT, 'dist/wc-elements.js')),
      });
    });
    try {
      await page.goto(`${origin}/${app}/index.html?relay=${encodeURIComponent(relay.url)}`);
      await page.waitForFunction(() => document.querySelector('#status')?.textContent?.startsWith('ready'), null, { timeout: WAIT });
      const rendered = await page.evaluate(() => ({
        defined: ['wc-provider', 'wc-connect', 'wc-session-list'].every((t) => customElements.get(t)),
        button: !!document.querySelector('wc-connect')?.shadowRoot?.querySelector('[part~="button"]'),
        relay: document.querySelector('wc-provider')?.getAttribute('relay-url'),
        status: document.querySelector('#status')?.textContent,
      }));
      assert.deepEqual(rendered, { defined: true, button: true, relay: relay.url, status: 'ready: 0 session(s)' });
      if (app === 'html') assert.equal(cdnRequests.length, 1, 'the page loads the CDN file once, through its SRI check');
      assert.deepEqual(errors, [], 'no page errors');
    } finally {
      await page.close();
    }
  });
}
