import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { parseCaip10 } from '../../caip.js';
import { chainName, shortAddress } from '../../internal/chains.js';
import { CustomStates } from '../../internal/custom-states.js';
import { formatDateTime, formatRelative } from '../../internal/formatters.js';
import { cleanText, displayMetadata, type DisplayMetadata } from '../../internal/metadata.js';
import { peerNameStyles } from '../../styles/peer-name.styles.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import type { RequestView, SessionView } from '../../types.js';
import { sessionListStrings, type SessionListStrings } from './session-list.strings.js';
import { styles } from './session-item.styles.js';

export type SessionItemAction = 'extend' | 'ping' | 'disconnect' | 'select';

/**
 * Internal to `<wc-session-list>`: a button in an item was pressed. Bubbles inside the list's shadow
 * root only (not composed); the list turns it into controller calls and public events.
 */
export class SessionItemActionEvent extends Event {
  static readonly eventName = 'session-item-action';
  readonly action: SessionItemAction;
  readonly topic: string;
  constructor(action: SessionItemAction, topic: string) {
    super(SessionItemActionEvent.eventName, { bubbles: true, composed: false });
    this.action = action;
    this.topic = topic;
  }
}

/** Internal: text for the list's single live region (copy feedback). */
export class SessionItemAnnounceEvent extends Event {
  static readonly eventName = 'session-item-announce';
  readonly message: string;
  constructor(message: string) {
    super(SessionItemAnnounceEvent.eventName, { bubbles: true, composed: false });
    this.message = message;
  }
}

/** Every part an item renders; the list forwards them with `exportparts`. */
export const ITEM_PARTS = [
  'icon',
  'name',
  'active-marker',
  'host',
  'description',
  'signed-in',
  'expiry',
  'warning',
  'chains',
  'chain',
  'accounts',
  'account',
  'copy-button',
  'unmet',
  'not-granted',
  'details',
  'requests',
  'request',
  'ping-result',
  'item-error',
  'actions',
  'extend-button',
  'ping-button',
  'disconnect-button',
  'select-button',
] as const;

const BUSY = new Set(['extending', 'pinging', 'disconnecting']);
const NO_REQUESTS: readonly RequestView[] = Object.freeze([]);
const COPY_FEEDBACK_MS = 2000;
/**
 * Whether the browser reports when `content-visibility: auto` starts or stops skipping an element
 * (Chromium 124+, Firefox 130+, Safari 18+). Without it a deferred item renders in full at once.
 */
const CAN_DEFER = typeof globalThis.ContentVisibilityAutoStateChangeEvent === 'function';

function unique(lists: Iterable<readonly string[] | undefined>): string[] {
  const out = new Set<string>();
  for (const list of lists) for (const v of list ?? []) out.add(v);
  return [...out];
}

/**
 * One session of `<wc-session-list>`, registered as `wc-session-list-item` by the list's define.ts.
 * Presentation only: every value comes in through properties the list sets, so Lit skips an item
 * whose session object (and the few derived values) kept their identity.
 *
 * @tagname wc-session-list-item
 * @summary A single WalletConnect session row (internal to wc-session-list).
 *
 * @csspart icon - The peer icon, or its placeholder initial.
 * @csspart name - The peer name.
 * @csspart active-marker - The "Active" marker on the active session.
 * @csspart host - The peer's URL host (punycode).
 * @csspart description - The peer description (clamped).
 * @csspart signed-in - "Signed in as 0x12…ab on example.org" (a session made by a sign-in) and its expiry.
 * @csspart expiry - The expiry countdown.
 * @csspart warning - The "Expiring soon" badge.
 * @csspart chains - The chain chip list.
 * @csspart chain - One chain chip.
 * @csspart accounts - The account list.
 * @csspart account - One account.
 * @csspart copy-button - An account's copy button.
 * @csspart unmet - Required items the wallet did not grant.
 * @csspart not-granted - Optional items the wallet did not grant.
 * @csspart details - The methods-and-events disclosure.
 * @csspart requests - This session's pending requests.
 * @csspart request - One pending request.
 * @csspart ping-result - "Ping: 23 ms".
 * @csspart item-error - The session's last error (role="alert").
 * @csspart actions - The button row.
 * @csspart extend-button - Extend.
 * @csspart ping-button - Ping.
 * @csspart disconnect-button - Disconnect.
 * @csspart select-button - Make this the active session (aria-disabled on the active one).
 *
 * @cssstate active - The active session.
 * @cssstate warning - Expires within the list's `expiry-warning`.
 * @cssstate expired - Has expired.
 * @cssstate busy - Extending, pinging or disconnecting.
 * @cssstate error - Has a `lastError`.
 */
