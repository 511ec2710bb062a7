/**
 * The EIP-1193 provider with real libraries (viem, ethers 6) against a real wallet SignClient that
 * signs with the demo wallet's code, through the dev relay. Every signature is verified.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { BrowserProvider, verifyMessage as ethersVerifyMessage } from 'ethers';
import { createWalletClient, custom, verifyMessage, verifyTypedData, type EIP1193Provider } from 'viem';
import { mainnet, polygon } from 'viem/chains';
import '../elements/connect/define.js';
import type { WcConnect } from '../elements/connect/connect.js';
import { ADDRESS, BASIC_REQUEST, connectedPair, makeDapp, usePeers } from '../../test/helpers/peers.js';
import { part } from '../../test/helpers/queries.js';
import { makeSigningWallet, signingPair } from '../../test/helpers/signing-wallet.js';
import { ProviderRpcError } from './errors.js';
import { createEip1193Provider, type Eip1193Events, type Eip1193Provider } from './provider.js';

/** Every event the provider emits, in order, as [name, value]. */
function record(provider: Eip1193Provider): Array<[keyof Eip1193Events, unknown]> {
  const seen: Array<[keyof Eip1193Events, unknown]> = [];
  for (const name of ['connect', 'disconnect', 'chainChanged', 'accountsChanged', 'message'] as const) {
    provider.on(name, (value: unknown) => seen.push([name, value]));
  }
  return seen;
}

/** The first error in a library error's cause chain that carries a numeric `code`. */
function codeOf(error: unknown): number | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === 'number') return e.code;
  }
  return undefined;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

const MAIL = {
  domain: { name: 'Ether Mail', version: '1', chainId: 1, verifyingContract: '0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC' },
  types: {
    Person: [
      { name: 'name', type: 'string' },
      { name: 'wallet', type: 'address' },
    ],
    Mail: [
      { name: 'from', type: 'Person' },
      { name: 'to', type: 'Person' },
      { name: 'contents', type: 'string' },
    ],
  },
  primaryType: 'Mail',
  message: {
    from: { name: 'Cow', wallet: '0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826' },
    to: { name: 'Bob', wallet: '0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB' },
    contents: 'Hello, Bob!',
  },
} as const;

