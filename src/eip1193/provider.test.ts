import { expect } from '@open-wc/testing';
import { FakeController, makeSession } from '../../test/helpers/fake-controller.js';
import type { ConnectOptions, RequestOptions } from '../controller/api.js';
import { WcError } from '../errors.js';
import { WcSessionChangeEvent, WcSessionEventEvent } from '../events.js';
import type { SessionChangeReason, SessionState, SessionView } from '../types.js';
import { ProviderRpcError, RpcErrorCode, toProviderRpcError } from './errors.js';
import { createEip1193Provider, type Eip1193Events, type Eip1193Provider } from './provider.js';

const A = '0xab16a96d359ec26a11e2c2b3d8f8b8942d5bfcdb';
const B = '0x1111111111111111111111111111111111111111';

/** A FakeController whose request() answers with `answer` (a value, or a thrown error). */
class AnsweringController extends FakeController {
  answer: (options: RequestOptions) => unknown = () => '0xsigned';
  override request<T>(options: RequestOptions): Promise<T> {
    void super.request(options);
    return (async () => this.answer(options) as T)();
  }
}

/** A FakeController whose connect() the test settles by hand. */
class ConnectingController extends FakeController {
  readonly pending: Array<(session: SessionView) => void> = [];
  override connect(options?: ConnectOptions): Promise<SessionView> {
    void super.connect(options);
    return new Promise((resolve) => this.pending.push(resolve));
  }
}

/** Replaces the snapshot and fires wc-session-change, as the real controller does. */
function change(fake: FakeController, patch: Partial<SessionState>, reason: SessionChangeReason, topic: string | null = null): void {
  fake.setState(patch);
  fake.dispatchEvent(new WcSessionChangeEvent({ sessions: fake.state.sessions, reason, topic }));
}

/** Every event the provider emits, in order, as [name, value]. */
function record(provider: Eip1193Provider): Array<[keyof Eip1193Events, unknown]> {
  const seen: Array<[keyof Eip1193Events, unknown]> = [];
  for (const name of ['connect', 'disconnect', 'chainChanged', 'accountsChanged', 'message'] as const) {
    provider.on(name, (value: unknown) => seen.push([name, value]));
  }
  return seen;
}

/** The rejection of `promise`, which must reject with a ProviderRpcError. */
async function rpcError(promise: Promise<unknown>): Promise<ProviderRpcError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(ProviderRpcError);
    return error as ProviderRpcError;
  }
  throw new Error('expected a rejection');
}

function twoAccountSession(patch: Partial<SessionView> = {}): SessionView {
  return makeSession({
    namespaces: {
      eip155: {
        chains: ['eip155:1', 'eip155:137'],
        accounts: [`eip155:1:${A}`, `eip155:1:${B}`, `eip155:137:${A}`],
        methods: ['personal_sign', 'eth_sendTransaction'],
        events: ['chainChanged', 'accountsChanged'],
      },
    },
    chains: ['eip155:1', 'eip155:137'],
    accounts: [`eip155:1:${A}`, `eip155:1:${B}`, `eip155:137:${A}`],
    ...patch,
  });
}

