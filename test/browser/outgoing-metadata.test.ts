/**
 * Outgoing metadata: what this dApp tells wallets about itself. `url` and `icons` (script) and
 * `app-url` / `app-icon` (<wc-provider>) must be https: (http: only on loopback; a raster data:
 * icon too); anything else is refused with `invalid-option` naming the option or attribute, and
 * never reaches a wallet. Checked against a real wallet SignClient through the dev relay.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { SessionController } from '../../src/controller/session-controller.js';
import { outgoingUrlProblem } from '../../src/controller/options.js';
import { isWcError, type WcError } from '../../src/errors.js';
import type { WcErrorEvent } from '../../src/events.js';
import '../../src/elements/provider/define.js';
import type { WcProvider } from '../../src/elements/provider/provider.js';
import { MemoryStorage } from '../../src/internal/memory-storage.js';
import { BASIC_REQUEST, cleanupPeers, makeDapp, makeWallet, nextProposal } from '../helpers/peers.js';
import { relayUrl } from '../helpers/relay.js';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** Refused for both url and icons. */
const HOSTILE = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(document.domain)',
  ' javascript:alert(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+',
  'http://evil.example/',
  'http://192.168.1.10:8000/',
  'file:///etc/passwd',
  'blob:https://evil.example/0b3f',
  'ftp://evil.example/icon.png',
  'https://user:secret@evil.example/',
  '/relative/icon.png',
  '',
  `https://evil.example/${'a'.repeat(2100)}`,
];
const ALLOWED_URLS = [
  'https://app.example',
  'https://app.example/path?q=1',
  'http://127.0.0.1:8000/',
  'http://localhost/',
  'http://[::1]:3000/',
  'http://127.1.2.3/',
];

let seq = 0;
const prefix = () => `meta-${Date.now().toString(36)}-${seq++}`;

async function initError(metadata: Record<string, unknown>): Promise<WcError | null> {
  const controller = new SessionController({
    projectId: 'wc-elements-test',
    relayUrl: await relayUrl(),
    storagePrefix: prefix(),
    storage: new MemoryStorage(),
    metadata,
  });
  let proposals = 0;
  controller.addEventListener('wc-proposal', () => proposals++);
  try {
    const error = await controller.connect(BASIC_REQUEST).then(
      () => expect.fail('connect() should have been refused'),
      (e: unknown) => e,
    );
    if (!isWcError(error)) throw error;
    expect(controller.state.lastError?.code).to.equal(error.code);
    return error;
  } finally {
    expect(proposals, 'no wc: URI was ever made').to.equal(0);
    await controller.dispose();
  }
}

