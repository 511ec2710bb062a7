/**
 * The string-table mechanism every element uses: a table per locale (English complete, others may
 * be partial), the element's `lang` (or the nearest ancestor's, or the document's) picks one, and
 * `.strings` overrides any entry. Values are plain strings or functions of parameters.
 *
 * Languages added at run time (`registerStrings` in `src/strings.ts`) are kept here, beside the
 * built-in tables rather than inside them, and elements that resolve strings through
 * `StringsController` re-render when one is added.
 */
export type StringValue = string | ((...args: never[]) => string);
export type StringTable = Readonly<Record<string, StringValue>>;

export type Locales<T extends StringTable> = { readonly en: T } & Readonly<Record<string, Partial<T>>>;

/** Tables added at run time, per built-in `Locales` object, by lower-case language tag. */
const added = new WeakMap<object, Map<string, Partial<StringTable>>>();
const listeners = new Set<() => void>();
let version = 0;

/** The language in force for `el`: its own or nearest `lang`, else the document's, else English. */
export function langOf(el: Element): string {
  const holder = el.closest('[lang]');
  const lang = holder?.getAttribute('lang') || el.ownerDocument.documentElement.lang || 'en';
  return lang.toLowerCase();
}

/**
 * `locales.en`, under the base language's table (`de` for `de-ch`), under the exact language's,
 * under `overrides`. Tables added with `addStrings` sit on top of the built-in one of their language.
 */
export function resolveStrings<T extends StringTable>(locales: Locales<T>, lang: string, overrides?: Partial<T> | null): T {
  const exact = lang.toLowerCase();
  const base = exact.split('-')[0] ?? 'en';
  const extra = added.get(locales);
  const layer = (tag: string): Partial<T> =>
    ({
      ...((Object.hasOwn(locales, tag) ? locales[tag] : undefined) ?? {}),
      ...(extra?.get(tag) ?? {}),
    }) as Partial<T>;
  return {
    ...layer('en'),
    ...(base !== 'en' ? layer(base) : {}),
    ...(exact !== base ? layer(exact) : {}),
    ...(overrides ?? {}),
  } as T;
}

/** Adds (or extends) the `lang` table of one element's `locales`; every element using them re-renders. */
export function addStrings<T extends StringTable>(locales: Locales<T>, lang: string, table: Partial<T>): void {
  const tag = lang.trim().toLowerCase();
  if (!tag) throw new TypeError('a language tag is required (e.g. "fr" or "pt-br")');
  let extra = added.get(locales);
  if (!extra) added.set(locales, (extra = new Map()));
  extra.set(tag, { ...(extra.get(tag) ?? {}), ...table });
  version++;
  for (const listener of [...listeners]) listener();
}

/** Increases whenever a table is added: a cheap "did anything change" check for caches. */
export function stringsVersion(): number {
  return version;
}

/** Calls `listener` whenever a table is added; returns the unsubscribe function. */
export function onStringsAdded(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
