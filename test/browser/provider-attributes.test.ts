/**
 * <wc-provider>: every attribute is either used or reported, once (issue 11). One bad attribute
 * gives exactly one `wc-error` — from the provider for what it checks itself (operation
 * `attribute`), from the controller it built for an option that fails `init()` (operation `init`) —
 * and re-renders, reads of `.options` and a later good change add none.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/provider/define.js';
import type { WcProvider } from '../../src/elements/provider/provider.js';
import type { WcErrorCode, WcOperation } from '../../src/errors.js';
import type { WcErrorEvent } from '../../src/events.js';
import { usePeers } from '../helpers/peers.js';

let seq = 0;
const id = () => `pa${Date.now().toString(36)}${seq++}`;

/** A microtask queued now runs after any the provider queued before it (it announces with queueMicrotask). */
const microtaskBarrier = () => new Promise<void>((resolve) => queueMicrotask(resolve));

interface Case {
  readonly attribute: string;
  readonly value: string;
  readonly code: WcErrorCode;
  readonly operation: WcOperation;
  /** The controller's status once settled: a refused init option leaves it in `error`. */
  readonly status: 'ready' | 'error';
}

const CASES: readonly Case[] = [
  { attribute: 'chains', value: 'not-a-chain', code: 'invalid-namespace', operation: 'attribute', status: 'ready' },
  { attribute: 'app-url', value: 'javascript:alert(1)', code: 'invalid-option', operation: 'attribute', status: 'ready' },
  { attribute: 'app-icon', value: 'http://example.com/x.png', code: 'invalid-option', operation: 'attribute', status: 'ready' },
  { attribute: 'scope', value: 'everywhere', code: 'invalid-option', operation: 'attribute', status: 'ready' },
  { attribute: 'proposal-ttl', value: 'soon', code: 'invalid-option', operation: 'init', status: 'error' },
  { attribute: 'proposal-ttl', value: '999', code: 'invalid-option', operation: 'init', status: 'error' },
  { attribute: 'verify', value: 'maybe', code: 'invalid-option', operation: 'init', status: 'error' },
  { attribute: 'required-unmet', value: 'sometimes', code: 'invalid-option', operation: 'init', status: 'error' },
  { attribute: 'storage-prefix', value: 'bad prefix!', code: 'invalid-option', operation: 'init', status: 'error' },
  { attribute: 'relay-url', value: 'http://relay.example.org', code: 'invalid-option', operation: 'init', status: 'error' },
];

describe('<wc-provider> attributes: one bad attribute, one wc-error', () => {
  const relay = usePeers();

  async function mount(attributes: Record<string, string>) {
    const seen: WcErrorEvent[] = [];
    const wrapper = await fixture<HTMLDivElement>(html`<div @wc-error=${(e: WcErrorEvent) => seen.push(e)}></div>`);
    const el = document.createElement('wc-provider') as WcProvider;
    el.id = id();
    el.setAttribute('relay-url', relay.url);
    for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
    wrapper.append(el);
    return { el, seen };
  }

  for (const c of CASES) {
    it(`${c.attribute}="${c.value}" fires one ${c.code} (${c.operation})`, async () => {
      const { el, seen } = await mount({ [c.attribute]: c.value });
      await waitUntil(() => el.controller?.state.status === c.status, `status ${c.status}`, { timeout: 5000 });
      el.requestUpdate();
      await el.updateComplete;
      void el.options;
      await microtaskBarrier();
      expect(seen.map((e) => [e.detail.error.code, e.detail.operation])).to.deep.equal([[c.code, c.operation]]);
      if (c.operation === 'attribute') expect(seen[0]!.detail.error.message).to.contain(c.attribute);
      el.remove();
    });
  }

  it('a bad scope is reported again only for a new bad value, not for a good one', async () => {
    const { el, seen } = await mount({ scope: 'everywhere' });
    await waitUntil(() => el.controller?.state.status === 'ready', 'ready');
    await microtaskBarrier();
    expect(seen.map((e) => e.detail.error.data)).to.deep.equal([{ attribute: 'scope', token: 'everywhere' }]);
    el.setAttribute('scope', 'document');
    await el.updateComplete;
    el.setAttribute('scope', 'page');
    await el.updateComplete;
    await microtaskBarrier();
    expect(seen.map((e) => e.detail.error.data)).to.deep.equal([
      { attribute: 'scope', token: 'everywhere' },
      { attribute: 'scope', token: 'page' },
    ]);
    el.remove();
  });
});
