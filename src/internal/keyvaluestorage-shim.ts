/**
 * Stands in for `@walletconnect/keyvaluestorage` in the CDN bundle (a rollup alias): that module
 * reads `localStorage` at load, so where the getter throws (sandboxed iframe, blocked storage) the
 * whole bundle died before any tag was defined. The SDK's Core imports its default export only as
 * a fallback when no `storage` is passed; the controller always passes one.
 */
export { IdbStorage as KeyValueStorage, IdbStorage as default } from './idb-storage.js';
