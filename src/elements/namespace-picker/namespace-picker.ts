import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { buildApprovedNamespaces } from '@walletconnect/utils';
import type { ProposalTypes, SessionTypes } from '@walletconnect/types';
import { validateRequestedNamespaces } from '../../caip.js';
import type { SessionControllerApi } from '../../controller/api.js';
import { SessionConsumer } from '../../lit/session-consumer.js';
import { WcError, isWcError } from '../../errors.js';
import { WcNamespaceApproveEvent, WcNamespaceChangeEvent, WcNamespaceRejectEvent } from '../../events.js';
import { AttributeErrors } from '../../internal/attribute-errors.js';
import { chainName } from '../../internal/chains.js';
import { CustomStates } from '../../internal/custom-states.js';
import { displayMetadata, type DisplayMetadata } from '../../internal/metadata.js';
import { hasNamespaceAttributes, parseNamespaceAttributes } from '../../internal/namespace-attributes.js';
import { StringsController } from '../../internal/strings-controller.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import type { NamespaceRequest } from '../../types.js';
import {
  EMPTY_REQUEST,
  groupsOf,
  mergeRequests,
  parseScriptRequest,
  proposalExpiredError,
  proposalExpiryMs,
  proposalId,
  readAccounts,
  readNames,
  readProposal,
  reduceRequest,
  ticked,
  unmetRequired,
  type PickerGroup,
} from './namespace-model.js';
import { approvalSummary, pickerError, pickerGroups, requestSummary, type ShownError } from './picker-templates.js';
import { namespacePickerStrings, type NamespacePickerStrings } from './namespace-picker.strings.js';
import { styles } from './namespace-picker.styles.js';
import { NamespaceAttributesMixin } from '../../internal/namespace-attributes-mixin.js';

/** Everything derived from the inputs for one render; pure, so getters can derive it on demand. */
interface Derived {
  readonly groups: readonly PickerGroup[];
  readonly value: NamespaceRequest;
  readonly valid: boolean;
  readonly error: ShownError | null;
  /** Approve mode. */
  readonly proposalId: number | null;
  readonly proposer: DisplayMetadata | null;
  readonly namespaces: SessionTypes.Namespaces | null;
  /** Approve mode: when the proposal expires (ms since the epoch), null without one. */
  readonly expiresAt: number | null;
}

const NO_DERIVED: Derived = Object.freeze({
  groups: [],
  value: EMPTY_REQUEST,
  valid: true,
  error: null,
  proposalId: null,
  proposer: null,
  namespaces: null,
  expiresAt: null,
});

function asWcError(error: unknown, fallback: WcError['code']): WcError {
  if (isWcError(error)) return error;
  return new WcError(fallback, error instanceof Error ? error.message : String(error), { cause: error });
}

