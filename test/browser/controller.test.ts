/**
 * SessionController against a real wallet SignClient through the dev relay: pairing, required vs
 * granted, requests, peer updates and events, extend, ping, disconnect from both sides, expiry,
 * relay drop, restore after a "reload", pairing reuse, cancel and proposal expiry.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { SessionController } from '../../src/controller/session-controller.js';
import type { WcControllerEventMap } from '../../src/events.js';
import { MemoryStorage } from '../../src/internal/memory-storage.js';
import { REQUIRED_PROPERTY } from '../../src/internal/required-property.js';
import {
  ADDRESS,
  BASIC_REQUEST,
  cleanupPeers,
  connectAndApprove,
  connectedPair,
  EVM_EVENTS,
  EVM_METHODS,
  makeDapp,
  makeWallet,
  nextProposal,
} from '../helpers/peers.js';
import { rejection as rejects } from '../helpers/faults.js';
import { dropRelay } from '../helpers/relay.js';

/** A dApp on its own memory storage and prefix (to reopen it later) with one approved session. */
async function storedPair(label: string) {
  const storage = new MemoryStorage();
  const storagePrefix = `${label}-${Math.random().toString(36).slice(2)}`;
  const first = await makeDapp({ storage, storagePrefix });
  const wallet = await makeWallet();
  const session = await connectAndApprove(first, wallet);
  return { storage, storagePrefix, first, wallet, session };
}

/** Records every controller event by name, in order. */
function record(dapp: SessionController) {
  const seen: Array<{ type: string; detail: unknown }> = [];
  const names: Array<keyof WcControllerEventMap> = [
    'wc-status-change',
    'wc-session-change',
    'wc-proposal',
    'wc-proposal-expire',
    'wc-session-event',
    'wc-request',
    'wc-error',
    'wc-pairing-change',
  ];
  for (const name of names) dapp.addEventListener(name, (e) => seen.push({ type: e.type, detail: e.detail }));
  return {
    seen,
    of: <K extends keyof WcControllerEventMap>(type: K) => seen.filter((s) => s.type === type).map((s) => s.detail as WcControllerEventMap[K]['detail']),
  };
}

