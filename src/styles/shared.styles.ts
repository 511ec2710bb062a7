import { css } from 'lit';
import { color } from './tokens.js';

/**
 * Host reset, focus ring, visually-hidden: shared by every element. Tokens resolve at use.
 *
 * Colour scheme: the host inherits the page's `color-scheme` (none set means light), so every
 * `light-dark()` colour follows the page; `theme="light"` or `theme="dark"` pins it.
 */
export const sharedStyles = css`
  :host {
    box-sizing: border-box;
    font-family: var(--wc-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--wc-font-size, 1rem);
    line-height: 1.4;
    color: var(--wc-color-text, ${color.text});
    color-scheme: inherit;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  /*
   * Forced colours: the browser paints text CanvasText, buttons ButtonText on ButtonFace, links
   * LinkText, whatever the author colours. Say so, so that what the element reports (to axe, to a
   * script) is what it shows, not a light-dark() colour the user never sees.
   */
  @media (forced-colors: active) {
    :host,
    * {
      color: CanvasText !important;
    }
    button {
      color: ButtonText !important;
      background: ButtonFace;
      border-color: ButtonText;
    }
    button[disabled] {
      color: GrayText !important;
    }
    a {
      color: LinkText !important;
    }
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
    outline: var(--wc-focus-ring-width, 2px) solid var(--wc-focus-ring-color, var(--wc-accent, ${color.accent}));
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
    border: 1px solid var(--wc-color-border, ${color.border});
    background: var(--wc-color-surface, ${color.surface});
    color: inherit;
    padding: 0.4em 0.9em;
    min-height: 2.25rem;
  }
  button[disabled] {
    cursor: not-allowed;
    opacity: 0.6;
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
