/** Queries into a <wc-namespace-picker>'s shadow root, shared by its test files. */
import type { WcNamespacePicker } from '../../src/elements/namespace-picker/namespace-picker.js';

export function q<T extends Element = HTMLElement>(el: WcNamespacePicker, selector: string): T {
  const found = el.shadowRoot!.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector}`);
  return found;
}

export function qa<T extends Element = HTMLElement>(el: WcNamespacePicker, selector: string): T[] {
  return [...el.shadowRoot!.querySelectorAll<T>(selector)];
}

/** The row whose readable name is `name` (chain name or method/event). */
export function row(el: WcNamespacePicker, name: string): HTMLLIElement {
  const found = qa<HTMLLIElement>(el, 'li').find((li) => li.querySelector('[part="item-name"]')?.textContent?.trim() === name);
  if (!found) throw new Error(`no row ${name}`);
  return found;
}

/** The checkbox of that row. */
export function box(el: WcNamespacePicker, name: string): HTMLInputElement {
  return row(el, name).querySelector('input')!;
}
