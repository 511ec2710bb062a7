import { expect, fixture, fixtureSync, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { buildApprovedNamespaces, mergeRequiredAndOptionalNamespaces } from '@walletconnect/utils';
import type { ProposalTypes, SessionTypes, SignClientTypes } from '@walletconnect/types';
import './define.js';
import type { WcNamespacePicker } from './namespace-picker.js';
import type { WcErrorEvent, WcNamespaceApproveEvent, WcNamespaceChangeEvent, WcNamespaceRejectEvent } from '../../events.js';
import { box, q, qa, row } from '../../../test/helpers/queries.js';
import { tabFrom } from '../../../test/helpers/keyboard.js';

const ADDRESS = '0xab16a96d359ec26a11e2c2b3d8f8b8942d5bfcdb';
const ADDRESS_2 = '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed';
const SOLANA = 'solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp';
const SOLANA_ADDRESS = '7S3P4HxJpyyigGzodYwHtCxZyUQe9JiBMHyRWXArAaKv';
const METADATA: SignClientTypes.Metadata = {
  name: 'Uniswap',
  description: 'Swap tokens',
  url: 'https://app.uniswap.org',
  icons: ['https://app.uniswap.org/favicon.png'],
};

let nextId = 1_700_000_000_000_000;

/**
 * `session_proposal` params as the pinned SDK (2.21.8) delivers them to a wallet: `connect()`
 * folds the required namespaces into the optional ones and sends `requiredNamespaces: {}`.
 */
function sdkProposal(
  required: ProposalTypes.RequiredNamespaces,
  optional: ProposalTypes.OptionalNamespaces,
  metadata: SignClientTypes.Metadata = METADATA,
): ProposalTypes.Struct {
  return {
    id: ++nextId,
    pairingTopic: 'a'.repeat(64),
    expiryTimestamp: Math.floor(Date.now() / 1000) + 300,
    relays: [{ protocol: 'irn' }],
    proposer: { publicKey: 'b'.repeat(64), metadata },
    requiredNamespaces: {},
    optionalNamespaces: mergeRequiredAndOptionalNamespaces(required, optional),
  };
}

/** A proposal with real required items (older SDKs, or a dApp talking to the relay directly). */
function handProposal(
  required: ProposalTypes.RequiredNamespaces,
  optional: ProposalTypes.OptionalNamespaces,
  metadata: SignClientTypes.Metadata = METADATA,
): ProposalTypes.Struct {
  return { ...sdkProposal({}, {}, metadata), requiredNamespaces: required, optionalNamespaces: optional };
}

const EVM_REQUIRED = { eip155: { chains: ['eip155:1'], methods: ['personal_sign', 'eth_sendTransaction'], events: ['chainChanged'] } };
const EVM_OPTIONAL = {
  eip155: { chains: ['eip155:137', 'eip155:8453'], methods: ['eth_signTypedData_v4'], events: ['accountsChanged'] },
  solana: { chains: [SOLANA], methods: ['solana_signMessage'], events: [] },
};
const ACCOUNTS = [
  `eip155:1:${ADDRESS}`,
  `eip155:137:${ADDRESS}`,
  `eip155:137:${ADDRESS_2}`,
  `eip155:8453:${ADDRESS}`,
  `eip155:42161:${ADDRESS}`,
  `${SOLANA}:${SOLANA_ADDRESS}`,
];

/** Everything the wallet can do, as a wallet would hand it to buildApprovedNamespaces itself. */
function fullySupported(accounts: readonly string[], methods: string[], events: string[]) {
  const out: Record<string, { chains: string[]; methods: string[]; events: string[]; accounts: string[] }> = {};
  for (const account of accounts) {
    const [ns, ref] = account.split(':') as [string, string];
    const entry = (out[ns] ??= { chains: [], methods, events, accounts: [] });
    if (!entry.chains.includes(`${ns}:${ref}`)) entry.chains.push(`${ns}:${ref}`);
    entry.accounts.push(account);
  }
  return out;
}

/** What buildApprovedNamespaces gives for `proposal` from a wallet with ACCOUNTS and every asked method and event. */
function approvedByFullWallet(proposal: ProposalTypes.Struct): SessionTypes.Namespaces {
  return buildApprovedNamespaces({
    proposal,
    supportedNamespaces: fullySupported(
      ACCOUNTS,
      ['personal_sign', 'eth_sendTransaction', 'eth_signTypedData_v4', 'solana_signMessage'],
      ['chainChanged', 'accountsChanged'],
    ),
  });
}

/** Order-insensitive comparison of namespaces. */
function sorted(namespaces: SessionTypes.Namespaces | null): unknown {
  if (!namespaces) return namespaces;
  return Object.fromEntries(
    Object.entries(namespaces)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, ns]) => [
        k,
        {
          chains: [...(ns.chains ?? [])].sort(),
          accounts: [...ns.accounts].sort(),
          methods: [...ns.methods].sort(),
          events: [...ns.events].sort(),
        },
      ]),
  );
}

