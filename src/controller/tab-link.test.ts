/**
 * TabLink, the SessionController's side of tab coordination: two links in one page stand in for two
 * tabs (real Web Locks, real BroadcastChannel), each with a recording host instead of a controller.
 * The real controllers in two real tabs are test/e2e/tabs.test.js.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { WcError } from '../errors.js';
import { WcErrorEvent, WcReadyEvent, WcSessionChangeEvent, WcStateChangeEvent } from '../events.js';
import { MemoryStorage } from '../internal/memory-storage.js';
import type { SessionState, SessionView } from '../types.js';
import type { SessionControllerApi } from './api.js';
import { resolveOptions } from './options.js';
import { INITIAL_STATE } from './snapshot.js';
import { TabLink, type TabHost } from './tab-link.js';
import { TabCoordinator } from './tab-sync.js';

let count = 0;
let prefix = '';
const made: TabLink[] = [];

interface Recorded extends TabHost {
  state: SessionState;
  readonly events: Event[];
  readonly calls: Array<[string, unknown]>;
  promotions: number;
}

/** A host that records what the link does to it; its `api` records the operations it runs. */
function host(run: (op: string, arg: unknown) => unknown = () => undefined): Recorded {
  const calls: Array<[string, unknown]> = [];
  const op =
    (name: string) =>
    (arg?: unknown): unknown => {
      calls.push([name, arg]);
      return run(name, arg);
    };
  const api = {
    connect: op('connect'),
    request: op('request'),
    extend: op('extend'),
    ping: op('ping'),
    disconnect: op('disconnect'),
    cancel: op('cancel'),
    select: op('select'),
  };
  const h: Recorded = {
    state: INITIAL_STATE,
    events: [],
    calls,
    promotions: 0,
    current: () => h.state,
    api: api as unknown as SessionControllerApi,
    adopt: (state, events) => {
      h.state = state;
      h.events.push(...events);
    },
    promoted: () => void h.promotions++,
  };
  return h;
}

function link(h: TabHost): TabLink {
  const l = new TabLink(new TabCoordinator({ prefix, ackTimeout: 2000 }), h);
  made.push(l);
  return l;
}

function state(patch: Partial<SessionState> = {}): SessionState {
  return Object.freeze({ ...INITIAL_STATE, status: 'ready', relay: 'connected', ...patch }) as SessionState;
}

const session = (topic: string) => ({ topic, expiry: 1 }) as unknown as SessionView;

/** Tab A leads and has published a ready state with one session; tab B has joined and adopted it. */
async function leaderAndFollower(run?: (op: string, arg: unknown) => unknown) {
  const hostA = host(run);
  const a = link(hostA);
  expect(await a.join()).to.equal('leader');
  a.lead();
  const ready = state({ sessions: Object.freeze([session('t1')]), activeTopic: 't1' });
  a.publish(ready, 'ready', [new WcStateChangeEvent({ state: ready, cause: 'ready' })]);
  const hostB = host();
  const b = link(hostB);
  expect(await b.join()).to.equal('follower');
  return { a, b, hostA, hostB };
}