describe('SessionController with a real wallet', () => {
  afterEach(cleanupPeers);

  it('pairs, and the wallet approving a subset shows exactly what was granted', async () => {
    const dapp = await makeDapp();
    const wallet = await makeWallet();
    const events = record(dapp);
    const connecting = dapp.connect(BASIC_REQUEST);
    const proposal = await nextProposal(dapp);
    expect(proposal.uri).to.match(/^wc:[0-9a-f]{64}@2\?/);
    expect(dapp.state.status).to.equal('awaiting-approval');
    expect(proposal.expiry).to.be.greaterThan(Date.now() / 1000);
    const walletProposal = await wallet.pair(proposal.uri);
    // The pinned SDK folds required into optional on the wire.
    expect(walletProposal.params.requiredNamespaces).to.deep.equal({});
    // …so the controller names the required set in a session property a wallet can read.
    expect(JSON.parse(walletProposal.params.sessionProperties![REQUIRED_PROPERTY]!)).to.deep.equal(BASIC_REQUEST.requiredNamespaces);
    await wallet.approve(walletProposal, { chains: ['eip155:1', 'eip155:137'] });
    const session = await connecting;

    expect(session.chains).to.have.members(['eip155:1', 'eip155:137']);
    expect(session.accounts).to.include(`eip155:1:${ADDRESS}`);
    expect(session.unmet.chains).to.deep.equal([]);
    expect(session.notGranted.chains).to.deep.equal(['eip155:10']);
    expect(session.peer.metadata.name).to.equal('Test Wallet');
    expect(dapp.state.status).to.equal('connected');
    expect(dapp.state.proposal).to.equal(null);
    expect(dapp.state.activeTopic).to.equal(session.topic);
    expect(dapp.getSession(session.topic)).to.equal(session);
    expect(events.of('wc-proposal')).to.have.length(1);
    const changes = events.of('wc-session-change');
    expect(changes.map((c) => c.reason)).to.deep.equal(['connect']);
    expect(changes[0]!.topic).to.equal(session.topic);
    expect(events.of('wc-status-change').map((s) => s.status)).to.deep.equal(['connecting', 'awaiting-approval', 'connected']);
    expect(Object.isFrozen(dapp.state)).to.equal(true);
    expect(Object.isFrozen(session)).to.equal(true);
    expect(dapp.state.pairings.some((p) => p.topic === session.pairingTopic && p.active)).to.equal(true);
  });

  it('reports required items the wallet did not grant as required-unmet', async () => {
    const dapp = await makeDapp();
    const wallet = await makeWallet();
    const events = record(dapp);
    const session = await connectAndApprove(dapp, wallet, BASIC_REQUEST, { methods: ['personal_sign', 'eth_signTypedData_v4'] });
    expect(session.unmet.methods).to.deep.equal(['eth_sendTransaction']);
    const errors = events.of('wc-error');
    expect(errors).to.have.length(1);
    expect(errors[0]!.error.code).to.equal('required-unmet');
    expect(errors[0]!.error.data).to.deep.include({ methods: ['eth_sendTransaction'] });
    expect(dapp.state.lastError?.code).to.equal('required-unmet');
  });

  it('drops a session missing required items when told to, and rejects connect', async () => {
    const dapp = await makeDapp({ onRequiredUnmet: 'disconnect' });
    const wallet = await makeWallet();
    const events = record(dapp);
    const connecting = dapp.connect(BASIC_REQUEST);
    const proposal = await wallet.pair((await nextProposal(dapp)).uri);
    await wallet.approve(proposal, { chains: ['eip155:137'] });
    const error = await rejects(connecting);
    expect(error.code).to.equal('required-unmet');
    expect((error.data as { chains: string[] }).chains).to.deep.equal(['eip155:1']);
    expect(dapp.state.sessions).to.have.length(0);
    expect(events.of('wc-session-change')).to.have.length(0); // it never entered state
    expect(events.of('wc-error').map((e) => e.error.code)).to.deep.equal(['required-unmet']);
    await wallet.deletes.next('session_delete at the wallet');
  });

  it('sends a request, the wallet answers, and the pending request resolves', async () => {
    const { dapp, wallet, session } = await connectedPair();
    const events = record(dapp);
    const result = dapp.request<string>({ chainId: 'eip155:1', method: 'personal_sign', params: ['0x68656c6c6f', ADDRESS] });
    const incoming = await wallet.requests.next('session_request');
    expect(incoming.params.request.method).to.equal('personal_sign');
    expect(incoming.params.chainId).to.equal('eip155:1');
    await waitUntil(() => dapp.state.pendingRequests.length === 1, 'request pending in state');
    expect(dapp.state.pendingRequests[0]!.topic).to.equal(session.topic);
    await wallet.respond(incoming, '0xsignature');
    expect(await result).to.equal('0xsignature');
    expect(dapp.state.pendingRequests).to.have.length(0);
    expect(dapp.state.recentRequests[0]!.status).to.equal('resolved');
    expect(events.of('wc-request').map((r) => r.status)).to.deep.equal(['pending', 'resolved']);
  });

  it('maps a wallet rejection to user-rejected and reports it', async () => {
    const { dapp, wallet } = await connectedPair();
    const events = record(dapp);
    const result = dapp.request({ chainId: 'eip155:137', method: 'eth_sendTransaction', params: [{}] });
    await wallet.rejectRequest(await wallet.requests.next('session_request'));
    const error = await rejects(result);
    expect(error.code).to.equal('user-rejected');
    expect(events.of('wc-request').map((r) => r.status)).to.deep.equal(['pending', 'rejected']);
    expect(events.of('wc-error')).to.have.length(1);
  });

  it('cancels a request through an AbortSignal without reporting an error', async () => {
    const { dapp, wallet } = await connectedPair();
    const events = record(dapp);
    const abort = new AbortController();
    const result = dapp.request({ chainId: 'eip155:1', method: 'personal_sign', params: ['0x02', ADDRESS], signal: abort.signal });
    await wallet.requests.next('session_request');
    await waitUntil(() => dapp.state.pendingRequests.length === 1, 'pending');
    abort.abort();
    expect((await rejects(result)).code).to.equal('cancelled');
    expect(dapp.state.pendingRequests).to.have.length(0);
    expect(events.of('wc-request').map((r) => r.status)).to.deep.equal(['pending', 'rejected']);
    expect(events.of('wc-error')).to.have.length(0);
  });

  it('refuses a request on a chain or method the session does not grant, without sending it', async () => {
    const { dapp } = await connectedPair();
    expect((await rejects(dapp.request({ chainId: 'eip155:56', method: 'personal_sign' }))).code).to.equal('unsupported-chain');
    expect((await rejects(dapp.request({ chainId: 'eip155:1', method: 'eth_sign' }))).code).to.equal('unsupported-method');
    expect((await rejects(dapp.request({ chainId: 'not a chain', method: 'personal_sign' }))).code).to.equal('invalid-namespace');
    expect(dapp.state.pendingRequests).to.have.length(0);
  });

  it('follows the wallet updating namespaces and emitting events', async () => {
    const { dapp, wallet, session } = await connectedPair();
    const events = record(dapp);
    const namespaces = {
      eip155: {
        chains: ['eip155:1', 'eip155:137', 'eip155:8453'],
        accounts: ['eip155:1', 'eip155:137', 'eip155:8453'].map((c) => `${c}:${ADDRESS}`),
        methods: [...EVM_METHODS, 'eth_signTypedData_v4'],
        events: EVM_EVENTS,
      },
    };
    const { acknowledged } = await wallet.client.update({ topic: session.topic, namespaces });
    await acknowledged();
    await waitUntil(() => dapp.getSession(session.topic)?.chains.includes('eip155:8453'), 'update reached the dApp');
    await wallet.client.emit({ topic: session.topic, chainId: 'eip155:137', event: { name: 'chainChanged', data: 137 } });
    await waitUntil(() => events.of('wc-session-event').length === 1, 'session event');
    expect(events.of('wc-session-event')[0]).to.deep.equal({ topic: session.topic, chainId: 'eip155:137', name: 'chainChanged', data: 137 });
    expect(events.of('wc-session-change').map((c) => c.reason)).to.deep.equal(['update', 'event']);
  });

  it('rejects a malformed update from the wallet and keeps the last good namespaces', async () => {
    const { dapp, wallet, session } = await connectedPair();
    const events = record(dapp);
    // Bypass the wallet's own validation to send what a hostile peer could.
    const engine = wallet.client.engine as unknown as { isValidUpdate: () => Promise<void> };
    engine.isValidUpdate = async () => {};
    const bad = { eip155: { chains: ['eip155:1'], accounts: ['javascript:alert(1)'], methods: ['personal_sign'], events: [] } };
    const { acknowledged } = await wallet.client.update({ topic: session.topic, namespaces: bad });
    const answer = await acknowledged().then(
      () => 'accepted',
      () => 'rejected',
    );
    expect(answer).to.equal('rejected');
    await waitUntil(() => events.of('wc-error').length === 1, 'wc-error for the bad update');
    expect(events.of('wc-error')[0]!.error.code).to.equal('invalid-peer-data');
    expect(dapp.getSession(session.topic)!.accounts).to.include(`eip155:1:${ADDRESS}`);
    expect(dapp.client!.session.get(session.topic).namespaces['eip155']!.accounts).to.not.include('javascript:alert(1)');
  });

  it('extends a session and moves its expiry forward', async () => {
    const { dapp, wallet, session } = await connectedPair();
    // Pretend a day has passed so the extension is visible.
    await dapp.client!.session.update(session.topic, { expiry: session.expiry - 86400 });
    const extended = await dapp.extend(session.topic);
    expect(extended.expiry).to.be.greaterThan(session.expiry - 86400);
    expect(extended.status).to.equal('active');
    await waitUntil(() => wallet.client.session.get(session.topic).expiry >= extended.expiry - 5, 'wallet saw the extension');
  });

  it('pings the wallet and reports the round trip', async () => {
    const { dapp, session } = await connectedPair();
    const ms = await dapp.ping();
    expect(ms).to.be.a('number').and.to.be.at.least(0);
    expect(dapp.getSession(session.topic)!.lastPingMs).to.equal(ms);
  });

  it('disconnects from the dApp side: the session goes here and reaches the wallet', async () => {
    const { dapp, wallet, session } = await connectedPair();
    const events = record(dapp);
    await dapp.disconnect(session.topic);
    expect(dapp.state.sessions).to.have.length(0);
    expect(dapp.state.status).to.equal('ready');
    expect(events.of('wc-session-change').map((c) => c.reason)).to.deep.equal(['disconnect']);
    expect((await wallet.deletes.next('session_delete')).topic).to.equal(session.topic);
  });

  it('follows a disconnect from the wallet side', async () => {
    const { dapp, wallet, session } = await connectedPair();
    const events = record(dapp);
    await wallet.client.disconnect({ topic: session.topic, reason: { code: 6000, message: 'bye' } });
    await waitUntil(() => dapp.state.sessions.length === 0, 'session removed');
    expect(events.of('wc-session-change').map((c) => c.reason)).to.deep.equal(['delete']);
  });

  it('removes an expired session', async () => {
    const { dapp, session } = await connectedPair();
    const events = record(dapp);
    dapp.client!.core.expirer.set(session.topic, Math.floor(Date.now() / 1000) - 1);
    await waitUntil(() => dapp.state.sessions.length === 0, 'session expired', { timeout: 10_000 });
    expect(events.of('wc-session-change').map((c) => c.reason)).to.deep.equal(['expire']);
  });

  it('reconnects after the relay drops every socket, and requests still work', async () => {
    const { dapp, wallet } = await connectedPair();
    const statuses = record(dapp);
    await dropRelay();
    await waitUntil(() => statuses.of('wc-status-change').some((s) => s.status === 'reconnecting'), 'reconnecting shown');
    await waitUntil(() => dapp.state.relay === 'connected' && dapp.state.status === 'connected', 'reconnected', { timeout: 10_000 });
    const result = dapp.request({ chainId: 'eip155:1', method: 'personal_sign', params: ['0x00', ADDRESS] });
    await wallet.respond(await wallet.requests.next('request after reconnect', 15_000), '0xok');
    expect(await result).to.equal('0xok');
  });

  it('restores sessions and a pending request in a new controller over the same storage', async () => {
    const { storage, storagePrefix, first, wallet, session } = await storedPair('restore');
    void first.request({ chainId: 'eip155:1', method: 'personal_sign', params: ['0x01', ADDRESS] }).catch(() => {});
    const incoming = await wallet.requests.next('request before reload');
    await first.dispose(); // the "reload"

    const second = await makeDapp({ storage, storagePrefix });
    expect(second.state.sessions.map((s) => s.topic)).to.deep.equal([session.topic]);
    expect(second.state.sessions[0]!.notGranted.chains).to.deep.equal([]);
    expect(second.state.sessions[0]!.requested).to.deep.equal(BASIC_REQUEST);
    expect(second.state.pendingRequests.map((r) => r.id)).to.deep.equal([incoming.id]);
    expect(second.state.pendingRequests[0]!.method).to.equal('personal_sign');
    const events = record(second);
    await wallet.respond(incoming, '0xlate');
    await waitUntil(() => second.state.recentRequests[0]?.status === 'resolved', 'late result shown', { timeout: 15_000 });
    expect(second.state.recentRequests[0]!.result).to.equal('0xlate');
    expect(second.state.pendingRequests).to.have.length(0);
    expect(events.of('wc-request').map((r) => r.status)).to.deep.equal(['resolved']);
  });

  it('reuses an existing pairing without a new URI', async () => {
    const dapp = await makeDapp();
    const wallet = await makeWallet();
    const first = await connectAndApprove(dapp, wallet);
    const connecting = dapp.connect({ ...BASIC_REQUEST, pairingTopic: first.pairingTopic });
    const proposal = await nextProposal(dapp);
    expect(proposal.reusedPairing).to.equal(true);
    expect(proposal.uri).to.equal('');
    expect(proposal.peer?.name).to.equal('Test Wallet');
    await wallet.approve(await wallet.proposals.next('proposal over the old pairing'));
    const second = await connecting;
    expect(second.pairingTopic).to.equal(first.pairingTopic);
    expect(dapp.state.sessions).to.have.length(2);
    expect(dapp.state.activeTopic).to.equal(second.topic);
  });

  it('cancels an open proposal', async () => {
    const dapp = await makeDapp();
    const events = record(dapp);
    const connecting = dapp.connect(BASIC_REQUEST);
    await nextProposal(dapp);
    dapp.cancel();
    expect((await rejects(connecting)).code).to.equal('cancelled');
    expect(dapp.state.proposal).to.equal(null);
    expect(dapp.state.status).to.equal('ready');
    expect(events.of('wc-error')).to.have.length(0);
  });

  it('cancels through an AbortSignal', async () => {
    const dapp = await makeDapp();
    const abort = new AbortController();
    const connecting = dapp.connect({ ...BASIC_REQUEST, signal: abort.signal });
    await nextProposal(dapp);
    abort.abort();
    expect((await rejects(connecting)).code).to.equal('cancelled');
  });

  it('refuses a second connect while one is open', async () => {
    const dapp = await makeDapp();
    const first = dapp.connect(BASIC_REQUEST);
    first.catch(() => {});
    expect((await rejects(dapp.connect(BASIC_REQUEST))).code).to.equal('busy');
  });

  it('expires a proposal the wallet never answers', async () => {
    const dapp = await makeDapp({ proposalTtl: 1 });
    const events = record(dapp);
    const connecting = dapp.connect(BASIC_REQUEST);
    const { uri } = await nextProposal(dapp);
    const error = await rejects(connecting);
    expect(error.code).to.equal('proposal-expired');
    expect(events.of('wc-proposal-expire')).to.deep.equal([
      { uri, pairingTopic: dapp.state.pairings.find((p) => uri.includes(p.topic))?.topic ?? events.of('wc-proposal-expire')[0]!.pairingTopic },
    ]);
    expect(dapp.state.proposal).to.equal(null);
    expect(dapp.state.lastError?.code).to.equal('proposal-expired');
    expect(events.of('wc-error')).to.have.length(1);
  });

  it('validates namespaces before proposing', async () => {
    const dapp = await makeDapp();
    const bad = { requiredNamespaces: { eip155: { chains: ['eip155:1', 'solana:abc'], methods: [], events: [] } }, optionalNamespaces: {} };
    const error = await rejects(dapp.connect(bad));
    expect(error.code).to.equal('invalid-namespace');
    expect(error.message).to.contain('solana:abc');
    expect(dapp.state.lastError).to.equal(error);
  });

  it('says offline clearly when the browser is offline, instead of the SDK throwing', async () => {
    const dapp = await makeDapp();
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      const error = await rejects(dapp.connect(BASIC_REQUEST));
      expect(error.code).to.equal('offline');
      expect(dapp.state.lastError?.code).to.equal('offline');
      expect(dapp.state.proposal).to.equal(null);
    } finally {
      delete (navigator as { onLine?: boolean }).onLine; // back to the prototype's getter
    }
    expect(navigator.onLine).to.equal(true);
  });

  it('never loads the Verify iframe on a dev relay', async () => {
    const dapp = await makeDapp();
    const frames: Node[] = [];
    const observer = new MutationObserver((records) => records.forEach((r) => frames.push(...[...r.addedNodes].filter((n) => n.nodeName === 'IFRAME'))));
    observer.observe(document.body, { childList: true, subtree: true });
    const connecting = dapp.connect(BASIC_REQUEST);
    connecting.catch(() => {});
    await nextProposal(dapp);
    observer.disconnect();
    expect(frames).to.have.length(0);
  });
});

