/**
 * One-Click Auth (`controller.authenticate()`, wc_sessionAuthenticate / SIWE) against a real wallet
 * SignClient through the dev relay: a verified sign-in, a forged and a replayed CACAO, a reused
 * nonce, a rejecting wallet, and a wallet without One-Click Auth (fallback to personal_sign).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { formatMessage } from '@walletconnect/utils';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { verifyMessage } from 'viem';
import type { AuthenticateParams } from '../../src/controller/api.js';
import type { WcErrorEvent } from '../../src/events.js';
import { AuthWallet } from '../helpers/auth.js';
import { rejection } from '../helpers/faults.js';
import { MemoryStorage } from '../../src/internal/memory-storage.js';
import { connectAndApprove, makeDapp, makeWallet, nextProposal, usePeers } from '../helpers/peers.js';

let nonceSeq = 0;
const params = (patch: Partial<AuthenticateParams> = {}): AuthenticateParams => ({
  chains: ['eip155:1', 'eip155:137'],
  domain: 'dapp.example',
  uri: 'https://dapp.example/login',
  nonce: `n${Date.now().toString(36)}x${(nonceSeq++).toString(36)}abcdef`,
  statement: 'Sign in to the test dApp',
  methods: ['personal_sign', 'eth_sendTransaction'],
  ...patch,
});

function errorsOf(dapp: EventTarget): WcErrorEvent['detail'][] {
  const seen: WcErrorEvent['detail'][] = [];
  dapp.addEventListener('wc-error', (e) => seen.push((e as WcErrorEvent).detail));
  return seen;
}

describe('SessionController.authenticate() with a real wallet', () => {
  usePeers();

  it('signs in: one URI, a verified CACAO, and the session in state', async () => {
    const dapp = await makeDapp();
    const wallet = new AuthWallet(await makeWallet());
    const signingIn = dapp.authenticate(params());
    const proposal = await nextProposal(dapp);
    expect(proposal.uri).to.match(/^wc:/);
    expect(dapp.state.status).to.equal('awaiting-approval');
    const request = await wallet.pair(proposal.uri);
    expect(request.params.authPayload.domain).to.equal('dapp.example');
    await wallet.approve(request, {}, 'eip155:137');
    const result = await signingIn;
    expect(result.fallback).to.equal(false);
    expect(result.address.toLowerCase()).to.equal(wallet.account.address.toLowerCase());
    expect(result.chainId).to.equal('eip155:137');
    expect(result.cacaos).to.have.length(1);
    // The signature checks out independently of the library.
    const cacao = result.cacaos[0]!;
    const valid = await verifyMessage({ address: wallet.account.address, message: formatMessage(cacao.p, cacao.p.iss), signature: cacao.s.s as `0x${string}` });
    expect(valid).to.equal(true);
    expect(dapp.state.sessions.map((s) => s.topic)).to.deep.equal([result.session.topic]);
    expect(dapp.state.activeTopic).to.equal(result.session.topic);
    expect(dapp.state.proposal).to.equal(null);
    expect(dapp.state.status).to.equal('connected');
    expect(result.session.accounts).to.include(`eip155:137:${wallet.account.address}`);
    expect(result.session.namespaces['eip155']?.methods).to.include('eth_sendTransaction');
  });

  it('keeps the sign-in on its session: in the view, restored by a new controller on the same storage, gone after a disconnect', async () => {
    const storage = new MemoryStorage();
    const storagePrefix = `signin-${Math.random().toString(36).slice(2)}`;
    const first = await makeDapp({ storage, storagePrefix });
    const wallet = new AuthWallet(await makeWallet());
    const signingIn = first.authenticate(params());
    await wallet.approve(await wallet.pair((await nextProposal(first)).uri), {}, 'eip155:137');
    const result = await signingIn;
    const cacao = result.cacaos[0]!;
    const expected = {
      address: wallet.account.address,
      chainId: 'eip155:137',
      domain: 'dapp.example',
      issuedAt: Math.floor(Date.parse(cacao.p.iat!) / 1000),
      expiry: cacao.p.exp ? Math.floor(Date.parse(cacao.p.exp) / 1000) : null,
      fallback: false,
    };
    expect(result.session.auth).to.deep.equal(expected);
    expect(first.getSession(result.session.topic)!.auth).to.deep.equal(expected);
    expect(first.state.sessions[0]!.auth).to.deep.equal(expected);
    await first.dispose(); // the reload

    const second = await makeDapp({ storage, storagePrefix });
    expect(second.state.sessions.map((s) => s.topic)).to.deep.equal([result.session.topic]);
    expect(second.getSession(result.session.topic)!.auth).to.deep.equal(expected);
    await second.disconnect(result.session.topic);
    await second.dispose();

    const third = await makeDapp({ storage, storagePrefix });
    expect(third.state.sessions).to.have.length(0);
    expect(await storage.getItem(`wc-elements//sign-ins:${storagePrefix}`)).to.deep.equal({});
  });

  it('a session made by connect() carries no sign-in', async () => {
    const dapp = await makeDapp();
    const wallet = await makeWallet();
    const session = await connectAndApprove(dapp, wallet);
    expect(session.auth).to.equal(null);
  });

  it('refuses a forged CACAO (signed by another key): auth-invalid, wc-error, no session left', async () => {
    const dapp = await makeDapp();
    const errors = errorsOf(dapp);
    const wallet = new AuthWallet(await makeWallet());
    // Handled from the start: it may reject before the wallet's own call returns.
    const signingIn = rejection(dapp.authenticate(params()));
    const request = await wallet.pair((await nextProposal(dapp)).uri);
    await wallet.approve(request, { signer: privateKeyToAccount(generatePrivateKey()), bypassWalletCheck: true });
    const error = await signingIn;
    expect(error.code).to.equal('auth-invalid');
    expect(error.operation).to.equal('authenticate');
    expect(errors.map((e) => [e.error.code, e.operation])).to.deep.equal([['auth-invalid', 'authenticate']]);
    expect(dapp.state.sessions).to.have.length(0);
    expect(dapp.client!.session.getAll()).to.have.length(0);
    expect(dapp.state.proposal).to.equal(null);
    expect(dapp.state.lastError?.code).to.equal('auth-invalid');
  });

  it('refuses a CACAO for another nonce (a replayed sign-in) and drops the session the SDK made', async () => {
    const dapp = await makeDapp();
    const wallet = new AuthWallet(await makeWallet());
    // Handled from the start: it may reject before the wallet's own call returns.
    const signingIn = rejection(dapp.authenticate(params()));
    const request = await wallet.pair((await nextProposal(dapp)).uri);
    await wallet.approve(request, { tamper: (p) => ({ ...p, nonce: 'oldnonce12345' }) });
    const error = await signingIn;
    expect(error.code).to.equal('auth-invalid');
    expect(dapp.state.sessions).to.have.length(0);
    expect(dapp.client!.session.getAll()).to.have.length(0);
  });

  it('refuses a nonce it has seen before, without sending anything', async () => {
    const dapp = await makeDapp();
    const wallet = new AuthWallet(await makeWallet());
    const first = params();
    const signingIn = dapp.authenticate(first);
    await wallet.approve(await wallet.pair((await nextProposal(dapp)).uri));
    await signingIn;
    const pairings = dapp.client!.core.pairing.getPairings().length;
    const error = await rejection(dapp.authenticate({ ...first }));
    expect(error.code).to.equal('nonce-reused');
    expect(dapp.state.proposal).to.equal(null);
    expect(dapp.client!.core.pairing.getPairings()).to.have.length(pairings);
    // A new nonce works again.
    const again = dapp.authenticate(params());
    expect((await nextProposal(dapp)).uri).to.match(/^wc:/);
    dapp.cancel();
    expect((await rejection(again)).code).to.equal('cancelled');
  });

  it('refuses malformed arguments as invalid-argument', async () => {
    const dapp = await makeDapp();
    const bad: Array<[unknown, string]> = [
      [undefined, 'params'],
      [{ ...params(), chains: [] }, 'params.chains'],
      [{ ...params(), chains: ['solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp'] }, 'params.chains'],
      [{ ...params(), domain: '' }, 'params.domain'],
      [{ ...params(), uri: 'not a uri' }, 'params.uri'],
      [{ ...params(), nonce: 'short' }, 'params.nonce'],
      [{ ...params(), statement: 'two\nlines' }, 'params.statement'],
      [{ ...params(), methods: [] }, 'params.methods'],
    ];
    for (const [value, argument] of bad) {
      const error = await rejection(dapp.authenticate(value as AuthenticateParams));
      expect(error.code, argument).to.equal('invalid-argument');
      expect((error.data as { argument: string }).argument).to.equal(argument);
    }
    expect(dapp.state.proposal).to.equal(null);
  });

  it('a wallet that rejects the sign-in rejects it with user-rejected and leaves nothing', async () => {
    const dapp = await makeDapp();
    const wallet = new AuthWallet(await makeWallet());
    // Handled from the start: it may reject before the wallet's own call returns.
    const signingIn = rejection(dapp.authenticate(params()));
    await wallet.reject(await wallet.pair((await nextProposal(dapp)).uri));
    const error = await signingIn;
    expect(error.code).to.equal('user-rejected');
    expect(dapp.state.sessions).to.have.length(0);
    expect(dapp.state.proposal).to.equal(null);
  });

  it('falls back for a wallet without One-Click Auth: a session, then personal_sign of the same SIWE message', async () => {
    const dapp = await makeDapp();
    const plain = await makeWallet(); // no session_authenticate listener: it answers the session proposal
    const account = privateKeyToAccount(generatePrivateKey());
    const asked = params();
    const signingIn = dapp.authenticate(asked);
    const proposal = await plain.pair((await nextProposal(dapp)).uri);
    const namespaces = {
      eip155: {
        chains: ['eip155:1'],
        accounts: [`eip155:1:${account.address}`],
        methods: proposal.params.optionalNamespaces['eip155']!.methods,
        events: ['chainChanged', 'accountsChanged'],
      },
    };
    await (await plain.client.approve({ id: proposal.id, namespaces })).acknowledged();
    const sign = await plain.requests.next('personal_sign');
    expect(sign.params.request.method).to.equal('personal_sign');
    const [message, address] = sign.params.request.params as [string, string];
    expect(address).to.equal(account.address);
    expect(message).to.contain('dapp.example wants you to sign in with your Ethereum account:');
    await plain.respond(sign, await account.signMessage({ message }));
    const result = await signingIn;
    expect(result.fallback).to.equal(true);
    expect(result.address).to.equal(account.address);
    expect(result.chainId).to.equal('eip155:1');
    expect(result.cacaos[0]!.p.nonce).to.equal(asked.nonce);
    expect(result.cacaos[0]!.p.iss).to.equal(`did:pkh:eip155:1:${account.address}`);
    const cacao = result.cacaos[0]!;
    expect(await verifyMessage({ address: account.address, message: formatMessage(cacao.p, cacao.p.iss), signature: cacao.s.s as `0x${string}` })).to.equal(
      true,
    );
    expect(dapp.state.sessions.map((s) => s.topic)).to.deep.equal([result.session.topic]);
    expect(dapp.getSession(result.session.topic)!.auth).to.include({ address: account.address, chainId: 'eip155:1', domain: 'dapp.example', fallback: true });
  });

  it('fallback with a wrong signature: auth-invalid and the session is dropped', async () => {
    const dapp = await makeDapp();
    const plain = await makeWallet();
    const account = privateKeyToAccount(generatePrivateKey());
    // Handled from the start: it may reject before the wallet's own call returns.
    const signingIn = rejection(dapp.authenticate(params()));
    const proposal = await plain.pair((await nextProposal(dapp)).uri);
    const namespaces = {
      eip155: { chains: ['eip155:1'], accounts: [`eip155:1:${account.address}`], methods: ['personal_sign'], events: ['chainChanged', 'accountsChanged'] },
    };
    await (await plain.client.approve({ id: proposal.id, namespaces })).acknowledged();
    const sign = await plain.requests.next('personal_sign');
    const [message] = sign.params.request.params as [string];
    await plain.respond(sign, await privateKeyToAccount(generatePrivateKey()).signMessage({ message }));
    const error = await signingIn;
    expect(error.code).to.equal('auth-invalid');
    await waitUntil(() => dapp.state.sessions.length === 0, 'the session is dropped');
  });

  it('never hangs: a wallet answering "method unsupported" (which the SDK ignores) ends with proposal-expired at the TTL', async () => {
    // 2 s: the controller floors "now" to whole seconds, so a 1 s code may live only a few ms
    const dapp = await makeDapp({ proposalTtl: 2 });
    const errors = errorsOf(dapp);
    const wallet = new AuthWallet(await makeWallet()); // listens for session_authenticate, so it ignores the proposal
    const signingIn = rejection(dapp.authenticate(params()));
    await wallet.reject(await wallet.pair((await nextProposal(dapp)).uri), 10001, 'Unsupported wc_ method. wc_sessionAuthenticate');
    const error = await signingIn;
    expect(error.code).to.equal('proposal-expired');
    expect(error.operation).to.equal('authenticate');
    expect(errors.map((e) => e.operation)).to.deep.equal(['authenticate']);
    expect(dapp.state.proposal).to.equal(null);
    expect(dapp.state.sessions).to.have.length(0);
  });
});
