// End to end, issue 11 "Tabs": two tabs of the demo dApp on one origin and one storage prefix, two
// demo wallets (each in its own browser context, so its own key), all through the dev relay in
// headless Chromium. One tab leads (Web Lock, the only SignClient), the other follows it over a
// BroadcastChannel (README "Multiple tabs"). Steps build on each other; each prints its [figure].
//
//   node --test test/e2e/tabs.test.js        (needs dist/: `npm run build`, or startDemo builds it)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { verifyMessage } from 'viem';
import { startDemo } from '../../demo/server/start.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { approveInWallet, sessionItems, until, WAIT, watchPages } from './helpers.js';

/** The bound: a disconnect reaches the other tab within 2 s. */
const OTHER_TAB_MS = 2000;

let demo;
let browser;
/** tab A and tab B: two pages of one context (one origin, one IndexedDB, one set of Web Locks). */
let tabA;
let tabB;
/** wallet 1 and wallet 2: each in its own context, so each has its own key and storage. */
let wallet1;
let wallet2;
const problems = [];
let failed = false;
const prefix = `e2e-tabs-${Date.now().toString(36)}`;

before(async () => {
  demo = await startDemo({ port: 0, relayPort: 0, build: 'auto' });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  const dapps = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const walletContexts = [await browser.newContext(), await browser.newContext()];
  for (const context of [dapps, ...walletContexts]) watchPages(context, problems);
  tabA = await dapps.newPage();
  tabB = await dapps.newPage();
  wallet1 = await walletContexts[0].newPage();
  wallet2 = await walletContexts[1].newPage();
});

after(async () => {
  await browser?.close();
  await demo?.close();
});

/** One step, skipped after an earlier failure, failing on any problem the pages reported. */
function step(name, body) {
  test(name, { timeout: 60_000 }, async (t) => {
    if (failed) return t.skip('an earlier step failed');
    problems.length = 0;
    try {
      await body();
    } catch (error) {
      failed = true;
      if (problems.length) error.message += `\npage problems:\n${problems.join('\n')}`;
      throw error;
    }
    const found = problems.splice(0);
    if (found.length) failed = true;
    assert.deepEqual(found, [], 'no page error, unhandled rejection or console error');
  });
}

const figure = (text) => console.log(`[figure] ${text}`);

/** 'leader' (this tab has the SignClient) or 'follower', once the tab's controller is ready. */
function roleOf(page) {
  return until(`${page === tabA ? 'tab A' : 'tab B'} to be ready`, () =>
    page.locator('wc-provider').evaluate((p) => {
      const c = p.controller;
      if (!c || c.state.status === 'idle' || c.state.status === 'initializing') return null;
      return c.client ? 'leader' : 'follower';
    }),
  );
}

const count = (page) => sessionItems(page).count();
const name = (page) => (page === tabA ? 'tab A' : 'tab B');

/** Opens the dApp tab on the shared prefix and waits until its controller is ready. */
async function open(page) {
  await page.goto(`${demo.url}?prefix=${prefix}`);
  return roleOf(page);
}

/** The session topics a tab's controller holds. */
const topics = (page) => page.locator('wc-provider').evaluate((p) => p.controller.state.sessions.map((s) => s.topic).sort());

/** Connects `tab` to the demo wallet in `wallet`: the tab's own Connect button, the wallet pairs from the URI. */
async function connect(tab, wallet, expected) {
  await tab.locator('wc-connect button[part="button"]').first().click({ timeout: WAIT });
  const input = tab.locator('wc-connect input[part="uri"]');
  await input.waitFor({ timeout: WAIT });
  const uri = await input.inputValue();
  assert.match(uri, /^wc:[0-9a-f]{64}@2\?/);
  await wallet.goto(`${demo.url}wallet.html#uri=${encodeURIComponent(uri)}`);
  await approveInWallet(wallet);
  await until(`${expected} session(s) in ${name(tab)}`, async () => (await count(tab)) === expected);
  await until(`the dialog to close in ${name(tab)}`, async () => !(await tab.locator('wc-connect dialog').isVisible()));
}

/** Waits until `page`'s list has `n` items; returns the ms it took from `since`. */
async function listReaches(page, n, since) {
  await until(`${n} session(s) in ${name(page)}`, async () => (await count(page)) === n, WAIT);
  return Math.round(performance.now() - since);
}

let leaderTab;
let followerTab;

step('1. two tabs of one origin: one leads, the other follows', async () => {
  const roleA = await open(tabA);
  const roleB = await open(tabB);
  assert.deepEqual([roleA, roleB].sort(), ['follower', 'leader'], 'exactly one tab holds the SignClient');
  figure(`roles: tab A ${roleA}, tab B ${roleB}`);
});

step('2. tab A connects wallet 1, tab B connects wallet 2: both tabs list both', async () => {
  await connect(tabA, wallet1, 1);
  let started = performance.now();
  figure(`wallet 1 (connected in tab A) listed in tab B after ${await listReaches(tabB, 1, started)} ms`);
  await connect(tabB, wallet2, 2);
  started = performance.now();
  figure(`wallet 2 (connected in tab B) listed in tab A after ${await listReaches(tabA, 2, started)} ms`);
  assert.deepEqual(await topics(tabA), await topics(tabB), 'the same sessions in both tabs');
});

