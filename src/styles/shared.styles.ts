import { css } from 'lit';
import { dark, light } from './tokens.js';

/** Host reset, focus ring, visually-hidden: shared by every element. Tokens resolve at use. */
export const sharedStyles = css`
  :host {
    box-sizing: border-box;
    font-family: var(--wc-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--wc-font-size, 1rem);
    line-height: 1.4;
    color: var(--wc-color-text, ${light.text});
    color-scheme: light dark;
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: var(--wc-focus-ring-width, 2px) solid var(--wc-focus-ring-color, var(--wc-accent, ${light.accent}));
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--wc-radius, 8px);
    border: 1px solid var(--wc-color-border, ${light.border});
    background: var(--wc-color-surface, ${light.surface});
    color: inherit;
    padding: 0.4em 0.9em;
    min-height: 2.25rem;
  }
  button[disabled] {
    cursor: not-allowed;
    opacity: 0.6;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      color: var(--wc-color-text, ${dark.text});
    }
    button {
      border-color: var(--wc-color-border, ${dark.border});
      background: var(--wc-color-surface, ${dark.surface});
    }
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation-duration: 0.01ms !important;
      transition-duration: 0.01ms !important;
    }
  }
`;