export class WcSessionListItem extends LitElement {
  static override styles = [sharedStyles, peerNameStyles, styles];

  readonly #states = new CustomStates(this.attachInternals());

  @property({ attribute: false }) accessor session: SessionView | null = null;
  /** This session's pending requests (a stable array: the list reuses it while unchanged). */
  @property({ attribute: false }) accessor requests: readonly RequestView[] = NO_REQUESTS;
  /** The list's clock in ms; only set (non-zero) while there are requests whose age is shown. */
  @property({ attribute: false }) accessor now = 0;
  @property({ attribute: false }) accessor expiryText = '';
  @property({ attribute: false }) accessor warning = false;
  @property({ attribute: false }) accessor expired = false;
  @property({ attribute: false }) accessor active = false;
  /** Holds the list's roving tab stop: only then are the item's own controls in the tab order. */
  @property({ attribute: false }) accessor current = false;
  @property({ attribute: false }) accessor pingMs: number | null = null;
  @property({ attribute: false }) accessor strings: SessionListStrings = sessionListStrings.en;
  @property({ attribute: false }) accessor locale = 'en';

  /** The icon URL that failed to load (placeholder shown instead). */
  @state() accessor _iconFailed: string | null = null;
  /** The account whose copy button shows feedback, and how the copy went. */
  @state() accessor _copied: { readonly id: string; readonly ok: boolean } | null = null;

  /**
   * Set by the list on rows below the first screenful. While deferred and not yet on screen, an item
   * renders only its head (icon, name, host, expiry, warning); the rest follows the first time the
   * browser stops skipping it (`content-visibility: auto`) or it takes focus, and stays. False (the
   * default) renders in full. This keeps the first render of a long list to what can be seen.
   */
  get deferred(): boolean {
    return this.#deferred;
  }
  set deferred(value: boolean) {
    this.#deferred = value;
    if (!value) this.#reveal();
  }

