/**
 * The CSP a page needs (README, "Going live"): the elements and the SDK under a strict policy — no
 * 'unsafe-inline', no 'unsafe-eval', sockets only to the relay, no frames — connect through the dev
 * relay with a real wallet, and not one violation is reported. The page is a srcdoc iframe whose
 * policy comes from a <meta>; its module (fixtures/csp-page.ts) makes the controller and the element
 * in the iframe's realm. Prints its figure.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { WcConnect } from '../../src/elements/connect/connect.js';
import { figure } from '../helpers/faults.js';
import { cleanupPeers, makeWallet } from '../helpers/peers.js';
import { part } from '../helpers/queries.js';

const POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self' ws://127.0.0.1:*",
  "img-src 'self' https: data:",
  "frame-src 'none'",
].join('; ');

describe('under a strict Content-Security-Policy', function () {
  this.timeout(90_000);
  let frame: HTMLIFrameElement | null = null;
  afterEach(async () => {
    await frame?.contentWindow?.cspPage?.controller.dispose();
    frame?.remove();
    frame = null;
    await cleanupPeers();
  });

  it('the elements and the SDK connect with 0 CSP violations', async () => {
    frame = document.createElement('iframe');
    frame.srcdoc = `<!doctype html><meta http-equiv="Content-Security-Policy" content="${POLICY}"><body><script type="module" src="${location.origin}/test/browser/fixtures/csp-page.ts"></script></body>`;
    document.body.append(frame);
    // A cold load of every source module into the frame: slow under a loaded machine.
    await waitUntil(() => frame!.contentWindow?.cspPage !== undefined, 'the CSP page never started', { timeout: 60_000, interval: 100 });
    const win = frame.contentWindow!;
    const { controller, violations } = win.cspPage!;
    const el = win.document.querySelector<WcConnect>('wc-connect')!;
    part<HTMLButtonElement>(el, 'button')!.click();
    await waitUntil(() => part<HTMLInputElement>(el, 'uri')?.value.startsWith('wc:') && part(el, 'qr') !== null, 'no code shown', { timeout: 10_000 });
    const wallet = await makeWallet();
    await wallet.approve(await wallet.pair(part<HTMLInputElement>(el, 'uri')!.value));
    await waitUntil(() => part(el, 'session') !== null, 'not connected', { timeout: 10_000 });
    figure(`strict CSP (${POLICY}): connected with ${violations.length} CSP violations`);
    expect(violations).to.deep.equal([]);
    expect(controller.state.status).to.equal('connected');
    // The styles arrived as constructable stylesheets, which style-src does not block.
    expect(el.shadowRoot!.adoptedStyleSheets.length).to.be.above(0);
    expect(win.getComputedStyle(part(el, 'button')!).cursor).to.equal('pointer');
    // The policy is in force: an inline style attribute in the frame is refused and reported.
    win.document.body.insertAdjacentHTML('beforeend', '<p style="color: red">inline</p>');
    await waitUntil(() => violations.length > 0, 'the policy is not in force', { timeout: 5_000 });
    expect(violations.map((v) => v.split(' ')[0])).to.deep.equal(['style-src-attr']);
  });
});
