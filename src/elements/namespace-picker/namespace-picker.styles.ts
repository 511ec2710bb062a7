import { css } from 'lit';
import { dark, light } from '../../styles/tokens.js';

export const styles = css`
  :host {
    display: block;
    /* the muted text's fallback for this scheme, so its selector list is written once; a theme's --wc-color-muted still wins */
    --_muted: ${light.muted};
  }
  [part='base'] {
    display: grid;
    gap: var(--wc-namespace-picker-gap, 0.75rem);
  }
  p {
    margin: 0;
  }
  fieldset {
    margin: 0;
    min-width: 0;
    border: 1px solid var(--wc-color-border, ${light.border});
    border-radius: var(--wc-radius, 8px);
    padding: 0.5rem 0.75rem 0.75rem;
  }
  [part='legend'] {
    font-weight: 600;
    padding: 0 0.25rem;
  }
  [part='group'] {
    border: 0;
    padding: 0;
    margin-top: 0.5rem;
  }
  [part='group-legend'] {
    font-size: 0.875em;
    padding: 0;
    margin-bottom: 0.25rem;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: calc(var(--wc-namespace-picker-gap, 0.75rem) / 3);
  }
  li {
    display: flex;
    flex-wrap: wrap;
    align-items: baseline;
    column-gap: 0.5rem;
  }
  label {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: baseline;
    gap: 0.4rem;
    cursor: pointer;
    overflow-wrap: anywhere;
  }
  input[type='checkbox'] {
    margin: 0;
    inline-size: 1rem;
    block-size: 1rem;
    align-self: center;
    accent-color: var(--wc-namespace-picker-accent, var(--wc-accent, ${light.accent}));
  }
  input[disabled] + span,
  label:has(input[disabled]) {
    cursor: default;
  }
  [part~='method'] [part='item-name'],
  [part~='event'] [part='item-name'],
  [part='chain-id'],
  [part='accounts'] {
    font-family: var(--wc-font-family-mono, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
    font-size: 0.875em;
  }
  [part='group-legend'],
  [part='chain-id'],
  [part='accounts'],
  [part='host'],
  [part='description'],
  [part='summary'],
  [part='empty'] {
    color: var(--wc-color-muted, var(--_muted));
  }
  [part='required-badge'],
  [part='unsupported-badge'] {
    font-size: 0.75em;
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.03em;
    border: 1px solid currentColor;
    border-radius: 999px;
    padding: 0 0.45em;
  }
  [part='required-badge'] {
    color: var(--wc-namespace-picker-required-color, ${light.required});
  }
  [part='unsupported-badge'] {
    color: var(--wc-namespace-picker-unsupported-color, ${light.unsupported});
  }
  [part~='unsupported'] [part='item-name'] {
    text-decoration: line-through;
  }
  [part='error'] {
    color: var(--wc-color-danger, ${light.danger});
    border: 1px solid currentColor;
    border-radius: var(--wc-radius, 8px);
    padding: 0.5rem 0.75rem;
    overflow-wrap: anywhere;
  }
  /* an empty live region stays in the accessibility tree (so later text is announced) but takes no room */
  [part='summary']:empty {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
  }
  [part='proposer'] {
    display: flex;
    gap: 0.75rem;
    align-items: center;
    overflow-wrap: anywhere;
  }
  [part='icon'] {
    inline-size: 40px;
    block-size: 40px;
    border-radius: var(--wc-radius, 8px);
    object-fit: cover;
    flex: none;
  }
  [part='name'] {
    font-weight: 600;
  }
  [part='actions'] {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    justify-content: flex-end;
  }
  button.primary {
    background: var(--wc-namespace-picker-accent, var(--wc-accent, ${light.accent}));
    border-color: var(--wc-namespace-picker-accent, var(--wc-accent, ${light.accent}));
    color: var(--wc-color-on-accent, ${light.onAccent});
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_muted: ${dark.muted};
    }
    fieldset {
      border-color: var(--wc-color-border, ${dark.border});
    }
    [part='required-badge'] {
      color: var(--wc-namespace-picker-required-color, ${dark.required});
    }
    [part='unsupported-badge'] {
      color: var(--wc-namespace-picker-unsupported-color, ${dark.unsupported});
    }
    [part='error'] {
      color: var(--wc-color-danger, ${dark.danger});
    }
  }
`;
