// @ts-check
// One-Click Auth (wc_sessionAuthenticate, CAIP-122 / SIWE) between two real 2.21.8 SignClients
// through the dev relay: the relay carries the request, the signed CACAO and the new session.
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { buildAuthObject, populateAuthPayload } from '@walletconnect/utils';
import { verifyMessage } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { startRelay } from '../../demo/server/relay.js';
import { SignClient, TEST_TIMEOUT_MS, closeClient, createClient, nextEvent, within } from './helpers.js';

const T = { timeout: TEST_TIMEOUT_MS };

/** @type {Array<() => Promise<unknown>>} */
let cleanups = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

describe('One-Click Auth through the dev relay', () => {
  it('carries wc_sessionAuthenticate, the signed CACAO, and the session it makes', T, async () => {
    const relay = await startRelay();
    cleanups.push(() => relay.close());
    const dapp = await createClient(SignClient, 'dapp', relay);
    const wallet = await createClient(SignClient, 'wallet', relay, { signConfig: { disableRequestQueue: true } });
    cleanups.push(() => Promise.all([closeClient(dapp), closeClient(wallet)]));
    const account = privateKeyToAccount(generatePrivateKey());

    const started = performance.now();
    const { uri, response } = await dapp.authenticate({
      chains: ['eip155:1'],
      domain: 'dapp.example',
      uri: 'https://dapp.example/login',
      nonce: 'relaytest12345',
      statement: 'Sign in through the dev relay',
      methods: ['personal_sign'],
    });
    const answered = response();
    const request = nextEvent(wallet, 'session_authenticate');
    await wallet.pair({ uri });
    const { id, params } = await request;
    assert.equal(params.authPayload.nonce, 'relaytest12345');
    const payload = populateAuthPayload({ authPayload: params.authPayload, chains: ['eip155:1'], methods: ['personal_sign'] });
    const iss = `did:pkh:eip155:1:${account.address}`;
    const message = wallet.formatAuthMessage({ request: payload, iss });
    const signature = await account.signMessage({ message });
    await wallet.approveSessionAuthenticate({ id, auths: [buildAuthObject(payload, { t: 'eip191', s: signature }, iss)] });
    const { auths, session } = await within(answered, 'the dApp to receive the signed CACAO');
    const ms = Math.round(performance.now() - started);

    assert.equal(auths?.length, 1);
    const cacao = /** @type {NonNullable<typeof auths>} */ (auths)[0];
    assert.equal(cacao.p.iss, iss);
    assert.equal(
      await verifyMessage({
        address: account.address,
        message: dapp.formatAuthMessage({ request: cacao.p, iss: cacao.p.iss }),
        signature: /** @type {`0x${string}`} */ (cacao.s.s),
      }),
      true,
    );
    assert.ok(session, 'a session was made');
    assert.deepEqual(session.namespaces.eip155.accounts, [`eip155:1:${account.address}`]);
    assert.ok(wallet.session.keys.includes(session.topic), 'the wallet has the same session');
    console.log(`[figure] one-click auth through the dev relay: ${ms} ms from authenticate() to a verified session`);

    // The session works: a request over it reaches the wallet and comes back.
    wallet.on('session_request', ({ id: requestId, topic }) => {
      wallet.respond({ topic, response: { id: requestId, jsonrpc: '2.0', result: '0xsigned' } }).catch(() => {});
    });
    const result = await within(
      dapp.request({ topic: session.topic, chainId: 'eip155:1', request: { method: 'personal_sign', params: ['0x00', account.address] } }),
      'a request over the signed-in session',
    );
    assert.equal(result, '0xsigned');
  });
});
