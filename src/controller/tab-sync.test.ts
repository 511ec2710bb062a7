/**
 * TabCoordinator: coordinators in one page stand in for tabs (real Web Locks, real BroadcastChannel;
 * the first test checks that a channel delivers between two objects of one page). One leads, the
 * others follow; calls, results, typed errors, snapshots, takeover, abort and the solo fallback.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { WcError } from '../errors.js';
import { WcSessionChangeEvent, WcStateChangeEvent } from '../events.js';
import type { SessionState } from '../types.js';
import { INITIAL_STATE } from './snapshot.js';
import { TabCoordinator, tabSyncName, type TabCoordinatorOptions, type TabHandler, type TabRole, type TabSnapshot } from './tab-sync.js';

let count = 0;
let prefix = '';
const made: TabCoordinator[] = [];

function tab(options: Partial<TabCoordinatorOptions> = {}): TabCoordinator {
  const coordinator = new TabCoordinator({ prefix, ...options });
  made.push(coordinator);
  return coordinator;
}

/** Collects what a follower receives. */
function snapshots(coordinator: TabCoordinator): TabSnapshot[] {
  const seen: TabSnapshot[] = [];
  coordinator.onSnapshot((s) => seen.push(s));
  return seen;
}

function state(patch: Partial<SessionState> = {}): SessionState {
  return Object.freeze({ ...INITIAL_STATE, status: 'ready', relay: 'connected', ...patch }) as SessionState;
}

/** A promise that never settles, and whose handler records the signal it got. */
function hanging(signals: AbortSignal[]): TabHandler {
  return (_op, _args, signal) => {
    signals.push(signal);
    return new Promise(() => {});
  };
}

async function leaderAndFollower() {
  const a = tab();
  const b = tab();
  expect(await a.start()).to.equal('leader');
  expect(await b.start()).to.equal('follower');
  return { a, b };
}

