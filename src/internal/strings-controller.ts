import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { langOf, onStringsAdded, resolveStrings, stringsVersion, type Locales, type StringTable } from './strings.js';

/**
 * The one hook through which an element gets its strings: the table for its language (its own or
 * nearest `lang`, else the document's), with its `.strings` overrides on top.
 *
 * `value` is resolved on first use in each update and kept, same object, while the language, the
 * overrides object and the registered tables stay the same, so children given `.strings=${value}`
 * do not re-render for nothing. A language added with `registerStrings` re-renders the connected
 * host. `lang` is the language in force, for `Intl` formatting.
 *
 * Why: elements resolved strings in three different hooks under three names; this is the one.
 */
export class StringsController<T extends StringTable> implements ReactiveController {
  readonly #host: ReactiveControllerHost & Element;
  readonly #locales: Locales<T>;
  readonly #overrides: () => Partial<T> | null | undefined;
  #value: T;
  #lang = '';
  #from: Partial<T> | null | undefined = undefined;
  #version = -1;
  #stale = true;
  #unsubscribe: (() => void) | null = null;

  /**
   * @param locales the element's built-in tables (`sessionListStrings`, ...)
   * @param overrides reads the element's `.strings` property
   */
  constructor(host: ReactiveControllerHost & Element, locales: Locales<T>, overrides: () => Partial<T> | null | undefined) {
    this.#host = host;
    this.#locales = locales;
    this.#overrides = overrides;
    this.#value = locales.en;
    host.addController(this);
  }

  /** The resolved table. */
  get value(): T {
    this.#refresh();
    return this.#value;
  }

  /** The language in force (lower case), e.g. `de` or `pt-br`. */
  get lang(): string {
    this.#refresh();
    return this.#lang;
  }

  hostConnected(): void {
    this.#stale = true;
    this.#unsubscribe ??= onStringsAdded(() => this.#host.requestUpdate());
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  hostUpdated(): void {
    // A `lang` attribute can change without an update; look again the next time it is read.
    this.#stale = true;
  }

  #refresh(): void {
    const overrides = this.#overrides();
    const version = stringsVersion();
    // The overrides and the registry are cheap to compare on every read; the `lang` lookup walks
    // the ancestors, so it is done once per update (and once between updates when read there).
    if (!this.#stale && overrides === this.#from && version === this.#version) return;
    this.#stale = false;
    const lang = langOf(this.#host);
    if (lang === this.#lang && overrides === this.#from && version === this.#version) return;
    this.#lang = lang;
    this.#from = overrides;
    this.#version = version;
    this.#value = resolveStrings(this.#locales, lang, overrides);
  }
}
