// @web/test-runner: the TypeScript sources run in headless Debian Chromium, with the dev relay
// started once for the whole run. See scripts/test.mjs for how this fits into `npm test`.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { defaultReporter } from '@web/test-runner';
import { summaryReporter } from './scripts/wtr-summary-reporter.mjs';
import { prebundlePlugin } from './scripts/wtr-prebundle-plugin.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.mjs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('.', import.meta.url)).replace(/\/$/, '');

// WC_RELAY_MODULE only exists to test this tooling against a stub; tests use the real relay.
const RELAY_MODULE = process.env.WC_RELAY_MODULE
  ? new URL(process.env.WC_RELAY_MODULE, `file://${process.cwd()}/`).href
  : new URL('./demo/server/relay.js', import.meta.url).href;

/**
 * Starts the dev relay at serverStart and stops it at serverStop; serves `/__wc-test/relay.js`
 * (exports `relayUrl`) and answers the `relay-*` server commands used by test/helpers/relay.ts.
 * @returns {import('@web/test-runner').TestRunnerPlugin}
 */
function relayPlugin() {
  /** @type {Awaited<ReturnType<typeof import('./demo/server/relay.js').startRelay>> | undefined} */
  let relay;
  /** @type {Awaited<ReturnType<typeof import('./demo/server/relay.js').startStallFront>> | undefined} */
  let front;
  return {
    name: 'wc-dev-relay',
    async serverStart() {
      const { startRelay } = await import(RELAY_MODULE);
      relay = await startRelay({
        port: 0,
        host: '127.0.0.1',
        // WC_RELAY_LOG=1 prints the relay's own log lines (connections, closes, ...)
        ...(process.env.WC_RELAY_LOG ? { log: (...a) => console.log('[relay]', ...a) } : {}),
      });
    },
    async serverStop() {
      const r = relay;
      relay = undefined;
      await front?.close();
      front = undefined;
      await r?.close();
    },
    serve(context) {
      if (context.path === '/__wc-test/relay.js') {
        if (!relay) throw new Error('wc-dev-relay: relay is not running');
        return {
          body: `export const relayUrl = ${JSON.stringify(relay.url)};\n`,
          type: 'js',
          headers: { 'cache-control': 'no-store' },
        };
      }
      return undefined;
    },
    async executeCommand({ command, payload }) {
      if (!command.startsWith('relay-')) return undefined;
      if (!relay) throw new Error('wc-dev-relay: relay is not running');
      switch (command) {
        case 'relay-url':
          return relay.url;
        case 'relay-drop':
          relay.dropAll(payload && typeof payload === 'object' ? payload.code : undefined);
          return true;
        case 'relay-pause':
          relay.pause();
          return true;
        case 'relay-resume':
          relay.resume();
          return true;
        case 'relay-stats':
          // a plain JSON copy: getters and Maps do not survive the trip to the browser
          return JSON.parse(JSON.stringify(relay.stats ?? {}));
        case 'relay-reset-stats':
          relay.resetStats();
          return true;
        case 'relay-refuse-auth':
          relay.refuseAuth(Boolean(payload && typeof payload === 'object' && payload.on));
          return true;
        case 'relay-front-open': {
          // one stall front at a time, in front of the test relay
          const { startStallFront } = await import(RELAY_MODULE);
          await front?.close();
          front = await startStallFront({ target: relay.url });
          return front.url;
        }
        case 'relay-front-stall':
          front?.stall();
          return true;
        case 'relay-front-stats':
          return front ? front.stats() : null;
        case 'relay-front-heal':
          front?.heal();
          return true;
        case 'relay-front-close':
          await front?.close();
          front = undefined;
          return true;
        default:
          return undefined;
      }
    },
  };
}

/**
 * `media-features`: emulates CSS media features the built-in `emulateMedia` cannot reach under
 * puppeteer (it passes only `prefers-color-scheme` and `prefers-reduced-motion`), e.g.
 * `forced-colors: active`. Payload `{features: [{name, value}]}` replaces the page's emulated
 * features (an empty list clears them). Used by the theme tests (test/browser/themes.test.ts).
 * @returns {import('@web/test-runner').TestRunnerPlugin}
 */
