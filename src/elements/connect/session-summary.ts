import { html, nothing, type TemplateResult } from 'lit';
import { parseCaip10 } from '../../caip.js';
import { chainName, shortAddress } from '../../internal/chains.js';
import type { DisplayMetadata } from '../../internal/metadata.js';
import type { SessionView } from '../../types.js';
import type { ConnectStrings } from './connect.strings.js';

export interface SessionSummaryContext {
  readonly session: SessionView;
  /** The wallet's display name and icon, already cleaned. */
  readonly meta: DisplayMetadata;
  readonly strings: ConnectStrings;
  /** The icon to show, or null for the initial-letter placeholder (none, or it failed to load). */
  readonly icon: string | null;
  readonly onIconError: (icon: string) => void;
  readonly onDisconnect: () => void;
}

/** The connected wallet as `<wc-connect>` shows it: icon, name, chain, account and Disconnect. */
export function sessionSummary(ctx: SessionSummaryContext): TemplateResult {
  const { session, meta, strings: s, icon } = ctx;
  const account = session.accounts.map(parseCaip10).find((a) => a !== null) ?? null;
  const chain = account?.chainId ?? session.chains[0] ?? null;
  return html`
    <div part="session" class="session" role="group" aria-label=${s.sessionLabel}>
      ${
        icon
          ? html`<img
            class="icon"
            src=${icon}
            alt=""
            width="32"
            height="32"
            referrerpolicy="no-referrer"
            decoding="async"
            @error=${() => ctx.onIconError(icon)}
          />`
          : html`<span class="icon placeholder" aria-hidden="true">${[...meta.name][0]?.toUpperCase() ?? '?'}</span>`
      }
      <span class="details">
        <span class="name">${meta.name}</span>
        <span class="meta">
          ${chain ? html`<span class="chain">${chainName(chain)}</span>` : nothing}
          ${account ? html`<span class="account" title=${account.address}>${shortAddress(account.address)}</span>` : nothing}
        </span>
      </span>
      <button
        part="disconnect-button"
        type="button"
        aria-label=${s.disconnectSession(meta.name)}
        ?disabled=${session.status === 'disconnecting'}
        @click=${ctx.onDisconnect}
      >
        ${s.disconnect}
      </button>
    </div>
  `;
}