describe('SessionController configuration and storage', () => {
  afterEach(cleanupPeers);

  it('rejects bad options with a typed error and a wc-error event', async () => {
    const dapp = new SessionController({ relayUrl: 'http://example.org' });
    const errors: string[] = [];
    dapp.addEventListener('wc-error', (e) => errors.push(e.detail.error.code));
    const error = await rejects(dapp.init());
    expect(error.code).to.equal('invalid-option');
    expect(error.message).to.contain('relayUrl');
    expect(errors).to.deep.equal(['invalid-option']);
    expect(dapp.state.status).to.equal('error');
  });

  it('requires a projectId for the public relay', async () => {
    const error = await rejects(new SessionController({}).init());
    expect(error.code).to.equal('not-configured');
  });

  it('refuses a second controller on the same storage prefix', async () => {
    const first = await makeDapp({ storagePrefix: 'shared-prefix' });
    const error = await rejects(makeDapp({ storagePrefix: 'shared-prefix' }));
    expect(error.code).to.equal('invalid-option');
    await first.dispose();
    await makeDapp({ storagePrefix: 'shared-prefix' }); // free again after dispose
  });

  it('drops unreadable stored records and keeps the good sessions', async () => {
    const { storage, storagePrefix, first, session } = await storedPair('corrupt');
    await first.dispose();
    const key = (await storage.getKeys()).find((k) => k.endsWith('//session'))!;
    const stored = (await storage.getItem<Array<Record<string, unknown>>>(key))!;
    await storage.setItem(key, [...stored, { ...stored[0], topic: undefined }, { broken: true }]);

    const second = await makeDapp({ storage, storagePrefix, noInit: true });
    const errors: string[] = [];
    second.addEventListener('wc-error', (e) => errors.push(e.detail.error.code));
    await second.init();
    expect(second.state.sessions.map((s) => s.topic)).to.deep.equal([session.topic]);
    expect(errors).to.include('storage-corrupt');
    expect(second.state.persistent).to.equal(true);
  });

  it('falls back to memory when storage never answers, and says sessions will not persist', async () => {
    const hanging: import('@walletconnect/keyvaluestorage').IKeyValueStorage = {
      getKeys: () => new Promise<string[]>(() => {}),
      getEntries: <T>() => new Promise<[string, T][]>(() => {}),
      getItem: <T>() => new Promise<T | undefined>(() => {}),
      setItem: () => new Promise<void>(() => {}),
      removeItem: () => new Promise<void>(() => {}),
    };
    const dapp = await makeDapp({ storage: hanging, initTimeout: 500, noInit: true });
    const errors: string[] = [];
    dapp.addEventListener('wc-error', (e) => errors.push(e.detail.error.code));
    await dapp.init();
    expect(dapp.state.status).to.equal('ready');
    expect(dapp.state.persistent).to.equal(false);
    expect(errors).to.deep.equal(['storage-unavailable']);
    const wallet = await makeWallet();
    await connectAndApprove(dapp, wallet);
    expect(dapp.state.sessions).to.have.length(1);
  });

  it('adopts a SignClient the page made itself', async () => {
    const made = await makeDapp();
    const adopted = new SessionController({ client: made.client! });
    await adopted.init();
    expect(adopted.client).to.equal(made.client);
    const wallet = await makeWallet();
    await connectAndApprove(adopted, wallet);
    expect(adopted.state.sessions).to.have.length(1);
    await adopted.dispose();
  });

  it('rejects every operation after dispose', async () => {
    const dapp = await makeDapp();
    await dapp.dispose();
    expect((await rejects(dapp.connect())).code).to.equal('disposed');
    expect((await rejects(dapp.ping())).code).to.equal('disposed');
    expect(dapp.state.status).to.equal('idle');
  });
});
