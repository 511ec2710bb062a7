import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import type { SessionTypes } from '@walletconnect/types';
import type { WcError } from '../../errors.js';
import { chainName, namespaceName, shortAddress } from '../../internal/chains.js';
import { formatList } from '../../internal/formatters.js';
import { cleanText } from '../../internal/metadata.js';
import type { NamespaceRequest } from '../../types.js';
import { groupsOf, type PickerGroup, type PickerItem } from './namespace-model.js';
import type { NamespacePickerStrings } from './namespace-picker.strings.js';

const ACCOUNTS_SHOWN = 2;
const ERROR_DETAIL_MAX = 300;
const UNMET_SHOWN = 6;

export type ErrorKind = 'request' | 'proposal' | 'wallet' | 'unmet' | 'approve' | 'expired';

/** The one input error `<wc-namespace-picker>` shows, and what kind of input it came from. */
export interface ShownError {
  readonly kind: ErrorKind;
  readonly error: WcError;
  /** For `unmet`: the required items the wallet lacks, already readable. */
  readonly items?: readonly string[];
}

/** The error as an alert; `name` is the proposer's, `lang` the locale for the list of unmet items. */
export function pickerError(s: NamespacePickerStrings, shown: ShownError | null, name: string, lang: string): TemplateResult | typeof nothing {
  if (!shown) return nothing;
  const detail = cleanText(shown.error.message, ERROR_DETAIL_MAX);
  const texts: Record<ErrorKind, () => string> = {
    request: () => s.invalidRequest(detail),
    proposal: () => s.invalidProposal(detail),
    wallet: () => s.invalidWalletInput(detail),
    unmet: () => s.requiredUnmet(name, unmetList(shown.items ?? [], lang)),
    approve: () => s.approveFailed(detail),
    expired: () => s.proposalExpired(name),
  };
  return html`<p part="error" role="alert">${texts[shown.kind]()}</p>`;
}

/** At most six items, the last one "…" when there are more, as "a, b and c" in the locale. */
function unmetList(items: readonly string[], lang: string): string {
  const shown = items.length > UNMET_SHOWN ? [...items.slice(0, UNMET_SHOWN - 1), '…'] : [...items];
  return formatList(shown, lang);
}

/** What the groups render from; the handler belongs to the host element. */
export interface GroupsContext {
  readonly strings: NamespacePickerStrings;
  /** Keys of the optional items the user unticked. */
  readonly unticked: ReadonlySet<string>;
  /** No checkbox can change (the element is disabled, answered, or the proposal expired). */
  readonly locked: boolean;
  /** Approve mode: chains show the wallet's accounts. */
  readonly approve: boolean;
  readonly onToggle: (event: Event) => void;
}

/**
 * One `<fieldset part="namespace">` per namespace, each with a fieldset of its chains, methods and
 * events; every item a checkbox row keyed by `data-key` (required rows locked on, unsupported off).
 */
export function pickerGroups(groups: readonly PickerGroup[], ctx: GroupsContext): TemplateResult {
  const s = ctx.strings;
  return html`${repeat(
    groups,
    (group) => group.namespace,
    (group) => html`<fieldset part="namespace">
      <legend part="legend">${namespaceName(group.namespace)}</legend>
      ${section(s.chains, group.chains, ctx)} ${section(s.methods, group.methods, ctx)} ${section(s.events, group.events, ctx)}
    </fieldset>`,
  )}`;
}

function section(label: string, items: readonly PickerItem[], ctx: GroupsContext): TemplateResult | typeof nothing {
  if (items.length === 0) return nothing;
  return html`<fieldset part="group">
    <legend part="group-legend">${label}</legend>
    <ul part="list">
      ${repeat(
        items,
        (item) => item.key,
        (item) => itemRow(item, ctx),
      )}
    </ul>
  </fieldset>`;
}

function itemRow(item: PickerItem, ctx: GroupsContext): TemplateResult {
  const s = ctx.strings;
  const checked = item.supported && (item.required || !ctx.unticked.has(item.key));
  const interactive = item.supported && !item.required && !ctx.locked;
  const parts = [item.kind, item.required ? 'required' : '', item.supported ? '' : 'unsupported'].filter(Boolean).join(' ');
  const readable = item.kind === 'chain' ? chainName(item.name) : item.name;
  const showAccounts = ctx.approve && item.kind === 'chain' && item.accounts.length > 0;
  return html`<li part=${parts}>
    <label>
      <input
        part="checkbox"
        type="checkbox"
        data-key=${item.key}
        .checked=${live(checked)}
        ?disabled=${!interactive}
        @change=${ctx.onToggle}
      />
      <span part="item-name">${readable}</span>
      ${readable !== item.name ? html`<span part="chain-id">${s.chainId(item.name)}</span>` : nothing}
      ${item.required ? html`<span part="required-badge">${s.required}</span>` : nothing}
      ${item.supported ? nothing : html`<span part="unsupported-badge">${item.kind === 'chain' ? s.noAccount : s.unsupported}</span>`}
    </label>
    ${showAccounts ? html`<span part="accounts">${accountsText(s, item.accounts)}</span>` : nothing}
  </li>`;
}

/** The first accounts, shortened, and "+N more". */
function accountsText(s: NamespacePickerStrings, accounts: readonly string[]): string {
  const shown = accounts.slice(0, ACCOUNTS_SHOWN).map((a) => shortAddress(a.slice(a.lastIndexOf(':') + 1)));
  const more = accounts.length - shown.length;
  return more > 0 ? `${shown.join(', ')} ${s.moreAccounts(more)}` : shown.join(', ');
}

/** Request mode's summary: how many chains, methods and events are selected. */
export function requestSummary(s: NamespacePickerStrings, value: NamespaceRequest): string {
  const groups = groupsOf(value);
  const total = (pick: (g: PickerGroup) => readonly PickerItem[]) => groups.reduce((n, g) => n + pick(g).length, 0);
  return s.selectionSummary(
    total((g) => g.chains),
    total((g) => g.methods),
    total((g) => g.events),
  );
}

/** Approve mode's summary: how many chains, methods and events the approval grants. */
export function approvalSummary(s: NamespacePickerStrings, namespaces: SessionTypes.Namespaces): string {
  const chains = new Set<string>();
  let methods = 0;
  let events = 0;
  for (const ns of Object.values(namespaces)) {
    for (const c of ns.chains ?? []) chains.add(c);
    methods += ns.methods.length;
    events += ns.events.length;
  }
  return s.selectionSummary(chains.size, methods, events);
}
