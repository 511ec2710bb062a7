/**
 * The string-table mechanism every element uses: a table per locale (English complete, others may
 * be partial), the element's `lang` (or the nearest ancestor's, or the document's) picks one, and
 * `.strings` overrides any entry. Values are plain strings or functions of parameters.
 */
export type StringValue = string | ((...args: never[]) => string);
export type StringTable = Readonly<Record<string, StringValue>>;

export type Locales<T extends StringTable> = { readonly en: T } & Readonly<Record<string, Partial<T>>>;

/** The language in force for `el`: its own or nearest `lang`, else the document's, else English. */
export function langOf(el: Element): string {
  const holder = el.closest('[lang]');
  const lang = holder?.getAttribute('lang') || el.ownerDocument.documentElement.lang || 'en';
  return lang.toLowerCase();
}

export function resolveStrings<T extends StringTable>(locales: Locales<T>, lang: string, overrides?: Partial<T> | null): T {
  const base = lang.split('-')[0] ?? 'en';
  const picked = (Object.hasOwn(locales, lang) ? locales[lang] : Object.hasOwn(locales, base) ? locales[base] : undefined) ?? {};
  return { ...locales.en, ...picked, ...(overrides ?? {}) } as T;
}
