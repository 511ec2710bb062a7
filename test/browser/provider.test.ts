/**
 * <wc-provider>: builds a real controller from attributes, shares it through context (inside, or
 * page-wide with scope="document"), re-dispatches controller events once, and cleans up.
 */
import { expect, fixture, fixtureSync, html, oneEvent, waitUntil } from '@open-wc/testing';
import { SessionController } from '../../src/controller/session-controller.js';
import type { SessionControllerApi } from '../../src/controller/api.js';
import '../../src/elements/provider/define.js';
import { WcProvider } from '../../src/elements/provider/provider.js';
import { connectAndApprove, makeDapp, makeWallet, usePeers } from '../helpers/peers.js';
import { defineProbe, type ProbeConsumer } from '../helpers/probe-consumer.js';
import { shadow } from '../helpers/queries.js';
import { FakeController, makeSession } from '../helpers/fake-controller.js';
import { elementContracts, type EventCase } from '../contracts/element-contracts.js';
import { WcError } from '../../src/errors.js';
import * as events from '../../src/events.js';

// Plain wrappers use fixtureSync: with two pages at once one is hidden and gets no animation
// frames, which fixture() waits for on elements without an update cycle.

defineProbe('probe-consumer');
const text = (el: Element) => shadow(el).textContent!.trim();
let seq = 0;
const id = () => `p${Date.now().toString(36)}${seq++}`;

/** One controller event of each kind, as the fake controller dispatches it. */
const controllerEvents = (fake: FakeController): events.WcEvent<unknown>[] => {
  const session = makeSession();
  const proposal = {
    uri: 'wc:abc@2',
    pairingTopic: 'abc',
    expiry: 1,
    requested: { requiredNamespaces: {}, optionalNamespaces: {} },
    reusedPairing: false,
    peer: null,
  };
  return [
    new events.WcStateChangeEvent({ state: fake.state, cause: 'test' }),
    new events.WcReadyEvent({ state: fake.state }),
    new events.WcStatusChangeEvent({ status: 'connected', previous: 'ready' }),
    new events.WcRelayChangeEvent({ relay: 'disconnected' }),
    new events.WcSessionChangeEvent({ sessions: [session], reason: 'connect', topic: session.topic }),
    new events.WcPairingChangeEvent({ pairings: [] }),
    new events.WcProposalEvent(proposal),
    new events.WcProposalExpireEvent({ uri: proposal.uri, pairingTopic: proposal.pairingTopic }),
    new events.WcSessionEventEvent({ topic: session.topic, chainId: 'eip155:1', name: 'chainChanged', data: 137 }),
    new events.WcRequestEvent({
      id: 1,
      topic: session.topic,
      chainId: 'eip155:1',
      method: 'personal_sign',
      params: [],
      status: 'pending',
      createdAt: 0,
      expiry: null,
    }),
    new events.WcErrorEvent({ error: new WcError('timeout', 'no answer', { operation: 'ping' }), operation: 'ping' }),
  ];
};

elementContracts<WcProvider>({
  tag: 'wc-provider',
  listeners: { releasesLater: true },
  // each controller event reaches the page once, from the provider
  events: controllerEvents(new FakeController()).map((sample): EventCase<WcProvider> => ({
    name: sample.type,
    cancelable: false,
    setup: async (mount) => {
      const fake = new FakeController();
      const el = await mount(fake);
      const event = controllerEvents(fake).find((e) => e.type === sample.type)!;
      return {
        el,
        fire: () => void fake.dispatchEvent(event),
        detail: (detail) => {
          expect(detail).to.equal(event.detail);
        },
      };
    },
  })),
  flow: {
    name: 'sharing a controller set by script',
    run: async (mount) => {
      const fake = new FakeController();
      const el = await mount(fake, (p) => p.append(document.createElement('probe-consumer')));
      const probe = el.querySelector('probe-consumer') as ProbeConsumer;
      await probe.updateComplete;
      for (const event of controllerEvents(fake)) fake.dispatchEvent(event);
      fake.setState({ status: 'connected' });
      await probe.updateComplete;
      expect(text(probe)).to.equal('connected');
      el.controller = new FakeController();
      await probe.updateComplete;
      expect(text(probe)).to.equal('ready');
    },
  },
});

