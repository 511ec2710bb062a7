/** Public: a readable name for a known CAIP-2 chain id; an unknown id comes back unchanged. */
export { chainName } from './internal/chains.js';
