import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { SessionControllerApi } from '../../controller/api.js';
import { SessionConsumer } from '../../lit/session-consumer.js';
import { WcError } from '../../errors.js';
import { WcDisconnectRequestEvent, WcSessionSelectEvent } from '../../events.js';
import { Announcer } from '../../internal/announcer.js';
import { AttributeErrors } from '../../internal/attribute-errors.js';
import { ClockController } from '../../internal/clock.js';
import { CustomStates } from '../../internal/custom-states.js';
import { formatRelative } from '../../internal/formatters.js';
import { displayMetadata } from '../../internal/metadata.js';
import { RovingTabindexController } from '../../internal/roving-tabindex.js';
import { StringsController } from '../../internal/strings-controller.js';
import { sharedStyles } from '../../styles/shared.styles.js';
import type { RequestView, SessionView } from '../../types.js';
import { SessionItemActionEvent, SessionItemAnnounceEvent, WcSessionListItem } from './session-item.js';
import { sessionListStrings, type SessionListStrings } from './session-list.strings.js';
import { styles } from './session-list.styles.js';
import { tickDelay } from './time.js';

export type SessionListSort = 'expiry' | 'recent';

const SORTS: ReadonlySet<string> = new Set<SessionListSort>(['expiry', 'recent']);
const DEFAULT_EXPIRY_WARNING = 86400;
const NO_SESSIONS: readonly SessionView[] = Object.freeze([]);
const NO_REQUESTS: readonly RequestView[] = Object.freeze([]);
/**
 * Rows rendered in full at once (more than a tall screen shows); the rest render their head and
 * complete when they first come near the viewport (see the item's `deferred`).
 */
const EAGER_ROWS = 12;

interface ExpiryInfo {
  /** The session expiry (seconds) this entry was computed for. */
  readonly expiry: number;
  readonly text: string;
  readonly warning: boolean;
  readonly expired: boolean;
}

