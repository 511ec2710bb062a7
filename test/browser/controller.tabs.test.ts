/**
 * A real SessionController leading its origin's tabs (README "Multiple tabs"), on the dev relay,
 * with a TabLink standing in for a follower tab in the same page (a second controller here would
 * share the page's storage-prefix claim). What the follower forwards runs through the leader's
 * public methods, so main's argument guards apply there too. Two real tabs: test/e2e/tabs.test.js.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { SessionControllerApi } from '../../src/controller/api.js';
import type { SessionController } from '../../src/controller/session-controller.js';
import { INITIAL_STATE } from '../../src/controller/snapshot.js';
import { TabLink, type TabHost, type TabOperation } from '../../src/controller/tab-link.js';
import { TabCoordinator } from '../../src/controller/tab-sync.js';
import { WcError, type WcOperation } from '../../src/errors.js';
import { WcErrorEvent } from '../../src/events.js';
import type { SessionState } from '../../src/types.js';
import { rejection } from '../helpers/faults.js';
import { makeDapp, usePeers } from '../helpers/peers.js';
import { relayUrl } from '../helpers/relay.js';

interface FollowerTab extends TabHost {
  state: SessionState;
  readonly events: Event[];
}

/** A follower tab's link with a recording host: it adopts what the leader publishes. */
async function follower(prefix: string): Promise<{ link: TabLink; tab: FollowerTab }> {
  const tab: FollowerTab = {
    state: INITIAL_STATE,
    events: [],
    current: () => tab.state,
    api: null as unknown as SessionControllerApi, // never leads in these tests
    adopt: (state, events) => {
      tab.state = state;
      tab.events.push(...events);
    },
    promoted: () => {},
  };
  const link = new TabLink(new TabCoordinator({ prefix, ackTimeout: 5000 }), tab);
  links.push(link);
  expect(await link.join()).to.equal('follower');
  return { link, tab };
}

const links: TabLink[] = [];

