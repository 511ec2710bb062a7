/**
 * Queries into an element's shadow root, shared by every test file: parts, roles, readable text.
 * Each takes the host element; a node without a shadow root is searched as it is (light DOM).
 */

/** The shadow root of `host`; throws when it has none. */
export function shadow(host: Element): ShadowRoot {
  if (!host.shadowRoot) throw new Error(`<${host.localName}> has no shadow root`);
  return host.shadowRoot;
}

/** Where the queries below look: the shadow root, or the node itself when it has none. */
const scope = (host: Element): ParentNode => host.shadowRoot ?? host;

/** The first match of `selector` inside `host`; throws when there is none. */
export function q<T extends Element = HTMLElement>(host: Element, selector: string): T {
  const found = scope(host).querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector} in <${host.localName}>`);
  return found;
}

/** Every match of `selector` inside `host`. */
export function qa<T extends Element = HTMLElement>(host: Element, selector: string): T[] {
  return [...scope(host).querySelectorAll<T>(selector)];
}

/** The first element whose `part` names `name`, or null. */
export function part<T extends Element = HTMLElement>(host: Element, name: string): T | null {
  return scope(host).querySelector<T>(`[part~="${name}"]`);
}

/** Every element whose `part` names `name`. */
export function parts<T extends Element = HTMLElement>(host: Element, name: string): T[] {
  return qa<T>(host, `[part~="${name}"]`);
}

/** A node's text with runs of white space collapsed ('' for none). */
export function text(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The text of every `role="status"` live region inside `host`, joined by a space. */
export function statusText(host: Element): string {
  return qa(host, '[role="status"]')
    .map((n) => n.textContent!.trim())
    .join(' ');
}

/** The trimmed texts of every `part="error"` inside `host`. */
export function alerts(host: Element): string[] {
  return parts(host, 'error').map((n) => n.textContent!.trim());
}

/** The picker row (`<li>`) whose readable name (`part="item-name"`) is exactly `name`. */
export function row(host: Element, name: string): HTMLLIElement {
  const found = qa<HTMLLIElement>(host, 'li').find((li) => li.querySelector('[part="item-name"]')?.textContent?.trim() === name);
  if (!found) throw new Error(`no row ${name}`);
  return found;
}

/** The checkbox of that row. */
export function box(host: Element, name: string): HTMLInputElement {
  return row(host, name).querySelector('input')!;
}