describe('TabCoordinator', () => {
  beforeEach(() => {
    prefix = `tabs-${Date.now()}-${count++}`;
  });
  afterEach(() => {
    for (const c of made.splice(0)) c.dispose();
  });

  it('BroadcastChannel delivers to another object of the same name in this page, never to the sender', async () => {
    const name = tabSyncName(prefix);
    const one = new BroadcastChannel(name);
    const two = new BroadcastChannel(name);
    const toOne: unknown[] = [];
    const toTwo: unknown[] = [];
    one.onmessage = (e) => toOne.push(e.data);
    two.onmessage = (e) => toTwo.push(e.data);
    one.postMessage('from one');
    two.postMessage('from two');
    await waitUntil(() => toOne.length === 1 && toTwo.length === 1, 'both messages delivered');
    expect(toOne).to.deep.equal(['from two']);
    expect(toTwo).to.deep.equal(['from one']);
    one.close();
    two.close();
  });

  it('one tab leads, the others follow', async () => {
    const { a, b } = await leaderAndFollower();
    const c = tab();
    expect(await c.start()).to.equal('follower');
    expect([a.role, b.role, c.role]).to.deep.equal(['leader', 'follower', 'follower']);
    expect(a.solo || b.solo || c.solo).to.be.false;
  });

  it("a follower's call reaches the leader's handler and the result comes back", async () => {
    const { a, b } = await leaderAndFollower();
    const calls: Array<{ op: string; args: readonly unknown[] }> = [];
    a.serve((op, args) => {
      calls.push({ op, args });
      return { topic: 't1', expiry: 123 };
    });
    const result = await b.call('extend', ['t1', { signal: new AbortController().signal, keep: 1 }]);
    expect(result).to.deep.equal({ topic: 't1', expiry: 123 });
    expect(calls).to.deep.equal([{ op: 'extend', args: ['t1', { keep: 1 }] }]);
  });

  it('calls sent before the leader serves wait for its handler', async () => {
    const { a, b } = await leaderAndFollower();
    const pending = b.call('ping', ['t1']);
    await new Promise((r) => setTimeout(r, 50));
    a.serve(() => 42);
    expect(await pending).to.equal(42);
  });

  it("the leader's typed error comes back as a WcError with its code", async () => {
    const { a, b } = await leaderAndFollower();
    a.serve((op) => {
      if (op === 'request') throw new WcError('user-rejected', 'Rejected in the wallet', { operation: 'request', data: { code: 5000 } });
      throw new RangeError('plain');
    });
    const error = await b.call('request', [{ chainId: 'eip155:1', method: 'personal_sign' }]).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(WcError);
    expect((error as WcError).code).to.equal('user-rejected');
    expect((error as WcError).operation).to.equal('request');
    expect((error as WcError).data).to.deep.equal({ code: 5000 });
    const other = await b.call('ping').catch((e: unknown) => e);
    expect((other as WcError).code).to.equal('unknown');
    expect((other as WcError).message).to.equal('plain');
  });

  it('a published snapshot reaches the follower with its events, errors typed', async () => {
    const { a, b } = await leaderAndFollower();
    const seen = snapshots(b);
    const sessions = Object.freeze([Object.freeze({ topic: 't1', status: 'active' })]) as unknown as SessionState['sessions'];
    const next = state({ status: 'connected', sessions, lastError: new WcError('request-failed', 'Denied', { operation: 'request' }) });
    a.publishSnapshot(next, 'session', [
      new WcStateChangeEvent({ state: next, cause: 'session' }),
      new WcSessionChangeEvent({ sessions, reason: 'connect', topic: 't1' }),
    ]);
    // A round trip after the publish: anything the leader sent before its answer has arrived by then.
    a.serve(() => 'done');
    expect(await b.call('ping')).to.equal('done');
    expect(seen.length, 'one delivery: the catch-up copy of the same snapshot is skipped').to.equal(1);
    const got = seen[0]!;
    expect(got.sync).to.be.false;
    expect(got.cause).to.equal('session');
    expect(got.state.status).to.equal('connected');
    expect(got.state.sessions.map((s) => s.topic)).to.deep.equal(['t1']);
    expect(got.state.lastError).to.be.instanceOf(WcError);
    expect(got.state.lastError!.code).to.equal('request-failed');
    expect(Object.isFrozen(got.state)).to.be.true;
    expect(got.events.map((e) => e.constructor)).to.deep.equal([WcStateChangeEvent, WcSessionChangeEvent]);
    expect((got.events[0] as WcStateChangeEvent).detail.state).to.equal(got.state);
    expect((got.events[1] as WcSessionChangeEvent).detail.sessions).to.equal(got.state.sessions);
  });

  it('a follower that joins late gets the current snapshot, without replayed events', async () => {
    const a = tab();
    await a.start();
    a.publishSnapshot(state({ status: 'connecting' }), 'connect', [new WcSessionChangeEvent({ sessions: [], reason: 'connect', topic: null })]);
    a.publishSnapshot(state({ status: 'connected' }), 'session');
    const b = tab();
    const seen = snapshots(b);
    expect(await b.start()).to.equal('follower');
    await waitUntil(() => seen.length === 1, 'catch-up snapshot delivered');
    expect(seen[0]!.sync).to.be.true;
    expect(seen[0]!.state.status).to.equal('connected');
    expect(seen[0]!.events).to.deep.equal([]);
  });

  it('disposing the leader promotes a follower, which then serves and publishes to the rest', async () => {
    const { a, b } = await leaderAndFollower();
    const c = tab();
    await c.start();
    const roles: TabRole[] = [];
    b.onRole((r) => roles.push(r));
    c.onRole((r) => roles.push(r));
    const seenByC = snapshots(c);
    a.dispose();
    await waitUntil(() => roles.length === 1, 'one follower promoted', { timeout: 2000 });
    expect(roles).to.deep.equal(['leader']);
    const [leader, follower] = b.role === 'leader' ? [b, c] : [c, b];
    expect(follower.role).to.equal('follower');
    leader.serve((op, args) => `${op}:${String(args[0])}`);
    expect(await follower.call('disconnect', ['t9'])).to.equal('disconnect:t9');
    if (follower === c) {
      leader.publishSnapshot(state({ status: 'connected' }), 'restore');
      await waitUntil(() => seenByC.some((s) => s.state.status === 'connected'), 'new leader publishes');
    }
  });

  it('a call the old leader took rejects with leader-lost when it goes; new calls reach the new leader', async () => {
    const { a, b } = await leaderAndFollower();
    const signals: AbortSignal[] = [];
    a.serve(hanging(signals));
    const lost = b.call('request', [{ method: 'eth_sendTransaction' }]).catch((e: unknown) => e);
    await waitUntil(() => signals.length === 1, 'leader runs the call');
    a.dispose();
    const error = (await lost) as WcError;
    expect(error).to.be.instanceOf(WcError);
    expect(error.code).to.equal('tab-leader-lost');
    expect(error.operation).to.equal('request');
    expect(error.data).to.deep.equal({ reason: 'leader-lost' });
    expect(signals[0]!.aborted, 'the old leader aborted its work').to.be.true;
    await waitUntil(() => b.role === 'leader', 'follower promoted', { timeout: 2000 });
    b.serve(() => 'local');
    expect(await b.call('ping'), 'a leader runs its own calls').to.equal('local');
  });

  it('a call sent while the leader is leaving (nobody took it) goes to the next leader', async () => {
    const { a, b } = await leaderAndFollower();
    const c = tab();
    await c.start();
    a.serve(() => 'old');
    b.serve(() => 'from b');
    c.serve(() => 'from c');
    a.dispose();
    const answer = await b.call('ping');
    expect(answer).to.equal(b.role === 'leader' ? 'from b' : 'from c');
  });

  it('aborting a call rejects it with cancelled and aborts the work in the leader', async () => {
    const { a, b } = await leaderAndFollower();
    const signals: AbortSignal[] = [];
    a.serve(hanging(signals));
    const abort = new AbortController();
    const call = b.call('request', [{}], { signal: abort.signal }).catch((e: unknown) => e);
    await waitUntil(() => signals.length === 1, 'leader runs the call');
    abort.abort();
    expect(((await call) as WcError).code).to.equal('cancelled');
    await waitUntil(() => signals[0]!.aborted, 'leader sees the abort');
  });

  it('a call nobody acknowledges rejects with timeout', async () => {
    // Locks that always say "taken" and a channel with no leader on it.
    const busy = {
      request: (_n: string, o: { ifAvailable?: boolean }, cb: (l: unknown) => unknown) => (o.ifAvailable ? Promise.resolve(cb(null)) : new Promise(() => {})),
    };
    const b = tab({ locks: busy, ackTimeout: 100 });
    expect(await b.start()).to.equal('follower');
    const error = (await b.call('ping').catch((e: unknown) => e)) as WcError;
    expect(error.code).to.equal('timeout');
    expect(error.operation).to.equal('ping');
  });

  it('dispose rejects pending calls with disposed and leaves no timer behind', async () => {
    const live = new Set<unknown>();
    const realSet = window.setTimeout;
    const realClear = window.clearTimeout;
    window.setTimeout = ((fn: () => void, ms?: number) => {
      const id = realSet(() => {
        live.delete(id);
        fn();
      }, ms);
      live.add(id);
      return id;
    }) as typeof window.setTimeout;
    window.clearTimeout = ((id: number) => {
      live.delete(id);
      realClear(id);
    }) as typeof window.clearTimeout;
    try {
      const busy = {
        request: (_n: string, o: { ifAvailable?: boolean }, cb: (l: unknown) => unknown) => (o.ifAvailable ? Promise.resolve(cb(null)) : new Promise(() => {})),
      };
      const b = tab({ locks: busy, ackTimeout: 60_000 });
      await b.start();
      const pending = b.call('connect').catch((e: unknown) => e);
      expect(live.size).to.be.greaterThan(0);
      b.dispose();
      expect(((await pending) as WcError).code).to.equal('disposed');
      expect(live.size).to.equal(0);
      expect(((await b.call('ping').catch((e: unknown) => e)) as WcError).code).to.equal('disposed');
    } finally {
      window.setTimeout = realSet;
      window.clearTimeout = realClear;
    }
  });

  it('without Web Locks or BroadcastChannel every tab leads alone and runs its own calls', async () => {
    const noLocks = tab({ locks: null });
    const noChannel = tab({ channel: () => null });
    const throwing = tab({
      channel: () => {
        throw new DOMException('opaque origin', 'SecurityError');
      },
    });
    for (const c of [noLocks, noChannel, throwing]) {
      expect(await c.start()).to.equal('leader');
      expect(c.solo).to.be.true;
      c.serve((op) => op);
      expect(await c.call('select', ['t1'])).to.equal('select');
    }
    const regular = tab();
    expect(await regular.start(), 'solo tabs do not take the lock').to.equal('leader');
  });
});