/**
 * Shows which chains, methods and events a connection asks for, grouped by namespace, and lets the
 * user narrow the optional ones. Request mode (dApps) builds the `NamespaceRequest` that
 * `<wc-connect>` sends; approve mode (web wallets) reviews a `session_proposal` and builds the
 * `namespaces` for `signClient.approve()`.
 *
 * Request mode reads the attributes below, and/or a child `<script type="application/json">`
 * holding `{"requiredNamespaces": …, "optionalNamespaces": …}` (never executed: its text is
 * JSON-parsed and strictly validated; when both are given they are merged; the script is watched so
 * content filled in later is picked up). With neither, it shows `controller.defaultNamespaces`.
 * `wc-namespace-change` is not fired for the first render; read `.value`/`.valid` then.
 *
 * @tagname wc-namespace-picker
 * @summary Review and narrow requested WalletConnect namespaces (request) or approve a proposal (approve).
 *
 * @slot - Not rendered. Holds an optional `<script type="application/json">` with the request.
 *
 * @fires wc-namespace-change - `WcNamespaceChangeEvent`, detail `{value, valid}`: request mode, once per change of
 *   `.value`/`.valid` (a tick, an attribute or the script), not for the first render.
 * @fires wc-error - `WcErrorEvent`, detail `{error, operation}`: once per distinct input error, on the first render
 *   too (listen on an ancestor or before inserting). Codes: `invalid-namespace` (attributes, script, `.accounts`,
 *   `.supportedMethods`/`.supportedEvents`; operation `attribute`), `invalid-peer-data` (malformed proposal;
 *   operation `peer`), `required-unmet` (the proposal requires what the wallet lacks; operation `peer`),
 *   `proposal-expired` (the proposal's `expiryTimestamp` passed, whether before it was set or while shown;
 *   Approve is then disabled and never fires, Reject still works; operation `peer`).
 * @fires wc-namespace-approve - `WcNamespaceApproveEvent`, detail `{id, namespaces, proposal}`, cancelable. Unless
 *   cancelled, the buttons stay disabled until `.proposal` is replaced.
 * @fires wc-namespace-reject - `WcNamespaceRejectEvent`, detail `{id, proposal}`, cancelable; likewise.
 *
 * @csspart base - The wrapper (`role="group"`).
 * @csspart proposer - Approve mode: who asks (icon, name, host, description).
 * @csspart icon - The proposer's icon.
 * @csspart name - The proposer line ("… wants to connect").
 * @csspart host - The proposer's host (punycode).
 * @csspart description - The proposer's description.
 * @csspart namespace - One `<fieldset>` per namespace.
 * @csspart legend - The namespace's `<legend>`.
 * @csspart group - The `<fieldset>` of the chains, methods or events of one namespace.
 * @csspart group-legend - Its `<legend>`.
 * @csspart list - The list of items in a group.
 * @csspart chain - A chain row. Combined with `required` or `unsupported` on required / unsupported rows.
 * @csspart method - A method row (likewise).
 * @csspart event - An event row (likewise).
 * @csspart required - A required row (locked: checked and disabled).
 * @csspart unsupported - Approve mode: a row the wallet cannot provide (unchecked and disabled).
 * @csspart checkbox - Every checkbox.
 * @csspart item-name - The readable name in a row.
 * @csspart chain-id - The raw CAIP-2 id after a chain's readable name.
 * @csspart required-badge - The "Required" label.
 * @csspart unsupported-badge - The "Not supported" / "No account" label.
 * @csspart accounts - Approve mode: the wallet's accounts on a chain.
 * @csspart empty - The text shown when there is nothing to show.
 * @csspart error - The error message (`role="alert"`).
 * @csspart summary - The live region with the selection summary (`role="status"`).
 * @csspart actions - Approve mode: the button row.
 * @csspart approve-button - The Approve button.
 * @csspart reject-button - The Reject button.
 *
 * @cssprop --wc-namespace-picker-gap - Space between namespaces and rows (default `0.75rem`).
 * @cssprop --wc-namespace-picker-required-color - The "Required" label colour.
 * @cssprop --wc-namespace-picker-unsupported-color - The "Not supported" label colour.
 * @cssprop --wc-namespace-picker-accent - Checkbox and Approve button colour (falls back to `--wc-accent`).
 * @cssprop --wc-accent - Shared accent colour.
 * @cssprop --wc-radius - Corner radius of fieldsets and buttons.
 * @cssprop --wc-color-border - Border colour.
 * @cssprop --wc-color-muted - Secondary text colour.
 * @cssprop --wc-color-danger - Error colour.
 *
 * @cssstate invalid - The input did not parse (`.valid` is false).
 * @cssstate approve - `mode="approve"`.
 *
 * @example
 * ```html
 * <wc-namespace-picker
 *   chains="eip155:1"
 *   optional-chains="eip155:137 eip155:8453"
 *   methods="personal_sign eth_sendTransaction"
 *   events="chainChanged accountsChanged"></wc-namespace-picker>
 *
 * <wc-namespace-picker>
 *   <script type="application/json">
 *     {"optionalNamespaces": {"solana": {"chains": ["solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp"],
 *       "methods": ["solana_signMessage"], "events": []}}}
 *   </script>
 * </wc-namespace-picker>
 *
 * <wc-namespace-picker mode="approve"></wc-namespace-picker>
 * <script type="module">
 *   const picker = document.querySelector('wc-namespace-picker[mode=approve]');
 *   walletClient.on('session_proposal', ({ params }) => {
 *     picker.accounts = ['eip155:1:0xab16a96d359ec26a11e2c2b3d8f8b8942d5bfcdb'];
 *     picker.proposal = params;
 *   });
 *   picker.addEventListener('wc-namespace-approve', (e) =>
 *     walletClient.approve({ id: e.detail.id, namespaces: e.detail.namespaces }));
 *   picker.addEventListener('wc-namespace-reject', (e) =>
 *     walletClient.reject({ id: e.detail.id, reason: { code: 5000, message: 'User rejected.' } }));
 * </script>
 * ```
 */
