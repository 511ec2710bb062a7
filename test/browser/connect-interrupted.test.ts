/**
 * Relay/reload faults (issue 11): a reload in the middle of a connect. The old page's QR code and
 * the promise of its proposal are gone; the next controller on the same storage reports
 * `connect-interrupted` and `<wc-connect>` says so and shows a fresh code at once. A "reload" here is
 * the old controller disposed and a new one made over the same storage and prefix. Prints its figure.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/connect/define.js';
import type { WcConnect } from '../../src/elements/connect/connect.js';
import type { SessionController } from '../../src/controller/session-controller.js';
import { connectingKey } from '../../src/controller/interrupted-connect.js';
import { WcError, type WcOperation } from '../../src/errors.js';
import { MemoryStorage } from '../../src/internal/memory-storage.js';
import { FakeController } from '../helpers/fake-controller.js';
import { figure } from '../helpers/faults.js';
import { BASIC_REQUEST, cleanupPeers, makeDapp, makeWallet, nextProposal } from '../helpers/peers.js';
import { alerts, part, shadow } from '../helpers/queries.js';

/** A dApp on its own memory storage and prefix, so that a second one can open them again. */
async function reloadable() {
  const storage = new MemoryStorage();
  const storagePrefix = `interrupted-${Math.random().toString(36).slice(2)}`;
  return { storage, storagePrefix, first: await makeDapp({ storage, storagePrefix }) };
}

/** The wc-error reports of `dapp` from now on. */
function errorsOf(dapp: SessionController): Array<{ error: WcError; operation: WcOperation }> {
  const errors: Array<{ error: WcError; operation: WcOperation }> = [];
  dapp.addEventListener('wc-error', (e) => errors.push(e.detail));
  return errors;
}