describe('EIP-1193 provider with real libraries and a real wallet', () => {
  usePeers();

  it('viem: signMessage, signTypedData, sendTransaction and switchChain through custom(provider), each signature verified', async () => {
    const { dapp, account } = await signingPair();
    const provider = createEip1193Provider(dapp);
    const seen = record(provider);
    const client = createWalletClient({ transport: custom(provider as unknown as EIP1193Provider) });

    const [address] = await client.requestAddresses();
    expect(address).to.equal(account.address);
    expect(await client.getChainId()).to.equal(1);

    const message = 'Sign in to wc-elements (viem)';
    const signature = await client.signMessage({ account: account.address, message });
    expect(await verifyMessage({ address: account.address, message, signature })).to.equal(true);

    const typedSignature = await client.signTypedData({ account: account.address, ...MAIL });
    expect(await verifyTypedData({ address: account.address, signature: typedSignature, ...MAIL })).to.equal(true);

    const hash = await client.sendTransaction({ account: account.address, chain: mainnet, to: account.address, value: 0n });
    expect(hash).to.match(/^0x[0-9a-f]{64}$/);

    await client.switchChain({ id: polygon.id });
    expect(await client.getChainId()).to.equal(137);
    expect(seen).to.deep.equal([['chainChanged', '0x89']]); // once
    // the next request goes to the new chain
    const onPolygon = await client.signMessage({ account: account.address, message: 'on polygon' });
    expect(await verifyMessage({ address: account.address, message: 'on polygon', signature: onPolygon })).to.equal(true);
    expect(dapp.state.recentRequests[0]!.chainId).to.equal('eip155:137');

    // a chain the session did not grant: 4902, nothing sent
    const sentBefore = dapp.state.recentRequests.length;
    const refused = await rejection(client.switchChain({ id: 8453 }));
    expect(codeOf(refused)).to.equal(4902);
    expect(await client.getChainId()).to.equal(137);
    expect(dapp.state.recentRequests.length).to.equal(sentBefore);
    expect(seen).to.have.length(1);
  });

  it('ethers 6: BrowserProvider → getSigner().signMessage, verified with ethers.verifyMessage', async () => {
    const { dapp, account } = await signingPair();
    const provider = createEip1193Provider(dapp, { chainId: 137 });
    const browser = new BrowserProvider(provider);
    expect((await browser.getNetwork()).chainId).to.equal(137n);
    const signer = await browser.getSigner();
    expect(await signer.getAddress()).to.equal(account.address);
    const message = 'Sign in to wc-elements (ethers)';
    const signature = await signer.signMessage(message);
    expect(ethersVerifyMessage(message, signature)).to.equal(account.address);
    expect(dapp.state.recentRequests[0]).to.include({ method: 'personal_sign', chainId: 'eip155:137', status: 'resolved' });
  });

  it('a wallet rejection (SDK 5000) is 4001 to viem and ethers; an ungranted method is 4200 and never reaches the wallet', async () => {
    const { dapp, wallet } = await connectedPair(); // a wallet the test answers by hand
    const provider = createEip1193Provider(dapp);
    const client = createWalletClient({ transport: custom(provider as unknown as EIP1193Provider) });

    const viemSigning = rejection(client.signMessage({ account: ADDRESS, message: 'no' }));
    await wallet.rejectRequest(await wallet.requests.next('personal_sign from viem'));
    const viemError = await viemSigning;
    expect(codeOf(viemError)).to.equal(4001);
    expect((viemError as Error).name).to.equal('UserRejectedRequestError');

    const signer = await new BrowserProvider(provider).getSigner();
    const ethersSigning = rejection(signer.signMessage('no'));
    await wallet.rejectRequest(await wallet.requests.next('personal_sign from ethers'));
    expect(((await ethersSigning) as { code?: unknown }).code).to.equal('ACTION_REJECTED');

    const sent = dapp.state.recentRequests.length;
    const ungranted = await rejection(provider.request({ method: 'eth_signTransaction', params: [{ from: ADDRESS }] }));
    expect(ungranted).to.be.instanceOf(ProviderRpcError);
    expect((ungranted as ProviderRpcError).code).to.equal(4200);
    expect(dapp.state.recentRequests).to.have.length(sent);
    expect(dapp.state.pendingRequests).to.have.length(0);
  });

  it('eth_requestAccounts with no session connects with the default namespaces, and <wc-connect> on that controller shows the proposal', async () => {
    const dapp = await makeDapp({ defaultNamespaces: BASIC_REQUEST });
    const { wallet, account, grant } = await makeSigningWallet();
    const el = await fixture<WcConnect>(html`<wc-connect mode="inline"></wc-connect>`);
    el.controller = dapp;
    const provider = createEip1193Provider(dapp);
    const seen = record(provider);
    const browser = new BrowserProvider(provider);

    const requesting = browser.send('eth_requestAccounts', []);
    await waitUntil(() => (part<HTMLInputElement>(el, 'uri')?.value ?? '').startsWith('wc:'), 'no QR code in <wc-connect>', { timeout: 10000 });
    expect(part(el, 'qr')).to.not.equal(null);
    const uri = part<HTMLInputElement>(el, 'uri')!.value;
    expect(uri).to.equal(dapp.state.proposal!.uri);
    expect(dapp.state.proposal!.requested).to.deep.equal(BASIC_REQUEST);
    await wallet.approve(await wallet.pair(uri), grant);

    expect(await requesting).to.deep.equal([account.address]);
    await waitUntil(() => part(el, 'session') !== null, '<wc-connect> did not show the session');
    expect(part(el, 'panel')).to.equal(null);
    expect(seen).to.deep.equal([
      ['connect', { chainId: '0x1' }],
      ['accountsChanged', [account.address]],
    ]);
    const signature = await (await browser.getSigner()).signMessage('after connecting');
    expect(ethersVerifyMessage('after connecting', signature)).to.equal(account.address);
  });

  it("follows the wallet: its chainChanged and accountsChanged events, then the session's end, each surfaced once", async () => {
    const { dapp, wallet, account, session } = await signingPair();
    const provider = createEip1193Provider(dapp);
    const seen = record(provider);
    const client = createWalletClient({ transport: custom(provider as unknown as EIP1193Provider) });

    const chainChanged = new Promise((resolve) => provider.once('chainChanged', resolve));
    await wallet.client.emit({ topic: session.topic, chainId: 'eip155:137', event: { name: 'chainChanged', data: 137 } });
    expect(await chainChanged).to.equal('0x89');
    expect(await client.getChainId()).to.equal(137);

    await wallet.client.emit({ topic: session.topic, chainId: 'eip155:137', event: { name: 'accountsChanged', data: [account.address] } });
    // the same accounts: nothing to announce; a following event proves the first was handled
    await wallet.client.emit({ topic: session.topic, chainId: 'eip155:137', event: { name: 'chainChanged', data: 1 } });
    await waitUntil(() => seen.length === 2, 'no second chainChanged');
    expect(seen).to.deep.equal([
      ['chainChanged', '0x89'],
      ['chainChanged', '0x1'],
    ]);

    const disconnected = new Promise<ProviderRpcError>((resolve) => provider.once('disconnect', resolve));
    await wallet.client.disconnect({ topic: session.topic, reason: { code: 6000, message: 'User disconnected.' } });
    const error = await disconnected;
    expect(error.code).to.equal(4900);
    expect(error.data).to.deep.equal({ reason: 'delete', topic: session.topic });
    expect(seen.slice(2)).to.deep.equal([
      ['disconnect', error],
      ['accountsChanged', []],
    ]);
    expect(await client.getAddresses()).to.deep.equal([]);
    expect(codeOf(await rejection(client.signMessage({ account: account.address, message: 'gone' })))).to.equal(4900);
  });
});