export class WcNamespacePicker extends NamespaceAttributesMixin(LitElement) {
  static override styles = [sharedStyles, styles];

  readonly #consumer = new SessionConsumer(this, () => this.controller);
  readonly #states = new CustomStates(this.attachInternals());
  readonly #strings = new StringsController(this, namespacePickerStrings, () => this.strings);
  /** One input error at a time (attributes/script, or proposal and wallet inputs). */
  readonly #errors = new AttributeErrors(this);

  /** `request` (default: a dApp builds its request) or `approve` (a wallet reviews a proposal). */
  @property({ attribute: 'mode', reflect: true }) accessor mode: 'request' | 'approve' = 'request';
  /**
   * Colour scheme: `light` or `dark` pins it; `auto` (or unset, the default) follows the page's
   * `color-scheme` (the element's or an ancestor's), light when the page sets none.
   */
  @property({ attribute: 'theme', reflect: true }) accessor theme: 'auto' | 'light' | 'dark' | null = null;
  /** Disables every checkbox (and the buttons in approve mode). */
  @property({ attribute: 'disabled', type: Boolean, reflect: true }) accessor disabled = false;

  /** Optional: its `defaultNamespaces` are shown when no attribute or script is given. */
  @property({ attribute: false }) accessor controller: SessionControllerApi | null = null;
  /** Overrides for any user-visible string. */
  @property({ attribute: false }) accessor strings: Partial<NamespacePickerStrings> | null = null;

  /** Approve mode: the `session_proposal` event's `params`. Replace it (new object) for each proposal. */
  @property({ attribute: false }) accessor proposal: ProposalTypes.Struct | null = null;
  /** Approve mode: the wallet's CAIP-10 accounts. Assign a new array to change it. */
  @property({ attribute: false }) accessor accounts: readonly string[] = [];
  /** Approve mode: methods the wallet supports; null (default) supports every requested method. */
  @property({ attribute: false }) accessor supportedMethods: readonly string[] | null = null;
  /** Approve mode: events the wallet supports; null (default) supports every requested event. */
  @property({ attribute: false }) accessor supportedEvents: readonly string[] | null = null;

  #derived: Derived = NO_DERIVED;
  /** Keys of optional items the user unticked (everything starts ticked). */
  #unticked = new Set<string>();
  /** The proposal the tick state belongs to. */
  #proposalSeen: unknown = null;
  #modeSeen: string | null = null;
  /** Proposal id answered by an uncancelled approve/reject. */
  #answeredId: number | null = null;
  #observer: MutationObserver | null = null;
  #scriptCache: { readonly text: string; readonly result: NamespaceRequest | WcError } | null = null;
  /** Serialized `{valid, value}` last announced (null: no baseline yet). */
  #lastChange: string | null = null;
  #queue: Event[] = [];
  /** Re-renders when the shown proposal expires. */
  #expiryTimer: ReturnType<typeof setTimeout> | null = null;

  /** Request mode: the `{requiredNamespaces, optionalNamespaces}` to connect with, reduced to what is ticked. */
  get value(): NamespaceRequest {
    return this.#current().value;
  }

