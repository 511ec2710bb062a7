/**
 * The string table: every user-visible string of every element, by element and locale (English
 * complete, German complete). An element's `lang` (or the nearest ancestor's, or the document's)
 * picks the locale; its `.strings` property overrides any entry; `registerStrings` adds a language.
 */
import { connectStrings, type ConnectStrings } from './elements/connect/connect.strings.js';
import { sessionListStrings, type SessionListStrings } from './elements/session-list/session-list.strings.js';
import { namespacePickerStrings, type NamespacePickerStrings } from './elements/namespace-picker/namespace-picker.strings.js';
import { addStrings } from './internal/strings.js';

export { connectStrings, type ConnectStrings } from './elements/connect/connect.strings.js';
export { sessionListStrings, type SessionListStrings } from './elements/session-list/session-list.strings.js';
export { namespacePickerStrings, type NamespacePickerStrings } from './elements/namespace-picker/namespace-picker.strings.js';
export type { Locales, StringTable } from './internal/strings.js';

/** One language's strings for any of the elements; entries left out fall back (base language, then English). */
export interface LanguageStrings {
  connect?: Partial<ConnectStrings>;
  sessionList?: Partial<SessionListStrings>;
  namespacePicker?: Partial<NamespacePickerStrings>;
}

/**
 * Adds a language (or replaces entries of one, built-in ones included) for every element:
 *
 * ```js
 * registerStrings('fr', {
 *   connect: { connect: 'Connecter un portefeuille', cancel: 'Annuler' },
 *   sessionList: { empty: 'Aucun portefeuille connecté', disconnectSession: (name) => `Déconnecter ${name}` },
 * });
 * ```
 *
 * `lang` is a BCP 47 tag, matched without regard to case; an element whose language is `fr-ca`
 * uses `fr-ca` entries over `fr` entries over English. Calling it again for the same language adds
 * to what is there. Elements already on the page re-render with the new strings.
 */
export function registerStrings(lang: string, tables: LanguageStrings): void {
  if (typeof lang !== 'string' || !lang.trim()) throw new TypeError('registerStrings: a language tag is required (e.g. "fr")');
  for (const key of Object.keys(tables)) {
    if (key !== 'connect' && key !== 'sessionList' && key !== 'namespacePicker') {
      throw new TypeError(`registerStrings: unknown element "${key}" (expected connect, sessionList or namespacePicker)`);
    }
  }
  if (tables.connect) addStrings(connectStrings, lang, tables.connect);
  if (tables.sessionList) addStrings(sessionListStrings, lang, tables.sessionList);
  if (tables.namespacePicker) addStrings(namespacePickerStrings, lang, tables.namespacePicker);
}
