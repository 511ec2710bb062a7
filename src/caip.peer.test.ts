/**
 * Semantic chain ids between real peers: a real wallet SignClient that grants `eip155:01` or
 * updates to `eip155:0x1` is refused by the dApp's SessionController exactly like any other
 * malformed peer data (invalid-peer-data), and a dApp cannot ask for such a chain either.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { isWcError, type WcError } from './errors.js';
import { ADDRESS, BASIC_REQUEST, EVM_EVENTS, EVM_METHODS, cleanupPeers, connectAndApprove, makeDapp, makeWallet, nextProposal } from '../test/helpers/peers.js';

const rejection = (p: Promise<unknown>): Promise<WcError> =>
  p.then(
    () => expect.fail('should have been refused'),
    (e: unknown) => {
      if (!isWcError(e)) throw e;
      return e;
    },
  );

describe('chain ids between real peers', () => {
  afterEach(cleanupPeers);

  it('a dApp asking for eip155:0x1 is refused before any proposal', async () => {
    const dapp = await makeDapp();
    let proposals = 0;
    dapp.addEventListener('wc-proposal', () => proposals++);
    const error = await rejection(
      dapp.connect({ requiredNamespaces: { eip155: { chains: ['eip155:0x1'], methods: EVM_METHODS, events: EVM_EVENTS } }, optionalNamespaces: {} }),
    );
    expect(error.code).to.equal('invalid-namespace');
    expect(error.message).to.contain('"eip155:0x1"');
    expect(proposals).to.equal(0);
  });

  it('a wallet granting eip155:01 or updating to eip155:0x1 is refused as invalid-peer-data', async () => {
    let refused = 0;

    // 1. the grant itself
    const dapp = await makeDapp();
    const wallet = await makeWallet();
    const connecting = dapp.connect(BASIC_REQUEST);
    const { uri } = await nextProposal(dapp);
    const proposal = await wallet.pair(uri);
    // the SDK's own isValidChainId accepts it; bypass the rest of its checks as a hostile wallet would
    (wallet.client.engine as unknown as { isValidApprove: () => Promise<void> }).isValidApprove = async () => {};
    const bad = { eip155: { chains: ['eip155:01'], accounts: [`eip155:01:${ADDRESS}`], methods: EVM_METHODS, events: EVM_EVENTS } };
    await wallet.client.approve({ id: proposal.id, namespaces: bad });
    const granted = await rejection(connecting);
    expect(granted.code).to.equal('invalid-peer-data');
    expect(granted.message).to.contain('eip155:01');
    expect(dapp.sessions).to.have.length(0);
    refused++;
    // the controller tells the wallet it will not keep the session
    await wallet.deletes.next('session_delete');

    // 2. an update on a good session
    const wallet2 = await makeWallet();
    const session = await connectAndApprove(dapp, wallet2);
    const errors: WcError[] = [];
    dapp.addEventListener('wc-error', (e) => errors.push(e.detail.error));
    (wallet2.client.engine as unknown as { isValidUpdate: () => Promise<void> }).isValidUpdate = async () => {};
    const update = { eip155: { chains: ['eip155:0x1'], accounts: [`eip155:0x1:${ADDRESS}`], methods: EVM_METHODS, events: EVM_EVENTS } };
    const { acknowledged } = await wallet2.client.update({ topic: session.topic, namespaces: update });
    expect(
      await acknowledged().then(
        () => 'accepted',
        () => 'rejected',
      ),
    ).to.equal('rejected');
    await waitUntil(() => errors.length === 1, 'wc-error for the update');
    expect(errors[0]!.code).to.equal('invalid-peer-data');
    expect(dapp.getSession(session.topic)!.chains).to.not.include('eip155:0x1');
    expect(dapp.getSession(session.topic)!.accounts).to.include(`eip155:1:${ADDRESS}`);
    refused++;
    // nor can the dApp send a request on such a chain
    const request = await rejection(dapp.request({ topic: session.topic, chainId: 'eip155:01', method: 'personal_sign', params: [] }));
    expect(request.code).to.equal('invalid-namespace');

    console.log(
      `[figure] semantic chain ids via relay: ${refused} of 2 wallet grants with non-chains refused as invalid-peer-data; ${dapp.sessions.length} good session kept`,
    );
    expect(refused).to.equal(2);
  });
});
