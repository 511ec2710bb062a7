import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { SessionControllerApi } from '../../controller/api.js';
import { SessionConsumer } from '../../lit/session-consumer.js';
import type { WcError, WcOperation } from '../../errors.js';
import { WcAuthEvent, WcDisconnectRequestEvent, WcNamespaceChangeEvent, WcUriCopyEvent } from '../../events.js';
import { Announcer } from '../../internal/announcer.js';
import { ClockController } from '../../internal/clock.js';
import { CustomStates } from '../../internal/custom-states.js';
import { displayMetadata } from '../../internal/metadata.js';
import { ModalDialog } from '../../internal/modal-dialog.js';
import { NamespaceAttributesMixin } from '../../internal/namespace-attributes-mixin.js';
import { StringsController } from '../../internal/strings-controller.js';
import { peerNameStyles } from '../../styles/peer-name.styles.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import type { ProposalView, SessionState, SessionView } from '../../types.js';
import { authParamsFor, type AuthParamsInput } from './connect-auth.js';
import { ConnectConfig, DEFAULT_MAX_REFRESH, DEFAULT_REUSE_TIMEOUT } from './connect-config.js';
import { CONNECT_PHASES, ConnectFlow, connectPhase, type ReuseTarget, type Stage } from './connect-flow.js';
import { announcement, describeError } from './connect-messages.js';
import { styles } from './connect.styles.js';
import { connectStrings, type ConnectStrings } from './connect.strings.js';
import type { NamespaceSource } from './namespace-source.js';
import { proposalPanel, stageContent, type PanelContext } from './proposal-panel.js';
import { qrSymbol, type QrSymbol } from './qr.js';
import { sessionSummary } from './session-summary.js';
import { SAMPLE_PROPOSAL, Warmer } from './warm-up.js';

/**
 * What this element stands for: besides the errors of its own attempts it shows a failed connect or
 * start-up it did not start itself (another element, the page's script, `init()`).
 */
const CONNECT_OPERATIONS: ReadonlySet<WcOperation | undefined> = new Set(['connect', 'authenticate', 'init']);

