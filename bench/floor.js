// The FLOOR bundle of `npm run bench`: the least any WalletConnect element built on Lit can ship.
// Only lit + @lit/context + qrcode + `SignClient.init`, used by one element, bundled with the same
// rollup settings as dist/wc-elements.js (bench/build.mjs imports createConfig from rollup.config.mjs).
// `SignClient` is exported too, so the bench's raw-SDK baselines run the same SDK code.
import { LitElement, html, css } from 'lit';
import { createContext, ContextProvider } from '@lit/context';
import qrcodeCore from 'qrcode/lib/core/qrcode.js'; // the encoder only, as src/elements/connect/qr.ts
import { SignClient } from '@walletconnect/sign-client';

export { SignClient };

const clientContext = createContext(Symbol.for('floor.client'));

class FloorElement extends LitElement {
  static properties = { relayUrl: { attribute: 'relay-url' }, _uri: { state: true } };
  static styles = css`
    svg {
      width: 12rem;
    }
  `;

  constructor() {
    super();
    this.relayUrl = '';
    this._uri = '';
    this.client = null;
    this.provider = new ContextProvider(this, { context: clientContext });
  }

  /** Initialises the SDK and shows a QR code for a fresh proposal. */
  async connect() {
    this.client ??= await SignClient.init({ projectId: 'floor', relayUrl: this.relayUrl, logger: 'silent', telemetryEnabled: false });
    this.provider.setValue(this.client);
    const { uri } = await this.client.connect({ optionalNamespaces: { eip155: { chains: ['eip155:1'], methods: ['personal_sign'], events: [] } } });
    this._uri = uri ?? '';
  }

  render() {
    if (!this._uri) return html`<button @click=${() => this.connect()}>Connect</button>`;
    const qr = qrcodeCore.create(this._uri, { errorCorrectionLevel: 'M' });
    const size = qr.modules.size;
    let path = '';
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if (qr.modules.get(x, y)) path += `M${x} ${y}h1v1h-1z`;
    return html`<svg viewBox="0 0 ${size} ${size}"><path d=${path}></path></svg>`;
  }
}

if (!customElements.get('floor-element')) customElements.define('floor-element', FloorElement);
