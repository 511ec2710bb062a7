import type { NamespaceRequest } from '../../types.js';

/** What `<wc-connect>` needs from a `<wc-namespace-picker>`: its request and whether it is usable. */
export interface PickerLike extends HTMLElement {
  readonly value: NamespaceRequest;
  readonly valid: boolean;
}

/** Where a connect takes its namespaces from, in order of precedence. */
export type NamespaceSource =
  | { readonly kind: 'picker'; readonly picker: HTMLElement; readonly valid: boolean; readonly value: NamespaceRequest | null }
  | { readonly kind: 'attributes'; readonly value: NamespaceRequest }
  | { readonly kind: 'default'; readonly value: NamespaceRequest }
  | { readonly kind: 'none' };

export const PICKER_TAG = 'wc-namespace-picker';

function isPickerLike(el: Element): el is PickerLike {
  const candidate = el as Partial<PickerLike>;
  return typeof candidate.valid === 'boolean' && typeof candidate.value === 'object' && candidate.value !== null;
}

/** A custom element whose definition has not arrived yet (it will have `.value` once upgraded). */
export function isAwaitingUpgrade(el: Element): boolean {
  return el.localName.includes('-') && customElements.get(el.localName) === undefined;
}

/**
 * The picker linked to `host`: `picker="ID"` looks the id up in the host's root node (document or
 * shadow root); without it, the first `<wc-namespace-picker>` inside the closest `<wc-provider>`.
 */
export function findPicker(host: HTMLElement, id: string | null | undefined): HTMLElement | null {
  if (id) {
    const root = host.getRootNode() as Partial<Document | ShadowRoot>;
    return typeof root.getElementById === 'function' ? root.getElementById(id) : null;
  }
  return host.closest('wc-provider')?.querySelector<HTMLElement>(PICKER_TAG) ?? null;
}

/** The picker's contribution: usable only once upgraded and while it says it is valid. */
export function pickerSource(picker: HTMLElement): NamespaceSource | null {
  if (isPickerLike(picker)) return { kind: 'picker', picker, valid: picker.valid, value: picker.value };
  if (isAwaitingUpgrade(picker)) return { kind: 'picker', picker, valid: false, value: null };
  return null; // some unrelated element carries that id
}
