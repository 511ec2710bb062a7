import { css } from 'lit';
import { color } from '../../styles/tokens.js';

export const styles = css`
  :host {
    display: block;
    /* Off-screen items of a long list skip layout and paint. */
    content-visibility: auto;
    contain-intrinsic-size: auto 10rem;
    background: var(--wc-session-list-item-background, var(--wc-color-surface, ${color.surface}));
    border: 1px solid var(--wc-session-list-item-border-color, var(--wc-color-border, ${color.border}));
    border-radius: var(--wc-radius, 8px);
    padding: var(--wc-session-list-item-padding, 0.75rem 1rem);
  }
  :host(:focus-visible) {
    outline: var(--wc-focus-ring-width, 2px) solid var(--wc-focus-ring-color, var(--wc-accent, ${color.accent}));
    outline-offset: 2px;
  }
  :host(:state(active)) {
    border-inline-start: 4px solid var(--wc-session-list-active-color, var(--wc-accent, ${color.accent}));
  }
  :host(:state(warning)) {
    border-color: var(--wc-session-list-warning-color, ${color.warning});
  }
  :host(:state(expired)) {
    border-style: dashed;
  }
  .item {
    display: grid;
    gap: 0.5rem;
    min-width: 0;
  }
  .head {
    display: flex;
    flex-wrap: wrap; /* on a phone the expiry moves under the name instead of squeezing it */
    align-items: center;
    gap: 0.75rem;
    min-width: 0;
  }
  .icon {
    flex: none;
    width: 2.5rem;
    height: 2.5rem;
    border-radius: 50%;
    object-fit: cover;
  }
  .placeholder {
    display: inline-grid;
    place-items: center;
    font-weight: 600;
    background: var(--wc-chip-background, ${color.chip});
    color: inherit;
  }
  .ident {
    display: grid;
    min-width: 0;
    flex: 1 1 10rem;
  }
  .title {
    display: flex;
    align-items: baseline;
    gap: 0.5rem;
    min-width: 0;
  }
  .marker {
    flex: none;
    font-size: 0.75em;
    font-weight: 600;
    padding: 0.1em 0.5em;
    border-radius: 999px;
    background: var(--wc-session-list-active-color, var(--wc-accent, ${color.accent}));
    color: var(--wc-session-list-active-text-color, var(--wc-color-on-accent, ${color.onAccent}));
  }
  .host,
  .muted,
  .label {
    font-size: 0.875em;
    color: var(--wc-session-list-muted-color, var(--wc-color-muted, ${color.muted}));
    overflow-wrap: anywhere;
  }
  .expiry {
    margin: 0;
    flex: none;
    font-size: 0.875em;
    text-align: end;
    display: grid;
    justify-items: end;
  }
  .warning,
  .unmet {
    color: var(--wc-session-list-warning-color, ${color.warning});
    font-weight: 600;
  }
  .signed-in {
    margin: 0;
    display: flex;
    flex-wrap: wrap;
    column-gap: 0.5em;
  }
  .description {
    margin: 0;
    overflow: hidden;
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: var(--wc-session-list-description-lines, 2);
    line-clamp: var(--wc-session-list-description-lines, 2);
    overflow-wrap: anywhere;
  }
  p,
  ul {
    margin: 0;
  }
  ul {
    padding: 0;
    list-style: none;
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
  }
  .chip {
    font-size: 0.8125em;
    padding: 0.1em 0.6em;
    border-radius: 999px;
    background: var(--wc-chip-background, ${color.chip});
    color: var(--wc-chip-color, inherit);
    overflow-wrap: anywhere;
  }
  .accounts {
    display: grid;
    gap: 0.25rem;
  }
  .account {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    font-family: var(--wc-font-family-mono, ui-monospace, SFMono-Regular, Menlo, monospace);
    font-size: 0.875em;
  }
  .account button {
    font-family: var(--wc-font-family, system-ui, sans-serif);
    min-height: 1.75rem;
    padding: 0.1em 0.6em;
    font-size: 0.875em;
  }
  .unmet,
  .muted {
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }
  .details summary {
    cursor: pointer;
    font-size: 0.875em;
    width: fit-content;
    border-radius: 4px;
  }
  .detail-body {
    display: grid;
    gap: 0.25rem;
    padding-block: 0.25rem;
  }
  .tokens {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
  }
  .tokens code {
    font-size: 0.8125em;
    overflow-wrap: anywhere;
  }
  .requests ul {
    display: grid;
    gap: 0.125rem;
    font-size: 0.875em;
  }
  .error {
    color: var(--wc-session-list-error-color, var(--wc-color-danger, ${color.danger}));
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .ping {
    font-size: 0.875em;
    margin-inline-end: auto;
  }
  button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.6;
  }
  [part='disconnect-button'] {
    color: var(--wc-session-list-error-color, var(--wc-color-danger, ${color.danger}));
  }
  /* The same address often spans chains: say which chain each row is. */
  .account-chain {
    font-size: 0.8em;
    color: var(--wc-session-list-muted-color, var(--wc-color-muted, ${color.muted}));
  }
`;
