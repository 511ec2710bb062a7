import { css } from 'lit';

/**
 * A peer's display name (`class="name"`), as `<wc-connect>` and each session item show it: bold, on
 * one line cut with an ellipsis, and isolated so a right-to-left name cannot reorder the text around it.
 */
export const peerNameStyles = css`
  .name {
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    unicode-bidi: isolate;
  }
`;
