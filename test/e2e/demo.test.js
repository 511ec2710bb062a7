// End to end: the demo dApp and the demo wallet, two real WalletConnect peers in headless Chromium,
// talking through the dev relay that `npm start` runs (the same startDemo()). Steps run in order and
// build on each other; each saves screenshots to test/e2e/screenshots/ (git-ignored) and fails on any
// page error, unhandled rejection or console error in any page.
//
//   node --test test/e2e/            (needs dist/: `npm run build`, or startDemo builds it when missing)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { formatMessage } from '@walletconnect/utils';
import { verifyMessage, verifyTypedData } from 'viem';
import { WebSocket } from 'ws';
import { startDemo } from '../../demo/server/start.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/chromium.mjs';
import { approveInWallet as approve, sessionItems, until, WAIT, watchPages } from './helpers.js';

const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const SEVEN_DAYS = 7 * 24 * 3600;

let demo;
let browser;
let context;
/** The pages, as the steps open them. */
let dapp;
let wallet;
/** Page errors, unhandled rejections and console errors, since the last step ended. */
const problems = [];
const timings = [];
let failed = false;

before(async () => {
  await mkdir(SHOTS, { recursive: true });
  demo = await startDemo({ port: 0, relayPort: 0, build: 'auto' });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // Every page the context opens (popups included) is watched from its first moment.
  watchPages(context, problems);
});

after(async () => {
  await browser?.close();
  await demo?.close();
  if (timings.length) {
    console.log('e2e step timings:');
    for (const [name, ms] of timings) console.log(`  ${(ms / 1000).toFixed(2).padStart(6)} s  ${name}`);
    console.log(`  ${(timings.reduce((n, [, ms]) => n + ms, 0) / 1000).toFixed(2).padStart(6)} s  total`);
  }
});

/** One step: timed, skipped after an earlier failure, failing on any problem the pages reported. */
function step(name, body) {
  test(name, { timeout: 60_000 }, async (t) => {
    if (failed) return t.skip('an earlier step failed');
    problems.length = 0;
    const started = performance.now();
    let error;
    try {
      await body();
    } catch (e) {
      error = e;
    }
    const ms = performance.now() - started;
    timings.push([name, ms]);
    console.log(`${name}: ${(ms / 1000).toFixed(2)} s`);
    const found = problems.splice(0);
    if (error || found.length) failed = true;
    if (error) {
      if (found.length) error.message += `\npage problems:\n${found.join('\n')}`;
      throw error;
    }
    assert.deepEqual(found, [], 'no page error, unhandled rejection or console error');
  });
}

// ---- helpers ----

const shot = (page, name, options = {}) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), ...options });
const shotOf = (locator, name) => locator.screenshot({ path: path.join(SHOTS, `${name}.png`) });

/** A picker row by its readable name, exactly. */
const pickerRow = (picker, name) => picker.locator('li').filter({ has: picker.page().locator('[part="item-name"]', { hasText: new RegExp(`^${name}$`) }) });

const chainChips = async (page) => (await page.locator('wc-session-list [part="chain"]').allTextContents()).map((s) => s.trim()).sort();
const sameSet = (a, b) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

/** The wallet's entry for the demo dApp's session. */
const walletSession = () => wallet.locator('#sessions li', { hasText: 'wc-elements demo' });

const approveInWallet = () => approve(wallet);

/**
 * Forwards the page's WebSockets for `from` (scheme://host:port) to `to`, frame by frame, so a page
 * with a fixed relay URL talks to this run's relay without being modified or re-served.
 */
function proxySockets(page, from, to) {
  const closeCode = (code) => (code === 1000 || (code >= 3000 && code <= 4999) ? code : 1000);
  return page.routeWebSocket(
    (url) => url.href.startsWith(from),
    (route) => {
      const upstream = new WebSocket(to + route.url().slice(from.length));
      const early = [];
      upstream.on('open', () => early.splice(0).forEach((m) => upstream.send(m)));
      upstream.on('message', (data, binary) => route.send(binary ? data : data.toString()));
      upstream.on('close', (code) => route.close({ code: closeCode(code) }).catch(() => {}));
      upstream.on('error', () => {}); // a close follows
      route.onMessage((message) => (upstream.readyState === WebSocket.OPEN ? upstream.send(message) : early.push(message)));
      route.onClose((code) => upstream.close(closeCode(code)));
    },
  );
}