describe('outgoing metadata', () => {
  afterEach(cleanupPeers);

  it('outgoingUrlProblem: https, loopback http and raster data icons pass; the rest is refused', () => {
    for (const url of ALLOWED_URLS) {
      expect(outgoingUrlProblem(url, 'url'), url).to.equal(null);
      expect(outgoingUrlProblem(url, 'icon'), url).to.equal(null);
    }
    expect(outgoingUrlProblem(PNG, 'icon')).to.equal(null);
    expect(outgoingUrlProblem(PNG, 'url')).to.be.a('string');
    expect(outgoingUrlProblem(`data:image/png;base64,${'A'.repeat(70_000)}`, 'icon')).to.be.a('string');
    for (const bad of HOSTILE) {
      expect(outgoingUrlProblem(bad, 'url'), bad).to.be.a('string');
      expect(outgoingUrlProblem(bad, 'icon'), bad).to.be.a('string');
    }
  });

  it('script options: each unsafe url or icon fails with invalid-option naming the option, and no wallet sees it', async () => {
    const wallet = await makeWallet();
    const seen: unknown[] = [];
    wallet.client.events.on('session_proposal', (p) => seen.push(p.params.proposer.metadata));

    let refused = 0;
    for (const bad of HOSTILE) {
      const asUrl = await initError({ name: 'Bad url', url: bad });
      expect(asUrl?.code, bad).to.equal('invalid-option');
      expect(asUrl?.message, bad).to.match(/^metadata\.url: /);
      expect(asUrl?.data).to.deep.equal({ option: 'metadata.url' });
      const asIcon = await initError({ name: 'Bad icon', url: 'https://app.example', icons: ['https://app.example/ok.png', bad] });
      expect(asIcon?.code, bad).to.equal('invalid-option');
      expect(asIcon?.message, bad).to.match(/^metadata\.icons\[1\]: /);
      refused += 2;
    }
    const blankName = await initError({ name: '\u3164\u200b', url: 'https://app.example' });
    expect(blankName?.message).to.match(/^metadata\.name: /);

    // A dApp with allowed metadata pairs with the same real wallet, which sees exactly what was sent.
    const icons = ['https://app.example/icon.png', 'http://127.0.0.1:8000/icon.png', PNG];
    const dapp = await makeDapp({ metadata: { name: 'Good dApp', description: '', url: 'http://127.0.0.1:8000', icons } });
    const connecting = dapp.connect(BASIC_REQUEST);
    connecting.catch(() => {});
    const { uri } = await nextProposal(dapp);
    const proposal = await wallet.pair(uri);
    expect(proposal.params.proposer.metadata.icons).to.deep.equal(icons);
    expect(proposal.params.proposer.metadata.name).to.equal('Good dApp');

    const reached = seen.filter((m) => HOSTILE.some((bad) => bad && JSON.stringify(m).includes(JSON.stringify(bad).slice(1, -1)))).length;
    console.log(
      `[figure] outgoing metadata: ${reached} of ${refused} unsafe url/icon values reached the real wallet (${refused} refused with invalid-option); ${seen.length} allowed proposal delivered`,
    );
    expect(reached).to.equal(0);
    expect(seen).to.have.length(1);
    await dapp.cancel();
  });

  it('<wc-provider>: a refused app-icon / app-url fires wc-error naming the attribute and is never sent', async () => {
    const errors: WcErrorEvent['detail'][] = [];
    // only the attribute errors: cancelling the connect below reports its own
    const onError = (e: Event) => {
      if ((e as WcErrorEvent).detail.operation === 'attribute') errors.push((e as WcErrorEvent).detail);
    };
    document.addEventListener('wc-error', onError);
    try {
      const url = await relayUrl();
      const el = await fixture<WcProvider>(html`<wc-provider
        id=${prefix()}
        relay-url=${url}
        app-name="Provider dApp"
        app-url="javascript:alert(1)"
        app-icon="javascript:alert(1)"
      ></wc-provider>`);
      await waitUntil(() => el.controller?.state.status === 'ready', 'ready without the refused values');
      void el.options;
      await waitUntil(() => errors.length === 2, 'two wc-errors');
      expect(errors.map((d) => [d.error.code, d.operation, (d.error.data as { attribute: string }).attribute])).to.have.deep.members([
        ['invalid-option', 'attribute', 'app-url'],
        ['invalid-option', 'attribute', 'app-icon'],
      ]);
      for (const d of errors) expect(d.error.message).to.match(/^app-(url|icon): /);
      expect(el.options.metadata).to.deep.equal({ name: 'Provider dApp' });
      expect(el.controller!.metadata.icons).to.deep.equal([]);
      expect(el.controller!.metadata.url).to.equal(location.origin);

      // The real wallet sees the page's defaults, never the refused values.
      const wallet = await makeWallet();
      const controller = el.controller as SessionController;
      const connecting = controller.connect(BASIC_REQUEST);
      connecting.catch(() => {});
      const { uri } = await nextProposal(controller);
      const proposal = await wallet.pair(uri);
      expect(JSON.stringify(proposal.params.proposer.metadata)).to.not.contain('javascript:');
      expect(proposal.params.proposer.metadata.icons).to.deep.equal([]);
      await controller.cancel();
      expect(errors).to.have.length(2);

      // Allowed attribute values go through untouched. (A second provider: rebuilding this one
      // while its connected controller is still disposing trips the storage-prefix claim.)
      const ok = await fixture<WcProvider>(html`<wc-provider
        id=${prefix()}
        relay-url=${url}
        app-url="http://localhost:1234"
        app-icon=${PNG}
      ></wc-provider>`);
      await waitUntil(() => ok.controller?.state.status === 'ready', 'second provider ready');
      expect(ok.controller!.metadata.icons).to.deep.equal([PNG]);
      expect(ok.controller!.metadata.url).to.equal('http://localhost:1234');
      expect(errors).to.have.length(2);
    } finally {
      document.removeEventListener('wc-error', onError);
    }
  });
});