describe('TabLink', () => {
  beforeEach(() => {
    prefix = `tab-link-${Date.now().toString(36)}-${++count}`;
  });
  afterEach(() => {
    for (const l of made.splice(0)) l.dispose();
  });

  it('is on by default, off with a page-supplied storage or client, or tabs: false', () => {
    const base = { relayUrl: 'ws://127.0.0.1:1' };
    expect(resolveOptions(base).tabs).to.be.true;
    expect(resolveOptions({ ...base, tabs: false }).tabs).to.be.false;
    expect(resolveOptions({ ...base, storage: new MemoryStorage() }).tabs).to.be.false;
    expect(TabLink.for(resolveOptions({ ...base, storage: new MemoryStorage() }), host())).to.equal(null);
    expect(() => resolveOptions({ ...base, tabs: 'yes' as unknown as boolean })).to.throw(WcError, 'tabs');
  });

  it('a joining follower adopts the leader state, with the events of a catch-up and wc-ready', async () => {
    const { b, hostB } = await leaderAndFollower();
    expect(b.following).to.be.true;
    expect(hostB.state.sessions.map((s) => s.topic)).to.deep.equal(['t1']);
    const names = hostB.events.map((e) => e.type);
    expect(names[0]).to.equal('wc-state-change');
    expect((hostB.events[0] as WcStateChangeEvent).detail.cause).to.equal('sync');
    expect(names).to.include.members(['wc-status-change', 'wc-session-change', 'wc-pairing-change', 'wc-ready']);
    const change = hostB.events.find((e) => e instanceof WcSessionChangeEvent) as WcSessionChangeEvent;
    expect(change.detail.reason).to.equal('restore');
    expect(change.detail.sessions).to.equal(hostB.state.sessions, 'the detail shares the adopted state');
    expect((hostB.events.at(-1) as WcReadyEvent).detail.state).to.equal(hostB.state);
  });

  it("then dispatches the leader's own events, in order, with its state", async () => {
    const { a, hostB } = await leaderAndFollower();
    hostB.events.length = 0;
    const next = state({ sessions: Object.freeze([]), activeTopic: null });
    a.publish(next, 'disconnect', [
      new WcStateChangeEvent({ state: next, cause: 'disconnect' }),
      new WcSessionChangeEvent({ sessions: next.sessions, reason: 'disconnect', topic: 't1' }),
    ]);
    await waitUntil(() => hostB.events.length === 2, 'the follower gets the commit');
    expect(hostB.events.map((e) => e.type)).to.deep.equal(['wc-state-change', 'wc-session-change']);
    expect((hostB.events[1] as WcSessionChangeEvent).detail).to.include({ reason: 'disconnect', topic: 't1' });
    expect(hostB.state.sessions).to.deep.equal([]);
  });

  it('runs a follower operation on the leader controller and returns its result or typed error', async () => {
    const { b, hostA } = await leaderAndFollower((op) => {
      if (op === 'ping') return 42;
      if (op === 'extend') throw new WcError('no-session', 'none', { operation: 'extend' });
      return undefined;
    });
    expect(await b.call('ping', ['t1'])).to.equal(42);
    const error = await b.call('extend', ['nope']).catch((e: unknown) => e as WcError);
    expect(error).to.be.instanceOf(WcError);
    expect((error as WcError).code).to.equal('no-session');
    const abort = new AbortController();
    await b.call('request', [{ chainId: 'eip155:1', method: 'personal_sign', params: [], signal: abort.signal }]);
    expect(hostA.calls.map(([op]) => op)).to.deep.equal(['ping', 'extend', 'request']);
    const [, options] = hostA.calls[2]!;
    expect((options as { method: string; signal: AbortSignal }).method).to.equal('personal_sign');
    expect((options as { signal: AbortSignal }).signal, 'the leader gives the call its own signal').to.be.instanceOf(AbortSignal);
  });

  it('a call the leader took rejects with tab-leader-lost when it goes, reported in the follower; the follower is promoted', async () => {
    const { a, b, hostA, hostB } = await leaderAndFollower(() => new Promise(() => {}));
    hostB.events.length = 0;
    const lost = b.call('request', [{ chainId: 'eip155:1', method: 'personal_sign' }]).catch((e: unknown) => e as WcError);
    await waitUntil(() => hostA.calls.length === 1, 'the leader runs the call');
    a.dispose();
    const error = (await lost) as WcError;
    expect(error.code).to.equal('tab-leader-lost');
    expect(error.operation).to.equal('request');
    await waitUntil(() => hostB.promotions === 1, 'the follower takes over');
    expect(b.following).to.be.false;
    expect(hostB.state.lastError).to.equal(error);
    expect(b.forwarded(error), 'the controller does not report it again').to.be.true;
    const reported = hostB.events.filter((e) => e instanceof WcErrorEvent) as WcErrorEvent[];
    expect(reported.map((e) => e.detail.error)).to.deep.equal([error]);
  });

  it('disposing a follower that waits for the leader state rejects its join with disposed', async () => {
    const a = link(host());
    expect(await a.join()).to.equal('leader'); // publishes nothing: the follower keeps waiting
    const b = link(host());
    const joining = b.join().catch((e: unknown) => e as WcError);
    await waitUntil(() => b.following, 'b follows and waits for a state');
    b.dispose();
    expect(((await joining) as WcError).code).to.equal('disposed');
  });
});