/** A copy of `sessions` in display order; ties fall back to the topic so the order is stable. */
function sortSessions(sessions: readonly SessionView[], sort: SessionListSort): readonly SessionView[] {
  const byTopic = (a: SessionView, b: SessionView) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0);
  const compare =
    sort === 'recent'
      ? (a: SessionView, b: SessionView) => b.updatedAt - a.updatedAt || byTopic(a, b)
      : (a: SessionView, b: SessionView) => a.expiry - b.expiry || byTopic(a, b);
  return [...sessions].sort(compare);
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * Lists the WalletConnect sessions of a controller: the peer (icon, name, host, description), its
 * chains and accounts, what was not granted, a live expiry countdown and pending requests, with
 * Extend, Ping, Disconnect and "make active" per session. Each session renders as its own small
 * element, so an update to one session leaves the others untouched, even with hundreds listed; rows
 * away from the screen render only their name and expiry until scrolled to or focused.
 *
 * @tagname wc-session-list
 * @summary The sessions of a WalletConnect controller, with per-session actions.
 *
 * @example
 * ```html
 * <wc-provider project-id="…"></wc-provider>
 * <wc-session-list sort="recent" expiry-warning="3600"></wc-session-list>
 * ```
 *
 * @fires {WcDisconnectRequestEvent} wc-disconnect-request - Before a disconnect; cancelable: `preventDefault()` keeps the session.
 * @fires {WcSessionSelectEvent} wc-session-select - A session was made the active one.
 * @fires {WcErrorEvent} wc-error - An attribute is invalid (`code: 'invalid-option'`, `operation: 'attribute'`).
 *
 * @csspart base - The wrapper.
 * @csspart list - The `role="list"` container.
 * @csspart item - One session (a `wc-session-list-item`; its inner parts below are exported).
 * @csspart icon - The peer icon, or its placeholder initial.
 * @csspart name - The peer name.
 * @csspart active-marker - The "Active" marker on the active session.
 * @csspart host - The peer's URL host (punycode).
 * @csspart description - The peer description (clamped).
 * @csspart signed-in - "Signed in as 0x12…ab on example.org" on a session made by a sign-in, with the sign-in's expiry.
 * @csspart expiry - The expiry countdown.
 * @csspart warning - The "Expiring soon" badge of a session below `expiry-warning`.
 * @csspart chains - A session's chain chips.
 * @csspart chain - One chain chip.
 * @csspart accounts - A session's accounts.
 * @csspart account - One account (short address; full CAIP-10 id in its title and for screen readers).
 * @csspart copy-button - An account's copy button.
 * @csspart unmet - Required chains, methods or events the wallet did not grant (a warning).
 * @csspart not-granted - Optional ones it did not grant (muted).
 * @csspart details - The methods-and-events disclosure (`<details>`).
 * @csspart requests - A session's pending requests.
 * @csspart request - One pending request (method, chain, age).
 * @csspart ping-result - "Ping: 23 ms".
 * @csspart item-error - A session's last error (`role="alert"`).
 * @csspart actions - A session's buttons.
 * @csspart extend-button - Extend.
 * @csspart ping-button - Ping.
 * @csspart disconnect-button - Disconnect.
 * @csspart select-button - Make the session the active one.
 * @csspart empty - "No wallet connected".
 * @csspart notice - "Not configured" or "Loading sessions…".
 * @csspart storage-note - "Sessions will not be kept after a reload" while storage is unavailable (memory fallback).
 * @csspart error - An invalid attribute (`role="alert"`).
 *
 * @cssprop --wc-session-list-gap - Space between items (default 0.75rem).
 * @cssprop --wc-session-list-item-background - Item background.
 * @cssprop --wc-session-list-item-border-color - Item border.
 * @cssprop --wc-session-list-item-padding - Item padding.
 * @cssprop --wc-session-list-warning-color - Expiring-soon and unmet colour.
 * @cssprop --wc-session-list-error-color - Error and Disconnect colour.
 * @cssprop --wc-session-list-muted-color - Secondary text.
 * @cssprop --wc-session-list-active-color - The active session's marker and edge (falls back to --wc-accent).
 * @cssprop --wc-session-list-active-text-color - Text on the active marker (falls back to --wc-color-on-accent).
 * @cssprop --wc-session-list-description-lines - Lines of description shown (default 2).
 * @cssprop --wc-chip-background - Chain chips and the icon placeholder.
 * @cssprop --wc-chip-color - Chain chip text.
 * @cssprop --wc-radius - Corner radius.
 * @cssprop --wc-accent - Accent colour (active marker, focus ring).
 * @cssprop --wc-color-surface - Item background fallback.
 * @cssprop --wc-color-border - Borders.
 * @cssprop --wc-color-muted - Secondary text fallback.
 * @cssprop --wc-color-danger - Error text fallback.
 * @cssprop --wc-font-family-mono - Account addresses.
 *
 * @cssstate unconfigured - No controller.
 * @cssstate loading - The controller is initializing.
 * @cssstate empty - No sessions.
 * @cssstate warning - At least one session expires within `expiry-warning`.
 * @cssstate error - An attribute is invalid.
 */
export class WcSessionList extends LitElement {
  static override styles = [sharedStyles, styles];

