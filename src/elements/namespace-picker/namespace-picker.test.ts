import { expect, fixture, fixtureSync, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import './define.js';
import type { WcNamespacePicker } from './namespace-picker.js';
import { FakeController } from '../../../test/helpers/fake-controller.js';
import { EVM_ATTRIBUTES } from '../../../test/helpers/namespaces.js';
import type { ProposalTypes } from '@walletconnect/types';
import { WcError } from '../../errors.js';
import type { WcErrorEvent, WcNamespaceApproveEvent, WcNamespaceChangeEvent, WcNamespaceRejectEvent } from '../../events.js';
import type { NamespaceRequest } from '../../types.js';
import { box, q, qa, row } from '../../../test/helpers/queries.js';
import { attributeError, elementContracts, type EventCase } from '../../../test/contracts/element-contracts.js';
import { tabFrom } from '../../../test/helpers/keyboard.js';

const SOLANA = 'solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp';

async function untick(el: WcNamespacePicker, name: string): Promise<void> {
  box(el, name).click();
  await el.updateComplete;
}
/** Records events of `type` reaching `target` (default: document) while the test runs. */
function record<E extends Event>(type: string, target: EventTarget = document): { events: E[]; stop: () => void } {
  const events: E[] = [];
  const listener = (e: Event) => events.push(e as E);
  target.addEventListener(type, listener);
  return { events, stop: () => target.removeEventListener(type, listener) };
}

/** A picker whose request is the JSON text `json` in a child script. */
const scripted = (json: string) => staticHtml`<wc-namespace-picker><script type="application/json">${unsafeStatic(json)}</script></wc-namespace-picker>`;

const EVM = html`<wc-namespace-picker
  chains="eip155:1"
  optional-chains="eip155:137 eip155:8453"
  methods="personal_sign"
  optional-methods="eth_signTypedData_v4"
  events="chainChanged"
  optional-events="accountsChanged"
></wc-namespace-picker>`;

describe('<wc-namespace-picker> request mode', () => {
  let stops: Array<() => void> = [];
  const listen = <E extends Event>(type: string, target?: EventTarget) => {
    const r = record<E>(type, target);
    stops.push(r.stop);
    return r.events;
  };
  afterEach(() => {
    stops.forEach((s) => s());
    stops = [];
  });

  const defaultsFor = (chain: string): NamespaceRequest => ({
    requiredNamespaces: { eip155: { chains: [chain], methods: [], events: [] } },
    optionalNamespaces: {},
  });
  /** The EVM request of `EVM`, as attributes set on an element before it connects. */
  const evmAttributes = (el: WcNamespacePicker) => {
    for (const [k, v] of Object.entries(EVM_ATTRIBUTES)) {
      el.setAttribute(k, v);
    }
  };
  const ADDRESS = '0xab16a96d359ec26a11e2c2b3d8f8b8942d5bfcdb';
  /** A proposal as the pinned SDK hands it to a wallet (everything optional). */
  const reviewed = (): ProposalTypes.Struct => ({
    id: 1_700_000_000_000_001,
    pairingTopic: 'a'.repeat(64),
    expiryTimestamp: Math.floor(Date.now() / 1000) + 300,
    relays: [{ protocol: 'irn' }],
    proposer: { publicKey: 'b'.repeat(64), metadata: { name: 'Uniswap', description: '', url: 'https://app.uniswap.org', icons: [] } },
    requiredNamespaces: {},
    optionalNamespaces: { eip155: { chains: ['eip155:1', 'eip155:137'], methods: ['personal_sign'], events: ['chainChanged'] } },
  });
  const approving = (proposal: ProposalTypes.Struct) => (el: WcNamespacePicker) => {
    el.mode = 'approve';
    el.accounts = [`eip155:1:${ADDRESS}`, `eip155:137:${ADDRESS}`];
    el.proposal = proposal;
  };

  /** Clicking `button` while reviewing a proposal fires `name` (cancelable) once. */
  const reviewEvent = (name: string, button: string, detail: (detail: unknown, proposal: ProposalTypes.Struct) => void): EventCase<WcNamespacePicker> => ({
    name,
    cancelable: true,
    setup: async (mount) => {
      const proposal = reviewed();
      const el = await mount(undefined, approving(proposal));
      return { el, fire: () => q<HTMLButtonElement>(el, `[part="${button}"]`).click(), detail: (seen) => detail(seen, proposal) };
    },
  });

  elementContracts<WcNamespacePicker>({
    tag: 'wc-namespace-picker',
    unconfigured: (el) => {
      expect(q(el, '[part="empty"]').textContent).to.equal('No chains requested.');
      expect(el.valid).to.equal(true);
      expect(el.value).to.deep.equal({ requiredNamespaces: {}, optionalNamespaces: {} });
    },
    provided: {
      controller: () => {
        const fake = new FakeController();
        fake.defaultNamespaces = defaultsFor('eip155:1');
        return fake;
      },
      shows: (el) => qa(el, 'li').length > 0,
      check: (el) => {
        expect(row(el, 'Ethereum')).to.exist;
        expect(el.value).to.deep.equal(defaultsFor('eip155:1'));
      },
    },
    snapshots: {
      initial: (el) => {
        expect(q(el, '[part="empty"]')).to.exist;
      },
      steps: [
        {
          cause: 'wc-state-change (new defaultNamespaces)',
          apply: (fake) => {
            fake.defaultNamespaces = defaultsFor('eip155:8453');
            fake.setState({});
          },
          check: (el) => {
            expect(row(el, 'Base')).to.exist;
          },
        },
        {
          cause: 'wc-state-change (invalid defaultNamespaces)',
          apply: (fake) => {
            fake.defaultNamespaces = defaultsFor('nope');
            fake.setState({ lastError: new WcError('invalid-namespace', 'nope', { operation: 'connect' }) });
          },
          check: (el) => {
            expect(el.valid).to.equal(false);
            expect(q(el, '[part="error"]').textContent).to.contain('controller.defaultNamespaces');
          },
        },
      ],
    },
    events: [
      {
        name: 'wc-namespace-change',
        cancelable: false,
        setup: async (mount) => {
          const el = await mount(undefined, evmAttributes);
          return {
            el,
            fire: () => box(el, 'Polygon').click(),
            detail: (detail) => {
              expect(detail).to.deep.equal({
                valid: true,
                value: {
                  requiredNamespaces: { eip155: { chains: ['eip155:1'], methods: ['personal_sign'], events: ['chainChanged'] } },
                  optionalNamespaces: { eip155: { chains: ['eip155:8453'], methods: ['eth_signTypedData_v4'], events: ['accountsChanged'] } },
                },
              });
            },
          };
        },
      },
      attributeError({ attribute: 'optional-chains', value: 'eip155:137 polygon', code: 'invalid-namespace', message: 'polygon', setup: evmAttributes }),
      reviewEvent('wc-namespace-approve', 'approve-button', (detail, proposal) => {
        const d = detail as WcNamespaceApproveEvent['detail'];
        expect(d.id).to.equal(proposal.id);
        expect(d.proposal).to.deep.equal(proposal);
        expect(d.namespaces).to.deep.equal({
          eip155: {
            chains: ['eip155:1', 'eip155:137'],
            methods: ['personal_sign'],
            events: ['chainChanged'],
            accounts: [`eip155:1:${ADDRESS}`, `eip155:137:${ADDRESS}`],
          },
        });
      }),
      reviewEvent('wc-namespace-reject', 'reject-button', (detail, proposal) => {
        const d = detail as WcNamespaceRejectEvent['detail'];
        expect(d.id).to.equal(proposal.id);
        expect(d.proposal).to.deep.equal(proposal);
      }),
    ],
    axe: {
      'with a request': (mount) => mount(undefined, evmAttributes),
      'when invalid': (mount) => mount(undefined, (el) => el.setAttribute('chains', 'nope')),
      'when disabled': async (mount) => {
        const el = await mount(undefined, evmAttributes);
        el.disabled = true;
        await el.updateComplete;
        return el;
      },
      'reviewing a proposal': (mount) => mount(undefined, approving(reviewed())),
    },
    flow: {
      name: 'through request and approve mode',
      run: async (mount) => {
        const fake = new FakeController();
        const el = await mount(fake, evmAttributes);
        box(el, 'Polygon').click();
        await el.updateComplete;
        el.setAttribute('optional-chains', 'eip155:137 polygon');
        await el.updateComplete;
        el.setAttribute('optional-chains', 'eip155:137');
        el.disabled = true;
        await el.updateComplete;
        fake.defaultNamespaces = defaultsFor('eip155:10');
        fake.setState({});
        await el.updateComplete;
        el.disabled = false;
        approving(reviewed())(el);
        await el.updateComplete;
        box(el, 'Polygon').click();
        await el.updateComplete;
        q<HTMLButtonElement>(el, '[part="approve-button"]').click();
        await el.updateComplete;
      },
    },
  });

  describe('rendering', () => {
    it('renders the attributes grouped by namespace, chains with readable names and raw ids', async () => {
      const el = await fixture<WcNamespacePicker>(EVM);
      const fieldsets = qa(el, 'fieldset[part="namespace"]');
      expect(fieldsets).to.have.length(1);
      expect(fieldsets[0]!.querySelector('legend[part="legend"]')!.textContent).to.equal('EVM');
      expect(qa(el, '[part~="chain"] [part="item-name"]').map((n) => n.textContent)).to.deep.equal(['Ethereum', 'Polygon', 'Base']);
      expect(qa(el, '[part~="chain"] [part="chain-id"]').map((n) => n.textContent)).to.deep.equal(['(eip155:1)', '(eip155:137)', '(eip155:8453)']);
      expect(qa(el, '[part~="method"] [part="item-name"]').map((n) => n.textContent)).to.deep.equal(['personal_sign', 'eth_signTypedData_v4']);
      expect(qa(el, '[part~="event"] [part="item-name"]').map((n) => n.textContent)).to.deep.equal(['chainChanged', 'accountsChanged']);
      expect(qa(el, 'legend[part="group-legend"]').map((n) => n.textContent)).to.deep.equal(['Chains', 'Methods', 'Events']);
      expect(el.valid).to.equal(true);
      expect(el.matches(':state(invalid)')).to.equal(false);
      expect(el.matches(':state(approve)')).to.equal(false);
    });

    it('shows required items locked with a visible "Required" label and optional items as ticked checkboxes', async () => {
      const el = await fixture<WcNamespacePicker>(EVM);
      for (const name of ['Ethereum', 'personal_sign', 'chainChanged']) {
        const li = row(el, name);
        expect(li.getAttribute('part')).to.match(/\brequired\b/);
        expect(li.querySelector('[part="required-badge"]')!.textContent).to.equal('Required');
        const input = li.querySelector('input')!;
        expect(input.checked, name).to.equal(true);
        expect(input.disabled, name).to.equal(true);
      }
      for (const name of ['Polygon', 'Base', 'eth_signTypedData_v4', 'accountsChanged']) {
        const li = row(el, name);
        expect(li.getAttribute('part')).not.to.match(/\brequired\b/);
        expect(li.querySelector('[part="required-badge"]')).to.equal(null);
        const input = li.querySelector('input')!;
        expect(input.type).to.equal('checkbox');
        expect(input.checked, name).to.equal(true);
        expect(input.disabled, name).to.equal(false);
        // a real label: clicking the name toggles the box
        expect(input.closest('label')).to.exist;
      }
      row(el, 'Polygon').querySelector<HTMLElement>('[part="item-name"]')!.click();
      await el.updateComplete;
      expect(box(el, 'Polygon').checked).to.equal(false);
    });

    it('gives the value the attributes describe', async () => {
      const el = await fixture<WcNamespacePicker>(EVM);
      expect(el.value).to.deep.equal({
        requiredNamespaces: { eip155: { chains: ['eip155:1'], methods: ['personal_sign'], events: ['chainChanged'] } },
        optionalNamespaces: {
          eip155: { chains: ['eip155:137', 'eip155:8453'], methods: ['eth_signTypedData_v4'], events: ['accountsChanged'] },
        },
      });
    });

    it('renders a non-EVM request from a child JSON script', async () => {
      const el = await fixture<WcNamespacePicker>(html`<wc-namespace-picker>
        <script type="application/json">
          {
            "requiredNamespaces": {},
            "optionalNamespaces": {
              "solana": { "chains": ["${SOLANA}"], "methods": ["solana_signMessage"], "events": [] }
            }
          }
        </script>
      </wc-namespace-picker>`);
      expect(q(el, 'legend[part="legend"]').textContent).to.equal('Solana');
      expect(box(el, 'Solana').checked).to.equal(true);
      expect(box(el, 'Solana').disabled).to.equal(false);
      expect(row(el, 'solana_signMessage')).to.exist;
      expect(el.value).to.deep.equal({
        requiredNamespaces: {},
        optionalNamespaces: { solana: { chains: [SOLANA], methods: ['solana_signMessage'], events: [] } },
      });
    });

    it('merges the script with the attributes', async () => {
      const el = await fixture<WcNamespacePicker>(html`<wc-namespace-picker chains="eip155:1" methods="personal_sign">
        <script type="application/json">
          {"optionalNamespaces": {"solana": {"chains": ["${SOLANA}"], "methods": ["solana_signMessage"], "events": []}},
           "requiredNamespaces": {"eip155": {"chains": ["eip155:10"], "methods": ["eth_sign"], "events": []}}}
        </script>
      </wc-namespace-picker>`);
      expect(qa(el, 'legend[part="legend"]').map((l) => l.textContent)).to.deep.equal(['EVM', 'Solana']);
      expect(el.value.requiredNamespaces).to.deep.equal({
        eip155: { chains: ['eip155:10', 'eip155:1'], methods: ['eth_sign', 'personal_sign'], events: [] },
      });
      expect(Object.keys(el.value.optionalNamespaces)).to.deep.equal(['solana']);
    });

    it('folds an inline chain key (eip155:1) into its namespace and keeps it in the value', async () => {
      const el = await fixture<WcNamespacePicker>(html`<wc-namespace-picker>
        <script type="application/json">
          {"optionalNamespaces": {"eip155:10": {"methods": ["eth_sign"], "events": []},
                                  "eip155": {"chains": ["eip155:1"], "methods": ["personal_sign"], "events": []}}}
        </script>
      </wc-namespace-picker>`);
      expect(qa(el, 'fieldset[part="namespace"]')).to.have.length(1);
      expect(qa(el, '[part~="chain"] [part="item-name"]').map((n) => n.textContent)).to.deep.equal(['OP Mainnet', 'Ethereum']);
      await untick(el, 'OP Mainnet');
      expect(el.value.optionalNamespaces).to.deep.equal({
        eip155: { chains: ['eip155:1'], methods: ['personal_sign'], events: [] },
      });
    });

    it('shows an unknown chain by its raw id once, and an unknown namespace by its key', async () => {
      const el = await fixture<WcNamespacePicker>(html`<wc-namespace-picker chains="foo:bar-1"></wc-namespace-picker>`);
      expect(q(el, 'legend[part="legend"]').textContent).to.equal('foo');
      expect(q(el, '[part="item-name"]').textContent).to.equal('foo:bar-1');
      expect(qa(el, '[part="chain-id"]')).to.have.length(0);
    });

    it('uses German strings under lang="de" and accepts .strings overrides', async () => {
      const wrapper = fixtureSync<HTMLDivElement>(html`<div lang="de">${EVM}</div>`);
      const el = wrapper.querySelector('wc-namespace-picker')!;
      await el.updateComplete;
      expect(row(el, 'Ethereum').querySelector('[part="required-badge"]')!.textContent).to.equal('Erforderlich');
      expect(qa(el, 'legend[part="group-legend"]').map((n) => n.textContent)).to.deep.equal(['Chains', 'Methoden', 'Ereignisse']);
      el.strings = { required: 'Pflicht' };
      await el.updateComplete;
      expect(row(el, 'Ethereum').querySelector('[part="required-badge"]')!.textContent).to.equal('Pflicht');
    });

    it('shows a selection summary in a status region', async () => {
      const el = await fixture<WcNamespacePicker>(EVM);
      const status = q(el, '[role="status"]');
      expect(status.textContent).to.equal('Selected: 3 chains, 2 methods, 2 events');
      await untick(el, 'Base');
      expect(status.textContent).to.equal('Selected: 2 chains, 2 methods, 2 events');
    });
  });

  describe('value and wc-namespace-change', () => {
    it('does not fire on first render', async () => {
      const changes = listen<WcNamespaceChangeEvent>('wc-namespace-change');
      const el = await fixture<WcNamespacePicker>(EVM);
      await el.updateComplete;
      expect(changes).to.have.length(0);
    });

    it('follows unticking: the value drops the item, one event with the value, bubbling and composed', async () => {
      const el = await fixture<WcNamespacePicker>(EVM);
      const changes = listen<WcNamespaceChangeEvent>('wc-namespace-change');
      const next = oneEvent(el, 'wc-namespace-change');
      box(el, 'Polygon').click();
      const event = (await next) as unknown as WcNamespaceChangeEvent;
      await el.updateComplete;
      expect(changes).to.have.length(1);
      expect(event.bubbles).to.equal(true);
      expect(event.composed).to.equal(true);
      expect(event.cancelable).to.equal(false);
      expect(event.detail.valid).to.equal(true);
      expect(event.detail.value.optionalNamespaces).to.deep.equal({
        eip155: { chains: ['eip155:8453'], methods: ['eth_signTypedData_v4'], events: ['accountsChanged'] },
      });
      expect(el.value).to.deep.equal(event.detail.value);
      // required part unchanged
      expect(el.value.requiredNamespaces['eip155']!.chains).to.deep.equal(['eip155:1']);

      await untick(el, 'eth_signTypedData_v4');
      await untick(el, 'accountsChanged');
      expect(changes).to.have.length(3);
      expect(el.value.optionalNamespaces).to.deep.equal({ eip155: { chains: ['eip155:8453'], methods: [], events: [] } });

      // ticking again restores
      box(el, 'Polygon').click();
      await el.updateComplete;
      expect(changes).to.have.length(4);
      expect(el.value.optionalNamespaces['eip155']!.chains).to.deep.equal(['eip155:137', 'eip155:8453']);
    });

    it('drops an optional namespace once none of its chains is ticked', async () => {
      const el = await fixture<WcNamespacePicker>(html`<wc-namespace-picker
        chains="eip155:1"
        optional-chains="${SOLANA}"
        optional-methods="solana:solana_signMessage"
      ></wc-namespace-picker>`);
      expect(Object.keys(el.value.optionalNamespaces)).to.deep.equal(['solana']);
      await untick(el, 'Solana');
      expect(el.value.optionalNamespaces).to.deep.equal({});
      expect(el.value.requiredNamespaces).to.deep.equal({ eip155: { chains: ['eip155:1'], methods: [], events: [] } });
    });

    it('fires once per attribute change, with the new value, and not for a change that changes nothing', async () => {
      const el = await fixture<WcNamespacePicker>(EVM);
      const changes = listen<WcNamespaceChangeEvent>('wc-namespace-change', el);
      el.setAttribute('optional-chains', 'eip155:137 eip155:8453 eip155:10');
      await el.updateComplete;
      expect(changes).to.have.length(1);
      expect(changes[0]!.detail.value.optionalNamespaces['eip155']!.chains).to.deep.equal(['eip155:137', 'eip155:8453', 'eip155:10']);
      el.setAttribute('optional-chains', ' eip155:137   eip155:8453 eip155:10 ');
      el.toggleAttribute('disabled', true);
      await el.updateComplete;
      expect(changes).to.have.length(1);
      // a value read straight after an attribute change is already current
      el.setAttribute('chains', 'eip155:1 eip155:42161');
      expect(el.value.requiredNamespaces['eip155']!.chains).to.deep.equal(['eip155:1', 'eip155:42161']);
      await el.updateComplete;
      expect(changes).to.have.length(2);
    });

    it('keeps an unticked choice across an unrelated attribute change', async () => {
      const el = await fixture<WcNamespacePicker>(EVM);
      await untick(el, 'Polygon');
      el.setAttribute('optional-events', 'accountsChanged message');
      await el.updateComplete;
      expect(box(el, 'Polygon').checked).to.equal(false);
      expect(el.value.optionalNamespaces['eip155']!.chains).to.deep.equal(['eip155:8453']);
    });

    it('picks up a script a CMS fills in later, and script edits', async () => {
      const el = await fixture<WcNamespacePicker>(html`<wc-namespace-picker><script type="application/json"></script></wc-namespace-picker>`);
      expect(q(el, '[part="empty"]')).to.exist;
      expect(el.valid).to.equal(true);
      const changes = listen<WcNamespaceChangeEvent>('wc-namespace-change', el);
      const script = el.querySelector('script')!;
      script.textContent = JSON.stringify({ requiredNamespaces: { eip155: { chains: ['eip155:1'], methods: ['personal_sign'], events: [] } } });
      await waitUntil(() => changes.length === 1, 'no change after filling the script');
      expect(row(el, 'Ethereum')).to.exist;
      expect(changes[0]!.detail.value.requiredNamespaces['eip155']!.chains).to.deep.equal(['eip155:1']);

      // a text node edited in place
      script.firstChild!.nodeValue = JSON.stringify({ requiredNamespaces: { eip155: { chains: ['eip155:10'], methods: [], events: [] } } });
      await waitUntil(() => changes.length === 2, 'no change after editing the text node');
      expect(row(el, 'OP Mainnet')).to.exist;

      // a script appended later (the first JSON script wins; replace it)
      script.remove();
      const next = document.createElement('script');
      next.type = 'application/json';
      next.textContent = JSON.stringify({ optionalNamespaces: { solana: { chains: [SOLANA], methods: [], events: [] } } });
      el.append(next);
      await waitUntil(() => changes.length === 3, 'no change after appending a script');
      expect(row(el, 'Solana')).to.exist;
    });

    it('re-reads a script changed while disconnected', async () => {
      const el = await fixture<WcNamespacePicker>(html`<wc-namespace-picker
        ><script type="application/json">
          {"requiredNamespaces": {"eip155": {"chains": ["eip155:1"], "methods": [], "events": []}}}
        </script></wc-namespace-picker
      >`);
      const parent = el.parentElement!;
      el.remove();
      el.querySelector('script')!.textContent = JSON.stringify({ requiredNamespaces: { eip155: { chains: ['eip155:10'], methods: [], events: [] } } });
      parent.append(el);
      await el.updateComplete;
      expect(row(el, 'OP Mainnet')).to.exist;
    });

    it('falls back to controller.defaultNamespaces when given no attribute or script', async () => {
      const fake = new FakeController();
      const defaults: NamespaceRequest = {
        requiredNamespaces: { eip155: { chains: ['eip155:1'], methods: ['personal_sign'], events: [] } },
        optionalNamespaces: { eip155: { chains: ['eip155:137'], methods: [], events: [] } },
      };
      fake.defaultNamespaces = defaults;
      const el = await fixture<WcNamespacePicker>(html`<wc-namespace-picker .controller=${fake}></wc-namespace-picker>`);
      expect(row(el, 'Ethereum')).to.exist;
      expect(el.value).to.deep.equal(defaults);
      // attributes win over the defaults
      el.setAttribute('chains', 'eip155:10');
      await el.updateComplete;
      expect(() => row(el, 'Ethereum')).to.throw();
      expect(row(el, 'OP Mainnet')).to.exist;
    });
  });

  describe('controller', () => {
    it('shows an invalid defaultNamespaces as an error instead of throwing', async () => {
      const fake = new FakeController();
      fake.defaultNamespaces = { requiredNamespaces: { eip155: { chains: ['nope'], methods: [], events: [] } }, optionalNamespaces: {} };
      const el = await fixture<WcNamespacePicker>(html`<wc-namespace-picker .controller=${fake}></wc-namespace-picker>`);
      expect(el.valid).to.equal(false);
      expect(q(el, '[part="error"]').textContent).to.contain('controller.defaultNamespaces');
    });
  });

  describe('validation', () => {
    async function invalid(template: ReturnType<typeof html>, ...expected: string[]) {
      const errors = listen<WcErrorEvent>('wc-error');
      const changes = listen<WcNamespaceChangeEvent>('wc-namespace-change');
      const el = await fixture<WcNamespacePicker>(template);
      await el.updateComplete;
      const alert = q(el, '[part="error"]');
      expect(alert.getAttribute('role')).to.equal('alert');
      for (const s of expected) expect(alert.textContent).to.contain(s);
      expect(errors, 'wc-error count').to.have.length(1);
      expect(errors[0]!.detail.error.code).to.equal('invalid-namespace');
      expect(errors[0]!.detail.operation).to.equal('attribute');
      expect(errors[0]!.bubbles && errors[0]!.composed).to.equal(true);
      expect(el.valid).to.equal(false);
      expect(el.matches(':state(invalid)')).to.equal(true);
      expect(el.value).to.deep.equal({ requiredNamespaces: {}, optionalNamespaces: {} });
      expect(qa(el, 'input')).to.have.length(0);
      expect(changes).to.have.length(0); // first render
      return { el, errors, changes };
    }

    it('an invalid chain: names the attribute and the token; fixing the attribute clears it', async () => {
      const { el, errors, changes } = await invalid(
        html`<wc-namespace-picker chains="eip155:1 ethereum" methods="personal_sign"></wc-namespace-picker>`,
        'chains',
        '"ethereum"',
      );
      el.setAttribute('chains', 'eip155:1');
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part="error"]')).to.equal(null);
      expect(el.valid).to.equal(true);
      expect(el.matches(':state(invalid)')).to.equal(false);
      expect(row(el, 'Ethereum')).to.exist;
      expect(changes).to.have.length(1);
      expect(changes[0]!.detail.valid).to.equal(true);
      expect(errors).to.have.length(1);
    });

    it('going from valid to invalid fires wc-namespace-change with valid: false, and wc-error once per distinct error', async () => {
      const el = await fixture<WcNamespacePicker>(EVM);
      const errors = listen<WcErrorEvent>('wc-error', el);
      const changes = listen<WcNamespaceChangeEvent>('wc-namespace-change', el);
      el.setAttribute('optional-chains', 'eip155:137 polygon');
      await el.updateComplete;
      expect(changes).to.have.length(1);
      expect(changes[0]!.detail).to.deep.equal({ valid: false, value: { requiredNamespaces: {}, optionalNamespaces: {} } });
      expect(errors).to.have.length(1);
      expect(q(el, '[part="error"]').textContent).to.contain('optional-chains').and.to.contain('"polygon"');
      // re-rendering with the same error fires nothing new
      el.disabled = true;
      await el.updateComplete;
      expect(errors).to.have.length(1);
      expect(changes).to.have.length(1);
      // a different error fires again
      el.setAttribute('optional-chains', 'eip155:137 arbitrum');
      await el.updateComplete;
      expect(errors).to.have.length(2);
      expect(errors[1]!.detail.error.message).to.contain('arbitrum');
      expect(changes).to.have.length(1); // still {valid: false, empty}
      // the same error after a fix fires again
      el.setAttribute('optional-chains', 'eip155:137');
      await el.updateComplete;
      el.setAttribute('optional-chains', 'eip155:137 arbitrum');
      await el.updateComplete;
      expect(errors).to.have.length(3);
      expect(changes).to.have.length(3);
    });

    it('a chain under the wrong namespace key (script)', async () => {
      await invalid(
        scripted(`{"requiredNamespaces": {"eip155": {"chains": ["${SOLANA}"], "methods": [], "events": []}}}`),
        'script.requiredNamespaces.eip155.chains',
        SOLANA,
        'does not belong under namespace "eip155"',
      );
    });

    it('a __proto__ key (script)', async () => {
      await invalid(
        scripted(`{"optionalNamespaces": {"__proto__": {"chains": ["eip155:1"], "methods": [], "events": []}}}`),
        'script.optionalNamespaces.__proto__',
        '"__proto__"',
      );
      expect(({} as Record<string, unknown>)['chains']).to.equal(undefined);
    });

    it('an empty method (attribute and script)', async () => {
      await invalid(html`<wc-namespace-picker chains="eip155:1" methods="personal_sign eip155:"></wc-namespace-picker>`, 'methods', '"eip155:"');
      await invalid(
        scripted(`{"requiredNamespaces": {"eip155": {"chains": ["eip155:1"], "methods": [""], "events": []}}}`),
        'script.requiredNamespaces.eip155.methods',
        '""',
      );
    });

    it('a method scoped to a namespace that has no chain', async () => {
      await invalid(
        html`<wc-namespace-picker chains="eip155:1" methods="solana:solana_signMessage"></wc-namespace-picker>`,
        'methods',
        'solana:solana_signMessage',
      );
    });

    it('an oversized list', async () => {
      const chains = Array.from({ length: 257 }, (_, i) => `eip155:${i + 1}`).join(' ');
      await invalid(html`<wc-namespace-picker optional-chains=${chains}></wc-namespace-picker>`, 'optional-chains', '257');
    });

    it('script content that is not JSON, or an unknown key', async () => {
      await invalid(html`<wc-namespace-picker><script type="application/json">{"requiredNamespaces": </script></wc-namespace-picker>`, 'not valid JSON');
      await invalid(html`<wc-namespace-picker><script type="application/json">{"sessionProperties": {}}</script></wc-namespace-picker>`, '"sessionProperties"');
    });
  });

  describe('the script is never executed', () => {
    const w = window as unknown as Record<string, unknown>;
    afterEach(() => {
      delete w['__wcPwned'];
    });

    it('keeps a JSON script with code in it inert', async () => {
      const originalAlert = window.alert;
      let alerted = false;
      window.alert = () => {
        alerted = true;
      };
      try {
        const host = fixtureSync<HTMLDivElement>(html`<div></div>`);
        // innerHTML, like a CMS would; the content is code, not JSON
        host.innerHTML = `<wc-namespace-picker><script type="application/json">window.__wcPwned = true; alert(1)</script></wc-namespace-picker>`;
        const el = host.querySelector('wc-namespace-picker')!;
        await el.updateComplete;
        expect(w['__wcPwned']).to.equal(undefined);
        expect(alerted).to.equal(false);
        expect(el.valid).to.equal(false);
        expect(q(el, '[part="error"]').textContent).to.contain('not valid JSON');
        // JSON whose strings look like markup or code stays text
        el.querySelector('script')!.textContent = JSON.stringify({
          requiredNamespaces: { eip155: { chains: ['eip155:1'], methods: ['<img/src/onerror=alert(1)>'], events: [] } },
        });
        await waitUntil(() => el.valid, 'the script was not re-read');
        expect(row(el, '<img/src/onerror=alert(1)>')).to.exist;
        expect(el.shadowRoot!.querySelector('img')).to.equal(null);
        expect(alerted).to.equal(false);
      } finally {
        window.alert = originalAlert;
      }
    });

    it('ignores a script without the JSON type', async () => {
      const host = fixtureSync<HTMLDivElement>(html`<div></div>`);
      host.innerHTML = `<wc-namespace-picker><script>({"requiredNamespaces": {"eip155": {"chains": ["eip155:1"], "methods": [], "events": []}}}); window.__wcPwned = true</script><script type="text/plain">{"requiredNamespaces": {"eip155": {"chains": ["eip155:10"], "methods": [], "events": []}}}</script></wc-namespace-picker>`;
      const el = host.querySelector('wc-namespace-picker')!;
      await el.updateComplete;
      expect(w['__wcPwned']).to.equal(undefined);
      expect(el.valid).to.equal(true);
      expect(q(el, '[part="empty"]')).to.exist;
      expect(el.value).to.deep.equal({ requiredNamespaces: {}, optionalNamespaces: {} });
    });
  });

  describe('disabled', () => {
    it('disables every checkbox and re-enables the optional ones', async () => {
      const el = await fixture<WcNamespacePicker>(EVM);
      el.disabled = true;
      await el.updateComplete;
      expect(qa<HTMLInputElement>(el, 'input').every((i) => i.disabled)).to.equal(true);
      expect(el.hasAttribute('disabled')).to.equal(true);
      el.disabled = false;
      await el.updateComplete;
      expect(box(el, 'Polygon').disabled).to.equal(false);
      expect(box(el, 'Ethereum').disabled).to.equal(true);
    });
  });

  describe('accessibility', () => {
    it('keyboard: Tab reaches every optional checkbox in order and Space toggles it', async () => {
      const before = fixtureSync<HTMLButtonElement>(html`<button>before</button>`);
      const el = document.createElement('wc-namespace-picker');
      for (const [k, v] of Object.entries({
        chains: 'eip155:1',
        'optional-chains': 'eip155:137 eip155:8453',
        methods: 'personal_sign',
        'optional-methods': 'eth_signTypedData_v4',
        'optional-events': 'accountsChanged',
      })) {
        el.setAttribute(k, v);
      }
      before.after(el);
      await el.updateComplete;
      try {
        const reached = await tabFrom(before, el, 4, (active, press) => {
          expect((active as HTMLInputElement | null)?.type, `tab ${press}`).to.equal('checkbox');
          return active!.closest('li')!.querySelector('[part="item-name"]')!.textContent!;
        });
        expect(reached).to.deep.equal(['Polygon', 'Base', 'eth_signTypedData_v4', 'accountsChanged']);

        const changes = listen<WcNamespaceChangeEvent>('wc-namespace-change', el);
        await sendKeys({ press: 'Space' });
        await el.updateComplete;
        expect(box(el, 'accountsChanged').checked).to.equal(false);
        expect(changes).to.have.length(1);
        expect(el.value.optionalNamespaces['eip155']!.events).to.deep.equal([]);
        await sendKeys({ press: 'Space' });
        await el.updateComplete;
        expect(box(el, 'accountsChanged').checked).to.equal(true);
        expect(changes).to.have.length(2);
      } finally {
        el.remove();
      }
    });
  });
});
