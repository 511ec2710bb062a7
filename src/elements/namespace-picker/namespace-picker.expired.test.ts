/**
 * Approve mode must refuse an expired proposal: no `wc-namespace-approve`, a visible error, a
 * `wc-error` (`proposal-expired`), Reject still works. The proposals come from a real dApp
 * (SessionController) through the dev relay to a real wallet SignClient; their expiry is forced
 * into the past (the SDK always gives 300 s), or set a moment ahead to expire while shown.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './define.js';
import type { WcNamespacePicker } from './namespace-picker.js';
import type { WcErrorEvent, WcNamespaceApproveEvent, WcNamespaceRejectEvent } from '../../events.js';
import { ADDRESS, BASIC_REQUEST, cleanupPeers, getSdkError, makeDapp, makeWallet, nextProposal } from '../../../test/helpers/peers.js';
import type { ProposalTypes } from '@walletconnect/types';

const q = (el: WcNamespacePicker, part: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${part}"]`);
const approveButton = (el: WcNamespacePicker) => q(el, 'approve-button') as HTMLButtonElement;
const rejectButton = (el: WcNamespacePicker) => q(el, 'reject-button') as HTMLButtonElement;
const ACCOUNTS = [`eip155:1:${ADDRESS}`, `eip155:137:${ADDRESS}`, `eip155:10:${ADDRESS}`];

/** A real proposal: a real dApp connects, a real wallet pairs and receives it. */
async function realProposal() {
  const [dapp, wallet] = await Promise.all([makeDapp(), makeWallet()]);
  const connecting = dapp.connect(BASIC_REQUEST);
  connecting.catch(() => {});
  const { uri } = await nextProposal(dapp);
  const proposal = await wallet.pair(uri);
  return { dapp, wallet, connecting, proposal };
}

/** Records what the picker fires. */
function listen(el: WcNamespacePicker) {
  const seen = { approve: [] as WcNamespaceApproveEvent[], reject: [] as WcNamespaceRejectEvent[], error: [] as WcErrorEvent[] };
  el.addEventListener('wc-namespace-approve', (e) => seen.approve.push(e));
  el.addEventListener('wc-namespace-reject', (e) => seen.reject.push(e));
  el.addEventListener('wc-error', (e) => seen.error.push(e));
  return seen;
}

async function picker(proposal: ProposalTypes.Struct): Promise<{ el: WcNamespacePicker; seen: ReturnType<typeof listen> }> {
  const el = await fixture<WcNamespacePicker>(html`<wc-namespace-picker mode="approve" .accounts=${ACCOUNTS}></wc-namespace-picker>`);
  const seen = listen(el);
  el.proposal = proposal;
  await el.updateComplete;
  return { el, seen };
}

describe('<wc-namespace-picker mode="approve"> and expired proposals', () => {
  afterEach(cleanupPeers);

  it('a real proposal already expired: no approve, a visible error, one wc-error, Reject still works', async () => {
    const { wallet, connecting, proposal } = await realProposal();
    const expired = { ...proposal.params, expiryTimestamp: Math.floor(Date.now() / 1000) - 1 };
    const { el, seen } = await picker(expired);

    expect(approveButton(el).disabled).to.equal(true);
    expect(rejectButton(el).disabled).to.equal(false);
    const error = q(el, 'error')!;
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.equal('The request from Test dApp has expired and can no longer be approved. Only rejecting is possible.');
    expect(el.namespaces).to.equal(null);
    expect(seen.error.map((e) => [e.detail.error.code, e.detail.operation])).to.deep.equal([['proposal-expired', 'peer']]);
    for (const box of el.shadowRoot!.querySelectorAll('input')) expect(box.disabled).to.equal(true);

    // even a forced click (or a keyboard user racing the render) does not approve
    approveButton(el).disabled = false;
    approveButton(el).click();
    await el.updateComplete;
    expect(seen.approve).to.have.length(0);
    expect(seen.error).to.have.length(1);
    await expect(el).to.be.accessible();

    rejectButton(el).click();
    expect(seen.reject.map((e) => e.detail.id)).to.deep.equal([proposal.id]);
    await wallet.client.reject({ id: proposal.id, reason: getSdkError('USER_REJECTED') });
    const answer = await connecting.then(
      () => 'connected',
      (e: { code?: string }) => e.code,
    );
    expect(answer).to.equal('user-rejected');
    console.log(`[figure] expired proposal: ${seen.approve.length} approve events of 2 attempts (render + forced click); reject answered the real dApp`);
  });

  it('a real proposal expiring while shown: Approve turns off at the expiry, and a stale click is refused', async () => {
    const { proposal } = await realProposal();
    const soon = { ...proposal.params, expiryTimestamp: Math.floor(Date.now() / 1000) + 2 }; // 1–2 s ahead
    const { el, seen } = await picker(soon);
    const before = approveButton(el).disabled;
    const shownBefore = q(el, 'error');
    // a click while still valid would approve; wait for the expiry without clicking
    await waitUntil(() => approveButton(el).disabled && q(el, 'error') !== null, 'Approve disabled at the expiry', { timeout: 8000 });
    expect(before).to.equal(false);
    expect(shownBefore).to.equal(null);
    expect(seen.error.map((e) => e.detail.error.code)).to.deep.equal(['proposal-expired']);
    approveButton(el).disabled = false;
    approveButton(el).click();
    expect(seen.approve).to.have.length(0);
    expect(rejectButton(el).disabled).to.equal(false);
  });

  it('the click itself re-checks the clock: an expiry the timer has not seen yet still blocks approve', async () => {
    const { proposal } = await realProposal();
    const { el, seen } = await picker(proposal.params);
    expect(approveButton(el).disabled).to.equal(false);
    // the proposal object is the one the picker shows; its expiry passes without a re-render
    (el.proposal as { expiryTimestamp: number }).expiryTimestamp = Math.floor(Date.now() / 1000) - 1;
    approveButton(el).click();
    await el.updateComplete;
    expect(seen.approve).to.have.length(0);
    expect(approveButton(el).disabled).to.equal(true);
    expect(seen.error.map((e) => e.detail.error.code)).to.deep.equal(['proposal-expired']);
  });

  it('an unexpired real proposal still approves (the check does not block good ones)', async () => {
    const { wallet, connecting, proposal } = await realProposal();
    const { el, seen } = await picker(proposal.params);
    approveButton(el).click();
    expect(seen.approve).to.have.length(1);
    expect(seen.error).to.have.length(0);
    const { acknowledged } = await wallet.client.approve({ id: seen.approve[0]!.detail.id, namespaces: seen.approve[0]!.detail.namespaces });
    await acknowledged();
    const session = await connecting;
    expect(session.accounts).to.include(`eip155:1:${ADDRESS}`);
  });
});