step('3. both tabs reload: 2/2 sessions in each', async () => {
  const before = await topics(tabA);
  const started = performance.now();
  await tabA.reload();
  await roleOf(tabA);
  await tabB.reload();
  await roleOf(tabB);
  await listReaches(tabA, 2, started);
  await listReaches(tabB, 2, started);
  assert.deepEqual(await topics(tabA), before, 'tab A restored both sessions');
  assert.deepEqual(await topics(tabB), before, 'tab B restored both sessions');
  const roles = { A: await roleOf(tabA), B: await roleOf(tabB) };
  assert.deepEqual([roles.A, roles.B].sort(), ['follower', 'leader']);
  leaderTab = roles.A === 'leader' ? tabA : tabB;
  followerTab = leaderTab === tabA ? tabB : tabA;
  figure(
    `after reloading both: tab A ${await count(tabA)}/2, tab B ${await count(tabB)}/2 sessions (${Math.round(performance.now() - started)} ms); now tab A ${roles.A}, tab B ${roles.B}`,
  );
});

step('4. wallet 1 disconnects: gone from both tabs within 2 s', async () => {
  const started = performance.now();
  await wallet1
    .locator('#sessions li', { hasText: 'wc-elements demo' })
    .getByRole('button', { name: /^Disconnect/ })
    .click();
  const [msA, msB] = await Promise.all([listReaches(tabA, 1, started), listReaches(tabB, 1, started)]);
  figure(`wallet-side disconnect left tab A after ${msA} ms, tab B after ${msB} ms (bound ${OTHER_TAB_MS} ms)`);
  assert.ok(msA <= OTHER_TAB_MS && msB <= OTHER_TAB_MS, `both tabs within ${OTHER_TAB_MS} ms (A ${msA}, B ${msB})`);
});

step('5. personal_sign from the follower tab: the wallet answers, the signature verifies', async () => {
  const started = performance.now();
  await followerTab.locator('button[data-method="personal_sign"]').click({ timeout: WAIT });
  const request = wallet2.locator('#requests li[data-method="personal_sign"]');
  await request.waitFor({ timeout: WAIT });
  await request.getByRole('button', { name: /^Approve/ }).click();
  const result = followerTab.locator('#result dl[data-status="resolved"][data-method="personal_sign"]');
  await result.waitFor({ timeout: WAIT });
  const ms = Math.round(performance.now() - started);
  const signature = await result.locator('[data-field="result"]').textContent();
  const message = await result.locator('[data-field="message"]').textContent();
  const address = await wallet2.locator('#address').textContent();
  assert.ok(await verifyMessage({ address, message: { raw: message }, signature }), 'the signature verifies');
  figure(`personal_sign from the follower (${name(followerTab)}) answered by wallet 2 in ${ms} ms (including the click in the wallet)`);
});

/** Records in the page when its controller's list first reaches `n` sessions (Date.now(): one clock for every page). */
const markWhenCount = (page, n) =>
  page.locator('wc-provider').evaluate((p, want) => {
    window.__reachedAt = null;
    p.controller.addEventListener('wc-session-change', (e) => {
      if (e.detail.sessions.length === want) window.__reachedAt ??= Date.now();
    });
  }, n);
const reachedAt = (page) => until(`${name(page)} to record the change`, () => page.evaluate(() => window.__reachedAt));

step("6. disconnect wallet 2 from tab A's list: gone from tab B within 2 s of tab A", async () => {
  await markWhenCount(tabA, 0);
  await markWhenCount(tabB, 0);
  const clicked = Date.now();
  await sessionItems(tabA).first().locator('[part="disconnect-button"]').click({ timeout: WAIT });
  await listReaches(tabB, 0, performance.now());
  await listReaches(tabA, 0, performance.now());
  const [atA, atB] = [await reachedAt(tabA), await reachedAt(tabB)];
  const lag = atB - atA;
  figure(
    `disconnect from tab A's UI (${tabA === leaderTab ? 'leader' : 'follower'}): tab A dropped it ${atA - clicked} ms after the click ` +
      `(the SDK's disconnect round trip, as in a single tab), tab B ${atB - clicked} ms after the click: ${lag} ms after tab A (bound ${OTHER_TAB_MS} ms)`,
  );
  assert.ok(lag <= OTHER_TAB_MS, `tab B within ${OTHER_TAB_MS} ms of tab A (${lag})`);
  await wallet2.locator('#no-sessions').waitFor({ timeout: WAIT });
});

step('7. tab B connects wallet 1 again and disconnects it from its own list: gone from tab A within 2 s of tab B', async () => {
  // Step 6 ran the disconnect in tab A's UI; this one runs it in tab B's, so both roles' UIs are measured whichever tab leads.
  await connect(tabB, wallet1, 1);
  await listReaches(tabA, 1, performance.now());
  await markWhenCount(tabA, 0);
  await markWhenCount(tabB, 0);
  const clicked = Date.now();
  await sessionItems(tabB).first().locator('[part="disconnect-button"]').click({ timeout: WAIT });
  await listReaches(tabA, 0, performance.now());
  await listReaches(tabB, 0, performance.now());
  const [atA, atB] = [await reachedAt(tabA), await reachedAt(tabB)];
  const lag = atA - atB;
  figure(
    `disconnect from tab B's UI (${tabB === leaderTab ? 'leader' : 'follower'}): tab A dropped it ${atA - clicked} ms after the click, ` +
      `tab B ${atB - clicked} ms after the click (tab A ${lag} ms after tab B, negative when before; bound ${OTHER_TAB_MS} ms)`,
  );
  assert.ok(lag <= OTHER_TAB_MS, `tab A within ${OTHER_TAB_MS} ms of tab B (${lag})`);
  await wallet1.locator('#no-sessions').waitFor({ timeout: WAIT });
});
