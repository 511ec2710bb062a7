/**
 * Defines `tag` only when it is free. A second copy of the bundle, or another library holding the
 * tag, gets a console warning instead of the "has already been used with this registry" crash.
 */
export function defineElement(tag: string, ctor: CustomElementConstructor, registry = customElements): void {
  const existing = registry.get(tag);
  if (existing === undefined) {
    registry.define(tag, ctor);
    return;
  }
  if (existing !== ctor) {
    console.warn(`[wc-elements] <${tag}> is already defined by another constructor; keeping the existing one.`);
  }
}