describe('<wc-provider>', () => {
  const relay = usePeers();

  it('builds a controller from its attributes and shares it with elements inside', async () => {
    const el = await fixture<WcProvider>(html`
      <wc-provider id=${id()} relay-url=${relay.url} project-id="test" app-name="Provider test" chains="eip155:1" methods="personal_sign">
        <div><probe-consumer></probe-consumer></div>
      </wc-provider>
    `);
    const probe = el.querySelector('probe-consumer') as ProbeConsumer;
    await waitUntil(() => el.controller?.state.status === 'ready', 'controller ready');
    expect(probe.consumer.controller).to.equal(el.controller);
    await waitUntil(() => text(probe) === 'ready', 'consumer re-rendered with the status');
    expect(el.controller!.metadata.name).to.equal('Provider test');
    expect(el.controller!.defaultNamespaces?.requiredNamespaces).to.deep.equal({
      eip155: { chains: ['eip155:1'], methods: ['personal_sign'], events: [] },
    });
  });

  it('re-dispatches controller events once, bubbling and composed, so document listeners see them', async () => {
    const seen: Event[] = [];
    const listener = (e: Event) => seen.push(e);
    document.addEventListener('wc-ready', listener);
    try {
      const el = await fixture<WcProvider>(html`<wc-provider id=${id()} relay-url=${relay.url}></wc-provider>`);
      await waitUntil(() => seen.length > 0, 'wc-ready reached the document');
      // Barrier: the one init the provider started has settled and the provider finished updating;
      // re-dispatching is synchronous, so a second copy would already be here.
      await el.controller!.init();
      await el.updateComplete;
      expect(el.controller!.state.status).to.equal('ready');
      expect(seen).to.have.length(1);
      expect(seen[0]!.target).to.equal(el);
      expect(seen[0]!.bubbles && seen[0]!.composed).to.equal(true);
    } finally {
      document.removeEventListener('wc-ready', listener);
    }
  });

  it('uses a controller set by script instead of building one', async () => {
    const dapp = await makeDapp();
    const el = await fixture<WcProvider>(html`<wc-provider id=${id()} relay-url=${relay.url}><probe-consumer></probe-consumer></wc-provider>`);
    const built = el.controller as SessionController;
    el.controller = dapp;
    const probe = el.querySelector('probe-consumer') as ProbeConsumer;
    expect(probe.consumer.controller).to.equal(dapp);
    await waitUntil(() => built.state.status === 'idle', 'the built controller was disposed');
    // Events of the script's controller now come out of the provider.
    const wallet = await makeWallet();
    const change = oneEvent(el, 'wc-session-change');
    await connectAndApprove(dapp, wallet);
    expect((await change).detail.reason).to.equal('connect');
  });

  it('with scope="document" reaches elements outside it', async () => {
    const wrapper = fixtureSync(html`
      <div>
        <header><probe-consumer></probe-consumer></header>
        <wc-provider id=${id()} relay-url=${relay.url} scope="document"></wc-provider>
      </div>
    `);
    const provider = wrapper.querySelector('wc-provider') as WcProvider;
    const probe = wrapper.querySelector('probe-consumer') as ProbeConsumer;
    await waitUntil(() => probe.consumer.controller === provider.controller && provider.controller !== null, 'outside element found the provider');
  });

  it('keeps several providers independent, each on its own storage prefix', async () => {
    const wrapper = fixtureSync(html`
      <div>
        <wc-provider id=${id()} relay-url=${relay.url}><probe-consumer></probe-consumer></wc-provider>
        <wc-provider id=${id()} relay-url=${relay.url}><probe-consumer></probe-consumer></wc-provider>
      </div>
    `);
    const [a, b] = [...wrapper.querySelectorAll('wc-provider')] as WcProvider[];
    await waitUntil(() => a!.controller?.state.status === 'ready' && b!.controller?.state.status === 'ready', 'both ready');
    expect(a!.controller).to.not.equal(b!.controller);
    expect(a!.options.storagePrefix).to.not.equal(b!.options.storagePrefix);
    const [pa, pb] = [...wrapper.querySelectorAll('probe-consumer')] as ProbeConsumer[];
    expect(pa!.consumer.controller).to.equal(a!.controller);
    expect(pb!.consumer.controller).to.equal(b!.controller);
  });

  it('reports a bad attribute as a typed wc-error and an error status', async () => {
    const errors: string[] = [];
    const onError = (e: Event) => errors.push((e as CustomEvent).detail.error.code);
    document.addEventListener('wc-error', onError);
    try {
      const el = await fixture<WcProvider>(html`<wc-provider id=${id()} relay-url="http://relay.example.org"></wc-provider>`);
      await waitUntil(() => el.controller?.state.status === 'error', 'error status');
      expect(el.controller!.state.lastError?.code).to.equal('invalid-option');
      expect(errors).to.deep.equal(['invalid-option']);
    } finally {
      document.removeEventListener('wc-error', onError);
    }
  });

  it('announces a bad namespace attribute once, however often its options are read', async () => {
    const errors: string[] = [];
    const onError = (e: Event) => errors.push((e as CustomEvent).detail.error.code);
    document.addEventListener('wc-error', onError);
    try {
      const el = await fixture<WcProvider>(html`<wc-provider id=${id()} relay-url=${relay.url} chains="not-a-chain"></wc-provider>`);
      await waitUntil(() => el.controller?.state.status === 'ready', 'ready without defaults');
      void el.options;
      void el.options;
      // Barrier: the provider announces with queueMicrotask; a microtask queued after the reads runs
      // after any it queued during them.
      await new Promise<void>((resolve) => queueMicrotask(resolve));
      expect(errors).to.deep.equal(['invalid-namespace']);
      expect(el.controller!.defaultNamespaces).to.equal(null);
    } finally {
      document.removeEventListener('wc-error', onError);
    }
  });

  it('builds a new controller when its configuration changes', async () => {
    const el = await fixture<WcProvider>(html`<wc-provider id=${id()} relay-url=${relay.url} app-name="One"></wc-provider>`);
    const first = el.controller as SessionControllerApi;
    el.appName = 'Two';
    await el.updateComplete;
    expect(el.controller).to.not.equal(first);
    await waitUntil(() => el.controller?.state.status === 'ready', 'second ready');
    expect(el.controller!.metadata.name).to.equal('Two');
    expect(first.state.status).to.equal('idle');
  });

  it('disposes the controller it built when removed, but survives a move', async () => {
    const wrapper = fixtureSync(html`<div><wc-provider id=${id()} relay-url=${relay.url}></wc-provider><section></section></div>`);
    const el = wrapper.querySelector('wc-provider') as WcProvider;
    await waitUntil(() => el.controller?.state.status === 'ready', 'ready');
    const controller = el.controller!;
    // A sentinel provider removed right after the move: its disposal task is queued after the one
    // the move would have left behind, so once it has run, that one would have run too.
    const sentinel = wrapper.appendChild(Object.assign(document.createElement('wc-provider'), { controller: new FakeController() }));
    const sentinelForwarded = () => {
      let seen = false;
      const mark = () => (seen = true);
      sentinel.addEventListener('wc-relay-change', mark);
      sentinel.controller!.dispatchEvent(new events.WcRelayChangeEvent({ relay: 'connected' }));
      sentinel.removeEventListener('wc-relay-change', mark);
      return seen;
    };
    expect(sentinelForwarded()).to.equal(true);
    wrapper.querySelector('section')!.append(el); // a move: disconnected then connected at once
    sentinel.remove();
    await waitUntil(() => !sentinelForwarded(), 'the sentinel provider was not disposed');
    expect(el.controller).to.equal(controller);
    expect(controller.state.status).to.equal('ready');
    el.remove();
    await waitUntil(() => controller.state.status === 'idle', 'disposed after removal');
  });
});
