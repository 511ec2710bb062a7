import { ensureContextRoot } from '../../lit/provide.js';
import { defineElement } from '../../internal/define-element.js';
import { WcSessionListItem } from './session-item.js';
import { WcSessionList } from './session-list.js';

// A provider upgraded after the list still reaches it: unanswered requests wait at the root.
if (typeof document !== 'undefined') ensureContextRoot(document);
// The item first: the list renders it by this tag.
defineElement('wc-session-list-item', WcSessionListItem);
defineElement('wc-session-list', WcSessionList);

declare global {
  interface HTMLElementTagNameMap {
    'wc-session-list': WcSessionList;
    'wc-session-list-item': WcSessionListItem;
  }
}
