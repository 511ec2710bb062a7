import { css } from 'lit';
import { color } from '../../styles/tokens.js';

export const styles = css`
  :host {
    display: block;
  }
  .base {
    display: grid;
    gap: var(--wc-session-list-gap, 0.75rem);
  }
  /*
   * A flex column, not a grid: moving one row (a re-sorted expiry) in a grid of hundreds re-lays out
   * every row. And no sibling selector (\`* + *\` for the gap): inserting a row would invalidate the
   * style of every row and rebuild their layout objects.
   */
  .list {
    display: flex;
    flex-direction: column;
    gap: var(--wc-session-list-gap, 0.75rem);
    margin: 0;
    padding: 0;
  }
  .notice,
  .empty {
    margin: 0;
    padding: 1rem;
    text-align: center;
    border: 1px dashed var(--wc-color-border, ${color.border});
    border-radius: var(--wc-radius, 8px);
    color: var(--wc-session-list-muted-color, var(--wc-color-muted, ${color.muted}));
  }
  .error {
    margin: 0;
    color: var(--wc-session-list-error-color, var(--wc-color-danger, ${color.danger}));
  }
`;