const approveButton = (el: WcNamespacePicker) => q<HTMLButtonElement>(el, '[part="approve-button"]');
const rejectButton = (el: WcNamespacePicker) => q<HTMLButtonElement>(el, '[part="reject-button"]');

async function picker(
  proposal: ProposalTypes.Struct | null,
  accounts: readonly string[] = ACCOUNTS,
  extra: Partial<Pick<WcNamespacePicker, 'supportedMethods' | 'supportedEvents'>> = {},
): Promise<WcNamespacePicker> {
  const el = await fixture<WcNamespacePicker>(html`<wc-namespace-picker
    mode="approve"
    .accounts=${accounts}
    .proposal=${proposal}
    .supportedMethods=${extra.supportedMethods ?? null}
    .supportedEvents=${extra.supportedEvents ?? null}
  ></wc-namespace-picker>`);
  return el;
}

describe('<wc-namespace-picker mode="approve">', () => {
  let stops: Array<() => void> = [];
  function listen<E extends Event>(type: string, target: EventTarget = document): E[] {
    const events: E[] = [];
    const listener = (e: Event) => events.push(e as E);
    target.addEventListener(type, listener);
    stops.push(() => target.removeEventListener(type, listener));
    return events;
  }
  afterEach(() => {
    stops.forEach((s) => s());
    stops = [];
  });

  it('shows a clear empty state without a proposal and offers no buttons', async () => {
    const el = await picker(null);
    expect(el.matches(':state(approve)')).to.equal(true);
    expect(q(el, '[part="empty"]').textContent).to.equal('No connection request to review.');
    expect(qa(el, 'button')).to.have.length(0);
    expect(el.namespaces).to.equal(null);
    await expect(el).to.be.accessible();
  });

  describe('an SDK-shaped proposal (required folded into optional)', () => {
    const proposal = () => sdkProposal(EVM_REQUIRED, EVM_OPTIONAL);

    it('shows who asks and what, everything optional and ticked, per namespace', async () => {
      const el = await picker(proposal());
      expect(q(el, '[part="name"]').textContent).to.equal('Uniswap wants to connect');
      expect(q(el, '[part="host"]').textContent).to.equal('from app.uniswap.org');
      expect(q<HTMLImageElement>(el, 'img[part="icon"]').src).to.equal('https://app.uniswap.org/favicon.png');
      expect(qa(el, 'legend[part="legend"]').map((l) => l.textContent)).to.deep.equal(['EVM', 'Solana']);
      expect(qa(el, '[part~="required"]')).to.have.length(0);
      for (const name of ['Ethereum', 'Polygon', 'Base', 'Solana', 'personal_sign', 'eth_signTypedData_v4', 'chainChanged']) {
        expect(box(el, name).checked, name).to.equal(true);
        expect(box(el, name).disabled, name).to.equal(false);
      }
      expect(row(el, 'Polygon').querySelector('[part="accounts"]')!.textContent).to.equal('0xab16…fcdb, 0x5aae…eaed');
      expect(approveButton(el).disabled).to.equal(false);
      expect(approveButton(el).getAttribute('aria-label')).to.equal('Approve connection to Uniswap');
      expect(rejectButton(el).getAttribute('aria-label')).to.equal('Reject connection to Uniswap');
    });

    it('gives the namespaces buildApprovedNamespaces gives for the same wallet', async () => {
      const p = proposal();
      const el = await picker(p);
      const expected = approvedByFullWallet(p);
      expect(sorted(el.namespaces)).to.deep.equal(sorted(expected));
      // the chain the dApp did not ask for is not shared
      expect(el.namespaces!['eip155']!.accounts).not.to.include(`eip155:42161:${ADDRESS}`);
      expect(el.namespaces!['eip155']!.accounts).to.include(`eip155:137:${ADDRESS_2}`);
      expect(el.valid).to.equal(true);
    });

    it('unticking an optional chain removes it and its accounts; unticking a method removes it', async () => {
      const el = await picker(proposal());
      box(el, 'Polygon').click();
      await el.updateComplete;
      const ns = el.namespaces!['eip155']!;
      expect(ns.chains).to.deep.equal(['eip155:1', 'eip155:8453']);
      expect(ns.accounts).to.deep.equal([`eip155:1:${ADDRESS}`, `eip155:8453:${ADDRESS}`]);
      box(el, 'eth_signTypedData_v4').click();
      await el.updateComplete;
      expect(el.namespaces!['eip155']!.methods).to.deep.equal(['personal_sign', 'eth_sendTransaction']);
      box(el, 'Solana').click();
      await el.updateComplete;
      expect(Object.keys(el.namespaces!)).to.deep.equal(['eip155']);
      expect(q(el, '[part="summary"]').textContent).to.equal('Selected: 2 chains, 2 methods, 2 events');
    });

    it('disables Approve once nothing is ticked', async () => {
      const el = await picker(proposal());
      for (const name of ['Ethereum', 'Polygon', 'Base', 'Solana']) box(el, name).click();
      await el.updateComplete;
      expect(el.namespaces).to.equal(null);
      expect(approveButton(el).disabled).to.equal(true);
      expect(rejectButton(el).disabled).to.equal(false);
      expect(q(el, '[part="summary"]').textContent).to.equal('Nothing selected that this wallet can approve.');
    });

    it('marks what the wallet cannot support and makes it unselectable', async () => {
      const el = await picker(proposal(), [`eip155:1:${ADDRESS}`, `eip155:8453:${ADDRESS}`], {
        supportedMethods: ['personal_sign', 'eth_sendTransaction'],
        supportedEvents: ['chainChanged'],
      });
      for (const [name, badge] of [
        ['Polygon', 'No account'],
        ['Solana', 'No account'],
        ['eth_signTypedData_v4', 'Not supported'],
        ['solana_signMessage', 'Not supported'],
        ['accountsChanged', 'Not supported'],
      ] as const) {
        const li = row(el, name);
        expect(li.getAttribute('part'), name).to.match(/\bunsupported\b/);
        expect(li.querySelector('[part="unsupported-badge"]')!.textContent, name).to.equal(badge);
        const input = li.querySelector('input')!;
        expect(input.checked, name).to.equal(false);
        expect(input.disabled, name).to.equal(true);
        input.click(); // disabled: nothing happens
      }
      await el.updateComplete;
      expect(el.namespaces).to.deep.equal({
        eip155: {
          chains: ['eip155:1', 'eip155:8453'],
          methods: ['personal_sign', 'eth_sendTransaction'],
          events: ['chainChanged'],
          accounts: [`eip155:1:${ADDRESS}`, `eip155:8453:${ADDRESS}`],
        },
      });
      await expect(el).to.be.accessible();
    });

    it('passes axe', async () => {
      const el = await picker(proposal());
      await expect(el).to.be.accessible();
    });
  });

  describe('a proposal with real required items', () => {
    it('locks the required items and matches buildApprovedNamespaces', async () => {
      const p = handProposal(EVM_REQUIRED, EVM_OPTIONAL);
      const el = await picker(p);
      for (const name of ['Ethereum', 'personal_sign', 'eth_sendTransaction', 'chainChanged']) {
        const li = row(el, name);
        expect(li.getAttribute('part'), name).to.match(/\brequired\b/);
        expect(li.querySelector('[part="required-badge"]')!.textContent).to.equal('Required');
        expect(box(el, name).checked && box(el, name).disabled, name).to.equal(true);
      }
      const expected = approvedByFullWallet(p);
      expect(sorted(el.namespaces)).to.deep.equal(sorted(expected));
      // unticking every optional item leaves exactly the required part
      for (const name of ['Polygon', 'Base', 'Solana', 'eth_signTypedData_v4', 'accountsChanged']) box(el, name).click();
      await el.updateComplete;
      expect(el.namespaces).to.deep.equal({
        eip155: {
          chains: ['eip155:1'],
          methods: ['personal_sign', 'eth_sendTransaction'],
          events: ['chainChanged'],
          accounts: [`eip155:1:${ADDRESS}`],
        },
      });
      await expect(el).to.be.accessible();
    });

    it('accepts inline chain keys', async () => {
      const p = handProposal({ 'eip155:10': { methods: ['personal_sign'], events: [] } }, {});
      const el = await picker(p, [`eip155:10:${ADDRESS}`]);
      expect(row(el, 'OP Mainnet').getAttribute('part')).to.match(/\brequired\b/);
      expect(el.namespaces).to.deep.equal(
        buildApprovedNamespaces({ proposal: p, supportedNamespaces: fullySupported([`eip155:10:${ADDRESS}`], ['personal_sign'], []) }),
      );
    });

    it('a required item the wallet cannot provide: a clear error, Approve disabled, Reject enabled, wc-error once', async () => {
      const errors = listen<WcErrorEvent>('wc-error');
      const p = handProposal({ eip155: { chains: ['eip155:1', 'eip155:10'], methods: ['personal_sign', 'eth_signTypedData_v4'], events: [] } }, EVM_OPTIONAL);
      const el = await picker(p, ACCOUNTS, { supportedMethods: ['personal_sign'] });
      const alert = q(el, '[part="error"]');
      expect(alert.getAttribute('role')).to.equal('alert');
      expect(alert.textContent).to.equal('Uniswap requires OP Mainnet and eth_signTypedData_v4, which this wallet cannot provide. Approving is not possible.');
      expect(row(el, 'OP Mainnet').getAttribute('part'))
        .to.match(/\brequired\b/)
        .and.to.match(/\bunsupported\b/);
      expect(approveButton(el).disabled).to.equal(true);
      expect(rejectButton(el).disabled).to.equal(false);
      expect(el.namespaces).to.equal(null);
      expect(errors).to.have.length(1);
      expect(errors[0]!.detail.error.code).to.equal('required-unmet');
      expect(errors[0]!.detail.operation).to.equal('peer');
      expect(errors[0]!.detail.error.data).to.deep.equal({ chains: ['eip155:10'], methods: ['eth_signTypedData_v4'], events: [] });
      // re-rendering does not repeat it
      box(el, 'Polygon').click();
      await el.updateComplete;
      expect(errors).to.have.length(1);
      // the SDK agrees that this cannot be approved
      expect(() => buildApprovedNamespaces({ proposal: p, supportedNamespaces: fullySupported(ACCOUNTS, ['personal_sign'], []) })).to.throw();
      await expect(el).to.be.accessible();
    });

    it('a required namespace with no account at all is unmet too', async () => {
      const p = handProposal({ solana: { chains: [SOLANA], methods: ['solana_signMessage'], events: [] } }, {});
      const el = await picker(p, [`eip155:1:${ADDRESS}`]);
      expect(q(el, '[part="error"]').textContent).to.contain('Solana');
      expect(approveButton(el).disabled).to.equal(true);
    });
  });

  describe('malformed input', () => {
    const bad: Array<[string, () => unknown, string]> = [
      [
        'a non-CAIP-2 chain',
        () => ({ ...sdkProposal({}, {}), optionalNamespaces: { eip155: { chains: ['ethereum'], methods: [], events: [] } } }),
        '"ethereum"',
      ],
      [
        'a chain under the wrong key',
        () => ({ ...sdkProposal({}, {}), optionalNamespaces: { eip155: { chains: [SOLANA], methods: [], events: [] } } }),
        'does not belong under namespace',
      ],
      [
        'a __proto__ key',
        () => ({ ...sdkProposal({}, {}), optionalNamespaces: JSON.parse('{"__proto__": {"chains": ["eip155:1"], "methods": [], "events": []}}') }),
        '__proto__',
      ],
      ['an empty method', () => ({ ...sdkProposal({}, {}), optionalNamespaces: { eip155: { chains: ['eip155:1'], methods: [''], events: [] } } }), 'method'],
      ['namespaces that are not an object', () => ({ ...sdkProposal({}, {}), requiredNamespaces: 'eip155' }), 'not an object'],
      [
        'too many chains',
        () => ({
          ...sdkProposal({}, {}),
          optionalNamespaces: { eip155: { chains: Array.from({ length: 300 }, (_, i) => `eip155:${i + 1}`), methods: [], events: [] } },
        }),
        'limit',
      ],
    ];
    for (const [what, make, expected] of bad) {
      it(`${what}: an error, not a crash; Approve disabled; wc-error invalid-peer-data`, async () => {
        const errors = listen<WcErrorEvent>('wc-error');
        const el = await picker(make() as ProposalTypes.Struct);
        expect(q(el, '[part="error"]').textContent).to.contain('This connection request is malformed').and.to.contain(expected);
        expect(qa(el, 'input')).to.have.length(0);
        expect(approveButton(el).disabled).to.equal(true);
        expect(rejectButton(el).disabled).to.equal(false); // a wallet can still say no
        expect(el.valid).to.equal(false);
        expect(el.matches(':state(invalid)')).to.equal(true);
        expect(el.namespaces).to.equal(null);
        expect(errors).to.have.length(1);
        expect(errors[0]!.detail.error.code).to.equal('invalid-peer-data');
        expect(errors[0]!.detail.operation).to.equal('peer');
      });
    }

    it('a proposal without a usable id cannot be approved or rejected', async () => {
      const el = await picker({ ...sdkProposal(EVM_REQUIRED, {}), id: -1 });
      expect(approveButton(el).disabled).to.equal(true);
      expect(rejectButton(el).disabled).to.equal(true);
      expect(q(el, '[part="error"]').textContent).to.contain('proposal.id');
      await expect(el).to.be.accessible();
    });

    it('invalid wallet accounts: an error naming the account', async () => {
      const errors = listen<WcErrorEvent>('wc-error');
      const el = await picker(sdkProposal(EVM_REQUIRED, {}), [`eip155:1:${ADDRESS}`, 'eip155:1']);
      expect(q(el, '[part="error"]').textContent).to.contain('accounts').and.to.contain('"eip155:1"');
      expect(approveButton(el).disabled).to.equal(true);
      expect(errors[0]!.detail.error.code).to.equal('invalid-namespace');
      expect(errors[0]!.detail.operation).to.equal('attribute');
      el.accounts = [`eip155:1:${ADDRESS}`];
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part="error"]')).to.equal(null);
      expect(approveButton(el).disabled).to.equal(false);
    });
  });

  describe('hostile proposer metadata', () => {
    it('renders inertly: markup as text, unsafe icons dropped, huge and RTL names cleaned', async () => {
      const cases: Array<[Partial<SignClientTypes.Metadata>, (el: WcNamespacePicker) => void]> = [
        [
          { name: '<img src=x onerror="window.__wcPwned=1"><script>window.__wcPwned=1</script>', icons: ['javascript:alert(1)'] },
          (el) => {
            expect(q(el, '[part="name"]').textContent).to.contain('<img src=x');
            expect(el.shadowRoot!.querySelector('img')).to.equal(null);
            expect(el.shadowRoot!.querySelector('script')).to.equal(null);
          },
        ],
        [
          { name: 'Svg', icons: ['data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+'], url: 'javascript:alert(1)' },
          (el) => {
            expect(el.shadowRoot!.querySelector('img')).to.equal(null);
            expect(el.shadowRoot!.querySelector('[part="host"]')).to.equal(null);
            expect(el.shadowRoot!.querySelector('a')).to.equal(null);
          },
        ],
        [
          { name: 'x'.repeat(200_000) },
          (el) => {
            expect(q(el, '[part="name"]').textContent!.length).to.be.below(120);
            expect(approveButton(el).getAttribute('aria-label')!.length).to.be.below(120);
          },
        ],
        [
          { name: 'Safe\u202Etellaw\u200B', url: 'https://xn--80ak6aa92e.com' },
          (el) => {
            expect(q(el, '[part="name"]').textContent).to.equal('Safetellaw wants to connect');
            expect(q(el, '[part="host"]').textContent).to.equal('from xn--80ak6aa92e.com');
          },
        ],
        [{ name: 'Unicode host', url: 'https://аррӏе.com' }, (el) => expect(q(el, '[part="host"]').textContent).to.equal('from xn--80ak6aa92e.com')],
        [{ name: '' }, (el) => expect(q(el, '[part="name"]').textContent).to.equal('An unnamed app wants to connect')],
      ];
      for (const [metadata, check] of cases) {
        const el = await picker(sdkProposal(EVM_REQUIRED, {}, { name: '', description: '', url: '', icons: [], ...metadata }));
        check(el);
        expect((window as unknown as Record<string, unknown>)['__wcPwned']).to.equal(undefined);
        await expect(el).to.be.accessible();
      }
    });

    it('does not crash on a proposer without metadata', async () => {
      const p = sdkProposal(EVM_REQUIRED, {});
      const el = await picker({ ...p, proposer: { publicKey: 'x' } as ProposalTypes.Struct['proposer'] });
      expect(q(el, '[part="name"]').textContent).to.equal('An unnamed app wants to connect');
      expect(approveButton(el).disabled).to.equal(false);
    });
  });

  describe('approve and reject', () => {
    it('Approve fires wc-namespace-approve once with {id, namespaces, proposal}, bubbling, composed, cancelable', async () => {
      const p = sdkProposal(EVM_REQUIRED, EVM_OPTIONAL);
      const el = await picker(p);
      const approvals = listen<WcNamespaceApproveEvent>('wc-namespace-approve');
      const rejections = listen<WcNamespaceRejectEvent>('wc-namespace-reject');
      const changes = listen<WcNamespaceChangeEvent>('wc-namespace-change');
      box(el, 'Base').click();
      await el.updateComplete;
      const expected = el.namespaces;
      approveButton(el).click();
      await el.updateComplete;
      expect(approvals).to.have.length(1);
      const [event] = approvals;
      expect(event!.bubbles && event!.composed && event!.cancelable).to.equal(true);
      expect(event!.detail.id).to.equal(p.id);
      expect(event!.detail.proposal).to.equal(p);
      expect(event!.detail.namespaces).to.deep.equal(expected);
      expect(event!.detail.namespaces['eip155']!.chains).not.to.include('eip155:8453');
      // answered: no second approval, no reject after it
      expect(approveButton(el).disabled).to.equal(true);
      expect(rejectButton(el).disabled).to.equal(true);
      expect(qa<HTMLInputElement>(el, 'input').every((i) => i.disabled)).to.equal(true);
      expect(q(el, '[part="summary"]').textContent).to.equal('Answer sent.');
      approveButton(el).click();
      rejectButton(el).click();
      expect(approvals).to.have.length(1);
      expect(rejections).to.have.length(0);
      expect(changes).to.have.length(0); // request-mode event only
      // the next proposal starts fresh
      el.proposal = sdkProposal(EVM_REQUIRED, EVM_OPTIONAL);
      await el.updateComplete;
      expect(approveButton(el).disabled).to.equal(false);
      expect(box(el, 'Base').checked).to.equal(true);
    });

    it('a cancelled approval keeps the picker active', async () => {
      const el = await picker(sdkProposal(EVM_REQUIRED, {}));
      el.addEventListener('wc-namespace-approve', (e) => e.preventDefault(), { once: true });
      const approvals = listen<WcNamespaceApproveEvent>('wc-namespace-approve');
      approveButton(el).click();
      await el.updateComplete;
      expect(approvals).to.have.length(1);
      expect(approvals[0]!.defaultPrevented).to.equal(true);
      expect(approveButton(el).disabled).to.equal(false);
      approveButton(el).click();
      expect(approvals).to.have.length(2);
    });

    it('Reject fires wc-namespace-reject once with {id, proposal}, cancelable', async () => {
      const p = sdkProposal(EVM_REQUIRED, {});
      const el = await picker(p);
      const rejections = listen<WcNamespaceRejectEvent>('wc-namespace-reject');
      const next = oneEvent(el, 'wc-namespace-reject');
      rejectButton(el).click();
      const event = (await next) as unknown as WcNamespaceRejectEvent;
      expect(event.detail).to.deep.equal({ id: p.id, proposal: p });
      expect(event.bubbles && event.composed && event.cancelable).to.equal(true);
      await el.updateComplete;
      expect(rejections).to.have.length(1);
      expect(rejectButton(el).disabled).to.equal(true);
      expect(approveButton(el).disabled).to.equal(true);
    });

    it('disabled disables the checkboxes and both buttons', async () => {
      const el = await picker(sdkProposal(EVM_REQUIRED, EVM_OPTIONAL));
      el.disabled = true;
      await el.updateComplete;
      expect(qa<HTMLInputElement>(el, 'input').every((i) => i.disabled)).to.equal(true);
      expect(approveButton(el).disabled).to.equal(true);
      expect(rejectButton(el).disabled).to.equal(true);
    });

    it('the namespaces handed out are copies', async () => {
      const el = await picker(sdkProposal(EVM_REQUIRED, {}));
      el.namespaces!['eip155']!.accounts.push('eip155:1:0xevil');
      expect(el.namespaces!['eip155']!.accounts).to.deep.equal([`eip155:1:${ADDRESS}`]);
    });

    it('keyboard: Tab reaches the checkboxes and the buttons, Space toggles, Enter approves', async () => {
      const before = fixtureSync<HTMLButtonElement>(html`<button>before</button>`);
      const el = document.createElement('wc-namespace-picker');
      el.mode = 'approve';
      el.accounts = [`eip155:1:${ADDRESS}`, `eip155:137:${ADDRESS}`];
      el.proposal = handProposal(
        { eip155: { chains: ['eip155:1'], methods: ['personal_sign'], events: [] } },
        { eip155: { chains: ['eip155:137'], methods: [], events: ['accountsChanged'] } },
      );
      before.after(el);
      await el.updateComplete;
      try {
        const reached = await tabFrom(before, el, 4, (active) =>
          active!.getAttribute('part') === 'checkbox'
            ? active!.closest('li')!.querySelector('[part="item-name"]')!.textContent!
            : active!.getAttribute('part')!,
        );
        expect(reached).to.deep.equal(['Polygon', 'accountsChanged', 'approve-button', 'reject-button']);
        before.focus();
        await sendKeys({ press: 'Tab' });
        await sendKeys({ press: 'Tab' });
        await sendKeys({ press: 'Space' });
        await el.updateComplete;
        expect(box(el, 'accountsChanged').checked).to.equal(false);
        expect(el.namespaces!['eip155']!.events).to.deep.equal([]);
        await sendKeys({ press: 'Tab' });
        const approvals = listen<WcNamespaceApproveEvent>('wc-namespace-approve');
        await sendKeys({ press: 'Enter' });
        expect(approvals).to.have.length(1);
        expect(approvals[0]!.detail.namespaces['eip155']!.chains).to.deep.equal(['eip155:1', 'eip155:137']);
      } finally {
        el.remove();
      }
    });
  });
});
