/**
 * A real SessionController leading its origin's tabs (README "Multiple tabs"), on the dev relay,
 * with a TabLink standing in for a follower tab in the same page (a second controller here would
 * share the page's storage-prefix claim). What the follower forwards runs through the leader's
 * public methods, so main's argument guards apply there too. Two real tabs: test/e2e/tabs.test.js.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { SessionControllerApi } from '../../src/controller/api.js';
import { INITIAL_STATE } from '../../src/controller/snapshot.js';
import { TabLink, type TabHost, type TabOperation } from '../../src/controller/tab-link.js';
import { TabCoordinator } from '../../src/controller/tab-sync.js';
import { WcError, type WcOperation } from '../../src/errors.js';
import { WcErrorEvent } from '../../src/events.js';
import type { SessionState } from '../../src/types.js';
import { rejection } from '../helpers/faults.js';
import { makeDapp, usePeers } from '../helpers/peers.js';

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
});
