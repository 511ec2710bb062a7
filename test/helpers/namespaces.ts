/** The EVM request the element tests use, as the six namespace attributes a page would write. */
export const EVM_ATTRIBUTES: Readonly<Record<string, string>> = {
  chains: 'eip155:1',
  'optional-chains': 'eip155:137 eip155:8453',
  methods: 'personal_sign',
  'optional-methods': 'eth_signTypedData_v4',
  events: 'chainChanged',
  'optional-events': 'accountsChanged',
};