/**
 * @tagname wc-connect
 * @summary A "Connect wallet" button that runs the whole WalletConnect pairing: QR code, link, deep
 * links, countdown with automatic refresh, reconnecting over a known pairing, and the connected
 * wallet with a Disconnect button. When the controller reports that a reload interrupted a connect
 * (`connect-interrupted`), it says so and opens the flow with a fresh code at once.
 *
 * @slot - The connect button's label (default "Connect wallet", or the `label` attribute).
 *
 * @fires {WcAuthEvent} wc-auth - With `auth`: the wallet signed in and the signature was verified;
 *   `detail: {session, cacaos, address, chainId, fallback}`.
 * @fires {WcUriCopyEvent} wc-uri-copy - The user copied the `wc:` URI; `detail: {uri, ok}`.
 * @fires {WcDisconnectRequestEvent} wc-disconnect-request - Before disconnecting; cancelable
 *   (`preventDefault()` keeps the session). `detail: {topic, session}`.
 * @fires {WcErrorEvent} wc-error - An attribute is invalid, once per value (`invalid-namespace` for the
 *   namespace attributes, `invalid-option` for `wallet-links`, `pairing-topic`, `mode`, `max-refresh`,
 *   `reuse-timeout`; an invalid one of the last three falls back to its default). Controller errors
 *   are fired by the provider, not here.
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
 * @cssprop --wc-connect-accent-text - Main button text colour (falls back to `--wc-color-on-accent`).
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
  static override styles = [sharedStyles, peerNameStyles, styles];

  readonly #strings = new StringsController(this, connectStrings, () => this.strings);
  readonly #announcer = new Announcer(this);
  readonly #states = new CustomStates(this.attachInternals());
  readonly #consumer = new SessionConsumer(this, () => this.controller, {
    events: { 'wc-proposal-expire': (event) => this.#flow.proposalExpired(event.detail.uri, event.detail.pairingTopic) },
  });
  readonly #config = new ConnectConfig(this, () => this.#consumer.controller);
  readonly #flow = new ConnectFlow(this, {
    controller: () => this.#consumer.controller,
    limits: () => this.#config.limits(),
    onNote: (note) => {
      const s = this.#strings.value;
      const signedIn = this.auth && note.kind === 'connected';
      this.#announcer.set(
        signedIn
          ? s.statusSignedIn(displayMetadata(note.session?.peer?.metadata, s.unknownWallet).name)
          : announcement(s, this.#strings.lang, note, this.#announcer.text),
      );
    },
    call: (controller, options) => (this.auth ? this.#signIn(controller, options) : controller.connect(options)),
  });
  /** The shared clock, ticking every second while a code is shown: the countdown renders from `#clock.now`. */
  readonly #clock = new ClockController(this, {
    onTick: (now) => {
      this.requestUpdate();
      this.#flow.tick(now);
    },
  });
  readonly #dialog = new ModalDialog(this, {
    isOpen: () => this.#flow.open,
    dialog: () => this.renderRoot.querySelector('dialog'),
    focusIn: () => this.renderRoot.querySelector<HTMLElement>('#title'),
    focusBack: () => this.renderRoot.querySelector<HTMLElement>('[part~="button"]:not([disabled])'),
  });

  /** The controller to use; wins over one provided by an ancestor `<wc-provider>`. */
  @property({ attribute: false }) accessor controller: SessionControllerApi | null = null;
  /** Overrides for any user-visible string. */
  @property({ attribute: false }) accessor strings: Partial<ConnectStrings> | null = null;
  /** Text of the connect button (the default slot wins). */
  @property({ attribute: 'label' }) accessor label: string | null = null;
  /** `dialog` (default): the flow opens in a modal `<dialog>`; `inline`: rendered in place. */
  @property({ attribute: 'mode', reflect: true }) accessor mode: 'dialog' | 'inline' = 'dialog';
  /**
   * Colour scheme: `light` or `dark` pins it; `auto` (or unset, the default) follows the page's
   * `color-scheme` (the element's or an ancestor's), light when the page sets none.
   */
  @property({ attribute: 'theme', reflect: true }) accessor theme: 'auto' | 'light' | 'dark' | null = null;
  /** Id of a `<wc-namespace-picker>` (in this element's root node) to take the namespaces from. */
  @property({ attribute: 'picker' }) accessor picker: string | null = null;
  /** JSON array of `{"name", "href"}`; `{uri}` in `href` becomes the encoded `wc:` URI. https: and wc: only. */
  @property({ attribute: 'wallet-links' }) accessor walletLinks: string | null = null;
  /** How many times an expired code is replaced automatically before "Try again" is shown. */
  @property({ attribute: 'max-refresh', type: Number }) accessor maxRefresh: number | null = DEFAULT_MAX_REFRESH;
  /** Offer "Reconnect" over this pairing topic (64 hex characters). */
  @property({ attribute: 'pairing-topic' }) accessor pairingTopic: string | null = null;
  /** Sign in (One-Click Auth / SIWE, `controller.authenticate()`) instead of only connecting; fires `wc-auth`. */
  @property({ attribute: 'auth', type: Boolean, reflect: true }) accessor auth = false;
  /** The sign-in message's statement (one line), with `auth`. */
  @property({ attribute: 'auth-statement' }) accessor authStatement: string | null = null;
  /**
   * With `auth`: `authenticate()` parameters (`nonce` — a string or a function called per attempt —
   * `domain`, `uri`, `chains`, `statement`, `resources`, `methods`). Defaults: a random nonce,
   * `location.host`, `location.origin`, the eip155 chains and methods of the namespaces.
   */
  @property({ attribute: false }) accessor authParams: AuthParamsInput | null = null;
  /** Seconds to wait for a wallet reached over a known pairing before falling back to a QR code (0: wait). */
  @property({ attribute: 'reuse-timeout', type: Number }) accessor reuseTimeout: number | null = DEFAULT_REUSE_TIMEOUT;

  // ---- derived in willUpdate ----
  #source: NamespaceSource = { kind: 'none' };
  #reuseTargets: readonly ReuseTarget[] = [];
  #session: SessionView | null = null;
  #stage: Stage = { kind: 'closed' };
  #errorText = '';

  // ---- bookkeeping ----
  /** Why this element's own last disconnect failed, until the next one or the next connect. */
  #disconnectError: unknown = null;
  /** The proposal the countdown was last synced for. */
  #shownProposal: ProposalView | null = null;
  #brokenIcons = new Set<string>();
  /** The last `connect-interrupted` report this element acted on, and whether its open flow resumes from it. */
  #interruption: WcError | null = null;
  #resumed = false;
  #qr: { uri: string; symbol: QrSymbol | null } | null = null;
  #root: Document | ShadowRoot | null = null;
  /** First-time work of showing a code (QR encoder, the panel's templates as opened and with a code), done before the click. */
  readonly #warmer = new Warmer(() => html`${this.#renderPanel(true)}${proposalPanel(SAMPLE_PROPOSAL, { ...this.#panelContext(), qr: qrSymbol })}`);

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
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const state = this.#consumer.state;
    this.#config.update();
    this.#source = this.#config.source();
    const sessions = state?.sessions ?? [];
    this.#session = sessions.find((s) => s.topic === state?.activeTopic) ?? sessions[sessions.length - 1] ?? null;
    this.#reuseTargets = this.#config.reuseTargets(state, this.#strings.value.yourWallet);
    this.#flow.observe();
    // A new code counts down from its real expiry: `#clock.now` is the last tick's (or the connection's) time.
    if (this.#flow.proposal !== this.#shownProposal) {
      this.#shownProposal = this.#flow.proposal;
      this.#clock.sync();
    }
    this.#stage = this.#flow.stage;
    this.#errorText = this.#deriveErrorText(state);
    // Set here, not in updated(): the attribute errors fire from hostUpdated(), and a listener may look at the state.
    this.#states.setOneOf(CONNECT_PHASES, connectPhase(this.#stage, state?.status, !!this.#errorText || this.#config.errors.size > 0, !!this.#session));
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#clock.every(this.#flow.proposal ? 1000 : null);
    if (!this.#flow.open) this.#resumed = false;
    const last = this.#consumer.state?.lastError ?? null;
    if (last?.code === 'connect-interrupted' && last !== this.#interruption) {
      this.#interruption = last;
      // After the render under way; a second element on the same controller then sees the connect begun.
      setTimeout(() => this.#resume(last), 0);
    }
    if (this.#consumer.controller && !this.#flow.open) this.#warmer.whenIdle();
  }

  // ---- public methods ----

  /** Opens the connect flow, as a click on the connect button does. No-op while it is open or disabled. */
  connect(): void {
    this.#begin(null, null);
  }

  /** Cancels a connect under way and closes the flow. */
  cancel(): void {
    this.#flow.cancel();
  }

  // ---- render ----

  override render(): TemplateResult {
    const s = this.#strings.value;
    const controller = this.#consumer.controller;
    const open = this.#flow.open;
    const panelInDialog = open && this.mode !== 'inline';
    const configErrors = this.#config.errors;
    const hint = !controller ? s.notConfigured : this.#source.kind === 'picker' && !this.#source.valid ? s.pickerInvalid : '';
    const blocked = !controller || hint !== '' || configErrors.has('namespaces');
    const describedBy = [hint ? 'hint' : '', configErrors.has('namespaces') ? 'error-namespaces' : ''].filter(Boolean).join(' ');
    return html`
      <div part="base" class="base">
        ${this.#session ? this.#renderSession(this.#session) : nothing}
        <div class="actions">
          <button
            part="button"
            class=${this.#session ? 'secondary' : 'primary'}
            type="button"
            ?disabled=${blocked || open}
            aria-describedby=${describedBy || nothing}
            @click=${this.#onConnectClick}
            @pointerenter=${this.#warm}
            @focus=${this.#warm}
          >
            ${this.#session ? s.connectAnother : html`<slot>${this.label || (this.auth ? s.signIn : s.connect)}</slot>`}
          </button>
          ${this.#reuseTargets.map(
            (target) => html`<button
              part="reconnect-button"
              type="button"
              ?disabled=${blocked || open}
              @click=${(event: Event) => this.#begin(target, event.currentTarget as HTMLElement)}
            >
              ${s.reconnect(target.name)}
            </button>`,
          )}
        </div>
        ${hint ? html`<p id="hint" part="hint" class="hint">${hint}</p>` : nothing}
        ${panelInDialog ? nothing : this.#renderErrors()}
        <p part="status" class="status" role="status">${panelInDialog ? '' : this.#announcer.text}</p>
        ${open && this.mode === 'inline' ? this.#renderPanel(false) : nothing}
        ${
          this.mode !== 'inline'
            ? html`<dialog part="dialog" aria-labelledby="title" @close=${this.#onDialogClose}>
              ${open ? this.#renderPanel(true) : nothing}
            </dialog>`
            : nothing
        }
      </div>
    `;
  }

  #renderSession(session: SessionView): TemplateResult {
    const meta = displayMetadata(session.peer?.metadata, this.#strings.value.unknownWallet);
    return sessionSummary({
      session,
      meta,
      strings: this.#strings.value,
      icon: meta.icon && !this.#brokenIcons.has(meta.icon) ? meta.icon : null,
      onIconError: (icon) => this.#onIconError(icon),
      onDisconnect: () => this.#onDisconnect(session, meta.name),
    });
  }

  #renderPanel(modal: boolean): TemplateResult {
    const s = this.#strings.value;
    const title = this.auth ? s.signInTitle : s.dialogTitle;
    return html`
      <div part="panel" class="panel" role=${modal ? nothing : 'group'} aria-labelledby=${modal ? nothing : 'title'} @keydown=${this.#onPanelKeydown}>
        ${modal ? html`<h2 id="title" class="title" tabindex="-1">${title}</h2>` : html`<p id="title" class="title" tabindex="-1">${title}</p>`}
        ${this.#resumed ? html`<p class="message interrupted">${s.interrupted}</p>` : nothing}
        ${stageContent(this.#stage, this.#panelContext())}
        ${modal ? this.#renderErrors() : nothing}
        ${modal ? html`<p part="status" class="status" role="status">${this.#announcer.text}</p>` : nothing}
        <div class="panel-actions">
          ${
            this.#flow.stalled ? html`<button part="try-again-button" type="button" class="primary" @click=${this.#onTryAgain}>${s.tryAgain}</button>` : nothing
          }
          <button part="cancel-button" type="button" @click=${this.#onCancelClick}>${s.cancel}</button>
        </div>
      </div>
    `;
  }

  #panelContext(): PanelContext {
    return {
      strings: this.#strings.value,
      lang: this.#strings.lang,
      now: this.#clock.now,
      qr: (uri) => this.#qrFor(uri),
      links: this.#config.links.links,
      onUriFocus: this.#onUriFocus,
      onCopy: this.#onCopy,
      onUseQr: this.#onUseQr,
    };
  }

  #renderErrors(): TemplateResult {
    const s = this.#strings.value;
    return html`${[...this.#config.errors.entries()].map(
      ([source, error]) => html`<p id="error-${source}" part="error" class="error" role="alert">${s.invalidSetting(error.message)}</p>`,
    )}${this.#errorText ? html`<p part="error" class="error" role="alert">${this.#errorText}</p>` : nothing}`;
  }

  // ---- derivation ----

  /** The error of this element's own attempt; outside the flow also a connect or start-up failure it did not start. */
  #deriveErrorText(state: SessionState | null): string {
    const stage = this.#stage;
    if (stage.kind === 'failed') return describeError(this.#strings.value, stage.error);
    if (this.#flow.open) return '';
    const error = this.#disconnectError ?? this.#othersConnectError(state);
    return error ? describeError(this.#strings.value, error) : '';
  }

  /** The snapshot's error when it is a failed connect or start-up that none of this element's attempts made. */
  #othersConnectError(state: SessionState | null): WcError | null {
    const last = state?.lastError ?? null;
    return last && last.code !== 'cancelled' && CONNECT_OPERATIONS.has(last.operation) && !this.#flow.owns(last) ? last : null;
  }

  #qrFor(uri: string): QrSymbol | null {
    if (this.#qr?.uri !== uri) this.#qr = { uri, symbol: qrSymbol(uri) };
    return this.#qr.symbol;
  }

  // ---- the connect flow ----

  #begin(reuse: ReuseTarget | null, opener: HTMLElement | null): void {
    if (!this.#consumer.controller || this.#flow.open) return;
    const namespaces = this.#config.namespaceOptions();
    if (!namespaces) return;
    this.#disconnectError = null;
    this.#resumed = false;
    this.#dialog.openedBy(opener);
    this.#flow.start(namespaces, reuse);
  }

  /** A reload interrupted a connect: a fresh code at once, unless a connect is under way or the report is stale. */
  #resume(interruption: WcError): void {
    const controller = this.#consumer.controller;
    if (!this.isConnected || !controller || controller.state.lastError !== interruption || this.#flow.open) return;
    if (controller.state.status === 'connecting' || controller.state.status === 'awaiting-approval') return;
    this.#begin(null, null);
    if (!this.#flow.open) return; // it cannot connect now (picker, bad attributes): the error text says it was interrupted
    this.#resumed = true;
    this.#announcer.set(this.#strings.value.interrupted);
  }

  /** One sign-in attempt: `wc-auth` once verified; the flow goes on with its session. */
  async #signIn(controller: SessionControllerApi, options: Parameters<SessionControllerApi['connect']>[0] = {}): Promise<SessionView> {
    const result = await controller.authenticate(authParamsFor(this.authParams, this.authStatement, options));
    this.dispatchEvent(new WcAuthEvent(result));
    return result.session;
  }

  // ---- handlers ----

  /** A sign the user may connect (pointer or focus on the button): warm up now rather than when idle. */
  #warm = (): void => this.#warmer.now();

  #onConnectClick = (event: Event): void => {
    this.#begin(null, event.currentTarget as HTMLElement);
  };

  #onCancelClick = (): void => {
    this.#flow.cancel();
  };

  #onTryAgain = (): void => {
    const namespaces = this.#config.namespaceOptions();
    this.#resumed = false;
    if (namespaces) this.#flow.retry(namespaces);
  };

  #onUseQr = (): void => {
    this.#flow.useQr();
  };

  #onDialogClose = (event: Event): void => {
    // Escape (or any close request) while the flow is open means cancel.
    const dialog = event.currentTarget as HTMLDialogElement;
    if (this.#flow.open && !dialog.open) this.#flow.cancel();
  };

  #onPanelKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.mode === 'inline' && !event.defaultPrevented) {
      event.preventDefault();
      this.#flow.cancel();
    }
  };

  #onNamespaceChange = (): void => {
    this.requestUpdate();
  };

  #onUriFocus = (event: FocusEvent): void => {
    (event.currentTarget as HTMLInputElement).select();
  };

  #onCopy = async (event: Event): Promise<void> => {
    const uri = this.#flow.proposal?.uri;
    if (!uri) return;
    const button = event.currentTarget as HTMLButtonElement;
    let ok = false;
    try {
      await navigator.clipboard.writeText(uri);
      ok = true;
    } catch {
      ok = this.#copyWithSelection(button);
    }
    // Cleared first, so a second "Link copied" is announced again.
    await this.#announcer.announce(ok ? this.#strings.value.copied : this.#strings.value.copyFailed);
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
    this.#disconnectError = null;
    this.requestUpdate();
    controller.disconnect(session.topic).then(
      () => {
        this.#announcer.set(this.#strings.value.statusDisconnected(name));
      },
      (error: unknown) => {
        // the controller reports it to the page (wc-error); this element shows its own failure
        this.#disconnectError = error ?? new Error(this.#strings.value.errorGeneric);
        this.requestUpdate();
      },
    );
  }

  #onIconError(icon: string): void {
    this.#brokenIcons.add(icon);
    this.requestUpdate();
  }
}
