/**
 * The string table: every user-visible string of every element, by element and locale (English
 * complete, German complete). An element's `lang` (or the nearest ancestor's, or the document's)
 * picks the locale; its `.strings` property overrides any entry.
 */
export { connectStrings, type ConnectStrings } from './elements/connect/connect.strings.js';
export { sessionListStrings, type SessionListStrings } from './elements/session-list/session-list.strings.js';
export { namespacePickerStrings, type NamespacePickerStrings } from './elements/namespace-picker/namespace-picker.strings.js';
export type { Locales, StringTable } from './internal/strings.js';
