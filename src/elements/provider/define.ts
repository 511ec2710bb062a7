import { defineElement } from '../../internal/define-element.js';
import { WcProvider } from './provider.js';

defineElement('wc-provider', WcProvider);

declare global {
  interface HTMLElementTagNameMap {
    'wc-provider': WcProvider;
  }
}
