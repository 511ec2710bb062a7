/** Public: peer metadata made safe to display (bounded text, http(s) URLs and icons only). */
export { displayMetadata, type DisplayMetadata } from './internal/metadata.js';
