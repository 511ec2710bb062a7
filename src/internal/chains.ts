/** Readable names for common CAIP-2 chains; unknown ids are shown raw. */
const CHAIN_NAMES: Readonly<Record<string, string>> = {
  'eip155:1': 'Ethereum',
  'eip155:10': 'OP Mainnet',
  'eip155:56': 'BNB Smart Chain',
  'eip155:100': 'Gnosis',
  'eip155:137': 'Polygon',
  'eip155:250': 'Fantom',
  'eip155:324': 'zkSync Era',
  'eip155:1101': 'Polygon zkEVM',
  'eip155:5000': 'Mantle',
  'eip155:8453': 'Base',
  'eip155:42161': 'Arbitrum One',
  'eip155:42220': 'Celo',
  'eip155:43114': 'Avalanche C-Chain',
  'eip155:59144': 'Linea',
  'eip155:534352': 'Scroll',
  'eip155:7777777': 'Zora',
  'eip155:11155111': 'Sepolia',
  'eip155:17000': 'Holesky',
  'eip155:84532': 'Base Sepolia',
  'eip155:421614': 'Arbitrum Sepolia',
  'eip155:11155420': 'OP Sepolia',
  'solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp': 'Solana',
  'solana:4sGjMW1sUnHzSxGspuhpqLDx6wiyjNtZ': 'Solana Devnet',
  'solana:EtWTRABZaYq6iMfeYKouRu166VU2xqa1': 'Solana Testnet',
  'bip122:000000000019d6689c085ae165831e93': 'Bitcoin',
  'cosmos:cosmoshub-4': 'Cosmos Hub',
  'polkadot:91b171bb158e2d3848fa23a9f1c25182': 'Polkadot',
  'tron:0x2b6653dc': 'Tron',
  'near:mainnet': 'NEAR',
  'stellar:pubnet': 'Stellar',
};

const NAMESPACE_NAMES: Readonly<Record<string, string>> = {
  eip155: 'EVM',
  solana: 'Solana',
  bip122: 'Bitcoin',
  cosmos: 'Cosmos',
  polkadot: 'Polkadot',
  tron: 'Tron',
  near: 'NEAR',
  stellar: 'Stellar',
};

export function chainName(chainId: string): string {
  return Object.hasOwn(CHAIN_NAMES, chainId) ? (CHAIN_NAMES[chainId] as string) : chainId;
}

export function namespaceName(namespace: string): string {
  return Object.hasOwn(NAMESPACE_NAMES, namespace) ? (NAMESPACE_NAMES[namespace] as string) : namespace;
}

/** `0x1234…abcd` for long addresses; short ones unchanged. */
export function shortAddress(address: string, head = 6, tail = 4): string {
  return address.length > head + tail + 1 ? `${address.slice(0, head)}…${address.slice(-tail)}` : address;
}
