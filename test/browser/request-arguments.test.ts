/**
 * Relay/requests (issue 11): a bad request expiry and a numeric topic. A non-finite or
 * out-of-range expiry once showed "expired" in state while its promise resolved, and a numeric
 * topic failed with code `unknown`. Both are refused before anything is sent, as
 * `invalid-argument`, and the state agrees with the promise. Prints the figures.
 */
import { expect } from '@open-wc/testing';
import type { SessionController } from '../../src/controller/session-controller.js';
import { REQUEST_EXPIRY_BOUNDS } from '../../src/controller/guards.js';
import { WcError } from '../../src/errors.js';
import type { RequestView } from '../../src/types.js';
import { figure, rejection } from '../helpers/faults.js';
import { ADDRESS, connectedPair, usePeers } from '../helpers/peers.js';

const SIGN = { chainId: 'eip155:1', method: 'personal_sign', params: ['0x0b', ADDRESS] };

/** Every wc-request and wc-error the controller fires from now on. */
function watch(dapp: SessionController) {
  const requests: RequestView[] = [];
  const errors: WcError[] = [];
  dapp.addEventListener('wc-request', (e) => requests.push(e.detail));
  dapp.addEventListener('wc-error', (e) => errors.push(e.detail.error));
  return { requests, errors };
}

describe('request arguments: expiry and topic', () => {
  usePeers();

  it('a non-finite or out-of-range expiry is refused as invalid-argument, with nothing in state', async () => {
    const { dapp, session } = await connectedPair();
    const seen = watch(dapp);
    const { min, max } = REQUEST_EXPIRY_BOUNDS;
    const bad: unknown[] = [NaN, Infinity, -Infinity, 0, -1, min - 1, max + 1, 1e12, '300', null, {}];
    for (const expiry of bad) {
      const error = await rejection(dapp.request({ ...SIGN, expiry: expiry as number }));
      expect([error.code, error.operation, (error.data as { argument?: string }).argument], String(expiry)).to.deep.equal([
        'invalid-argument',
        'request',
        'options.expiry',
      ]);
      expect(error.message, String(expiry)).to.contain(`${min} to ${max}`);
      expect(dapp.state.lastError).to.equal(error);
    }
    figure(
      `bad request expiry: ${seen.errors.length} of ${bad.length} refused as invalid-argument; ${seen.requests.length} wc-request events, ${dapp.state.pendingRequests.length} pending, ${dapp.state.recentRequests.length} finished`,
    );
    expect(seen.errors.map((e) => e.code)).to.deep.equal(bad.map(() => 'invalid-argument'));
    expect(seen.requests).to.deep.equal([]);
    expect(dapp.state.pendingRequests).to.deep.equal([]);
    expect(dapp.state.recentRequests).to.deep.equal([]);
    expect(dapp.getSession(session.topic)).to.include({ status: 'active', lastError: null });
  });

  it('an expiry at either bound is sent with that expiry, and state and promise agree', async () => {
    const { dapp, wallet } = await connectedPair();
    const seen = watch(dapp);
    const { min, max } = REQUEST_EXPIRY_BOUNDS;
    for (const [expiry, answer] of [
      [min, '0xmin'],
      [max, '0xmax'],
    ] as const) {
      const before = Math.floor(Date.now() / 1000);
      const requesting = dapp.request<string>({ ...SIGN, expiry });
      const incoming = await wallet.requests.next(`the request with expiry ${expiry}`);
      const after = Math.ceil(Date.now() / 1000);
      // What the wallet is told and what state shows: the same expiry, from the same number of seconds.
      const told = incoming.params.request.expiryTimestamp!;
      expect(told).to.be.within(before + expiry, after + expiry);
      const [pending] = dapp.state.pendingRequests;
      expect(pending).to.include({ id: incoming.id, status: 'pending' });
      expect(pending!.expiry).to.be.within(before + expiry, after + expiry);
      await wallet.respond(incoming, answer);
      expect(await requesting).to.equal(answer);
      expect(dapp.state.recentRequests[0]).to.include({ id: incoming.id, status: 'resolved', result: answer });
    }
    expect(seen.requests.map((r) => r.status)).to.deep.equal(['pending', 'resolved', 'pending', 'resolved']);
    expect(seen.errors).to.deep.equal([]);
  });

  it('a numeric (or other non-string) topic is refused as invalid-argument by every method that takes one', async () => {
    const { dapp, session } = await connectedPair();
    const seen = watch(dapp);
    const anyDapp = dapp as unknown as Record<string, (...args: unknown[]) => unknown>;
    // [what, call, argument named]
    const async: Array<[string, () => unknown, string]> = [
      ['request({topic: 42})', () => anyDapp['request']!.call(dapp, { ...SIGN, topic: 42 }), 'options.topic'],
      ['request({topic: NaN})', () => anyDapp['request']!.call(dapp, { ...SIGN, topic: NaN }), 'options.topic'],
      ['extend(42)', () => anyDapp['extend']!.call(dapp, 42), 'topic'],
      ['ping(42)', () => anyDapp['ping']!.call(dapp, 42), 'topic'],
      ['disconnect(42)', () => anyDapp['disconnect']!.call(dapp, 42), 'topic'],
      ['ping(["topic"])', () => anyDapp['ping']!.call(dapp, [session.topic]), 'topic'],
      ['connect({pairingTopic: 42})', () => anyDapp['connect']!.call(dapp, { pairingTopic: 42 }), 'options.pairingTopic'],
    ];
    const sync: Array<[string, () => unknown, string]> = [
      ['select(42)', () => anyDapp['select']!.call(dapp, 42), 'topic'],
      ['getSession(42)', () => anyDapp['getSession']!.call(dapp, 42), 'topic'],
    ];
    const codes: string[] = [];
    for (const [what, call, argument] of async) {
      const error = await rejection(call() as Promise<unknown>);
      expect([error.code, (error.data as { argument?: string }).argument], what).to.deep.equal(['invalid-argument', argument]);
      codes.push(error.code);
    }
    for (const [what, call, argument] of sync) {
      let thrown: unknown;
      try {
        call();
      } catch (error) {
        thrown = error;
      }
      expect(thrown, what).to.be.instanceOf(WcError);
      expect([(thrown as WcError).code, ((thrown as WcError).data as { argument?: string }).argument], what).to.deep.equal(['invalid-argument', argument]);
      codes.push((thrown as WcError).code);
    }
    const total = async.length + sync.length;
    figure(
      `numeric topic: ${codes.filter((c) => c === 'invalid-argument').length} of ${total} calls refused as invalid-argument, ${codes.filter((c) => c === 'unknown').length} unknown`,
    );
    expect(seen.errors.map((e) => e.code)).to.deep.equal(codes);
    expect(seen.requests).to.deep.equal([]);
    expect(dapp.state.proposal).to.equal(null);
    expect(dapp.sessionTopics).to.deep.equal([session.topic]);
    expect(dapp.getSession(session.topic)).to.include({ status: 'active', lastError: null });
  });
});
