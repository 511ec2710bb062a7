import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface RovingTabindexOptions<K> {
  /** The item elements, in order, as rendered now. */
  items(): readonly HTMLElement[];
  /** The key an item element stands for (stable across renders, e.g. a session topic). */
  keyOf(item: HTMLElement): K | null | undefined;
  /** Where focus goes when the focused item went away and no item is left (e.g. an "empty" message). */
  fallback?(): HTMLElement | null;
  /** `vertical` (default): ArrowUp / ArrowDown. `horizontal`: ArrowLeft / ArrowRight, mirrored right to left. */
  orientation?: 'vertical' | 'horizontal';
  /** Whether the arrows wrap around at the ends (default false: they stop). */
  wrap?: boolean;
}

type Host = ReactiveControllerHost & HTMLElement & { readonly renderRoot: HTMLElement | DocumentFragment };

/**
 * One tab stop for a list of items (roving tabindex): arrows move between items, Home and End jump
 * to the ends, and the item focused last keeps the tab stop. The model is material-web's
 * `ListController` (`list/internal/list-controller.ts`), keyed by data rather than by element, so
 * the tab stop survives re-renders and re-sorting; and it keeps this project's focus recovery: when
 * the focused item disappears (a session disconnected or expired), focus moves to the item that now
 * holds the tab stop (its neighbour), or to `fallback()` when none is left, never to `<body>`.
 *
 * Use: call `sync(keys, preferred)` in `willUpdate` with the keys in display order; render
 * `tabindex=${roving.isCurrent(key) ? '0' : '-1'}` on each item; bind `@keydown=${roving.handleKeydown}`
 * and `@focusin=${roving.handleFocusin}` on the container.
 *
 * Why: session-list wrote this inline; a second list (or connect's wallet links) reuses it as is.
 */
export class RovingTabindexController<K> implements ReactiveController {
  readonly #host: Host;
  readonly #options: RovingTabindexOptions<K>;
  #keys: readonly K[] = [];
  #current: K | null = null;
  #currentIndex = -1;
  /** The key of the item that had focus before this update. */
  #focused: K | null = null;

  constructor(host: Host, options: RovingTabindexOptions<K>) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** The key holding the tab stop, or null when there are no items. */
  get current(): K | null {
    return this.#current;
  }

  isCurrent(key: K): boolean {
    return this.#current !== null && key === this.#current;
  }

  /**
   * Keeps the tab stop on an item that exists: the same key, else the one now at its former index
   * (its neighbour), else `preferred` (e.g. the active session), else the first. Returns it.
   */
  sync(keys: readonly K[], preferred: K | null = null): K | null {
    this.#keys = keys;
    let index = this.#current === null ? -1 : keys.indexOf(this.#current);
    if (index < 0) {
      if (this.#currentIndex >= 0 && keys.length > 0) index = Math.min(this.#currentIndex, keys.length - 1);
      else index = Math.max(0, preferred === null ? 0 : keys.indexOf(preferred));
    }
    this.#currentIndex = keys.length ? index : -1;
    this.#current = keys[index] ?? null;
    return this.#current;
  }

  /** Moves the tab stop to `key` and focuses its item. */
  focus(key: K): void {
    const item = this.#itemFor(key);
    if (!item) return;
    this.#setCurrent(key);
    item.focus();
  }

  hostUpdate(): void {
    const path: Node[] = [];
    for (let node: Node | null = (this.#host.renderRoot as ShadowRoot | Document).activeElement; node; node = node.parentNode) {
      path.push(node);
    }
    const item = path.length ? this.#itemOf(path) : null;
    this.#focused = item ? (this.#options.keyOf(item) ?? null) : null;
  }

  hostUpdated(): void {
    const focused = this.#focused;
    this.#focused = null;
    if (focused === null || this.#keys.includes(focused)) return;
    // The focused item went away: keep focus in the list.
    const next = (this.#current === null ? null : this.#itemFor(this.#current)) ?? this.#options.fallback?.() ?? null;
    next?.focus();
  }

  handleKeydown = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const item = this.#itemOf(event.composedPath());
    if (!item) return;
    const items = this.#options.items();
    const from = items.indexOf(item);
    const last = items.length - 1;
    const step = this.#step(event.key);
    let to: number;
    if (event.key === 'Home') to = 0;
    else if (event.key === 'End') to = last;
    else if (step === 0) return;
    else if (this.#options.wrap) to = (from + step + items.length) % items.length;
    else to = Math.min(Math.max(from + step, 0), last);
    event.preventDefault();
    const target = items[to];
    const key = target ? this.#options.keyOf(target) : null;
    if (!target || key === null || key === undefined) return;
    this.#setCurrent(key);
    target.focus();
  };

  handleFocusin = (event: FocusEvent): void => {
    const item = this.#itemOf(event.composedPath());
    const key = item ? this.#options.keyOf(item) : null;
    if (key !== null && key !== undefined && key !== this.#current) this.#setCurrent(key);
  };

  #step(key: string): number {
    if ((this.#options.orientation ?? 'vertical') === 'vertical') {
      return key === 'ArrowDown' ? 1 : key === 'ArrowUp' ? -1 : 0;
    }
    const rtl = getComputedStyle(this.#host).direction === 'rtl';
    const forward = rtl ? 'ArrowLeft' : 'ArrowRight';
    const back = rtl ? 'ArrowRight' : 'ArrowLeft';
    return key === forward ? 1 : key === back ? -1 : 0;
  }

  #setCurrent(key: K): void {
    this.#current = key;
    const index = this.#keys.indexOf(key);
    if (index >= 0) this.#currentIndex = index;
    this.#host.requestUpdate();
  }

  /** The first item among `path`: an event's composed path, or an element and its ancestors. */
  #itemOf(path: readonly EventTarget[]): HTMLElement | null {
    const items = new Set<EventTarget>(this.#options.items());
    for (const node of path) {
      if (node === this.#host) break;
      if (items.has(node)) return node as HTMLElement;
    }
    return null;
  }

  #itemFor(key: K): HTMLElement | null {
    return this.#options.items().find((item) => this.#options.keyOf(item) === key) ?? null;
  }
}