describe('a reload in the middle of a connect', function () {
  this.timeout(30_000);
  afterEach(async () => {
    for (const el of document.querySelectorAll('wc-connect')) el.remove();
    await cleanupPeers();
  });

  it('the next controller on the same storage reports connect-interrupted once, and only once', async () => {
    const { storage, storagePrefix, first } = await reloadable();
    void first.connect(BASIC_REQUEST).catch(() => {});
    await nextProposal(first);
    await first.dispose(); // the reload

    const second = await makeDapp({ storage, storagePrefix, noInit: true });
    const errors = errorsOf(second);
    await second.init();
    expect(errors.map((e) => [e.error.code, e.operation])).to.deep.equal([['connect-interrupted', 'connect']]);
    expect(second.state.lastError).to.equal(errors[0]!.error);
    expect(second.state).to.include({ status: 'ready', proposal: null });
    expect((errors[0]!.error.data as { startedAt: number }).startedAt).to.be.a('number');
    await second.dispose(); // reloaded again, with no connect open this time

    const third = await makeDapp({ storage, storagePrefix, noInit: true });
    const later = errorsOf(third);
    await third.init();
    expect(later).to.deep.equal([]);
    expect(third.state.lastError).to.equal(null);
  });

  it('a connect that ended (approved, or cancelled) before the reload is not reported', async () => {
    const { storage, storagePrefix, first } = await reloadable();
    const wallet = await makeWallet();
    const connecting = first.connect(BASIC_REQUEST);
    await wallet.approve(await wallet.pair((await nextProposal(first)).uri));
    await connecting;
    const cancelled = first.connect(BASIC_REQUEST);
    await nextProposal(first);
    first.cancel();
    await cancelled.catch(() => {});
    await first.dispose();

    const second = await makeDapp({ storage, storagePrefix, noInit: true });
    const errors = errorsOf(second);
    await second.init();
    expect(errors).to.deep.equal([]);
    expect(second.state.lastError).to.equal(null);
    expect(second.state.sessions).to.have.length(1);
  });

  it('a connect whose code would have expired anyway by the reload is dropped silently', async () => {
    const { storage, storagePrefix, first } = await reloadable();
    await first.dispose();
    const now = Date.now();
    await storage.setItem(connectingKey(storagePrefix), { startedAt: now - 400_000, expiresAt: now - 100_000 });
    const second = await makeDapp({ storage, storagePrefix, noInit: true });
    const errors = errorsOf(second);
    await second.init();
    expect(errors).to.deep.equal([]);
    expect(await storage.getItem(connectingKey(storagePrefix))).to.equal(undefined);
  });

  it('<wc-connect> that cannot connect (a bad namespace attribute) shows the interruption as an alert instead', async () => {
    const interrupted = new WcError('connect-interrupted', 'interrupted', { operation: 'connect' });
    const fake = new FakeController({ status: 'ready', lastError: interrupted });
    const el = await fixture<WcConnect>(html`<wc-connect chains="eip155:0x1" .controller=${fake}></wc-connect>`);
    await new Promise((resolve) => setTimeout(resolve, 50)); // past the element's deferred resume
    await el.updateComplete;
    expect(alerts(el)).to.have.length(2); // the bad attribute, and the interruption
    expect(alerts(el)[1]).to.equal('The last connection attempt was interrupted when the page reloaded. Connect again.');
    expect(fake.calls.filter((c) => c.method === 'connect')).to.deep.equal([]);
    expect(shadow(el).querySelector('dialog')!.open).to.equal(false);
  });

  it('two <wc-connect> on one controller: one shows the new code, the other no error', async () => {
    const { storage, storagePrefix, first } = await reloadable();
    void first.connect(BASIC_REQUEST).catch(() => {});
    await nextProposal(first);
    await first.dispose();

    const second = await makeDapp({ storage, storagePrefix, noInit: true });
    const errors = errorsOf(second);
    const proposed: string[] = [];
    second.addEventListener('wc-proposal', (e) => proposed.push(e.detail.uri));
    const els = await Promise.all(
      [0, 1].map(() => fixture<WcConnect>(html`<wc-connect chains="eip155:1" methods="personal_sign" mode="inline" .controller=${second}></wc-connect>`)),
    );
    await second.init();
    await waitUntil(() => second.state.proposal !== null && els.some((el) => part(el, 'qr') !== null), 'no new code shown', { timeout: 10_000 });
    await Promise.all(els.map((el) => el.updateComplete));
    // One element starts the new connect and shows it; the other shows nothing (an element adopts only
    // proposals a script opened, never another element's), so there is one code, shown once.
    expect(els.map((el) => part(el, 'qr') !== null).sort()).to.deep.equal([false, true]);
    expect(proposed).to.have.length(1);
    expect(els.flatMap((el) => alerts(el))).to.deep.equal([]);
    expect(errors.map((e) => e.error.code)).to.deep.equal(['connect-interrupted']);
  });

  it('<wc-connect> says the connect was interrupted and shows a new code within 1 s, which connects', async () => {
    const { storage, storagePrefix, first } = await reloadable();
    const old = await fixture<WcConnect>(html`<wc-connect chains="eip155:1" methods="personal_sign" .controller=${first}></wc-connect>`);
    part<HTMLButtonElement>(old, 'button')!.click();
    const oldUri = (await nextProposal(first)).uri;
    old.remove();
    await first.dispose(); // the reload: the page, its element and its controller go away

    const started = performance.now();
    const second = await makeDapp({ storage, storagePrefix, noInit: true });
    const el = await fixture<WcConnect>(html`<wc-connect chains="eip155:1" methods="personal_sign" .controller=${second}></wc-connect>`);
    void second.init();
    await waitUntil(() => part<HTMLInputElement>(el, 'uri')?.value.startsWith('wc:') && part(el, 'qr') !== null, 'no new code shown', {
      timeout: 10_000,
      interval: 10,
    });
    const took = performance.now() - started;
    figure(`reload mid-connect: "interrupted" and a new QR code shown ${Math.round(took)} ms after the new controller was made`);
    const uri = part<HTMLInputElement>(el, 'uri')!.value;
    expect(uri).to.not.equal(oldUri);
    expect(shadow(el).querySelector('dialog')!.open).to.equal(true);
    expect(shadow(el).querySelector('[part="panel"]')!.textContent).to.contain('interrupted when the page reloaded');
    expect(second.state.status).to.equal('awaiting-approval');

    // The new code is a real one: a wallet pairs with it and the element shows the session.
    const wallet = await makeWallet();
    await wallet.approve(await wallet.pair(uri));
    await waitUntil(() => part(el, 'session') !== null, 'not connected', { timeout: 10_000 });
    expect(shadow(el).querySelector('dialog')!.open).to.equal(false);
  });
});