// ---- the steps ----

step('1. connect: QR and URI, the wallet grants all but one optional chain', async () => {
  dapp = await context.newPage();
  await dapp.goto(`${demo.url}?prefix=e2e-dapp`);
  // The dApp's picker locks what is required.
  const ethereum = pickerRow(dapp.locator('wc-namespace-picker'), 'Ethereum').locator('input');
  assert.ok((await ethereum.isChecked()) && (await ethereum.isDisabled()), 'Ethereum is required: ticked and locked');

  await dapp.locator('wc-connect#connect button[part="button"]').click({ timeout: WAIT });
  await dapp.locator('wc-connect#connect svg[part="qr"]').waitFor({ timeout: WAIT });
  const uri = await dapp.locator('wc-connect#connect input[part="uri"]').inputValue();
  assert.match(uri, /^wc:[0-9a-f]{64}@2\?/);
  const refused = dapp.locator('wc-connect#connect [part="error"]', { hasText: 'wallet-links' });
  assert.equal(await refused.count(), 0, `<wc-connect> refused the demo wallet's link: ${await refused.allTextContents()}`);
  const link = dapp.locator('wc-connect#connect a[part="wallet-link"]', { hasText: 'Demo wallet' });
  assert.equal(
    await link.getAttribute('href', { timeout: WAIT }),
    `${new URL(demo.url).origin}/wallet.html#uri=${encodeURIComponent(uri)}`,
    '"Open in Demo wallet" opens the demo wallet with the URI',
  );
  await shot(dapp, '01-connect-qr');
  await shotOf(dapp.locator('wc-connect#connect dialog'), '01-connect-dialog');

  // "Open in Demo wallet" opens the wallet in a new tab, which pairs from its address.
  [wallet] = await Promise.all([context.waitForEvent('page', { timeout: WAIT }), link.click()]);
  const picker = wallet.locator('wc-namespace-picker');
  await picker.locator('[part="approve-button"]').waitFor({ timeout: WAIT });
  assert.equal((await picker.locator('[part="name"]').textContent()).trim(), 'wc-elements demo wants to connect');
  await pickerRow(picker, 'Polygon').locator('input').uncheck();
  await shot(wallet, '01-wallet-proposal', { fullPage: true });
  await approveInWallet();

  await until('one session in the dApp list', async () => (await sessionItems(dapp).count()) === 1);
  await until('exactly the granted chains', async () => sameSet(await chainChips(dapp), ['Ethereum', 'OP Mainnet', 'Base', 'Solana']));
  assert.match(await sessionItems(dapp).locator('[part="not-granted"]').textContent(), /Polygon/);
  await until('the dialog to close', async () => !(await dapp.locator('wc-connect#connect dialog').isVisible()));
  await shot(dapp, '01-dapp-connected', { fullPage: true });
  await shotOf(dapp.locator('wc-session-list'), '01-session-list');
  // On a phone the same page must fit: no sideways scrolling.
  const desktop = dapp.viewportSize();
  await dapp.setViewportSize({ width: 390, height: 844 });
  try {
    await until('the page to reflow to 390 px', async () => (await dapp.evaluate(() => document.documentElement.scrollWidth)) <= 390);
    await shot(dapp, '01-dapp-phone', { fullPage: true });
  } finally {
    if (desktop) await dapp.setViewportSize(desktop);
  }
});

