import { css } from 'lit';
import { color, qr } from '../../styles/tokens.js';

/** `<wc-connect>`: tokens resolve at the point of use, so a theme on any ancestor reaches in. */
export const styles = css`
  :host {
    display: inline-block;
  }
  .base {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
  }
  .actions,
  .panel-actions,
  .links {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  button.primary {
    background: var(--wc-connect-accent, var(--wc-accent, ${color.accent}));
    border-color: var(--wc-connect-accent, var(--wc-accent, ${color.accent}));
    color: var(--wc-connect-accent-text, var(--wc-color-on-accent, ${color.onAccent}));
    font-weight: 600;
  }
  .hint,
  .message,
  .status,
  .countdown,
  .meta {
    margin: 0;
    color: var(--wc-color-muted, ${color.muted});
    font-size: 0.875em;
  }
  .status:empty {
    display: none;
  }
  .error {
    margin: 0;
    color: var(--wc-color-danger, ${color.danger});
    font-size: 0.875em;
    overflow-wrap: anywhere;
  }

  /* connected wallet */
  .session {
    display: flex;
    align-items: center;
    gap: 0.6rem;
    min-width: 0;
  }
  .icon {
    flex: none;
    width: 32px;
    height: 32px;
    border-radius: calc(var(--wc-radius, 8px) / 2);
    object-fit: cover;
  }
  .placeholder {
    display: inline-grid;
    place-items: center;
    background: var(--wc-color-border, ${color.border});
    font-weight: 600;
  }
  .details {
    display: flex;
    flex-direction: column;
    min-width: 0;
  }
  .meta {
    display: flex;
    gap: 0.5em;
  }
  .account {
    font-family: var(--wc-font-family-mono, ui-monospace, SFMono-Regular, Menlo, monospace);
  }

  /* the flow */
  dialog {
    border: 1px solid var(--wc-color-border, ${color.border});
    border-radius: var(--wc-radius, 8px);
    background: var(--wc-color-surface, ${color.surface});
    color: inherit;
    padding: 1.25rem;
    max-width: min(92vw, 28rem);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  .panel {
    display: flex;
    flex-direction: column;
    gap: 0.75rem;
    align-items: stretch;
  }
  :host([mode='inline']) .panel {
    border: 1px solid var(--wc-color-border, ${color.border});
    border-radius: var(--wc-radius, 8px);
    background: var(--wc-color-surface, ${color.surface});
    padding: 1rem;
  }
  .title {
    margin: 0;
    font-size: 1.125em;
    font-weight: 600;
  }
  .title:focus {
    outline: none;
  }
  .qr {
    display: block;
    align-self: center;
    width: var(--wc-connect-qr-size, 240px);
    height: var(--wc-connect-qr-size, 240px);
    max-width: 100%;
    border-radius: calc(var(--wc-radius, 8px) / 2);
  }
  /* Scanners need dark on light: these do not follow the colour scheme. */
  .qr-bg {
    fill: var(--wc-connect-qr-background, ${qr.background});
  }
  .qr-fg {
    fill: var(--wc-connect-qr-foreground, ${qr.foreground});
  }
  .uri-row {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
  }
  .uri-row label {
    font-size: 0.875em;
  }
  .uri-field {
    display: flex;
    gap: 0.5rem;
  }
  .uri-field input {
    flex: 1;
    min-width: 0;
    font: inherit;
    font-family: var(--wc-font-family-mono, ui-monospace, SFMono-Regular, Menlo, monospace);
    font-size: 0.8em;
    padding: 0.4em 0.6em;
    border: 1px solid var(--wc-color-border, ${color.border});
    border-radius: var(--wc-radius, 8px);
    background: transparent;
    color: inherit;
  }
  .wallet-link {
    color: var(--wc-connect-accent, var(--wc-accent, ${color.accent}));
    font-weight: 600;
  }
  .countdown time {
    font-variant-numeric: tabular-nums;
  }
  .reuse {
    color: inherit;
    font-size: 1em;
  }

`;