describe('createEip1193Provider', () => {
  describe('local answers', () => {
    it('answers eth_accounts, eth_chainId and net_version from the active session without asking the wallet', async () => {
      const session = makeSession();
      const fake = new FakeController({ sessions: [session], activeTopic: session.topic });
      const provider = createEip1193Provider(fake);
      expect(await provider.request({ method: 'eth_accounts' })).to.deep.equal([A]);
      expect(await provider.request({ method: 'eth_requestAccounts' })).to.deep.equal([A]);
      expect(await provider.request({ method: 'eth_chainId' })).to.equal('0x1');
      expect(await provider.request({ method: 'net_version' })).to.equal('1');
      expect(fake.calls.map((c) => c.method).filter((m) => m !== 'init')).to.deep.equal([]);
    });

    it('starts on options.chainId when the session grants it, in any of its forms', async () => {
      const session = makeSession();
      for (const chainId of [137, '0x89', 'eip155:137', '137']) {
        const fake = new FakeController({ sessions: [session], activeTopic: session.topic });
        expect(await createEip1193Provider(fake, { chainId }).request({ method: 'eth_chainId' })).to.equal('0x89');
      }
      expect(() => createEip1193Provider(new FakeController(), { chainId: 'solana:1' }))
        .to.throw(WcError)
        .with.property('code', 'invalid-argument');
      expect(() => createEip1193Provider(new FakeController(), { topic: '' })).to.throw(WcError);
    });

    it('without a session: eth_accounts is empty, eth_chainId is the chain it would start on, or 4900', async () => {
      const fake = new FakeController();
      fake.defaultNamespaces = { requiredNamespaces: { eip155: { chains: ['eip155:10'], methods: [], events: [] } }, optionalNamespaces: {} };
      expect(await createEip1193Provider(fake).request({ method: 'eth_accounts' })).to.deep.equal([]);
      expect(await createEip1193Provider(fake).request({ method: 'eth_chainId' })).to.equal('0xa');
      expect(await createEip1193Provider(fake, { chainId: 8453 }).request({ method: 'eth_chainId' })).to.equal('0x2105');
      const bare = createEip1193Provider(new FakeController());
      expect((await rpcError(bare.request({ method: 'eth_chainId' }))).code).to.equal(4900);
      expect((await rpcError(bare.request({ method: 'personal_sign', params: ['0x00', A] }))).code).to.equal(4900);
      expect((await rpcError(bare.request({ method: 'wallet_switchEthereumChain', params: [{ chainId: '0x1' }] }))).code).to.equal(4900);
    });

    it('wallet_switchEthereumChain switches to a granted chain locally and fires chainChanged once; an ungranted one is 4902 with the granted list', async () => {
      const session = makeSession();
      const fake = new AnsweringController({ sessions: [session], activeTopic: session.topic });
      const provider = createEip1193Provider(fake);
      const seen = record(provider);
      expect(await provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId: '0x89' }] })).to.equal(null);
      expect(await provider.request({ method: 'eth_chainId' })).to.equal('0x89');
      expect(seen).to.deep.equal([['chainChanged', '0x89']]);
      await provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId: '0x89' }] });
      expect(seen).to.have.length(1); // already there: no second event

      const refused = await rpcError(provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId: '0x2105' }] }));
      expect(refused.code).to.equal(4902);
      expect(refused.data).to.deep.equal({ chainId: '0x2105', granted: ['0x1', '0x89'] });
      expect(await provider.request({ method: 'eth_chainId' })).to.equal('0x89');
      for (const params of [[], [{}], [{ chainId: 137 }], [{ chainId: 'eip155:1' }], { chainId: '0x1' }]) {
        expect((await rpcError(provider.request({ method: 'wallet_switchEthereumChain', params }))).code).to.equal(-32602);
      }

      // forwarded requests go to the chosen chain
      await provider.request({ method: 'personal_sign', params: ['0x68690a', A] });
      const sent = fake.calls.find((c) => c.method === 'request')!.args[0] as RequestOptions;
      expect(sent).to.deep.equal({ topic: session.topic, chainId: 'eip155:137', method: 'personal_sign', params: ['0x68690a', A] });
    });

    it('eth_requestAccounts without a session calls connect() with the default namespaces and answers with the new session', async () => {
      const fake = new ConnectingController();
      const provider = createEip1193Provider(fake);
      const seen = record(provider);
      const accounts = provider.request({ method: 'eth_requestAccounts' });
      await new Promise((r) => setTimeout(r, 0));
      expect(fake.calls.filter((c) => c.method === 'connect').map((c) => c.args)).to.deep.equal([[undefined]]);
      // the controller opened a proposal (a <wc-connect> shows it), then the wallet approved
      fake.setState({ status: 'awaiting-approval' });
      const session = makeSession();
      change(fake, { status: 'connected', sessions: [session], activeTopic: session.topic }, 'connect', session.topic);
      fake.pending[0]!(session);
      expect(await accounts).to.deep.equal([A]);
      expect(seen).to.deep.equal([
        ['connect', { chainId: '0x1' }],
        ['accountsChanged', [A]],
      ]);
    });

    it('eth_requestAccounts joins a connect someone else opened instead of opening a second one', async () => {
      const fake = new FakeController({ status: 'awaiting-approval' });
      const provider = createEip1193Provider(fake);
      const accounts = provider.request({ method: 'eth_requestAccounts' });
      await new Promise((r) => setTimeout(r, 0));
      const session = makeSession();
      change(fake, { status: 'connected', sessions: [session], activeTopic: session.topic }, 'connect', session.topic);
      expect(await accounts).to.deep.equal([A]);
      expect(fake.calls.filter((c) => c.method === 'connect')).to.have.length(0);

      const other = new FakeController({ status: 'connecting' });
      const refused = createEip1193Provider(other).request({ method: 'eth_requestAccounts' });
      await new Promise((r) => setTimeout(r, 0));
      other.setState({ status: 'ready', lastError: new WcError('user-rejected', 'User rejected.', { operation: 'connect' }) });
      expect((await rpcError(refused)).code).to.equal(4001);
    });

    it('a provider bound to a topic answers for that session only, and 4900 once it is gone', async () => {
      const one = makeSession();
      const two = twoAccountSession();
      const fake = new FakeController({ sessions: [one, two], activeTopic: one.topic });
      const provider = createEip1193Provider(fake, { topic: two.topic });
      expect(await provider.request({ method: 'eth_accounts' })).to.deep.equal([A, B]);
      change(fake, { sessions: [one] }, 'delete', two.topic);
      expect(await provider.request({ method: 'eth_accounts' })).to.deep.equal([]);
      expect((await rpcError(provider.request({ method: 'eth_requestAccounts' }))).code).to.equal(4900);
      expect(fake.calls.filter((c) => c.method === 'connect')).to.have.length(0);
    });
  });

  describe('refused before the relay', () => {
    it('4200 for an ungranted method, 4100 for an address the session does not hold, 4901 for an ungranted chain, -32602 for malformed calls', async () => {
      const session = makeSession();
      const fake = new AnsweringController({ sessions: [session], activeTopic: session.topic });
      const provider = createEip1193Provider(fake);
      const unsupported = await rpcError(provider.request({ method: 'eth_signTypedData_v4', params: [A, '{}'] }));
      expect(unsupported.code).to.equal(4200);
      expect(unsupported.data).to.deep.equal({ method: 'eth_signTypedData_v4', chainId: '0x1' });
      expect((await rpcError(provider.request({ method: 'personal_sign', params: ['0x00', B] }))).code).to.equal(4100);
      expect((await rpcError(provider.request({ method: 'eth_sendTransaction', params: [{ from: B, to: A }] }))).code).to.equal(4100);
      expect((await rpcError(provider.request({ method: 'eth_sendTransaction', params: [{ from: A, to: A, chainId: '0x2105' }] }))).code).to.equal(4901);
      expect((await rpcError(provider.request({ method: 'personal_sign', params: ['0x00', 42] }))).code).to.equal(-32602);
      for (const args of [null, {}, { method: '' }, { method: 7 }, { method: 'personal_sign', params: 'x' }]) {
        expect((await rpcError(provider.request(args as never))).code).to.equal(-32602);
      }
      expect(fake.calls.filter((c) => c.method === 'request')).to.have.length(0);

      // a transaction naming another granted chain goes to that chain; the address check is case-insensitive
      await provider.request({ method: 'eth_sendTransaction', params: [{ from: A.toUpperCase().replace('0X', '0x'), to: A, chainId: '0x89' }] });
      expect((fake.calls.find((c) => c.method === 'request')!.args[0] as RequestOptions).chainId).to.equal('eip155:137');
    });

    it('a session without EVM accounts is no session to the provider', async () => {
      const solana = makeSession({
        namespaces: { solana: { accounts: ['solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp:7S3P4HxJpyyigGzodYwHtCxZyUQe9JiBMHyRWXArAaKv'], methods: [], events: [] } },
        chains: ['solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp'],
        accounts: ['solana:5eykt4UsFv8P8NJdTREpY1vzqKqZKvdp:7S3P4HxJpyyigGzodYwHtCxZyUQe9JiBMHyRWXArAaKv'],
      });
      const provider = createEip1193Provider(new FakeController({ sessions: [solana], activeTopic: solana.topic }));
      expect(await provider.request({ method: 'eth_accounts' })).to.deep.equal([]);
      expect((await rpcError(provider.request({ method: 'personal_sign', params: ['0x00', A] }))).code).to.equal(4900);
    });
  });

  describe('error mapping', () => {
    it('maps a wallet rejection (SDK 5000 → user-rejected) to 4001 and keeps the library error as the cause', async () => {
      const session = makeSession();
      const fake = new AnsweringController({ sessions: [session], activeTopic: session.topic });
      const rejected = new WcError('user-rejected', 'User rejected.', { operation: 'request', data: { code: 5000 } });
      fake.answer = () => {
        throw rejected;
      };
      const error = await rpcError(createEip1193Provider(fake).request({ method: 'personal_sign', params: ['0x00', A] }));
      expect(error.code).to.equal(4001);
      expect(error.cause).to.equal(rejected);
      expect(error.name).to.equal('ProviderRpcError');
    });

    it('maps every library error code the provider can meet', () => {
      const cases: Array<[WcError, number]> = [
        [new WcError('user-rejected', 'x'), 4001],
        [new WcError('cancelled', 'x'), 4001],
        [new WcError('unsupported-method', 'x'), 4200],
        [new WcError('unsupported-chain', 'x'), 4901],
        [new WcError('no-session', 'x'), 4900],
        [new WcError('offline', 'x'), 4900],
        [new WcError('relay-unreachable', 'x'), 4900],
        [new WcError('disposed', 'x'), 4900],
        [new WcError('busy', 'x'), -32002],
        [new WcError('invalid-argument', 'x'), -32602],
        [new WcError('request-failed', 'x', { data: { code: -32602 } }), -32602],
        [new WcError('request-failed', 'x', { data: { code: -32000 } }), -32000],
        [new WcError('request-failed', 'x', { data: { code: 7 } }), -32603],
        [new WcError('request-expired', 'x'), -32603],
        [new WcError('unknown', 'x'), -32603],
      ];
      for (const [error, code] of cases) expect(toProviderRpcError(error).code, error.code).to.equal(code);
      expect(toProviderRpcError(new Error('boom')).code).to.equal(RpcErrorCode.internal);
      const own = new ProviderRpcError(4100, 'x');
      expect(toProviderRpcError(own)).to.equal(own);
    });
  });

  describe('following the controller', () => {
    it('fires connect, accountsChanged, chainChanged and disconnect once each as sessions come, change and go', async () => {
      const fake = new FakeController();
      const provider = createEip1193Provider(fake);
      const seen = record(provider);
      const one = makeSession();
      change(fake, { sessions: [one], activeTopic: one.topic }, 'connect', one.topic);
      expect(seen.splice(0)).to.deep.equal([
        ['connect', { chainId: '0x1' }],
        ['accountsChanged', [A]],
      ]);
      // an unrelated change (a ping) announces nothing
      change(fake, { sessions: [{ ...one, lastPingMs: 12 }] }, 'ping', one.topic);
      expect(seen).to.deep.equal([]);

      // another session selected: its accounts
      const two = twoAccountSession();
      change(fake, { sessions: [one, two], activeTopic: two.topic }, 'select', two.topic);
      expect(seen.splice(0)).to.deep.equal([['accountsChanged', [A, B]]]);

      // the wallet drops eip155:1 from the session: the provider moves to the chain left
      const narrowed = twoAccountSession({
        topic: two.topic,
        chains: ['eip155:137'],
        accounts: [`eip155:137:${A}`],
        namespaces: { eip155: { chains: ['eip155:137'], accounts: [`eip155:137:${A}`], methods: ['personal_sign'], events: [] } },
      });
      change(fake, { sessions: [one, narrowed] }, 'update', two.topic);
      expect(seen.splice(0)).to.deep.equal([
        ['chainChanged', '0x89'],
        ['accountsChanged', [A]],
      ]);

      // the wallet ends it and no session is left
      change(fake, { sessions: [one], activeTopic: one.topic }, 'delete', two.topic);
      expect(seen.splice(0)).to.deep.equal([['chainChanged', '0x1']]);
      change(fake, { sessions: [], activeTopic: null }, 'expire', one.topic);
      expect(seen).to.have.length(2);
      const [name, error] = seen[0]!;
      const accountsAfter = seen[1];
      expect(name).to.equal('disconnect');
      expect(error).to.be.instanceOf(ProviderRpcError);
      expect((error as ProviderRpcError).code).to.equal(4900);
      expect((error as ProviderRpcError).data).to.deep.equal({ reason: 'expire', topic: one.topic });
      expect(accountsAfter).to.deep.equal(['accountsChanged', []]);
    });

    it("follows the wallet's chainChanged and accountsChanged session events, once each; other events arrive as message", async () => {
      const session = twoAccountSession();
      const fake = new FakeController({ sessions: [session], activeTopic: session.topic });
      const provider = createEip1193Provider(fake);
      const seen = record(provider);
      const walletEvent = (name: string, data: unknown, chainId = 'eip155:1', topic = session.topic) =>
        fake.dispatchEvent(new WcSessionEventEvent({ topic, chainId, name, data }));

      walletEvent('accountsChanged', [B, `eip155:1:${A}`]);
      expect(seen.splice(0)).to.deep.equal([['accountsChanged', [B, A]]]);
      expect(await provider.request({ method: 'eth_accounts' })).to.deep.equal([B, A]);
      walletEvent('accountsChanged', [B]);
      expect(seen).to.deep.equal([]); // the same first account, the same list: nothing new
      walletEvent('accountsChanged', ['0x2222222222222222222222222222222222222222']);
      expect(seen).to.deep.equal([]); // an address the session does not grant is not taken

      walletEvent('chainChanged', 137, 'eip155:137');
      expect(seen.splice(0)).to.deep.equal([
        ['chainChanged', '0x89'],
        ['accountsChanged', [A]],
      ]);
      walletEvent('chainChanged', '0x2105', 'eip155:8453');
      expect(seen).to.deep.equal([]); // not granted
      walletEvent('chainChanged', 1, 'eip155:1', 'another-topic');
      expect(seen).to.deep.equal([]); // another session's event

      walletEvent('somethingElse', { x: 1 });
      expect(seen.splice(0)).to.deep.equal([['message', { type: 'somethingElse', data: { x: 1 } }]]);
    });

    it('once, removeListener and dispose: no listener is left on the controller', async () => {
      const session = makeSession();
      const fake = new FakeController({ sessions: [session], activeTopic: session.topic });
      const before = fake.listenerCount;
      const provider = createEip1193Provider(fake);
      const calls: string[] = [];
      const kept = (v: string) => calls.push(`kept ${v}`);
      const removed = (v: string) => calls.push(`removed ${v}`);
      provider.once('chainChanged', (v) => calls.push(`once ${v}`));
      provider.on('chainChanged', kept).on('chainChanged', removed).removeListener('chainChanged', removed);
      await provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId: '0x89' }] });
      await provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId: '0x1' }] });
      expect(calls).to.deep.equal(['once 0x89', 'kept 0x89', 'kept 0x1']);
      expect(provider.listenerCount('chainChanged')).to.equal(1);
      provider.dispose();
      expect(fake.listenerCount).to.equal(before);
      expect(provider.listenerCount('chainChanged')).to.equal(0);
      expect((await rpcError(provider.request({ method: 'eth_accounts' }))).code).to.equal(4900);
    });
  });
});