  /** Whether the input (attributes/script, or proposal and wallet inputs) parsed. */
  get valid(): boolean {
    return this.#current().valid;
  }

  /**
   * Approve mode: `SessionTypes.Namespaces` for `signClient.approve({id, namespaces})`, built by the
   * SDK's `buildApprovedNamespaces` from what is ticked; null when nothing can be approved.
   */
  get namespaces(): SessionTypes.Namespaces | null {
    const { namespaces } = this.#current();
    return namespaces ? structuredClone(namespaces) : null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#observer ??= new MutationObserver(() => this.requestUpdate());
    this.#observer.observe(this, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['type'],
    });
    // the script may have changed while disconnected, unobserved
    if (this.hasUpdated) this.requestUpdate();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#observer?.disconnect();
    this.#clearExpiryTimer();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const approve = this.mode === 'approve';
    if (this.mode !== this.#modeSeen || (approve && this.proposal !== this.#proposalSeen)) {
      this.#unticked = new Set();
      this.#answeredId = null;
      this.#proposalSeen = this.proposal;
      this.#modeSeen = this.mode;
    }
    const derived = this.#derive();
    this.#derived = derived;

    this.#errors.set('input', derived.error?.error ?? null);

    if (approve) {
      this.#lastChange = null;
    } else {
      const serialized = JSON.stringify([derived.valid, derived.value]);
      if (this.#lastChange !== null && serialized !== this.#lastChange) {
        this.#queue.push(new WcNamespaceChangeEvent({ value: derived.value, valid: derived.valid }));
      }
      this.#lastChange = serialized;
    }

    this.#states.setAll({ invalid: !derived.valid, approve });
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const queue = this.#queue;
    this.#queue = [];
    this.#scheduleExpiry();
    for (const event of queue) this.dispatchEvent(event);
  }

  override render(): TemplateResult {
    const strings = this.#strings.value;
    return this.mode === 'approve' ? this.#renderApprove(strings) : this.#renderRequest(strings);
  }

  // ---- derivation ----

  /** The derived snapshot, re-derived when inputs changed since the last render. */
  #current(): Derived {
    return this.isUpdatePending ? this.#derive() : this.#derived;
  }

  #derive(): Derived {
    return this.mode === 'approve' ? this.#deriveApprove() : this.#deriveRequest();
  }

  #deriveRequest(): Derived {
    let request: NamespaceRequest;
    try {
      request = this.#readRequest();
    } catch (error) {
      return { ...NO_DERIVED, valid: false, error: { kind: 'request', error: asWcError(error, 'invalid-namespace') } };
    }
    return { ...NO_DERIVED, groups: groupsOf(request), value: reduceRequest(request, this.#unticked) };
  }

  /** Attributes and/or the JSON script (merged); else the controller's defaults; else nothing. */
  #readRequest(): NamespaceRequest {
    const fromAttributes = hasNamespaceAttributes(this) ? parseNamespaceAttributes(this) : null;
    const fromScript = this.#readScript();
    if (fromScript && fromAttributes) return mergeRequests(fromScript, fromAttributes);
    if (fromScript || fromAttributes) return (fromScript ?? fromAttributes) as NamespaceRequest;
    const defaults = this.#consumer.controller?.defaultNamespaces;
    if (!defaults) return EMPTY_REQUEST;
    return Object.freeze({
      requiredNamespaces: validateRequestedNamespaces(defaults.requiredNamespaces, 'controller.defaultNamespaces.requiredNamespaces'),
      optionalNamespaces: validateRequestedNamespaces(defaults.optionalNamespaces, 'controller.defaultNamespaces.optionalNamespaces'),
    });
  }

  /** The first child `<script type="application/json">`, parsed (never executed); null when absent or empty. */
  #readScript(): NamespaceRequest | null {
    const script = [...this.children].find(
      (el): el is HTMLScriptElement => el instanceof HTMLScriptElement && el.type.trim().toLowerCase() === 'application/json',
    );
    const text = script?.textContent ?? '';
    if (text.trim() === '') return null;
    if (this.#scriptCache?.text !== text) {
      let result: NamespaceRequest | WcError;
      try {
        result = parseScriptRequest(text);
      } catch (error) {
        result = asWcError(error, 'invalid-namespace');
      }
      this.#scriptCache = { text, result };
    }
    const { result } = this.#scriptCache;
    if (result instanceof WcError) throw result;
    return result;
  }

  #deriveApprove(): Derived {
    const proposal: unknown = this.proposal;
    if (proposal === null || proposal === undefined) return NO_DERIVED;
    const id = proposalId(proposal);
    const meta = (proposal as { proposer?: { metadata?: unknown } } | null)?.proposer?.metadata;
    const proposer = displayMetadata(meta !== null && typeof meta === 'object' ? (meta as object) : null);
    const expiresAt = proposalExpiryMs(proposal);
    const base = { ...NO_DERIVED, proposalId: id, proposer, expiresAt };
    // Ticks belong to the proposal they were made on; a newer, not yet rendered one starts fresh.
    const unticked = proposal === this.#proposalSeen ? this.#unticked : new Set<string>();

    let support;
    try {
      support = {
        accountsByChain: readAccounts(this.accounts),
        methods: readNames(this.supportedMethods, 'supportedMethods'),
        events: readNames(this.supportedEvents, 'supportedEvents'),
      };
    } catch (error) {
      return { ...base, valid: false, error: { kind: 'wallet', error: asWcError(error, 'invalid-namespace') } };
    }
    let read;
    try {
      read = readProposal(proposal);
    } catch (error) {
      return { ...base, valid: false, error: { kind: 'proposal', error: asWcError(error, 'invalid-peer-data') } };
    }

    const groups = groupsOf(read.request, support);
    if (expiresAt !== null && expiresAt <= Date.now()) {
      return { ...base, groups, error: { kind: 'expired', error: proposalExpiredError(expiresAt) } };
    }
    const unmet = unmetRequired(groups);
    if (unmet.chains.length + unmet.methods.length + unmet.events.length > 0) {
      const items = [...unmet.chains.map(chainName), ...unmet.methods, ...unmet.events];
      const error = new WcError('required-unmet', `proposal requires what the wallet cannot provide: ${items.join(', ')}`, {
        operation: 'peer',
        data: unmet,
      });
      return { ...base, groups, error: { kind: 'unmet', error, items } };
    }
    let namespaces: SessionTypes.Namespaces;
    try {
      namespaces = buildApprovedNamespaces({
        proposal: { ...(proposal as ProposalTypes.Struct), ...(read.request as unknown as ProposalTypes.Struct) },
        supportedNamespaces: ticked(groups, unticked),
      });
    } catch (cause) {
      const error = new WcError('required-unmet', cause instanceof Error ? cause.message : String(cause), { cause, operation: 'peer' });
      return { ...base, groups, error: { kind: 'approve', error } };
    }
    return { ...base, groups, namespaces: Object.keys(namespaces).length > 0 ? namespaces : null };
  }

  /** While an approvable proposal is shown, re-render when it expires (and so disable Approve). */
  #scheduleExpiry(): void {
    this.#clearExpiryTimer();
    const { expiresAt, error } = this.#derived;
    if (this.mode !== 'approve' || expiresAt === null || error?.kind === 'expired' || !this.isConnected) return;
    // +1 ms: at the exact millisecond it is already expired; a timer that fires early just re-arms.
    const delay = Math.min(Math.max(0, expiresAt - Date.now() + 1), 2 ** 31 - 1);
    this.#expiryTimer = setTimeout(() => {
      this.#expiryTimer = null;
      this.requestUpdate();
    }, delay);
  }

  #clearExpiryTimer(): void {
    if (this.#expiryTimer !== null) clearTimeout(this.#expiryTimer);
    this.#expiryTimer = null;
  }

  // ---- rendering ----

  #renderRequest(strings: NamespacePickerStrings): TemplateResult {
    const { groups, error, value } = this.#derived;
    return html`<div part="base" role="group" aria-label=${strings.requestLabel}>
      ${pickerError(strings, error, '', this.#strings.lang)}
      ${groups.length === 0 && !error ? html`<p part="empty">${strings.empty}</p>` : nothing}
      ${this.#renderGroups(strings, groups, false)}
      <p part="summary" role="status">${error || groups.length === 0 ? '' : requestSummary(strings, value)}</p>
    </div>`;
  }

  #renderApprove(strings: NamespacePickerStrings): TemplateResult {
    const { groups, error, proposer, proposalId: id, namespaces } = this.#derived;
    if (this.proposal === null || this.proposal === undefined) {
      return html`<div part="base" role="group" aria-label=${strings.approveLabel}>
        <p part="empty">${strings.noProposal}</p>
        <p part="summary" role="status"></p>
      </div>`;
    }
    const name = proposer?.name || strings.unnamedApp;
    const answered = id !== null && this.#answeredId === id;
    const status = answered ? strings.answered : error ? '' : namespaces ? approvalSummary(strings, namespaces) : strings.nothingToApprove;
    return html`<div part="base" role="group" aria-label=${strings.approveLabel}>
      <div part="proposer">
        ${proposer?.icon ? html`<img part="icon" src=${proposer.icon} alt="" width="40" height="40" referrerpolicy="no-referrer" />` : nothing}
        <div class="who">
          <p part="name">${strings.proposerAsks(name)}</p>
          ${proposer?.host ? html`<p part="host">${strings.fromHost(proposer.host)}</p>` : nothing}
          ${proposer?.description ? html`<p part="description">${proposer.description}</p>` : nothing}
        </div>
      </div>
      ${pickerError(strings, error, name, this.#strings.lang)} ${this.#renderGroups(strings, groups, answered || error?.kind === 'expired')}
      <p part="summary" role="status">${status}</p>
      <div part="actions">
        <button
          part="approve-button"
          class="primary"
          type="button"
          aria-label=${strings.approveApp(name)}
          ?disabled=${this.disabled || answered || id === null || namespaces === null || error !== null}
          @click=${this.#onApprove}
        >
          ${strings.approve}
        </button>
        <button
          part="reject-button"
          type="button"
          aria-label=${strings.rejectApp(name)}
          ?disabled=${this.disabled || answered || id === null}
          @click=${this.#onReject}
        >
          ${strings.reject}
        </button>
      </div>
    </div>`;
  }

  #renderGroups(strings: NamespacePickerStrings, groups: readonly PickerGroup[], locked: boolean): TemplateResult {
    const approve = this.mode === 'approve';
    return pickerGroups(groups, { strings, unticked: this.#unticked, locked: locked || this.disabled, approve, onToggle: this.#onToggle });
  }

  #onToggle = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const key = input.dataset['key'];
    if (!key) return;
    if (input.checked) this.#unticked.delete(key);
    else this.#unticked.add(key);
    this.requestUpdate();
  };

  #onApprove = (): void => {
    const { proposalId: id, namespaces, error } = this.#derived;
    const proposal = this.proposal;
    if (this.disabled || id === null || !namespaces || error || !proposal || this.#answeredId === id) return;
    // Checked at the click too: the expiry timer may not have run yet (a throttled tab, a clock change).
    const expiresAt = proposalExpiryMs(proposal);
    if (expiresAt !== null && expiresAt <= Date.now()) {
      this.requestUpdate();
      return;
    }
    const event = new WcNamespaceApproveEvent({ id, namespaces: structuredClone(namespaces), proposal });
    if (this.dispatchEvent(event)) {
      this.#answeredId = id;
      this.requestUpdate();
    }
  };

  #onReject = (): void => {
    const { proposalId: id } = this.#derived;
    const proposal = this.proposal;
    if (this.disabled || id === null || !proposal || this.#answeredId === id) return;
    if (this.dispatchEvent(new WcNamespaceRejectEvent({ id, proposal }))) {
      this.#answeredId = id;
      this.requestUpdate();
    }
  };
}
