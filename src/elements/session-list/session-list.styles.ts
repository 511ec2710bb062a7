import { css } from 'lit';

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
    border: 1px dashed var(--wc-color-border, #d0d7de);
    border-radius: var(--wc-radius, 8px);
    color: var(--wc-session-list-muted-color, var(--wc-color-muted, #59636e));
  }
  .error {
    margin: 0;
    color: var(--wc-session-list-error-color, var(--wc-color-danger, #cf222e));
  }
  @media (prefers-color-scheme: dark) {
    .notice,
    .empty {
      border-color: var(--wc-color-border, #3d444d);
      color: var(--wc-session-list-muted-color, var(--wc-color-muted, #9198a1));
    }
    .error {
      color: var(--wc-session-list-error-color, var(--wc-color-danger, #ff7b72));
    }
  }
`;