  #deferred = false;
  /** Rendered in full once (on screen, focused, or not deferred); never goes back to the head only. */
  #revealed = false;
  #meta: DisplayMetadata = displayMetadata(null);
  #name = '';
  #copyTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.addEventListener('contentvisibilityautostatechange', this.#onVisibility);
    this.addEventListener('focusin', this.#reveal);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#copyTimer);
    this.#copyTimer = undefined;
    this._copied = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('session') || changed.has('strings')) {
      const meta = this.session?.peer?.metadata;
      const previousIcon = this.#meta.icon;
      this.#meta = displayMetadata(meta, this.strings.unnamed);
      if (this.#meta.icon !== previousIcon) this._iconFailed = null;
      this.#name = this.#meta.name;
    }
    const s = this.session;
    this.#states.setAll({
      active: this.active,
      warning: this.warning,
      expired: this.expired,
      busy: !!s && BUSY.has(s.status),
      error: !!s?.lastError,
    });
  }

  protected override render(): TemplateResult | typeof nothing {
    const s = this.session;
    if (!s) return nothing;
    if (this.#deferred && !this.#revealed && CAN_DEFER) return this.#renderWaiting(s);
    const meta = this.#meta;
    return html`
      <div class="item">
        ${this.#renderHead(s)}
        ${meta.description ? html`<p part="description" class="description">${meta.description}</p>` : nothing} ${this.#renderSignedIn(s)}
        ${this.#renderChains(s)} ${this.#renderAccounts(s)} ${this.#renderMissing(s)} ${this.#renderDetails(s)}
        ${this.#renderRequests()}
        ${s.lastError ? html`<p part="item-error" class="error" role="alert">${cleanText(s.lastError.message, 300) || s.lastError.code}</p>` : nothing}
        ${this.#renderActions(s)}
      </div>
    `;
  }

  /**
   * All an item renders while it waits off-screen (see `deferred`): its name, marker and expiry, for
   * screen readers' browse mode and find-in-page. Nothing of it is painted until it is revealed.
   */
  #renderWaiting(s: SessionView): TemplateResult {
    const at = s.expiry * 1000;
    return html`<div class="item">
      <div class="head">
        <div class="ident">
          <div class="title">
            <span part="name" class="name">${this.#name}</span>
            ${this.active ? html`<span part="active-marker" class="marker">${this.strings.active}</span>` : nothing}
          </div>
        </div>
        <p part="expiry" class="expiry">
          <time datetime=${Number.isFinite(at) ? new Date(at).toISOString() : nothing}>${this.expiryText}</time>
          ${this.warning ? html`<span part="warning" class="warning">${this.strings.expiringSoon}</span>` : nothing}
        </p>
      </div>
    </div>`;
  }

  /** The sign-in made with this session (`session.auth`): who, on which domain, until when. Text only. */
  #renderSignedIn(s: SessionView): TemplateResult | typeof nothing {
    const auth = s.auth;
    if (!auth) return nothing;
    const t = this.strings;
    const until = auth.expiry === null ? NaN : auth.expiry * 1000;
    return html`<p part="signed-in" class="signed-in">
      <span title=${auth.address}>${t.signedIn(shortAddress(auth.address), cleanText(auth.domain, 256))}</span>
      ${
        Number.isFinite(until)
          ? html`<time class="muted" datetime=${new Date(until).toISOString()}>${t.signedInUntil(formatDateTime(until, this.locale))}</time>`
          : nothing
      }
    </p>`;
  }

  /** Icon, name, host and expiry. */
  #renderHead(s: SessionView): TemplateResult {
    const t = this.strings;
    const meta = this.#meta;
    return html`<div class="head">
      ${this.#renderIcon()}
      <div class="ident">
        <div class="title">
          <span part="name" class="name">${this.#name}</span>
          ${this.active ? html`<span part="active-marker" class="marker">${t.active}</span>` : nothing}
        </div>
        ${meta.host ? html`<span part="host" class="host">${meta.host}</span>` : nothing}
      </div>
      ${this.#renderExpiry(s)}
    </div>`;
  }

  #renderIcon(): TemplateResult {
    const icon = this.#meta.icon;
    if (icon && this._iconFailed !== icon) {
      return html`<img
        part="icon"
        class="icon"
        src=${icon}
        alt=""
        width="40"
        height="40"
        loading="lazy"
        decoding="async"
        referrerpolicy="no-referrer"
        @error=${this.#onIconError}
      />`;
    }
    const initial = [...this.#name][0]?.toLocaleUpperCase(this.locale) ?? '?';
    return html`<span part="icon" class="icon placeholder" aria-hidden="true">${initial}</span>`;
  }

  #renderExpiry(s: SessionView): TemplateResult {
    const t = this.strings;
    const at = s.expiry * 1000;
    return html`<p part="expiry" class="expiry">
      <time datetime=${Number.isFinite(at) ? new Date(at).toISOString() : nothing} title=${formatDateTime(at, this.locale)}
        >${this.expiryText}</time
      >
      ${this.warning ? html`<span part="warning" class="warning">${t.expiringSoon}</span>` : nothing}
    </p>`;
  }

  #renderChains(s: SessionView): TemplateResult | typeof nothing {
    if (s.chains.length === 0) return nothing;
    return html`<ul part="chains" class="chips" aria-label=${this.strings.chains}>
      ${s.chains.map((id) => {
        const name = chainName(id);
        return html`<li part="chain" class="chip" title=${name === id ? nothing : id}>${name}</li>`;
      })}
    </ul>`;
  }

  #renderAccounts(s: SessionView): TemplateResult | typeof nothing {
    if (s.accounts.length === 0) return nothing;
    const t = this.strings;
    const tabindex = this.current ? nothing : '-1';
    return html`<ul part="accounts" class="accounts" aria-label=${t.accounts}>
      ${s.accounts.map((id) => {
        const parsed = parseCaip10(id);
        const full = cleanText(id, 256);
        const short = parsed ? shortAddress(parsed.address) : full;
        const chain = parsed ? chainName(parsed.chainId) : '';
        const copied = this._copied?.id === id ? this._copied : null;
        return html`<li part="account" class="account">
          <span class="address" title=${full} aria-hidden="true">${short}</span>
          ${chain ? html`<span class="account-chain" aria-hidden="true">${chain}</span>` : nothing}
          <span class="visually-hidden">${t.accountFull(full, chain)}</span>
          <button
            part="copy-button"
            class="copy"
            type="button"
            tabindex=${tabindex}
            aria-label=${t.copyAccount(short, chain || full)}
            @click=${() => this.#copy(id, parsed?.address ?? id)}
          >
            ${copied ? (copied.ok ? t.copied : t.copyFailed) : t.copy}
          </button>
        </li>`;
      })}
    </ul>`;
  }

  #renderMissing(s: SessionView): TemplateResult | typeof nothing {
    const t = this.strings;
    const describe = (u: SessionView['unmet']) => [...u.chains.map((c) => chainName(c)), ...u.methods, ...u.events].map((v) => cleanText(v, 128)).join(', ');
    const unmet = s.unmet ? describe(s.unmet) : '';
    const notGranted = s.notGranted ? describe(s.notGranted) : '';
    if (!unmet && !notGranted) return nothing;
    return html`
      ${unmet ? html`<p part="unmet" class="unmet"><span aria-hidden="true">⚠ </span>${t.unmet} ${unmet}</p>` : nothing}
      ${notGranted ? html`<p part="not-granted" class="muted">${t.notGranted} ${notGranted}</p>` : nothing}
    `;
  }

  #renderDetails(s: SessionView): TemplateResult {
    const t = this.strings;
    const namespaces = Object.values(s.namespaces ?? {});
    const methods = unique(namespaces.map((n) => n.methods));
    const events = unique(namespaces.map((n) => n.events));
    const list = (items: string[]) =>
      items.length
        ? html`<ul class="tokens">
            ${items.map((m) => html`<li><code>${cleanText(m, 128)}</code></li>`)}
          </ul>`
        : html`<p class="muted">${t.none}</p>`;
    return html`<details part="details" class="details">
      <summary tabindex=${this.current ? nothing : '-1'}>${t.permissions(methods.length, events.length)}</summary>
      <div class="detail-body">
        <p class="label">${t.methods}</p>
        ${list(methods)}
        <p class="label">${t.events}</p>
        ${list(events)}
      </div>
    </details>`;
  }

  #renderRequests(): TemplateResult | typeof nothing {
    const requests = this.requests;
    if (requests.length === 0) return nothing;
    const t = this.strings;
    const now = this.now || Date.now();
    return html`<div part="requests" class="requests">
      <p class="label">${t.requests(requests.length)}</p>
      <ul>
        ${requests.map(
          (r) =>
            html`<li part="request">
              ${t.requestOn(cleanText(r.method, 128), chainName(r.chainId), formatRelative((r.createdAt - now) / 1000, this.locale))}
            </li>`,
        )}
      </ul>
    </div>`;
  }

  #renderActions(s: SessionView): TemplateResult {
    const t = this.strings;
    const name = this.#name;
    const busy = BUSY.has(s.status);
    const ended = this.expired;
    const tabindex = this.current ? nothing : '-1';
    // aria-disabled, not disabled: a disabled button drops keyboard focus to <body> mid-action.
    const button = (action: SessionItemAction, label: string, accessible: string, part: string, off: boolean) =>
      html`<button
        part=${part}
        type="button"
        tabindex=${tabindex}
        aria-label=${accessible}
        aria-disabled=${off ? 'true' : nothing}
        @click=${() => this.#act(action, off)}
      >
        ${label}
      </button>`;
    return html`<div part="actions" class="actions">
      ${this.pingMs !== null ? html`<span part="ping-result" class="ping">${t.pingResult(this.pingMs)}</span>` : nothing}
      ${button('select', t.select, t.selectSession(name), 'select-button', this.active || busy || ended)}
      ${button('extend', t.extend, t.extendSession(name), 'extend-button', busy || ended)}
      ${button('ping', t.ping, t.pingSession(name), 'ping-button', busy || ended)}
      ${button('disconnect', t.disconnect, t.disconnectSession(name), 'disconnect-button', busy)}
    </div>`;
  }

  #onVisibility = (event: Event): void => {
    if (!(event as ContentVisibilityAutoStateChangeEvent).skipped) this.#reveal();
  };

  #reveal = (): void => {
    if (this.#revealed) return;
    this.#revealed = true;
    this.requestUpdate();
  };

  #onIconError = (): void => {
    this._iconFailed = this.#meta.icon;
  };

  #act(action: SessionItemAction, off: boolean): void {
    if (off || !this.session) return;
    this.dispatchEvent(new SessionItemActionEvent(action, this.session.topic));
  }

  async #copy(id: string, text: string): Promise<void> {
    let ok = false;
    try {
      await navigator.clipboard.writeText(text);
      ok = true;
    } catch {
      ok = false;
    }
    if (!this.isConnected) return;
    this._copied = { id, ok };
    this.dispatchEvent(new SessionItemAnnounceEvent(ok ? this.strings.copied : this.strings.copyFailed));
    clearTimeout(this.#copyTimer);
    this.#copyTimer = setTimeout(() => {
      this._copied = null;
    }, COPY_FEEDBACK_MS);
  }
}
