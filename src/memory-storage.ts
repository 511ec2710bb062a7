/** Public: an in-memory key-value storage with the SDK's five async methods (tests, private windows). */
export { MemoryStorage } from './internal/memory-storage.js';