step('2. personal_sign: the wallet signs, the signature verifies for its address', async () => {
  await dapp.locator('button[data-method="personal_sign"]').click({ timeout: WAIT });
  const request = wallet.locator('#requests li[data-method="personal_sign"]');
  await request.waitFor({ timeout: WAIT });
  await shot(wallet, '02-wallet-request');
  await request.getByRole('button', { name: /^Approve/ }).click();

  const result = dapp.locator('#result dl[data-status="resolved"][data-method="personal_sign"]');
  await result.waitFor({ timeout: WAIT });
  const signature = await result.locator('[data-field="result"]').textContent();
  const message = await result.locator('[data-field="message"]').textContent();
  const address = await wallet.locator('#address').textContent();
  assert.ok(await verifyMessage({ address, message: { raw: message }, signature }), 'the signature verifies');
  await shot(dapp, '02-dapp-result');
});

step('3. chainChanged and a namespace update reach the list and the log', async () => {
  const session = walletSession();
  await session.locator('select[data-role="event-chain"]').selectOption('eip155:10');
  await session.getByRole('button', { name: 'Emit chainChanged' }).click();
  const event = dapp.locator('#log li[data-event="wc-session-event"]', { hasText: 'name=chainChanged' }).first();
  await event.waitFor({ timeout: WAIT });
  assert.match(await event.textContent(), /chainId=eip155:10/);
  await dapp.locator('#active', { hasText: '(eip155:10)' }).waitFor({ timeout: WAIT }); // requests follow the wallet

  await session.locator('select[data-role="add-chain"]').selectOption('eip155:137');
  await session.getByRole('button', { name: /^Add chain/ }).click();
  await until('Polygon granted in the dApp list', async () => sameSet(await chainChips(dapp), ['Ethereum', 'OP Mainnet', 'Base', 'Polygon', 'Solana']));
  assert.equal(await sessionItems(dapp).locator('[part="not-granted"]').count(), 0, 'nothing left ungranted');
  await dapp.locator('#log li[data-event="wc-session-change"]', { hasText: 'reason=update' }).first().waitFor({ timeout: WAIT });
  await shot(dapp, '03-dapp-updated', { fullPage: true });
});

step('4. extend from the dApp: the expiry moves forward in both pages', async () => {
  const dappExpiry = sessionItems(dapp).locator('[part="expiry"] time');
  const walletExpiry = walletSession().locator('time[data-field="expiry"]');
  const dappBefore = Date.parse(await dappExpiry.getAttribute('datetime'));
  const walletBefore = Date.parse(await walletExpiry.getAttribute('datetime'));
  // An extension is "now + 7 days" in whole seconds: let the clock pass the current expiry's second.
  await until('the clock to pass the current expiry', async () => Date.now() / 1000 + SEVEN_DAYS >= dappBefore / 1000 + 1);

  await sessionItems(dapp).locator('[part="extend-button"]').click();
  await until('a later expiry in the dApp', async () => Date.parse(await dappExpiry.getAttribute('datetime')) > dappBefore);
  await until('a later expiry in the wallet', async () => Date.parse(await walletExpiry.getAttribute('datetime')) > walletBefore);
  await shot(wallet, '04-wallet-extended', { fullPage: true });
});

step('5. reload the dApp mid-request: the request survives and its result arrives', async () => {
  await dapp.locator('button[data-method="eth_signTypedData_v4"]').click({ timeout: WAIT });
  const request = wallet.locator('#requests li[data-method="eth_signTypedData_v4"]');
  await request.waitFor({ timeout: WAIT });

  await dapp.reload();
  const pending = sessionItems(dapp).locator('[part="request"]', { hasText: 'eth_signTypedData_v4' });
  await pending.waitFor({ timeout: WAIT });
  await dapp.locator('#result dl[data-status="pending"][data-method="eth_signTypedData_v4"]').waitFor({ timeout: WAIT });
  await shot(dapp, '05-dapp-reloaded-pending', { fullPage: true });

  await request.getByRole('button', { name: /^Approve/ }).click();
  const result = dapp.locator('#result dl[data-status="resolved"][data-method="eth_signTypedData_v4"]');
  await result.waitFor({ timeout: WAIT });
  await pending.waitFor({ state: 'detached', timeout: WAIT });
  const signature = await result.locator('[data-field="result"]').textContent();
  // What was signed, from the controller's public snapshot (the page shows only the result).
  const sent = await dapp
    .locator('wc-provider')
    .evaluate((provider) => provider.controller.state.recentRequests.find((r) => r.method === 'eth_signTypedData_v4')?.params);
  const address = await wallet.locator('#address').textContent();
  assert.ok(await verifyTypedData({ address, ...JSON.parse(sent[1]), signature }), 'the typed-data signature verifies');
  await shot(dapp, '05-dapp-result-after-reload');
});

