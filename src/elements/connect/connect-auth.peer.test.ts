/**
 * <wc-connect auth> between real peers: the element signs in through `controller.authenticate()`
 * with a real wallet SignClient that supports One-Click Auth, through the dev relay.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import './define.js';
import type { WcConnect } from './connect.js';
import type { WcAuthEvent } from '../../events.js';
import { AuthWallet } from '../../../test/helpers/auth.js';
import { cleanupPeers, makeDapp, makeWallet } from '../../../test/helpers/peers.js';
import { part, shadow as root, statusText } from '../../../test/helpers/queries.js';
import { FakeController } from '../../../test/helpers/fake-controller.js';

async function shownUri(el: WcConnect): Promise<string> {
  await waitUntil(() => part<HTMLInputElement>(el, 'uri')?.value.startsWith('wc:') ?? false, 'no wc: URI shown', { timeout: 10_000 });
  return part<HTMLInputElement>(el, 'uri')!.value;
}

describe('<wc-connect auth>', () => {
  afterEach(async () => {
    for (const el of document.querySelectorAll('wc-connect')) el.remove();
    await cleanupPeers();
  });

  it('says "Sign in", in English and German', async () => {
    const controller = new FakeController();
    const el = await fixture<WcConnect>(html`<wc-connect auth .controller=${controller}></wc-connect>`);
    expect(part(el, 'button')!.textContent!.trim()).to.equal('Sign in with wallet');
    const de = await fixture<WcConnect>(html`<div lang="de"><wc-connect auth .controller=${controller}></wc-connect></div>`);
    const inner = de.querySelector('wc-connect')!;
    await inner.updateComplete;
    expect(part(inner, 'button')!.textContent!.trim()).to.equal('Mit Wallet anmelden');
  });

  it('calls authenticate() with the statement, the page location, a fresh nonce and the namespaces', async () => {
    const controller = new FakeController();
    const el = await fixture<WcConnect>(
      html`<wc-connect auth auth-statement="Welcome back" chains="eip155:1 eip155:137" methods="personal_sign eth_signTypedData_v4" .controller=${controller}></wc-connect>`,
    );
    part<HTMLButtonElement>(el, 'button')!.click();
    await el.updateComplete;
    const call = controller.calls.find((c) => c.method === 'authenticate')!;
    const params = call.args[0] as Record<string, unknown>;
    expect(params['statement']).to.equal('Welcome back');
    expect(params['domain']).to.equal(location.host);
    expect(params['uri']).to.equal(location.origin);
    expect(params['chains']).to.deep.equal(['eip155:1', 'eip155:137']);
    expect(params['methods']).to.deep.equal(['personal_sign', 'eth_signTypedData_v4']);
    expect(params['nonce']).to.match(/^[a-zA-Z0-9]{16}$/);
    expect(root(el).querySelector('#title')!.textContent).to.equal('Sign in with your wallet');
    expect(controller.calls.some((c) => c.method === 'connect')).to.equal(false);
  });

  it('signs in with a real wallet: shows the URI, fires wc-auth once with the verified result', async () => {
    const [dapp, plain] = await Promise.all([makeDapp(), makeWallet()]);
    const wallet = new AuthWallet(plain);
    const el = await fixture<WcConnect>(
      html`<wc-connect auth chains="eip155:1" methods="personal_sign" .authParams=${{ domain: 'dapp.example', uri: 'https://dapp.example' }} .controller=${dapp}></wc-connect>`,
    );
    const events: WcAuthEvent[] = [];
    el.addEventListener('wc-auth', (e) => events.push(e));
    part<HTMLButtonElement>(el, 'button')!.click();
    const uri = await shownUri(el);
    const signedIn = oneEvent(el, 'wc-auth');
    await wallet.approve(await wallet.pair(uri));
    const { detail } = await signedIn;
    expect(detail.fallback).to.equal(false);
    expect(detail.address.toLowerCase()).to.equal(wallet.account.address.toLowerCase());
    expect(detail.chainId).to.equal('eip155:1');
    expect(detail.cacaos[0]!.p.domain).to.equal('dapp.example');
    expect(detail.session.topic).to.equal(dapp.state.activeTopic);
    await waitUntil(() => part(el, 'session') !== null, 'no session shown');
    expect(statusText(el)).to.contain('Signed in with Test Wallet');
    expect(events).to.have.length(1);
  });
});
