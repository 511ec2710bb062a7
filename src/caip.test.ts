/**
 * Semantic chain ids: CAIP-2 syntax is not enough. `eip155` references are EIP-155 chain ids in
 * decimal; ids such as `eip155:0x1`, `eip155:01` or `eip155:-1` pass the generic regex but name no
 * chain, and are refused wherever a chain id enters: requested namespaces, granted namespaces,
 * accounts, inline chain keys.
 */
import { expect } from '@open-wc/testing';
import { CAIP2_RE, chainIdProblem, isCaip10, isCaip2, parseCaip10, validateRequestedNamespaces, validateSessionNamespaces } from './caip.js';
import { isWcError } from './errors.js';

const ADDRESS = '0xab16a96d359ec26a11e2c2b3d8f8b8942d5bfcdb';

/** Pass CAIP-2's generic regex, name no EIP-155 chain. */
const NOT_CHAINS = [
  'eip155:0x1',
  'eip155:0X1',
  'eip155:01',
  'eip155:001',
  'eip155:0',
  'eip155:00',
  'eip155:-1',
  'eip155:1-',
  'eip155:1_0',
  'eip155:1e3',
  'eip155:ff',
  'eip155:0x89',
  'eip155:-0',
  'eip155:137a',
];
/** Written with a sign, space or dot: not even CAIP-2. */
const NOT_CAIP2 = ['eip155:+1', 'eip155: 1', 'eip155:1.0', 'eip155:', `eip155:${'9'.repeat(33)}`];
const REAL_CHAINS = ['eip155:1', 'eip155:10', 'eip155:137', 'eip155:8453', 'eip155:11155111', 'eip155:7777777', `eip155:${'9'.repeat(32)}`];
/** Other namespaces keep the generic CAIP-2 rule. */
const OTHER_NAMESPACES = [
  'solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp',
  'bip122:000000000019d6689c085ae165831e93',
  'cosmos:cosmoshub-4',
  'polkadot:91b171bb158e2d3848fa23a9f1c25182',
  'tron:0x2b6653dc',
  'near:mainnet',
  'hedera:mainnet',
];

function refusal(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (!isWcError(e)) throw e;
    return `${e.code}: ${e.message}`;
  }
}

describe('chain ids: per-namespace rules', () => {
  it('the non-chains pass the generic CAIP-2 regex (the gap this closes)', () => {
    for (const id of NOT_CHAINS) expect(CAIP2_RE.test(id), id).to.equal(true);
  });

  it('isCaip2 / chainIdProblem refuse every eip155 non-chain, naming the rule; real chains and other namespaces pass', () => {
    for (const id of [...NOT_CHAINS, ...NOT_CAIP2]) {
      expect(isCaip2(id), id).to.equal(false);
      expect(chainIdProblem(id), id).to.be.a('string');
    }
    for (const id of NOT_CHAINS) expect(chainIdProblem(id), id).to.contain('eip155 chain id');
    for (const id of [...REAL_CHAINS, ...OTHER_NAMESPACES]) {
      expect(isCaip2(id), id).to.equal(true);
      expect(chainIdProblem(id), id).to.equal(null);
    }
  });

  it('requested namespaces: listed chains and inline chain keys', () => {
    let refused = 0;
    for (const id of NOT_CHAINS) {
      const listed = refusal(() => validateRequestedNamespaces({ eip155: { chains: ['eip155:1', id], methods: [], events: [] } }));
      const inline = refusal(() => validateRequestedNamespaces({ [id]: { methods: ['personal_sign'], events: [] } }));
      expect(listed, id).to.match(/^invalid-namespace: namespaces\.eip155\.chains: /);
      expect(listed, id).to.contain(JSON.stringify(id));
      expect(inline, id).to.match(/^invalid-namespace: namespaces\./);
      if (listed) refused++;
      if (inline) refused++;
    }
    console.log(
      `[figure] semantic chain ids: ${refused} of ${NOT_CHAINS.length * 2} non-chains refused in requests; ${REAL_CHAINS.length + OTHER_NAMESPACES.length} real chains accepted`,
    );
    expect(refused).to.equal(NOT_CHAINS.length * 2);
    expect(validateRequestedNamespaces({ eip155: { chains: REAL_CHAINS, methods: [], events: [] } })['eip155']!.chains).to.deep.equal(REAL_CHAINS);
  });

  it('granted namespaces (peer data): chains and accounts, invalid-peer-data', () => {
    for (const id of NOT_CHAINS) {
      const chain = refusal(() => validateSessionNamespaces({ eip155: { chains: [id], accounts: [`eip155:1:${ADDRESS}`], methods: [], events: [] } }));
      const account = refusal(() => validateSessionNamespaces({ eip155: { accounts: [`${id}:${ADDRESS}`], methods: [], events: [] } }));
      expect(chain, id).to.match(/^invalid-peer-data: namespaces\.eip155\.chains: /);
      expect(account, id).to.match(/^invalid-peer-data: namespaces\.eip155\.accounts: /);
      expect(account, id).to.contain('eip155 chain id');
    }
  });

  it('CAIP-10 accounts: the chain part follows the same rule', () => {
    expect(isCaip10(`eip155:1:${ADDRESS}`)).to.equal(true);
    expect(parseCaip10(`eip155:137:${ADDRESS}`)).to.deep.equal({ namespace: 'eip155', reference: '137', chainId: 'eip155:137', address: ADDRESS });
    for (const id of NOT_CHAINS) {
      expect(isCaip10(`${id}:${ADDRESS}`), id).to.equal(false);
      expect(parseCaip10(`${id}:${ADDRESS}`), id).to.equal(null);
    }
    expect(isCaip10('solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp:7S3P4HxJpyyigGzodYwHtCxZyUQe9JiBMHyRWXArAaKv')).to.equal(true);
  });
});