step('6. the wallet disconnects: the list empties and connecting is offered again', async () => {
  await walletSession()
    .getByRole('button', { name: /^Disconnect/ })
    .click();
  await dapp.locator('wc-session-list [part="empty"]').waitFor({ timeout: WAIT });
  await dapp.locator('wc-connect#connect button[part="button"]', { hasText: 'Connect wallet' }).waitFor({ timeout: WAIT });
  assert.equal(await dapp.locator('wc-connect#connect [part="session"]').count(), 0);
  await wallet.locator('#no-sessions').waitFor({ timeout: WAIT });
  await shot(dapp, '06-dapp-disconnected');
});

step('7. reconnect over the existing pairing, without a QR code', async () => {
  await dapp.locator('wc-connect#connect button[part="reconnect-button"]', { hasText: 'Demo wallet' }).click({ timeout: WAIT });
  await dapp.locator('wc-connect#connect [part="use-qr-button"]').waitFor({ timeout: WAIT });
  assert.equal(await dapp.locator('wc-connect#connect svg[part="qr"]').count(), 0, 'no QR code while the known wallet is asked');
  await shot(dapp, '07-dapp-reuse-pairing');

  await approveInWallet();
  await until('the new session in the dApp list', async () => (await sessionItems(dapp).count()) === 1);
  assert.equal(await dapp.locator('wc-connect#connect svg[part="qr"]').count(), 0);
});

step('8. the zero-script embed page connects', async () => {
  const embed = await context.newPage();
  // The page, unchanged, names the dev relay's default port; its sockets go to this run's relay.
  await proxySockets(embed, 'ws://127.0.0.1:8787', demo.relayUrl);
  await embed.goto(`${demo.url}embed.html`);
  const scripts = await embed.locator('script').evaluateAll((list) => list.map((s) => s.getAttribute('src')));
  assert.deepEqual(scripts, ['/dist/wc-elements.js'], 'the page has no script but the bundle');

  await embed.locator('wc-connect button[part="button"]').click({ timeout: WAIT });
  const input = embed.locator('wc-connect input[part="uri"]');
  await input.waitFor({ timeout: WAIT });
  const uri = await input.inputValue();
  await wallet.locator('#uri').fill(uri);
  await wallet.getByRole('button', { name: 'Pair' }).click();
  await approveInWallet();
  await until('a session on the embed page', async () => (await sessionItems(embed).count()) === 1);
  await shot(embed, '08-embed-connected', { fullPage: true });
  await embed.close();
});

step('9. a proposal left to expire gets a fresh QR code', async () => {
  const page = await context.newPage();
  await page.goto(`${demo.url}?ttl=3&prefix=e2e-ttl`);
  await page.locator('wc-connect#connect button[part="button"]').click({ timeout: WAIT });
  const input = page.locator('wc-connect#connect input[part="uri"]');
  await input.waitFor({ timeout: WAIT });
  const first = await input.inputValue();
  await shot(page, '09-ttl-first-qr');
  await until('a new URI after the expiry', async () => {
    const value = await input.inputValue({ timeout: 1000 });
    return value.startsWith('wc:') && value !== first;
  });
  await page.locator('wc-connect#connect svg[part="qr"]').waitFor({ timeout: WAIT });
  await page.locator('#log li[data-event="wc-proposal-expire"]').first().waitFor({ timeout: WAIT });
  await shot(page, '09-ttl-refreshed-qr');
  await page.close();
});

