import { LitElement, html, nothing, svg, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { ConnectOptions, SessionControllerApi } from '../../controller/api.js';
import { SessionConsumer } from '../../lit/session-consumer.js';
import { parseCaip10 } from '../../caip.js';
import { WcError, isWcError, type WcOperation } from '../../errors.js';
import {
  WcDisconnectRequestEvent,
  WcErrorEvent,
  WcNamespaceChangeEvent,
  WcUriCopyEvent,
} from '../../events.js';
import { chainName, shortAddress } from '../../internal/chains.js';
import { cleanText, displayMetadata } from '../../internal/metadata.js';
import { hasNamespaceAttributes, namespaceAttributesOf, parseNamespaceAttributes } from '../../internal/namespace-attributes.js';
import { langOf, resolveStrings } from '../../internal/strings.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import type { PeerMetadata, ProposalView, SessionState, SessionView } from '../../types.js';
import { ControllerEvents } from './controller-events.js';
import { styles } from './connect.styles.js';
import { connectStrings, type ConnectStrings } from './connect.strings.js';
import { formatClock, formatIn, isoDuration } from './countdown.js';
import { findPicker, isAwaitingUpgrade, pickerSource, type NamespaceSource } from './namespace-source.js';
import { qrSymbol, type QrSymbol } from './qr.js';
import { parseWalletLinks, walletLinkHref, type WalletLinks } from './wallet-links.js';
import { NamespaceAttributesMixin } from '../../internal/namespace-attributes-mixin.js';

type Phase = 'idle' | 'connecting' | 'awaiting-approval' | 'connected' | 'error';
type Stage = 'starting' | 'qr' | 'reuse' | 'expired' | 'failed';
type ConfigSource = 'namespaces' | 'wallet-links' | 'pairing-topic';

/** A pairing the user can reconnect over, with the wallet's display name. */
interface ReuseTarget {
  readonly topic: string;
  readonly name: string;
}

/** One `controller.connect()` call this element made. */
interface Attempt {
  readonly id: number;
  readonly options: ConnectOptions;
  readonly reuse: ReuseTarget | null;
}

/** Seconds before expiry at which the countdown is announced once. */
const WARN_AT = 30;
/** Seconds past expiry before the countdown itself refreshes: the controller normally reports it first. */
const EXPIRY_GRACE = 1;
/** Reconnect buttons offered at most. */
const MAX_REUSE = 3;
const TOPIC_RE = /^[0-9a-f]{64}$/i;
/** Errors from these operations belong to other elements (a request, a ping) and are not shown here. */
const FOREIGN_OPERATIONS: ReadonlySet<WcOperation> = new Set(['request', 'ping', 'extend', 'attribute']);

/**
 * @tagname wc-connect
 * @summary A "Connect wallet" button that runs the whole WalletConnect pairing: QR code, link, deep
 * links, countdown with automatic refresh, reconnecting over a known pairing, and the connected
 * wallet with a Disconnect button.
 *
 * @slot - The connect button's label (default "Connect wallet", or the `label` attribute).
 *
 * @fires {WcUriCopyEvent} wc-uri-copy - The user copied the `wc:` URI; `detail: {uri, ok}`.
 * @fires {WcDisconnectRequestEvent} wc-disconnect-request - Before disconnecting; cancelable
 *   (`preventDefault()` keeps the session). `detail: {topic, session}`.
 * @fires {WcErrorEvent} wc-error - An attribute is invalid (`invalid-namespace` for the namespace
 *   attributes, `invalid-option` for `wallet-links` / `pairing-topic`). Controller errors are fired
 *   by the provider, not here.
 *
 * @csspart base - The wrapper of everything.
 * @csspart button - The main connect button ("Connect wallet" / "Connect another wallet").
 * @csspart reconnect-button - Each "Reconnect to <wallet>" button.
 * @csspart hint - Why the connect button is disabled.
 * @csspart dialog - The native `<dialog>` (mode="dialog").
 * @csspart panel - The connect flow's content (inside the dialog, or in place).
 * @csspart qr - The QR code `<svg>`.
 * @csspart uri - The read-only input holding the `wc:` URI.
 * @csspart copy-button - The copy button.
 * @csspart wallet-link - The "Open wallet" deep link and each `wallet-links` entry.
 * @csspart countdown - The time left before the code expires.
 * @csspart use-qr-button - "Use a QR code instead" while a request goes over a known pairing.
 * @csspart try-again-button - Shown when the code expired too often or the connect failed.
 * @csspart cancel-button - Cancels the connect and closes the flow.
 * @csspart session - The connected wallet: icon, name, chain, account.
 * @csspart disconnect-button - Disconnects the shown session.
 * @csspart status - The `role="status"` live region.
 * @csspart error - Each error message (`role="alert"`).
 *
 * @cssprop --wc-connect-accent - Main button background (falls back to `--wc-accent`).
 * @cssprop --wc-connect-accent-text - Main button text colour.
 * @cssprop --wc-connect-qr-size - Rendered side of the QR code (default 240px).
 * @cssprop --wc-connect-qr-foreground - Dark QR modules (default #000; kept dark in dark mode).
 * @cssprop --wc-connect-qr-background - QR background and quiet zone (default #fff).
 * @cssprop --wc-radius - Corner radius.
 * @cssprop --wc-color-surface - Panel / dialog background.
 * @cssprop --wc-color-border - Borders.
 * @cssprop --wc-color-muted - Secondary text.
 * @cssprop --wc-color-danger - Error text.
 *
 * @cssstate idle - Nothing under way, no session.
 * @cssstate connecting - A connect is starting (no URI yet).
 * @cssstate awaiting-approval - A proposal is out; waiting for the wallet.
 * @cssstate connected - At least one session.
 * @cssstate error - An error is shown (bad attribute, failed or expired connect).
 *
 * @example
 * ```html
 * <wc-provider project-id="…">
 *   <wc-connect chains="eip155:1" methods="personal_sign" events="accountsChanged"
 *     wallet-links='[{"name":"Example Wallet","href":"https://wallet.example/wc?uri={uri}"}]'></wc-connect>
 * </wc-provider>
 * ```
 */
export class WcConnect extends NamespaceAttributesMixin(LitElement) {
  static override styles = [sharedStyles, styles];

  readonly #consumer = new SessionConsumer(this, () => this.controller);
  readonly #internals = this.attachInternals();

  /** The controller to use; wins over one provided by an ancestor `<wc-provider>`. */
  @property({ attribute: false }) accessor controller: SessionControllerApi | null = null;
  /** Overrides for any user-visible string. */
  @property({ attribute: false }) accessor strings: Partial<ConnectStrings> | null = null;
  /** Text of the connect button (the default slot wins). */
  @property({ attribute: 'label' }) accessor label: string | null = null;
  /** `dialog` (default): the flow opens in a modal `<dialog>`; `inline`: rendered in place. */
  @property({ attribute: 'mode', reflect: true }) accessor mode: 'dialog' | 'inline' = 'dialog';
  /** Id of a `<wc-namespace-picker>` (in this element's root node) to take the namespaces from. */
  @property({ attribute: 'picker' }) accessor picker: string | null = null;
  /** JSON array of `{"name", "href"}`; `{uri}` in `href` becomes the encoded `wc:` URI. https: and wc: only. */
  @property({ attribute: 'wallet-links' }) accessor walletLinks: string | null = null;
  /** How many times an expired code is replaced automatically before "Try again" is shown. */
  @property({ attribute: 'max-refresh', type: Number }) accessor maxRefresh = 3;
  /** Offer "Reconnect" over this pairing topic (64 hex characters). */
  @property({ attribute: 'pairing-topic' }) accessor pairingTopic: string | null = null;
  /** Seconds to wait for a wallet reached over a known pairing before falling back to a QR code (0: wait). */
  @property({ attribute: 'reuse-timeout', type: Number }) accessor reuseTimeout = 30;

  /** The connect flow (dialog or inline panel) is open. */
  @state() accessor _open = false;
  /** The connect call under way, or null. */
  @state() accessor _attempt: Attempt | null = null;
  /** Why the flow stopped without a session, while it stays open. */
  @state() accessor _stalled: 'expired' | 'failed' | null = null;
  @state() accessor _failure: unknown = null;
  /** Text of the live region. */
  @state() accessor _status = '';
  /** The clock the countdown renders from, advanced every second while a code is shown. */
  @state() accessor _now = Date.now();

  // ---- derived in willUpdate ----
  #s: ConnectStrings = connectStrings.en;
  #lang = 'en';
  #state: SessionState | null = null;
  #source: NamespaceSource = { kind: 'none' };
  #configErrors = new Map<ConfigSource, WcError>();
  #namespaceKey: string | null = null;
  #linksKey: string | null | undefined = undefined;
  #links: WalletLinks = { links: [], error: null };
  #reuseTargets: readonly ReuseTarget[] = [];
  #session: SessionView | null = null;
  #proposal: ProposalView | null = null;
  #stage: Stage = 'starting';
  #errorText = '';

  // ---- bookkeeping ----
  #seq = 0;
  #refreshes = 0;
  /** The proposal of the current attempt, once rendered. */
  #seen: ProposalView | null = null;
  /** Proposals this flow gave up on (expired, fallen back); never shown again even if the snapshot still holds one. */
  #dead: ProposalView[] = [];
  #warned: ProposalView | null = null;
  #dismissedError: WcError | null = null;
  #pendingErrorEvents: WcError[] = [];
  #brokenIcons = new Set<string>();
  #qr: { uri: string; symbol: QrSymbol | null } | null = null;
  #opener: HTMLElement | null = null;
  #focusPanel = false;
  #restoreFocus = false;
  #ticker: ReturnType<typeof setInterval> | undefined;
  #reuseTimer: ReturnType<typeof setTimeout> | undefined;
  #reuseTimerFor: number | null = null;
  #root: Document | ShadowRoot | null = null;
  #awaitingPicker = false;
  #phase: Phase | null = null;

  constructor() {
    super();
    // After the consumer, so it sees the controller the consumer settled on.
    new ControllerEvents(this, () => this.#consumer.controller, {
      'wc-proposal-expire': (event) => this.#onExpireEvent(event.detail.uri, event.detail.pairingTopic),
    });
  }

  // ---- lifecycle ----

  override connectedCallback(): void {
    super.connectedCallback();
    this.#root = this.getRootNode() as Document | ShadowRoot;
    this.#root.addEventListener(WcNamespaceChangeEvent.eventName, this.#onNamespaceChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#root?.removeEventListener(WcNamespaceChangeEvent.eventName, this.#onNamespaceChange);
    this.#root = null;
    this.#stopTicker();
    this.#clearReuseTimer();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.#lang = langOf(this);
    this.#s = resolveStrings(connectStrings, this.#lang, this.strings);
    const state = (this.#state = this.#consumer.state);
    this.#deriveConfig();
    this.#source = this.#resolveSource();

    const sessions = state?.sessions ?? [];
    this.#session = sessions.find((s) => s.topic === state?.activeTopic) ?? sessions[sessions.length - 1] ?? null;
    this.#reuseTargets = this.#deriveReuseTargets(state);

    const proposal = (this.#proposal = this.#ownProposal());
    if (proposal && !sameProposal(proposal, this.#seen)) {
      this.#seen = proposal;
      // only over "Connecting…": a refresh or fallback keeps its more specific announcement
      if (this._status === this.#s.statusConnecting) this._status = this.#s.statusAwaiting;
    }
    this.#stage = this.#deriveStage(proposal);
    this.#errorText = this.#deriveErrorText(state);
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#syncDialog();
    this.#syncTimers();
    this.#syncCustomState();
    for (const error of this.#pendingErrorEvents.splice(0)) {
      this.dispatchEvent(new WcErrorEvent({ error, operation: 'attribute' }));
    }
  }

  // ---- public methods ----

  /** Opens the connect flow, as a click on the connect button does. No-op while it is open or disabled. */
  connect(): void {
    this.#begin(null, null);
  }

  /** Cancels a connect under way and closes the flow. */
  cancel(): void {
    if (this._open) this.#cancel();
  }

  // ---- render ----

  override render(): TemplateResult {
    const s = this.#s;
    const controller = this.#consumer.controller;
    const panelInDialog = this._open && this.mode !== 'inline';
    const hint = !controller ? s.notConfigured : this.#source.kind === 'picker' && !this.#source.valid ? s.pickerInvalid : '';
    const blocked = !controller || hint !== '' || this.#configErrors.has('namespaces');
    const describedBy = [hint ? 'hint' : '', this.#configErrors.has('namespaces') ? 'error-namespaces' : ''].filter(Boolean).join(' ');
    return html`
      <div part="base" class="base">
        ${this.#session ? this.#renderSession(this.#session) : nothing}
        <div class="actions">
          <button
            part="button"
            class=${this.#session ? 'secondary' : 'primary'}
            type="button"
            ?disabled=${blocked || this._open}
            aria-describedby=${describedBy || nothing}
            @click=${this.#onConnectClick}
          >
            ${this.#session ? s.connectAnother : html`<slot>${this.label || s.connect}</slot>`}
          </button>
          ${this.#reuseTargets.map(
            (target) => html`<button
              part="reconnect-button"
              type="button"
              ?disabled=${blocked || this._open}
              @click=${(event: Event) => this.#begin(target, event.currentTarget as HTMLElement)}
            >
              ${s.reconnect(target.name)}
            </button>`,
          )}
        </div>
        ${hint ? html`<p id="hint" part="hint" class="hint">${hint}</p>` : nothing}
        ${panelInDialog ? nothing : this.#renderErrors()}
        <p part="status" class="status" role="status">${panelInDialog ? '' : this._status}</p>
        ${this._open && this.mode === 'inline' ? this.#renderPanel(false) : nothing}
        ${this.mode !== 'inline'
          ? html`<dialog part="dialog" aria-labelledby="title" @close=${this.#onDialogClose}>
              ${this._open ? this.#renderPanel(true) : nothing}
            </dialog>`
          : nothing}
      </div>
    `;
  }

  #renderSession(session: SessionView): TemplateResult {
    const s = this.#s;
    const meta = displayMetadata(session.peer?.metadata, s.unknownWallet);
    const account = session.accounts.map(parseCaip10).find((a) => a !== null) ?? null;
    const chain = account?.chainId ?? session.chains[0] ?? null;
    const icon = meta.icon && !this.#brokenIcons.has(meta.icon) ? meta.icon : null;
    return html`
      <div part="session" class="session" role="group" aria-label=${s.sessionLabel}>
        ${icon
          ? html`<img
              class="icon"
              src=${icon}
              alt=""
              width="32"
              height="32"
              referrerpolicy="no-referrer"
              decoding="async"
              @error=${() => this.#onIconError(icon)}
            />`
          : html`<span class="icon placeholder" aria-hidden="true">${[...meta.name][0]?.toUpperCase() ?? '?'}</span>`}
        <span class="details">
          <span class="name">${meta.name}</span>
          <span class="meta">
            ${chain ? html`<span class="chain">${chainName(chain)}</span>` : nothing}
            ${account ? html`<span class="account" title=${account.address}>${shortAddress(account.address)}</span>` : nothing}
          </span>
        </span>
        <button
          part="disconnect-button"
          type="button"
          aria-label=${s.disconnectSession(meta.name)}
          ?disabled=${session.status === 'disconnecting'}
          @click=${() => this.#onDisconnect(session, meta.name)}
        >
          ${s.disconnect}
        </button>
      </div>
    `;
  }

  #renderPanel(modal: boolean): TemplateResult {
    const s = this.#s;
    return html`
      <div part="panel" class="panel" role=${modal ? nothing : 'group'} aria-labelledby=${modal ? nothing : 'title'} @keydown=${this.#onPanelKeydown}>
        ${modal
          ? html`<h2 id="title" class="title" tabindex="-1">${s.dialogTitle}</h2>`
          : html`<p id="title" class="title" tabindex="-1">${s.dialogTitle}</p>`}
        ${this.#renderStage()}
        ${modal ? this.#renderErrors() : nothing}
        ${modal ? html`<p part="status" class="status" role="status">${this._status}</p>` : nothing}
        <div class="panel-actions">
          ${this._stalled
            ? html`<button part="try-again-button" type="button" class="primary" @click=${this.#onTryAgain}>${s.tryAgain}</button>`
            : nothing}
          <button part="cancel-button" type="button" @click=${this.#onCancelClick}>${s.cancel}</button>
        </div>
      </div>
    `;
  }

  #renderStage(): TemplateResult | typeof nothing {
    const s = this.#s;
    switch (this.#stage) {
      case 'expired':
        return html`<p class="message">${s.expired}</p>`;
      case 'failed':
        return nothing; // the alert says why
      case 'reuse':
        return html`
          <p class="message reuse">${s.requestSent(this.#reuseName())}</p>
          <button part="use-qr-button" type="button" @click=${this.#onUseQr}>${s.useQr}</button>
        `;
      case 'qr':
        return this.#renderProposal(this.#proposal!);
      default:
        return html`<p class="message">${s.generating}</p>`;
    }
  }

  #renderProposal(proposal: ProposalView): TemplateResult {
    const s = this.#s;
    const uri = proposal.uri;
    const symbol = this.#qrFor(uri);
    const left = Math.max(0, Math.ceil(proposal.expiry - this._now / 1000));
    const links = this.#links.links
      .map((link) => ({ name: link.name, href: walletLinkHref(link.template, uri) }))
      .filter((link): link is { name: string; href: string } => link.href !== null);
    return html`
      <p class="message">${s.scanHint}</p>
      ${symbol
        ? html`<svg
            part="qr"
            class="qr"
            role="img"
            aria-label=${s.qrLabel}
            viewBox="0 0 ${symbol.size} ${symbol.size}"
            shape-rendering="crispEdges"
          >
            ${svg`<rect class="qr-bg" width=${symbol.size} height=${symbol.size}></rect><path class="qr-fg" d=${symbol.path}></path>`}
          </svg>`
        : html`<p class="message">${s.qrUnavailable}</p>`}
      <div class="uri-row">
        <label for="uri">${s.uriLabel}</label>
        <div class="uri-field">
          <input id="uri" part="uri" type="text" readonly spellcheck="false" autocomplete="off" .value=${uri} @focus=${this.#onUriFocus} />
          <button part="copy-button" type="button" @click=${this.#onCopy}>${s.copy}</button>
        </div>
      </div>
      <div class="links" role="group" aria-label=${s.walletLinksLabel}>
        ${isWcUri(uri) ? html`<a part="wallet-link" class="wallet-link" href=${uri}>${s.openWallet}</a>` : nothing}
        ${links.map(
          (link) => html`<a part="wallet-link" class="wallet-link" href=${link.href} target="_blank" rel="noopener noreferrer"
            >${s.openIn(link.name)}</a
          >`,
        )}
      </div>
      <p part="countdown" class="countdown" role="group" aria-label=${s.countdownLabel}>
        <span aria-hidden="true">${s.countdownLabel}</span>
        <time datetime=${isoDuration(left)}>${formatClock(left, this.#lang)}</time>
      </p>
    `;
  }

  #renderErrors(): TemplateResult {
    const s = this.#s;
    return html`${[...this.#configErrors].map(
      ([source, error]) => html`<p id="error-${source}" part="error" class="error" role="alert">${s.invalidSetting(error.message)}</p>`,
    )}${this.#errorText ? html`<p part="error" class="error" role="alert">${this.#errorText}</p>` : nothing}`;
  }

  // ---- derivation ----

  #deriveConfig(): void {
    const namespaceKey = JSON.stringify(namespaceAttributesOf(this));
    if (namespaceKey !== this.#namespaceKey) {
      this.#namespaceKey = namespaceKey;
      let error: WcError | null = null;
      try {
        parseNamespaceAttributes(this);
      } catch (e) {
        error = isWcError(e) ? e : new WcError('invalid-namespace', String(e), { operation: 'attribute', cause: e });
      }
      this.#setConfigError('namespaces', error);
    }
    if (this.walletLinks !== this.#linksKey) {
      this.#linksKey = this.walletLinks;
      this.#links = parseWalletLinks(this.walletLinks);
      this.#setConfigError('wallet-links', this.#links.error);
    }
    const topic = this.pairingTopic;
    this.#setConfigError(
      'pairing-topic',
      topic && !TOPIC_RE.test(topic)
        ? new WcError('invalid-option', `pairing-topic: ${JSON.stringify(topic.slice(0, 80))} is not a 64-character hex topic`, {
            operation: 'attribute',
            data: { attribute: 'pairing-topic', token: topic },
          })
        : null,
    );
  }

  /** Records the error of one attribute source; a new message is fired once as `wc-error`. */
  #setConfigError(source: ConfigSource, error: WcError | null): void {
    const previous = this.#configErrors.get(source);
    if (!error) {
      this.#configErrors.delete(source);
      return;
    }
    if (previous?.message === error.message) return;
    this.#configErrors.set(source, error);
    this.#pendingErrorEvents.push(error);
  }

  /** Picker, else the namespace attributes, else the controller's defaults, else none. */
  #resolveSource(): NamespaceSource {
    const pickerEl = findPicker(this, this.picker);
    const fromPicker = pickerEl ? pickerSource(pickerEl) : null;
    if (fromPicker) {
      if (pickerEl && isAwaitingUpgrade(pickerEl)) this.#awaitPicker(pickerEl.localName);
      return fromPicker;
    }
    if (!this.#configErrors.has('namespaces')) {
      if (hasNamespaceAttributes(this)) {
        try {
          return { kind: 'attributes', value: parseNamespaceAttributes(this) };
        } catch {
          // reported by #deriveConfig
        }
      }
    }
    const defaults = this.#consumer.controller?.defaultNamespaces;
    return defaults ? { kind: 'default', value: defaults } : { kind: 'none' };
  }

  #awaitPicker(tag: string): void {
    if (this.#awaitingPicker) return;
    this.#awaitingPicker = true;
    void customElements.whenDefined(tag).then(() => {
      this.#awaitingPicker = false;
      this.requestUpdate();
    });
  }

  #deriveReuseTargets(state: SessionState | null): ReuseTarget[] {
    const pairings = state?.pairings ?? [];
    const nameOf = (peer: PeerMetadata | null | undefined) => displayMetadata(peer, '').name || this.#s.yourWallet;
    if (this.pairingTopic) {
      if (this.#configErrors.has('pairing-topic')) return [];
      const topic = this.pairingTopic.toLowerCase();
      return [{ topic, name: nameOf(pairings.find((p) => p.topic === topic)?.peer) }];
    }
    const now = Date.now() / 1000;
    const live = new Set((state?.sessions ?? []).map((s) => s.pairingTopic));
    return pairings
      .filter((p) => p.active && p.peer && p.expiry > now && !live.has(p.topic))
      .sort((a, b) => b.expiry - a.expiry)
      .slice(0, MAX_REUSE)
      .map((p) => ({ topic: p.topic, name: nameOf(p.peer) }));
  }

  /** The snapshot's proposal while this element's connect is under way (and not one that expired). */
  #ownProposal(): ProposalView | null {
    const proposal = this._attempt ? (this.#consumer.state?.proposal ?? null) : null;
    return proposal && !this.#dead.some((dead) => sameProposal(dead, proposal)) ? proposal : null;
  }

  #deriveStage(proposal: ProposalView | null): Stage {
    if (this._stalled) return this._stalled;
    const attempt = this._attempt;
    if (proposal?.reusedPairing || (attempt?.reuse && !proposal)) return 'reuse';
    return proposal ? 'qr' : 'starting';
  }

  #deriveErrorText(state: SessionState | null): string {
    if (this._stalled === 'failed') return this.#describeError(this._failure ?? state?.lastError);
    if (!this._open && !this._attempt) {
      const last = state?.lastError ?? null;
      if (last && last !== this.#dismissedError && last.code !== 'cancelled' && !(last.operation && FOREIGN_OPERATIONS.has(last.operation))) {
        return this.#describeError(last);
      }
    }
    return '';
  }

  #describeError(error: unknown): string {
    const s = this.#s;
    const code = isWcError(error) ? error.code : null;
    switch (code) {
      case 'proposal-expired':
        return s.errorProposalExpired;
      case 'user-rejected':
        return s.errorUserRejected;
      case 'required-unmet':
        return s.errorRequiredUnmet;
      case 'relay-unreachable':
        return s.errorRelayUnreachable;
      case 'offline':
        return s.errorOffline;
      default:
        return (error instanceof Error && cleanText(error.message, 300)) || s.errorGeneric;
    }
  }

  #reuseName(): string {
    const peer = this.#proposal?.peer;
    return (peer && displayMetadata(peer, '').name) || this._attempt?.reuse?.name || this.#s.yourWallet;
  }

  #qrFor(uri: string): QrSymbol | null {
    if (this.#qr?.uri !== uri) this.#qr = { uri, symbol: qrSymbol(uri) };
    return this.#qr.symbol;
  }

  // ---- side effects after render ----

  #syncDialog(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog) {
      if (this._open && !dialog.matches(':modal')) {
        if (dialog.open) dialog.close(); // left open (non-modal) by a move in the DOM
        try {
          if (this.isConnected) dialog.showModal();
        } catch {
          dialog.show(); // e.g. inside a popover that is not shown: open in place rather than throw
        }
      } else if (!this._open && dialog.open) {
        dialog.close();
      }
    }
    if (this._open && this.#focusPanel) {
      this.#focusPanel = false;
      this.renderRoot.querySelector<HTMLElement>('#title')?.focus();
    }
    if (!this._open && this.#restoreFocus) {
      this.#restoreFocus = false;
      const opener = this.#opener;
      const target =
        opener?.isConnected && !(opener as HTMLButtonElement).disabled
          ? opener
          : this.renderRoot.querySelector<HTMLElement>('[part~="button"]:not([disabled])');
      target?.focus();
      this.#opener = null;
    }
  }

  #syncTimers(): void {
    if (this.#proposal && this.isConnected) {
      this.#ticker ??= setInterval(this.#tick, 1000);
    } else {
      this.#stopTicker();
    }
    const attempt = this._attempt;
    const wantReuseTimer = attempt?.reuse && this.#stage === 'reuse' && this.#reuseTimeoutMs() > 0 && this.isConnected;
    if (wantReuseTimer && this.#reuseTimerFor !== attempt.id) {
      this.#clearReuseTimer();
      this.#reuseTimerFor = attempt.id;
      this.#reuseTimer = setTimeout(() => this.#fallbackToQr(attempt.id), this.#reuseTimeoutMs());
    } else if (!wantReuseTimer && this.#reuseTimer !== undefined) {
      this.#clearReuseTimer();
    }
  }

  #syncCustomState(): void {
    const attempt = this._attempt;
    const status = this.#state?.status;
    const phase: Phase = attempt
      ? this.#proposal
        ? 'awaiting-approval'
        : 'connecting'
      : status === 'connecting'
        ? 'connecting'
        : status === 'awaiting-approval'
          ? 'awaiting-approval'
          : this._stalled || this.#errorText || this.#configErrors.size > 0
            ? 'error'
            : this.#session
              ? 'connected'
              : 'idle';
    if (phase === this.#phase) return;
    try {
      if (this.#phase) this.#internals.states.delete(this.#phase);
      this.#internals.states.add(phase);
    } catch {
      // a browser without CustomStateSet: the states are a styling convenience only
    }
    this.#phase = phase;
  }

  #stopTicker(): void {
    if (this.#ticker !== undefined) clearInterval(this.#ticker);
    this.#ticker = undefined;
  }

  #clearReuseTimer(): void {
    if (this.#reuseTimer !== undefined) clearTimeout(this.#reuseTimer);
    this.#reuseTimer = undefined;
    this.#reuseTimerFor = null;
  }

  #maxRefresh(): number {
    return Number.isFinite(this.maxRefresh) && this.maxRefresh >= 0 ? Math.floor(this.maxRefresh) : 3;
  }

  #reuseTimeoutMs(): number {
    return Number.isFinite(this.reuseTimeout) && this.reuseTimeout > 0 ? this.reuseTimeout * 1000 : 0;
  }

  // ---- the connect flow ----

  #begin(reuse: ReuseTarget | null, opener: HTMLElement | null): void {
    if (!this.#consumer.controller || this._open) return;
    const namespaces = this.#namespaceOptions();
    if (!namespaces) return;
    this.#opener = opener;
    this.#refreshes = 0;
    this.#dead = [];
    this.#seen = null;
    this.#warned = null;
    this.#dismissedError = null;
    this._open = true;
    this.#focusPanel = true;
    this.#start(reuse ? { ...namespaces, pairingTopic: reuse.topic } : namespaces, reuse);
  }

  /** The namespaces to connect with, read now (picker, attributes, defaults); null while unusable. */
  #namespaceOptions(): ConnectOptions | null {
    const source = this.#resolveSource();
    if (this.#configErrors.has('namespaces') || (source.kind === 'picker' && (!source.valid || !source.value))) return null;
    if (source.kind === 'none' || !source.value) return {};
    return { requiredNamespaces: source.value.requiredNamespaces, optionalNamespaces: source.value.optionalNamespaces };
  }

  #start(options: ConnectOptions, reuse: ReuseTarget | null): void {
    const controller = this.#consumer.controller;
    if (!controller) return;
    const attempt: Attempt = { id: ++this.#seq, options, reuse };
    this._attempt = attempt;
    this.#seen = null;
    this._stalled = null;
    this._failure = null;
    this._status = this.#s.statusConnecting;
    let result: Promise<SessionView>;
    try {
      result = controller.connect(options);
    } catch (error) {
      result = Promise.reject(error);
    }
    // The controller reports failures itself (wc-error, state.lastError); here they only steer the flow.
    result.then(
      (session) => this.#onConnected(attempt.id, session),
      (error: unknown) => this.#onConnectFailed(attempt.id, error),
    );
  }

  /** Marks the attempt's proposal as done with; returns it. */
  #bury(): ProposalView | null {
    const seen = this.#seen;
    if (seen && this.#dead.length < 64) this.#dead.push(seen);
    return seen;
  }

  #isCurrent(id: number): boolean {
    return this._attempt?.id === id;
  }

  #onConnected(id: number, session: SessionView): void {
    if (!this.#isCurrent(id)) return;
    this._attempt = null;
    this._open = false;
    this.#restoreFocus = true;
    this._status = this.#s.statusConnected(displayMetadata(session?.peer?.metadata, this.#s.unknownWallet).name);
  }

  #onConnectFailed(id: number, error: unknown): void {
    if (!this.#isCurrent(id)) return;
    const code = isWcError(error) ? error.code : null;
    if (code === 'proposal-expired') {
      this.#expire(id);
    } else if (code === 'cancelled') {
      // cancelled elsewhere (another element, dispose): close quietly
      this._attempt = null;
      this._open = false;
      this.#restoreFocus = true;
      this._status = this.#s.statusCancelled;
    } else {
      this._attempt = null;
      this._stalled = 'failed';
      this._failure = error;
      this._status = '';
    }
  }

  /** The attempt's code expired: replace it (up to max-refresh times) or offer "Try again". */
  #expire(id: number): void {
    const attempt = this._attempt;
    if (!attempt || attempt.id !== id) return;
    const controller = this.#consumer.controller;
    const seen = this.#bury();
    this._attempt = null; // the old call is now stale
    if (controller && seen && sameProposal(controller.state.proposal, seen)) controller.cancel();
    if (this.#refreshes < this.#maxRefresh()) {
      this.#refreshes++;
      this.#start(attempt.options, attempt.reuse);
      this._status = this.#s.refreshed;
    } else {
      this._stalled = 'expired';
      this._status = this.#s.expired;
    }
  }

  /** No answer over the known pairing: cancel that request and show a fresh QR code. */
  #fallbackToQr(id: number): void {
    const attempt = this._attempt;
    if (!attempt || attempt.id !== id) return;
    const name = this.#reuseName();
    this.#bury();
    this._attempt = null;
    this.#consumer.controller?.cancel();
    const fresh: { -readonly [K in keyof ConnectOptions]: ConnectOptions[K] } = { ...attempt.options };
    delete fresh.pairingTopic;
    this.#start(fresh, null);
    this._status = this.#s.reuseFallback(name);
  }

  #cancel(): void {
    const attempt = this._attempt;
    this._attempt = null;
    this._open = false;
    this._stalled = null;
    this.#dismissedError = this.#consumer.state?.lastError ?? null;
    this.#restoreFocus = true;
    this.#clearReuseTimer();
    if (attempt) this.#consumer.controller?.cancel();
    this._status = this.#s.statusCancelled;
  }

  // ---- handlers ----

  #onConnectClick = (event: Event): void => {
    this.#begin(null, event.currentTarget as HTMLElement);
  };

  #onCancelClick = (): void => {
    this.#cancel();
  };

  #onTryAgain = (): void => {
    const attempt = this._attempt;
    if (attempt) return;
    this.#refreshes = 0;
    this.#dismissedError = this.#consumer.state?.lastError ?? null;
    const namespaces = this.#namespaceOptions();
    if (namespaces) this.#start(namespaces, null);
  };

  #onUseQr = (): void => {
    if (this._attempt) this.#fallbackToQr(this._attempt.id);
  };

  #onDialogClose = (event: Event): void => {
    // Escape (or any close request) while the flow is open means cancel.
    const dialog = event.currentTarget as HTMLDialogElement;
    if (this._open && !dialog.open) this.#cancel();
  };

  #onPanelKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.mode === 'inline' && !event.defaultPrevented) {
      event.preventDefault();
      this.#cancel();
    }
  };

  #onExpireEvent(uri: string, pairingTopic: string): void {
    const attempt = this._attempt;
    const seen = this.#seen;
    // Only the proposal this attempt rendered: a late report of an earlier one is ignored.
    if (!attempt || !seen || (uri ? uri !== seen.uri : pairingTopic !== seen.pairingTopic)) return;
    // Let the controller finish the commit it is dispatching from before connecting again.
    setTimeout(() => this.#expire(attempt.id), 0);
  }

  #tick = (): void => {
    this._now = Date.now();
    const attempt = this._attempt;
    const proposal = this.#ownProposal();
    if (!attempt || !proposal) return;
    const left = proposal.expiry - this._now / 1000;
    if (left <= -EXPIRY_GRACE) {
      this.#seen = proposal;
      this.#expire(attempt.id);
    } else if (left <= WARN_AT && left > 0 && !sameProposal(this.#warned, proposal) && !proposal.reusedPairing) {
      this.#warned = proposal;
      this._status = this.#s.expiresSoon(formatIn(left, this.#lang));
    }
  };

  #onNamespaceChange = (): void => {
    this.requestUpdate();
  };

  #onUriFocus = (event: FocusEvent): void => {
    (event.currentTarget as HTMLInputElement).select();
  };

  #onCopy = async (event: Event): Promise<void> => {
    const uri = this.#ownProposal()?.uri;
    if (!uri) return;
    const button = event.currentTarget as HTMLButtonElement;
    let ok = false;
    try {
      await navigator.clipboard.writeText(uri);
      ok = true;
    } catch {
      ok = this.#copyWithSelection(button);
    }
    // Clear first so a second "Link copied" is announced again.
    this._status = '';
    await this.updateComplete;
    this._status = ok ? this.#s.copied : this.#s.copyFailed;
    this.dispatchEvent(new WcUriCopyEvent({ uri, ok }));
  };

  /** The pre-Clipboard-API way: select the input and copy; focus goes back to the button. */
  #copyWithSelection(button: HTMLElement): boolean {
    const input = this.renderRoot.querySelector<HTMLInputElement>('#uri');
    if (!input) return false;
    input.focus();
    input.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    button.focus();
    return ok;
  }

  #onDisconnect(session: SessionView, name: string): void {
    const controller = this.#consumer.controller;
    if (!controller) return;
    const request = new WcDisconnectRequestEvent({ topic: session.topic, session });
    if (!this.dispatchEvent(request)) return; // the page said no
    controller.disconnect(session.topic).then(
      () => {
        this._status = this.#s.statusDisconnected(name);
      },
      () => {
        // reported by the controller (state.lastError, wc-error)
      },
    );
  }

  #onIconError(icon: string): void {
    this.#brokenIcons.add(icon);
    this.requestUpdate();
  }
}

/** Same proposal across snapshots (the controller may rebuild the object). */
function sameProposal(a: ProposalView | null | undefined, b: ProposalView | null | undefined): boolean {
  return !!a && !!b && a.uri === b.uri && a.pairingTopic === b.pairingTopic && a.expiry === b.expiry;
}

function isWcUri(uri: string): boolean {
  return /^wc:[^\s]+$/.test(uri);
}
