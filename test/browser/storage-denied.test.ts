/**
 * The built CDN file (`dist/wc-elements.js`; `npm run build` first, as `npm test` does) in a page
 * whose `localStorage` and `indexedDB` getters throw, as in a sandboxed iframe or with storage
 * blocked: every tag is defined, a real wallet connects, the page hears `storage-unavailable` once
 * and the session list shows a note (issue 11, storage).
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { SessionController } from '../../src/controller/session-controller.js';
import { cleanupPeers, makeWallet, nextProposal } from '../helpers/peers.js';
import { relayUrl } from '../helpers/relay.js';

const TAGS = ['wc-provider', 'wc-connect', 'wc-session-list', 'wc-namespace-picker'];

/** A same-origin frame that denies storage before the bundle loads, then loads it. */
async function deniedFrame(relay: string): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<!doctype html><meta charset="utf-8">
<script>
  const deny = () => { throw new DOMException('The document is sandboxed and lacks the allow-same-origin flag.', 'SecurityError'); };
  Object.defineProperty(window, 'localStorage', { configurable: true, get: deny });
  Object.defineProperty(window, 'indexedDB', { configurable: true, get: deny });
  window.loadErrors = [];
  window.storageErrors = [];
  addEventListener('error', (e) => window.loadErrors.push(String(e.message)));
  addEventListener('wc-error', (e) => window.storageErrors.push(e.detail.error.code));
</script>
<wc-provider project-id="wc-elements-test" relay-url="${relay}" storage-prefix="denied-${Date.now()}">
  <wc-session-list></wc-session-list>
</wc-provider>
<script type="module" src="${new URL('/dist/wc-elements.js', location.href).href}"></script>`;
  document.body.append(frame);
  await new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  return frame;
}

describe('storage denied: the CDN bundle', () => {
  let frame: HTMLIFrameElement | undefined;
  afterEach(async () => {
    const provider = frame?.contentDocument?.querySelector('wc-provider') as { controller?: SessionController } | null | undefined;
    await provider?.controller?.dispose();
    frame?.remove();
    frame = undefined;
    await cleanupPeers();
  });

  it('defines every tag, connects on memory, reports storage-unavailable once and shows a note', async () => {
    frame = await deniedFrame(await relayUrl());
    const win = frame.contentWindow as Window & { loadErrors: string[]; storageErrors: string[] };
    await waitUntil(() => TAGS.every((tag) => win.customElements.get(tag)), `tags defined (load errors: ${win.loadErrors.join('; ')})`, { timeout: 10_000 });
    const provider = frame.contentDocument!.querySelector('wc-provider') as unknown as { controller: SessionController | null };
    await waitUntil(() => provider.controller?.state.status === 'ready', 'controller ready', { timeout: 10_000 });
    const dapp = provider.controller!;
    expect(dapp.state.persistent).to.equal(false);

    const wallet = await makeWallet();
    // Plain objects of the frame's realm: the controller checks for plain objects.
    const request = (win as unknown as { JSON: JSON }).JSON.parse(
      JSON.stringify({ requiredNamespaces: { eip155: { chains: ['eip155:1'], methods: ['personal_sign'], events: ['chainChanged'] } } }),
    );
    const connecting = dapp.connect(request);
    // A connect that fails before its proposal rejects this too, instead of leaving it waiting.
    const proposed = await Promise.race([nextProposal(dapp), connecting.then(() => Promise.reject(new Error('connect settled without a proposal')))]);
    const proposal = await wallet.pair(proposed.uri);
    await wallet.approve(proposal);
    const session = await connecting;
    expect(dapp.state.sessions.map((s) => s.topic)).to.deep.equal([session.topic]);

    const list = frame.contentDocument!.querySelector('wc-session-list')!;
    await waitUntil(() => list.shadowRoot?.querySelector('[part="storage-note"]'), 'storage note shown');
    const note = list.shadowRoot!.querySelector('[part="storage-note"]')!;
    expect(note.textContent).to.contain('will not be kept');
    expect(win.storageErrors).to.deep.equal(['storage-unavailable']);
    expect(win.loadErrors).to.deep.equal([]);
    console.log(
      `[figure] storage denied: ${TAGS.length}/4 tags defined, connected on memory, wc-error ${win.storageErrors.join(', ')}, list note "${note.textContent!.trim()}"`,
    );
  });
});