step('10. the viem panel signs through the EIP-1193 provider and shows the verified signer', async () => {
  await dapp.locator('#viem-sign').click({ timeout: WAIT });
  const request = wallet.locator('#requests li[data-method="personal_sign"]');
  await request.waitFor({ timeout: WAIT });
  await request.getByRole('button', { name: /^Approve/ }).click();

  const result = dapp.locator('#viem-result dl[data-status="verified"]');
  await result.waitFor({ timeout: WAIT });
  const address = await wallet.locator('#address').textContent();
  assert.equal(await result.locator('[data-field="signer"]').textContent(), address, 'the verified signer is the wallet');
  const message = await result.locator('[data-field="message"]').textContent();
  const signature = await result.locator('[data-field="signature"]').textContent();
  assert.ok(await verifyMessage({ address, message, signature }), 'the signature verifies in Node too');
  await shot(dapp, '10-dapp-viem-panel');
});

step('11. sign in (One-Click Auth): the wallet signs the SIWE message, Node verifies it, a reload shows the signed-in session', async () => {
  const signIn = dapp.locator('wc-connect#sign-in');
  // Inline: the QR shows in its card (a dApp with a session already offers "Connect another wallet", which signs in too).
  await signIn.locator('button[part="button"]').click({ timeout: WAIT });
  const input = signIn.locator('input[part="uri"]');
  await input.waitFor({ timeout: WAIT });
  await wallet.locator('#uri').fill(await input.inputValue());
  await wallet.getByRole('button', { name: 'Pair' }).click();

  const request = wallet.locator('#sign-ins li[data-kind="sign-in"]');
  await request.waitFor({ timeout: WAIT });
  const shown = await request.locator('[data-field="siwe"]').textContent();
  const address = await wallet.locator('#address').textContent();
  assert.match(shown, /wants you to sign in with your Ethereum account:/);
  assert.ok(shown.includes(address), 'the wallet shows the message it signs, with its own address');
  assert.ok(shown.includes('Sign in to the wc-elements demo'), 'the statement the dApp set');
  await shot(wallet, '11-wallet-sign-in', { fullPage: true });
  await request.getByRole('button', { name: /^Approve/ }).click();

  const result = dapp.locator('#auth-result dl[data-status="signed-in"]');
  await result.waitFor({ timeout: WAIT });
  assert.equal(await result.locator('[data-field="address"]').textContent(), address);
  const cacao = JSON.parse(await result.locator('[data-field="cacao"]').textContent());
  const host = new URL(demo.url).host;
  assert.equal(cacao.p.domain, host);
  assert.equal(cacao.p.iss.split(':').at(-1), address);
  // The signature, checked in Node on the message rebuilt from the CACAO (what the wallet signed).
  const message = formatMessage(cacao.p, cacao.p.iss);
  assert.ok(await verifyMessage({ address, message, signature: cacao.s.s }), 'the SIWE signature verifies in Node');
  const topic = await result.locator('[data-field="topic"]').textContent();
  const marked = dapp.locator('wc-session-list [part="signed-in"]');
  await marked.first().waitFor({ timeout: WAIT });
  assert.match(await marked.first().textContent(), new RegExp(`Signed in as 0x[0-9a-fA-F]{4}…[0-9a-fA-F]{4} on ${host.replace(/[.]/g, '[.]')}`));
  await shot(dapp, '11-dapp-signed-in', { fullPage: true });

  await dapp.reload();
  await until('the signed-in session restored after the reload', async () => (await dapp.locator('wc-session-list [part="signed-in"]').count()) === 1);
  assert.match(await dapp.locator('wc-session-list [part="signed-in"]').textContent(), /Signed in as/);
  const restored = await dapp
    .locator('wc-provider')
    .evaluate((provider, t) => provider.controller.state.sessions.find((s) => s.topic === t)?.auth ?? null, topic);
  assert.equal(restored?.address, address);
  assert.equal(restored?.domain, host);
  await shot(dapp, '11-dapp-signed-in-after-reload', { fullPage: true });
});