  readonly #states = new CustomStates(this.attachInternals());
  readonly #consumer = new SessionConsumer(this, () => this.controller);
  readonly #strings = new StringsController(this, sessionListStrings, () => this.strings);
  readonly #errors = new AttributeErrors(this);
  /** The single live region. */
  readonly #announcer = new Announcer(this);
  /** The shared clock: one timer for the whole list (and the page), ticking `#clock.now`. */
  readonly #clock = new ClockController(this);
  /** The item holding the roving tab stop, keyed by topic; focus stays in the list when its session goes. */
  readonly #roving = new RovingTabindexController<string>(this, {
    items: () => [...this.renderRoot.querySelectorAll('wc-session-list-item')].filter((el) => el instanceof WcSessionListItem),
    keyOf: (item) => (item as WcSessionListItem).session?.topic,
    fallback: () => this.renderRoot.querySelector<HTMLElement>('[part="empty"]'),
  });

  /** The controller to follow; when null, the one provided by an ancestor (context). */
  @property({ attribute: false }) accessor controller: SessionControllerApi | null = null;
  /** Overrides for any string of the table. */
  @property({ attribute: false }) accessor strings: Partial<SessionListStrings> | null = null;
  /** `expiry` (soonest first, the default) or `recent` (most recently updated first). */
  @property({ attribute: 'sort' }) accessor sort: SessionListSort = 'expiry';
  /**
   * Colour scheme: `light` or `dark` pins it; `auto` (or unset, the default) follows the page's
   * `color-scheme` (the element's or an ancestor's), light when the page sets none.
   */
  @property({ attribute: 'theme', reflect: true }) accessor theme: 'auto' | 'light' | 'dark' | null = null;
  /** Seconds before expiry at which a session shows its warning state (default 86400 = 24 h). */
  @property({ attribute: 'expiry-warning', type: Number }) accessor expiryWarning: number = DEFAULT_EXPIRY_WARNING;

  #t: SessionListStrings = sessionListStrings.en;
  #lang = '';
  #errorText = '';
  #threshold = DEFAULT_EXPIRY_WARNING;

  #sorted: readonly SessionView[] = NO_SESSIONS;
  #sortedFrom: readonly SessionView[] | null = null;
  #sortedBy: SessionListSort | null = null;
  #requests = new Map<string, readonly RequestView[]>();
  #requestsFrom: readonly RequestView[] | null = null;
  #expiry = new Map<string, ExpiryInfo>();
  #expiryBasis: readonly unknown[] = [];
  /** Ping results by topic, with the session's `lastPingMs` when they arrived (a newer one wins). */
  #pings = new Map<string, { readonly ms: number; readonly basis: number | null }>();

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.#t = this.#strings.value;
    this.#lang = this.#strings.lang;
    this.#validateAttributes();

    const state = this.#consumer.state;
    const sort: SessionListSort = SORTS.has(this.sort) ? this.sort : 'expiry';
    const sessions = state?.sessions ?? NO_SESSIONS;
    if (sessions !== this.#sortedFrom || sort !== this.#sortedBy) {
      this.#sortedFrom = sessions;
      this.#sortedBy = sort;
      this.#sorted = sortSessions(sessions, sort);
      this.#forgetStalePings();
    }
    this.#groupRequests(state?.pendingRequests ?? NO_REQUESTS);
    this.#computeExpiry();
    this.#roving.sync(
      this.#sorted.map((s) => s.topic),
      state?.activeTopic ?? null,
    );

    const controller = this.#consumer.controller;
    this.#states.setAll({
      unconfigured: !controller,
      loading: !!controller && state?.status === 'initializing' && this.#sorted.length === 0,
      empty: !!controller && this.#sorted.length === 0,
      warning: [...this.#expiry.values()].some((i) => i.warning),
      error: this.#errorText !== '',
    });
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#schedule();
  }

  protected override render(): TemplateResult {
    return html`<div part="base" class="base">
      ${this.#errorText ? html`<p part="error" class="error" role="alert">${this.#errorText}</p>` : nothing}
      ${this.#consumer.state?.persistent === false ? html`<p part="storage-note" class="notice">${this.#t.notPersistent}</p>` : nothing}
      ${this.#renderBody()}
      <div class="visually-hidden" role="status">${this.#announcer.text}</div>
    </div>`;
  }

  #renderBody(): TemplateResult {
    const t = this.#t;
    const controller = this.#consumer.controller;
    if (!controller) return html`<p part="notice" class="notice">${t.notConfigured}</p>`;
    const sessions = this.#sorted;
    if (sessions.length === 0) {
      return controller.state.status === 'initializing'
        ? html`<p part="notice" class="notice">${t.loading}</p>`
        : html`<p part="empty" class="empty" tabindex="-1">${t.empty}</p>`;
    }
    const activeTopic = controller.state.activeTopic;
    // `exportparts` is written out (the item's ITEM_PARTS, kept equal by a test): a static attribute
    // comes with the cloned template instead of one setAttribute per row.
    return html`<div
      part="list"
      class="list"
      role="list"
      aria-label=${t.listLabel}
      @keydown=${this.#roving.handleKeydown}
      @focusin=${this.#roving.handleFocusin}
      @session-item-action=${this.#onItemAction}
      @session-item-announce=${this.#onItemAnnounce}
    >
      ${repeat(
        sessions,
        (s) => s.topic,
        (s, index) => {
          const requests = this.#requests.get(s.topic) ?? NO_REQUESTS;
          const info = this.#expiry.get(s.topic);
          const current = this.#roving.isCurrent(s.topic);
          const active = s.topic === activeTopic;
          return html`<wc-session-list-item
            part="item"
            exportparts="icon, name, active-marker, host, description, signed-in, expiry, warning, chains, chain, accounts, account, copy-button, unmet, not-granted, details, requests, request, ping-result, item-error, actions, extend-button, ping-button, disconnect-button, select-button"
            role="listitem"
            tabindex=${current ? '0' : '-1'}
            aria-current=${active ? 'true' : nothing}
            .session=${s}
            .requests=${requests}
            .now=${requests.length ? this.#clock.now : 0}
            .expiryText=${info?.text ?? ''}
            .warning=${info?.warning ?? false}
            .expired=${info?.expired ?? false}
            .active=${active}
            .current=${current}
            .deferred=${index >= EAGER_ROWS}
            .pingMs=${this.#pingFor(s)}
            .strings=${t}
            .locale=${this.#lang}
          ></wc-session-list-item>`;
        },
      )}
    </div>`;
  }

  #validateAttributes(): void {
    const t = this.#t;
    const errors: string[] = [];
    if (!SORTS.has(this.sort)) errors.push(t.invalidSort(String(this.getAttribute('sort') ?? this.sort)));
    const warning = this.expiryWarning as number | null | undefined;
    if (warning === null || warning === undefined) {
      this.#threshold = DEFAULT_EXPIRY_WARNING;
    } else if (typeof warning !== 'number' || !Number.isFinite(warning) || warning < 0) {
      this.#threshold = DEFAULT_EXPIRY_WARNING;
      errors.push(t.invalidExpiryWarning(String(this.getAttribute('expiry-warning') ?? warning)));
    } else {
      this.#threshold = warning;
    }
    // One message for all of them, reported once per distinct set (as before the kit).
    this.#errorText = errors.join(' ');
    this.#errors.set('attributes', this.#errorText ? new WcError('invalid-option', this.#errorText, { operation: 'attribute' }) : null);
  }

  /** Pending requests by topic; a topic keeps its array while its requests are the same objects. */
  #groupRequests(pending: readonly RequestView[]): void {
    if (pending === this.#requestsFrom) return;
    this.#requestsFrom = pending;
    const grouped = new Map<string, RequestView[]>();
    for (const r of pending) {
      if (r.status !== 'pending') continue;
      let list = grouped.get(r.topic);
      if (!list) grouped.set(r.topic, (list = []));
      list.push(r);
    }
    const next = new Map<string, readonly RequestView[]>();
    for (const [topic, list] of grouped) {
      const previous = this.#requests.get(topic);
      next.set(topic, previous && sameItems(previous, list) ? previous : Object.freeze(list));
    }
    this.#requests = next;
  }

  /**
   * Countdown text and warning per session, from the shared clock (not from the render time). When
   * only the sessions changed (not the clock, threshold or strings), a session whose expiry is the
   * same keeps its entry: one changed expiry among hundreds formats one text, not hundreds.
   */
  #computeExpiry(): void {
    const basis = [this.#clock.now, this.#threshold, this.#t, this.#lang, this.#sorted];
    if (sameItems(basis, this.#expiryBasis)) return;
    const sameClock = sameItems(basis.slice(0, 4), this.#expiryBasis.slice(0, 4));
    this.#expiryBasis = basis;
    const now = this.#clock.now / 1000;
    const t = this.#t;
    const previous = sameClock ? this.#expiry : null;
    const next = new Map<string, ExpiryInfo>();
    const byExpiry = new Map<number, ExpiryInfo>();
    for (const s of this.#sorted) {
      let info = previous?.get(s.topic);
      if (!info || info.expiry !== s.expiry) info = byExpiry.get(s.expiry);
      if (!info) {
        const left = s.expiry - now;
        const expired = !(left > 0);
        info = {
          expiry: s.expiry,
          text: expired ? t.expired : t.expiresIn(formatRelative(left, this.#lang)),
          warning: !expired && left < this.#threshold,
          expired,
        };
      }
      byExpiry.set(s.expiry, info);
      next.set(s.topic, info);
    }
    this.#expiry = next;
  }

  #pingFor(s: SessionView): number | null {
    const ping = this.#pings.get(s.topic);
    return ping && ping.basis === s.lastPingMs ? ping.ms : s.lastPingMs;
  }

  #forgetStalePings(): void {
    if (this.#pings.size === 0) return;
    const topics = new Set(this.#sorted.map((s) => s.topic));
    for (const topic of this.#pings.keys()) if (!topics.has(topic)) this.#pings.delete(topic);
  }

  /** The shared clock's pace: every second while a countdown or request age is within the hour, else every minute. */
  #schedule(): void {
    if (!this.isConnected) return;
    const requestTimes: number[] = [];
    for (const list of this.#requests.values()) for (const r of list) requestTimes.push(r.createdAt);
    this.#clock.every(
      tickDelay(
        this.#sorted.map((s) => s.expiry),
        requestTimes,
        this.#clock.now,
      ),
    );
  }

  #onItemAnnounce = (event: Event): void => {
    event.stopPropagation();
    void this.#announcer.announce((event as SessionItemAnnounceEvent).message);
  };

  #onItemAction = (event: Event): void => {
    event.stopPropagation();
    const { action, topic } = event as SessionItemActionEvent;
    const controller = this.#consumer.controller;
    const session = controller?.state.sessions.find((s) => s.topic === topic);
    if (!controller || !session) return;
    const t = this.#t;
    const name = displayMetadata(session.peer?.metadata, t.unnamed).name;
    switch (action) {
      case 'extend':
        void this.#call(() => controller.extend(topic)).then((r) => {
          if (r.ok) void this.#announcer.announce(t.extendedAnnounce(name));
        });
        break;
      case 'ping':
        void this.#call(() => controller.ping(topic)).then((r) => {
          if (!r.ok) return;
          const basis = controller.getSession(topic)?.lastPingMs ?? null;
          this.#pings.set(topic, { ms: Math.round(r.value), basis });
          this.requestUpdate();
          void this.#announcer.announce(t.pingAnnounce(name, Math.round(r.value)));
        });
        break;
      case 'disconnect': {
        // dispatchEvent is false when a listener called preventDefault(): the page keeps the session.
        const proceed = this.dispatchEvent(new WcDisconnectRequestEvent({ topic, session }));
        if (proceed) void this.#call(() => controller.disconnect(topic));
        break;
      }
      case 'select':
        try {
          controller.select(topic);
        } catch {
          return; // the controller reports its own errors
        }
        this.dispatchEvent(new WcSessionSelectEvent({ topic }));
        void this.#announcer.announce(t.selectedAnnounce(name));
        break;
    }
  };

  /** Runs a controller call; a rejection is already reported by the controller (state and wc-error). */
  async #call<T>(op: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
    try {
      return { ok: true, value: await op() };
    } catch {
      return { ok: false };
    }
  }
}
