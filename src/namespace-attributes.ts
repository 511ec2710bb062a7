/** Public: reads the six namespace attributes (`chains`, `methods`, `events`, `optional-*`) into a request. */
export { parseNamespaceAttributes, type NamespaceAttributes } from './internal/namespace-attributes.js';