function mediaFeaturesPlugin() {
  /** @type {Map<string, import('puppeteer-core').CDPSession>} one CDP session per test page, kept while it emulates */
  const sessions = new Map();
  return {
    name: 'wc-media-features',
    async executeCommand({ command, payload, session }) {
      if (command !== 'media-features') return undefined;
      const features = payload && typeof payload === 'object' && Array.isArray(payload.features) ? payload.features : [];
      let cdp = sessions.get(session.id);
      if (!cdp) {
        cdp = await session.browser.getPage(session.id).createCDPSession();
        sessions.set(session.id, cdp);
      }
      await cdp.send('Emulation.setEmulatedMedia', { features });
      return true;
    },
  };
}

/**
 * Every page starts online: Chromium derives navigator.onLine from the host's interfaces, and the
 * SDK throws on `navigator.onLine === false`. Forcing network emulation to "online" pins it to true
 * whatever the sandbox's interfaces look like (the relay is on loopback anyway).
 * @type {import('@web/test-runner-chrome').CreatePageFn}
 */
async function createPage({ context }) {
  const page = await context.newPage();
  const cdp = await page.createCDPSession();
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  return page;
}

/**
 * Runs before the test framework in every test page:
 * - lets test/helpers/barriers.ts wait for its own sentinel rejection;
 * - marks Lit's one-time "dev mode" notice as issued, so any Lit warning that does show up in the
 *   browser logs is a real one;
 * - turns an unhandled promise rejection into an uncaught error, which mocha reports as a failure
 *   of the running test (out of the box WTR only logs it); likewise any Lit dev-mode warning. A test that expects one can call
 *   `event.preventDefault()` in its own `unhandledrejection` listener.
 */
const pagePrelude = `
globalThis.litIssuedWarnings ??= new Set();
globalThis.litIssuedWarnings.add('dev-mode');
// A barrier of test/helpers/barriers.ts: a rejection it makes on purpose reaches only that helper
// (registered first, so neither the guard below nor the runner's own logger sees it).
addEventListener('unhandledrejection', (event) => {
  const reached = event.reason && event.reason.wcBarrier;
  if (typeof reached !== 'function') return;
  event.stopImmediatePropagation();
  event.preventDefault();
  reached();
});
addEventListener('unhandledrejection', (event) => {
  setTimeout(() => {
    if (event.defaultPrevented) return;
    const r = event.reason;
    if (r instanceof Error) {
      r.message = 'Unhandled promise rejection: ' + r.message;
      throw r;
    }
    throw new Error('Unhandled promise rejection: ' + String(r));
  });
});
// Any Lit dev-mode warning (change-in-update, missing super calls, ...) fails the running test.
const warn = console.warn.bind(console);
console.warn = (...args) => {
  warn(...args);
  if (String(args[0]).includes('lit.dev/msg/')) setTimeout(() => { throw new Error('Lit warning: ' + args[0]); });
};`;

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  rootDir: ROOT,
  files: ['src/**/*.test.ts', 'test/browser/**/*.test.ts'],
  nodeResolve: {
    browser: true,
    preferBuiltins: false, // bundle the `events` package instead of treating it as node's builtin
    exportConditions: ['browser', 'development'], // Lit dev mode: its warnings surface in tests
  },
  plugins: [
    // target es2022, not 'auto': Chromium would get the standard decorators untransformed
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
    // the SDK and qrcode are CommonJS-laden: serve them pre-bundled as ESM (see the plugin)
    prebundlePlugin({ rootDir: ROOT }),
    relayPlugin(),
    mediaFeaturesPlugin(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: [
          ...CHROMIUM_ARGS,
          // Pages run one at a time (concurrency 1: with 2, the hidden page timed out element tests);
          // keep timers, frames and images of a background page running all the same.
          '--disable-renderer-backgrounding',
          '--disable-background-timer-throttling',
          '--disable-backgrounding-occluded-windows',
          // Heap figures of the storage flood test: window.gc() and unrounded performance.memory.
          '--js-flags=--expose-gc',
          '--enable-precise-memory-info',
        ],
      },
      createPage,
    }),
  ],
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 180_000,
  testFramework: {
    config: { ui: 'bdd', timeout: 20_000, retries: 0 },
  },
  testRunnerHtml: (testFramework) =>
    `<!doctype html><html><head><meta charset="utf-8"><script>${pagePrelude}</script></head>` +
    `<body><script type="module" src="${testFramework}"></script></body></html>`,
  reporters: [defaultReporter({ reportTestResults: true, reportTestProgress: true }), summaryReporter()],
};
