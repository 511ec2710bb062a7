import { defineElement } from '../../internal/define-element.js';
import { WcNamespacePicker } from './namespace-picker.js';

defineElement('wc-namespace-picker', WcNamespacePicker);

declare global {
  interface HTMLElementTagNameMap {
    'wc-namespace-picker': WcNamespacePicker;
  }
}

export { WcNamespacePicker };
