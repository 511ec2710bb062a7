import { html, nothing, svg, type TemplateResult } from 'lit';
import type { ProposalView } from '../../types.js';
import type { Stage } from './connect-flow.js';
import { reuseName } from './connect-messages.js';
import type { ConnectStrings } from './connect.strings.js';
import { formatClock, isoDuration } from '../../internal/formatters.js';
import type { QrSymbol } from './qr.js';
import { walletLinkHref, type WalletLinkTemplate } from './wallet-links.js';

/** What the panel renders from; the handlers belong to the host element. */
export interface PanelContext {
  readonly strings: ConnectStrings;
  /** Locale for the countdown's digits. */
  readonly lang: string;
  /** The clock the countdown renders from, in milliseconds. */
  readonly now: number;
  /** A URI as a QR symbol, or null when it cannot be encoded. */
  readonly qr: (uri: string) => QrSymbol | null;
  /** The `wallet-links` entries. */
  readonly links: readonly WalletLinkTemplate[];
  readonly onUriFocus: (event: FocusEvent) => void;
  readonly onCopy: (event: Event) => void;
  readonly onUseQr: () => void;
}

/** The open flow's content for its stage, above the errors and the panel's buttons. */
export function stageContent(stage: Stage, ctx: PanelContext): TemplateResult | typeof nothing {
  const s = ctx.strings;
  switch (stage.kind) {
    case 'expired':
      return html`<p class="message">${s.expired}</p>`;
    case 'failed':
      return nothing; // the alert says why
    case 'reuse':
      return html`
        <p class="message reuse">${s.requestSent(reuseName(s, stage.proposal?.peer ?? null, stage.target))}</p>
        <button part="use-qr-button" type="button" @click=${ctx.onUseQr}>${s.useQr}</button>
      `;
    case 'qr':
      return proposalPanel(stage.proposal, ctx);
    case 'starting':
    case 'closed':
      return html`<p class="message">${s.generating}</p>`;
  }
}

/**
 * The proposal as `<wc-connect>` shows it: scan hint, QR code, the `wc:` URI with a copy button,
 * the wallet links and the countdown to its expiry. The URI input has the id `uri`.
 */
export function proposalPanel(proposal: ProposalView, ctx: PanelContext): TemplateResult {
  const s = ctx.strings;
  const uri = proposal.uri;
  const qr = ctx.qr(uri);
  const left = Math.max(0, Math.ceil(proposal.expiry - ctx.now / 1000));
  const links = ctx.links
    .map((link) => ({ name: link.name, href: walletLinkHref(link.template, uri) }))
    .filter((link): link is { name: string; href: string } => link.href !== null);
  return html`
    <p class="message">${s.scanHint}</p>
    ${
      qr
        ? html`<svg part="qr" class="qr" role="img" aria-label=${s.qrLabel} viewBox="0 0 ${qr.size} ${qr.size}" shape-rendering="crispEdges">
          ${svg`<rect class="qr-bg" width=${qr.size} height=${qr.size}></rect><path class="qr-fg" d=${qr.path}></path>`}
        </svg>`
        : html`<p class="message">${s.qrUnavailable}</p>`
    }
    <div class="uri-row">
      <label for="uri">${s.uriLabel}</label>
      <div class="uri-field">
        <input id="uri" part="uri" type="text" readonly spellcheck="false" autocomplete="off" .value=${uri} @focus=${ctx.onUriFocus} />
        <button part="copy-button" type="button" @click=${ctx.onCopy}>${s.copy}</button>
      </div>
    </div>
    <div class="links" role="group" aria-label=${s.walletLinksLabel}>
      ${isWcUri(uri) ? html`<a part="wallet-link" class="wallet-link" href=${uri}>${s.openWallet}</a>` : nothing}
      ${links.map(
        (link) => html`<a part="wallet-link" class="wallet-link" href=${link.href} target="_blank" rel="noopener noreferrer"
          >${s.openIn(link.name)}</a
        >`,
      )}
    </div>
    <p part="countdown" class="countdown" role="group" aria-label=${s.countdownLabel}>
      <span aria-hidden="true">${s.countdownLabel}</span>
      <time datetime=${isoDuration(left)}>${formatClock(left, ctx.lang)}</time>
    </p>
  `;
}

function isWcUri(uri: string): boolean {
  return /^wc:[^\s]+$/.test(uri);
}