describe('SessionController leading the tabs of its origin', () => {
  usePeers();
  afterEach(() => {
    for (const link of links.splice(0)) link.dispose();
  });

  /** A leader with tabs on: no page storage (IndexedDB under its own prefix), so the tabs option stays on. */
  async function leader() {
    const prefix = `tabs-leader-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const dapp = await makeDapp({ storagePrefix: prefix, storage: undefined });
    expect(dapp.client, 'the leading tab holds the SignClient').to.not.equal(null);
    const errors: Array<{ error: WcError; operation: WcOperation }> = [];
    dapp.addEventListener('wc-error', (e) => errors.push(e.detail));
    return { dapp, prefix, errors };
  }

  it('a joining follower adopts the leader state, then each commit', async () => {
    const { dapp, prefix } = await leader();
    const { link, tab } = await follower(prefix);
    expect(link.following).to.be.true;
    expect(tab.state.status).to.equal(dapp.state.status);
    expect(tab.events.map((e) => e.type)).to.include('wc-ready');
    tab.events.length = 0;
    expect(() => dapp.select('no-such-topic')).to.not.throw();
    await waitUntil(() => tab.events.some((e) => e instanceof WcErrorEvent), 'the leader publishes its no-session commit');
    expect(tab.state.lastError?.code).to.equal('no-session');
    expect(tab.events.map((e) => e.type)).to.deep.equal(['wc-state-change', 'wc-error']);
  });

  it('bad arguments forwarded by another tab are refused by the leader with invalid-argument, reported once', async () => {
    const { dapp, prefix, errors } = await leader();
    const { link, tab } = await follower(prefix);
    const cases: Array<[TabOperation, unknown[]]> = [
      ['connect', ['not options']],
      ['connect', [{ requiredNamespaces: 'eip155' }]],
      ['request', [{ chainId: 1, method: 'personal_sign' }]],
      ['request', []],
      ['extend', [42]],
      ['ping', [{}]],
      ['disconnect', ['']],
      ['select', [null]],
    ];
    for (const [op, args] of cases) {
      const error = await rejection(link.call(op, args));
      expect(error.code, `${op}(${JSON.stringify(args)})`).to.equal('invalid-argument');
    }
    await waitUntil(() => tab.events.filter((e) => e instanceof WcErrorEvent).length === cases.length, 'each reaches the follower once');
    expect(errors.map((e) => e.error.code)).to.deep.equal(
      cases.map(() => 'invalid-argument'),
      'each reported once, by the leader',
    );
    expect(dapp.state.status).to.equal('ready');
    expect(dapp.state.sessions).to.deep.equal([]);
  });

  it('an operation that does not exist is refused, and the leader stays up', async () => {
    const { dapp, prefix } = await leader();
    const { link } = await follower(prefix);
    for (const op of ['dispose', 'init', 'constructor', 'addEventListener'] as unknown as TabOperation[]) {
      const error = await rejection(link.call(op, []));
      expect(error).to.be.instanceOf(WcError);
      expect(error.code, op).to.equal('invalid-argument');
    }
    expect(dapp.state.status).to.equal('ready');
    expect(dapp.client).to.not.equal(null);
    await link.call('select', ['no-such-topic']); // a known operation still runs: select reports, it does not throw
    await waitUntil(() => dapp.state.lastError?.code === 'no-session', 'the leader ran it');
  });

  describe('a follower SessionController (in a same-origin iframe: its own module realm, as another tab)', () => {
    const frames: HTMLIFrameElement[] = [];
    afterEach(() => {
      for (const frame of frames.splice(0)) frame.remove();
    });

    /** The typed rejection of another realm's promise (its WcError is not this realm's class). */
    async function refused(promise: Promise<unknown>): Promise<WcError> {
      const error = await promise.then(
        () => {
          throw new Error('expected a rejection');
        },
        (e: unknown) => e as WcError,
      );
      expect(error.name).to.equal('WcError');
      return error;
    }

    /** A SessionController of another realm on `prefix`, initialised: it follows the page's leader. */
    async function followerController(prefix: string): Promise<SessionController> {
      const frame = document.createElement('iframe');
      frames.push(frame);
      document.body.append(frame);
      const realm = frame.contentWindow as Window & { eval(code: string): Promise<{ SessionController: typeof SessionController }> };
      const { SessionController: Other } = await realm.eval(`import(${JSON.stringify(new URL('/src/controller/session-controller.ts', location.href).href)})`);
      const controller = new Other({
        projectId: 'wc-elements-test',
        relayUrl: await relayUrl(),
        storagePrefix: prefix,
        metadata: { name: 'Test dApp', description: 'wc-elements tests', url: 'http://127.0.0.1', icons: [] },
      });
      await controller.init();
      return controller;
    }

    it('checks arguments before forwarding: a bad one is refused in the follower and never reaches the leader', async () => {
      const { dapp, prefix, errors } = await leader();
      const follower = await followerController(prefix);
      try {
        expect(follower.client, 'a follower has no SignClient').to.equal(null);
        expect(follower.state.status).to.equal(dapp.state.status);
        const followerErrors: string[] = [];
        follower.addEventListener('wc-error', (e) => followerErrors.push(e.detail.error.code));
        const bad = await refused(follower.connect('not options' as never));
        expect(bad.code).to.equal('invalid-argument');
        expect((await refused(follower.request({ chainId: 1 } as never))).code).to.equal('invalid-argument');
        expect((await refused(follower.ping(42 as never))).code).to.equal('invalid-argument');
        expect(() => follower.select('' as never)).to.throw();
        expect(followerErrors).to.deep.equal(
          ['invalid-argument', 'invalid-argument', 'invalid-argument', 'invalid-argument'],
          'each reported once, in the follower',
        );
        expect(follower.state.lastError?.code).to.equal('invalid-argument');
        expect(follower.state.status, 'its own report keeps the adopted status').to.equal(dapp.state.status);
        // A good call does reach the leader; its error comes back once, through the leader's snapshot.
        expect((await refused(follower.ping('no-such-topic'))).code).to.equal('no-session');
        await waitUntil(() => followerErrors.length === 5, "the leader's wc-error reaches the follower");
        expect(followerErrors[4]).to.equal('no-session');
        expect(
          errors.map((e) => e.error.code),
          'only the forwarded call reached the leader',
        ).to.deep.equal(['no-session']);
      } finally {
        await follower.dispose();
      }
    });

    it('takes over when the leader is disposed: opens its SignClient from storage and leads', async () => {
      const { dapp, prefix } = await leader();
      const follower = await followerController(prefix);
      try {
        expect(follower.client).to.equal(null);
        await dapp.dispose(); // closes its client, then releases the lock
        await waitUntil(() => follower.client !== null, 'the follower opens its own SignClient', { timeout: 10_000 });
        await follower.init();
        expect(follower.state.status).to.equal('ready');
        const error = await refused(follower.ping('no-such-topic')); // runs here now, not forwarded
        expect(error.code).to.equal('no-session');
      } finally {
        await follower.dispose();
      }
    });

    it('a disposed follower rejects with disposed', async () => {
      const { prefix } = await leader();
      const follower = await followerController(prefix);
      await follower.dispose();
      expect((await refused(follower.ping('t'))).code).to.equal('disposed');
      expect((await refused(follower.init())).code).to.equal('disposed');
    });
  });
});
