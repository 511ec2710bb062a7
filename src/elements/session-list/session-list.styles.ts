import { css } from 'lit';
import { dark, light } from '../../styles/tokens.js';

export const styles = css`
  :host {
    display: block;
  }
  .base {
    display: grid;
    gap: var(--wc-session-list-gap, 0.75rem);
  }
  .list {
    display: grid;
    gap: var(--wc-session-list-gap, 0.75rem);
    margin: 0;
    padding: 0;
  }
  .notice,
  .empty {
    margin: 0;
    padding: 1rem;
    text-align: center;
    border: 1px dashed var(--wc-color-border, ${light.border});
    border-radius: var(--wc-radius, 8px);
    color: var(--wc-session-list-muted-color, var(--wc-color-muted, ${light.muted}));
  }
  .error {
    margin: 0;
    color: var(--wc-session-list-error-color, var(--wc-color-danger, ${light.danger}));
  }
  @media (prefers-color-scheme: dark) {
    .notice,
    .empty {
      border-color: var(--wc-color-border, ${dark.border});
      color: var(--wc-session-list-muted-color, var(--wc-color-muted, ${dark.muted}));
    }
    .error {
      color: var(--wc-session-list-error-color, var(--wc-color-danger, ${dark.danger}));
    }
  }
`;
