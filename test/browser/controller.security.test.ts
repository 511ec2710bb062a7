/**
 * Hostile page, hostile wallet, bad arguments (issue 11, security slice): the SessionController
 * against a real wallet SignClient through the dev relay. Each scenario prints one `[figure]` line.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { SessionController } from '../../src/controller/session-controller.js';
import { WcError, type WcOperation } from '../../src/errors.js';
import { watchUnhandledRejections } from '../helpers/barriers.js';
import { ADDRESS, connectedPair, usePeers, type TestWallet } from '../helpers/peers.js';

const DEEPLINK_KEY = 'WALLETCONNECT_DEEPLINK_CHOICE';

declare global {
  interface Window {
    __pwned?: number;
  }
}

/** Answers the wallet's next request with `result` (a real wallet SignClient responding). */
async function answerNext(wallet: TestWallet, result: unknown): Promise<void> {
  await wallet.respond(await wallet.requests.next('session_request'), result);
}

function errorsOf(dapp: SessionController): Array<{ error: WcError; operation: WcOperation }> {
  const errors: Array<{ error: WcError; operation: WcOperation }> = [];
  dapp.addEventListener('wc-error', (e) => errors.push(e.detail));
  return errors;
}

describe('SessionController against a hostile page, a hostile wallet and bad arguments', () => {
  usePeers();

  describe('deep-link poisoning', () => {
    const undo: Array<() => void> = [];
    afterEach(() => {
      for (const restore of undo.splice(0).reverse()) restore();
      localStorage.removeItem(DEEPLINK_KEY);
      delete window.__pwned;
    });

    it('never follows a stored deep link: no script runs, no window, no navigation, and the requests are answered', async () => {
      const { dapp, wallet, session } = await connectedPair();
      // The SDK follows a stored link only while the page has focus: make sure it would.
      const hasFocus = Object.getOwnPropertyDescriptor(document, 'hasFocus');
      Object.defineProperty(document, 'hasFocus', { configurable: true, value: () => true });
      undo.push(() => (hasFocus ? Object.defineProperty(document, 'hasFocus', hasFocus) : delete (document as { hasFocus?: unknown }).hasFocus));
      // Count every window.open; let a javascript: URL through (so a run would be counted), never open a window.
      const open = window.open;
      const opened: string[] = [];
      window.open = (url?: string | URL, ...rest: [string?, string?]) => {
        opened.push(String(url));
        return String(url).startsWith('javascript:') ? open.call(window, url, ...rest) : null;
      };
      undo.push(() => (window.open = open));
      let navigations = 0;
      const navigated = () => navigations++;
      window.addEventListener('beforeunload', navigated);
      const navigation = (window as { navigation?: EventTarget }).navigation;
      navigation?.addEventListener('navigate', navigated);
      undo.push(() => {
        window.removeEventListener('beforeunload', navigated);
        navigation?.removeEventListener('navigate', navigated);
      });

      const script = JSON.stringify({ href: 'javascript:window.__pwned=(window.__pwned||0)+1;//', name: 'x' });
      const leak = JSON.stringify({ href: 'https://evil.example/', name: 'Evil' });
      const plants: Array<[string, () => Promise<void>]> = [
        ['localStorage javascript:', async () => localStorage.setItem(DEEPLINK_KEY, script)],
        ['localStorage https:', async () => localStorage.setItem(DEEPLINK_KEY, leak)],
        // With nothing in localStorage the SDK reads its own storage key.
        [
          'SDK storage javascript:',
          async () => {
            localStorage.removeItem(DEEPLINK_KEY);
            await dapp.client!.core.storage.setItem(DEEPLINK_KEY, script);
          },
        ],
        ['SDK storage https:', async () => dapp.client!.core.storage.setItem(DEEPLINK_KEY, leak)],
      ];
      const results: unknown[] = [];
      for (const [i, [, plant]] of plants.entries()) {
        await plant();
        const requesting = dapp.request({ topic: session.topic, chainId: 'eip155:1', method: 'personal_sign', params: [`0x0${i}`, ADDRESS] });
        await answerNext(wallet, `0xsig${i}`);
        results.push(await requesting);
      }
      const runs = window.__pwned ?? 0;
      console.log(
        `[figure] deep-link poisoning: ${runs} script runs, ${opened.length} window.open calls, ${navigations} navigations over ${plants.length} requests with poisoned links planted (${plants.map(([what]) => what).join(', ')}); ${results.length} answered`,
      );
      expect(runs).to.equal(0);
      expect(opened).to.deep.equal([]);
      expect(navigations).to.equal(0);
      expect(results).to.deep.equal(plants.map((_, i) => `0xsig${i}`));
      expect(dapp.client!.session.get(session.topic).sessionConfig?.disableDeepLink).to.equal(true);
    });
  });

  describe('ungranted wallet events', () => {
    it('drops session events on an ungranted chain or name (one protocol-violation each) and passes granted ones unchanged', async () => {
      const { dapp, wallet, session } = await connectedPair();
      const rejections = watchUnhandledRejections();
      const events: unknown[] = [];
      dapp.addEventListener('wc-session-event', (e) => events.push(e.detail));
      const errors = errorsOf(dapp);
      // The wallet SDK's emit() checks the grant itself, so a hostile wallet sends the raw message.
      const engine = wallet.client.engine as unknown as { sendRequest(args: { topic: string; method: string; params: unknown }): Promise<number> };
      const forged: Array<[string, string]> = [
        ['eip155:999', 'chainChanged'], // a chain the session never granted
        ['eip155:1', 'evil'], // an event name it never granted
        ['eip155:999', 'evil'],
      ];
      for (const [chainId, name] of forged) {
        await engine.sendRequest({ topic: session.topic, method: 'wc_sessionEvent', params: { event: { name, data: 1 }, chainId } });
      }
      await wallet.client.emit({ topic: session.topic, chainId: 'eip155:1', event: { name: 'accountsChanged', data: [`eip155:1:${ADDRESS}`] } });
      await waitUntil(() => events.length >= 1 && errors.length >= forged.length, 'the granted event and a report per forged one', { timeout: 8000 });
      await rejections.flush();
      rejections.stop();
      const leaked = events.length - 1;
      console.log(
        `[figure] ungranted wallet events: ${leaked} of ${forged.length} forged events reached the page, ${errors.length} protocol-violation wc-errors, ${rejections.reasons.length} unhandled rejections; 1 granted event passed unchanged`,
      );
      expect(events).to.deep.equal([{ topic: session.topic, chainId: 'eip155:1', name: 'accountsChanged', data: [`eip155:1:${ADDRESS}`] }]);
      expect(errors.map((e) => [e.error.code, e.operation])).to.deep.equal(forged.map(() => ['protocol-violation', 'peer']));
      expect(errors.map((e) => e.error.data)).to.deep.equal(forged.map(([chainId, name]) => ({ chainId, name })));
      expect(rejections.reasons).to.deep.equal([]);
      expect(dapp.getSession(session.topic)?.namespaces).to.deep.equal(session.namespaces);
    });
  });

  describe('bad arguments', () => {
    it('refuses a bad argument to every public method with one typed invalid-argument error naming it', async () => {
      const { dapp, wallet, session } = await connectedPair();
      const errors = errorsOf(dapp);
      let proposals = 0;
      dapp.addEventListener('wc-proposal', () => proposals++);
      const recent = dapp.state.recentRequests.length;
      const ok = { chainId: 'eip155:1', method: 'personal_sign', params: ['0x00', ADDRESS] };
      const anyDapp = dapp as unknown as Record<string, (...args: unknown[]) => unknown>;
      const call =
        (method: string, ...args: unknown[]) =>
        () =>
          anyDapp[method]!.call(dapp, ...args);
      // [what, call, operation, the argument named, synchronous]
      const cases: Array<[string, () => unknown, WcOperation, string, boolean]> = [
        ['connect(null)', call('connect', null), 'connect', 'options', false],
        ['connect("x")', call('connect', 'x'), 'connect', 'options', false],
        ['connect(42)', call('connect', 42), 'connect', 'options', false],
        ['connect([])', call('connect', []), 'connect', 'options', false],
        ['connect({pairingTopic: 5})', call('connect', { pairingTopic: 5 }), 'connect', 'options.pairingTopic', false],
        ['connect({requiredNamespaces: "eip155"})', call('connect', { requiredNamespaces: 'eip155' }), 'connect', 'options.requiredNamespaces', false],
        ['connect({sessionProperties: {a: 1}})', call('connect', { sessionProperties: { a: 1 } }), 'connect', 'options.sessionProperties.a', false],
        ['connect({signal: {}})', call('connect', { signal: {} }), 'connect', 'options.signal', false],
        ['request(null)', call('request', null), 'request', 'options', false],
        ['request("x")', call('request', 'x'), 'request', 'options', false],
        ['request({expiry: NaN})', call('request', { ...ok, expiry: NaN }), 'request', 'options.expiry', false],
        ['request({expiry: Infinity})', call('request', { ...ok, expiry: Infinity }), 'request', 'options.expiry', false],
        ['request({expiry: -1})', call('request', { ...ok, expiry: -1 }), 'request', 'options.expiry', false],
        ['request({expiry: "300"})', call('request', { ...ok, expiry: '300' }), 'request', 'options.expiry', false],
        ['request({topic: 42})', call('request', { ...ok, topic: 42 }), 'request', 'options.topic', false],
        ['request({topic: ""})', call('request', { ...ok, topic: '' }), 'request', 'options.topic', false],
        ['request({chainId: 1})', call('request', { ...ok, chainId: 1 }), 'request', 'options.chainId', false],
        ['request({method: undefined})', call('request', { ...ok, method: undefined }), 'request', 'options.method', false],
        ['request({signal: "stop"})', call('request', { ...ok, signal: 'stop' }), 'request', 'options.signal', false],
        ['extend(42)', call('extend', 42), 'extend', 'topic', false],
        ['ping("")', call('ping', ''), 'ping', 'topic', false],
        ['disconnect({})', call('disconnect', {}), 'disconnect', 'topic', false],
        ['disconnect(null)', call('disconnect', null), 'disconnect', 'topic', false],
        ['select(42)', call('select', 42), 'select', 'topic', true],
        ['select(undefined)', call('select'), 'select', 'topic', true],
        ['getSession(42)', call('getSession', 42), 'getSession', 'topic', true],
        ['getSession(undefined)', call('getSession'), 'getSession', 'topic', true],
      ];
      const thrown: WcError[] = [];
      for (const [what, run, operation, argument, sync] of cases) {
        let error: unknown;
        let result: unknown;
        try {
          result = run();
        } catch (e) {
          error = e;
        }
        if (sync) expect(error, `${what} throws`).to.be.instanceOf(WcError);
        else {
          expect(error, `${what} does not throw synchronously`).to.equal(undefined);
          expect(result, `${what} returns a promise`).to.be.instanceOf(Promise);
          error = await (result as Promise<unknown>).then(
            () => null,
            (e: unknown) => e,
          );
        }
        expect(error, what).to.be.instanceOf(WcError);
        const wc = error as WcError;
        expect([wc.code, wc.operation, (wc.data as { argument?: string } | undefined)?.argument], what).to.deep.equal([
          'invalid-argument',
          operation,
          argument,
        ]);
        expect(wc.message, what).to.contain(argument);
        thrown.push(wc);
      }
      const reported = errors.filter((e) => e.error.code === 'invalid-argument').length;
      console.log(
        `[figure] bad arguments: ${thrown.length} of ${cases.length} calls refused with invalid-argument, ${reported} wc-error reports, ${proposals} proposals opened, ${dapp.state.recentRequests.length - recent} requests sent`,
      );
      expect(errors.map((e) => e.error)).to.deep.equal(thrown); // each reported once, as the very error thrown
      expect(errors.map((e) => e.operation)).to.deep.equal(cases.map(([, , operation]) => operation));
      expect(proposals).to.equal(0);
      expect(dapp.state.proposal).to.equal(null);
      expect(dapp.state.pendingRequests).to.deep.equal([]);
      expect(dapp.state.recentRequests.length).to.equal(recent);
      expect(dapp.sessionTopics).to.deep.equal([session.topic]);
      expect(dapp.state.status).to.equal('connected');
      // The controller still works: a well-formed request goes through.
      const requesting = dapp.request({ ...ok, expiry: 300 });
      await answerNext(wallet, '0xsig');
      expect(await requesting).to.equal('0xsig');
    });
  });
});
