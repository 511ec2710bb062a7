import { defineElement } from '../../internal/define-element.js';
import { WcConnect } from './connect.js';

defineElement('wc-connect', WcConnect);

declare global {
  interface HTMLElementTagNameMap {
    'wc-connect': WcConnect;
  }
}
