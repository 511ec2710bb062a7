/**
 * The picker between real peers: a real SessionController (dApp) connects with the request-mode
 * picker's `.value`, a real wallet SignClient receives the proposal, the approve-mode picker builds
 * the namespaces and the wallet approves them through the dev relay.
 */
import { expect, fixture, html } from '@open-wc/testing';
import './define.js';
import type { WcNamespacePicker } from './namespace-picker.js';
import type { WcNamespaceApproveEvent, WcNamespaceRejectEvent } from '../../events.js';
import { ADDRESS, SOLANA_ADDRESS, SOLANA_MAINNET, cleanupPeers, getSdkError, makeDapp, makeWallet, nextProposal } from '../../../test/helpers/peers.js';
import { box } from '../../../test/helpers/queries.js';

describe('<wc-namespace-picker> with real peers', () => {
  afterEach(cleanupPeers);

  it('request-mode value → real proposal → approve-mode namespaces → a session with exactly what was ticked', async () => {
    const [dapp, wallet] = await Promise.all([makeDapp(), makeWallet()]);

    const request = await fixture<WcNamespacePicker>(html`<wc-namespace-picker
      chains="eip155:1"
      methods="personal_sign"
      events="chainChanged"
      optional-chains="eip155:137 eip155:8453 ${SOLANA_MAINNET}"
      optional-methods="eip155:eth_signTypedData_v4 solana:solana_signMessage"
      optional-events="eip155:accountsChanged"
    ></wc-namespace-picker>`);
    box(request, 'Base').click(); // the dApp user narrows the request
    await request.updateComplete;
    expect(request.valid).to.equal(true);

    const connecting = dapp.connect(request.value);
    const { uri } = await nextProposal(dapp);
    const proposal = await wallet.pair(uri);
    // the pinned SDK folds the required namespaces into the optional ones
    expect(proposal.params.requiredNamespaces).to.deep.equal({});
    expect(proposal.params.optionalNamespaces['eip155']!.chains).to.deep.equal(['eip155:1', 'eip155:137']);

    const approve = await fixture<WcNamespacePicker>(html`<wc-namespace-picker mode="approve"></wc-namespace-picker>`);
    approve.accounts = [`eip155:1:${ADDRESS}`, `eip155:137:${ADDRESS}`, `eip155:8453:${ADDRESS}`, `${SOLANA_MAINNET}:${SOLANA_ADDRESS}`];
    approve.proposal = proposal.params;
    await approve.updateComplete;
    expect(approve.shadowRoot!.querySelector('[part="name"]')!.textContent).to.equal('Test dApp wants to connect');
    // what the dApp required is locked for the wallet user, though the SDK sent it as optional
    for (const required of ['Ethereum', 'personal_sign', 'chainChanged']) {
      expect(box(approve, required).disabled, required).to.equal(true);
      expect(box(approve, required).checked, required).to.equal(true);
    }
    expect(box(approve, 'Polygon').disabled).to.equal(false);
    box(approve, 'Polygon').click(); // the wallet user narrows the grant
    await approve.updateComplete;

    const approved = new Promise<WcNamespaceApproveEvent>((resolve) => approve.addEventListener('wc-namespace-approve', (e) => resolve(e), { once: true }));
    approve.shadowRoot!.querySelector<HTMLButtonElement>('[part="approve-button"]')!.click();
    const { detail } = await approved;
    const { acknowledged } = await wallet.client.approve({ id: detail.id, namespaces: detail.namespaces });
    await acknowledged();
    const session = await connecting;

    expect(session.namespaces['eip155']!.accounts).to.deep.equal([`eip155:1:${ADDRESS}`]);
    expect(session.namespaces['eip155']!.methods).to.have.members(['personal_sign', 'eth_signTypedData_v4']);
    expect(session.namespaces['eip155']!.events).to.have.members(['chainChanged', 'accountsChanged']);
    expect(session.namespaces['solana']!.accounts).to.deep.equal([`${SOLANA_MAINNET}:${SOLANA_ADDRESS}`]);
    expect(session.unmet).to.deep.equal({ chains: [], methods: [], events: [] });
  });

  it('reject: the page rejects with the event detail and the dApp learns it', async () => {
    const [dapp, wallet] = await Promise.all([makeDapp(), makeWallet()]);
    const connecting = dapp.connect({
      requiredNamespaces: { eip155: { chains: ['eip155:1'], methods: ['personal_sign'], events: [] } },
      optionalNamespaces: {},
    });
    connecting.catch(() => {});
    const { uri } = await nextProposal(dapp);
    const proposal = await wallet.pair(uri);
    const el = await fixture<WcNamespacePicker>(html`<wc-namespace-picker
      mode="approve"
      .accounts=${[`eip155:1:${ADDRESS}`]}
      .proposal=${proposal.params}
    ></wc-namespace-picker>`);
    const rejected = new Promise<WcNamespaceRejectEvent>((resolve) => el.addEventListener('wc-namespace-reject', (e) => resolve(e), { once: true }));
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="reject-button"]')!.click();
    const { detail } = await rejected;
    await wallet.client.reject({ id: detail.id, reason: getSdkError('USER_REJECTED') });
    const error = await connecting.then(
      () => null,
      (e: unknown) => e as { code?: string },
    );
    expect(error?.code).to.equal('user-rejected');
  });
});
