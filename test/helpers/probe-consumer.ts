/** A minimal session consumer for the provider tests: shows which controller it found and its status. */
import { LitElement } from 'lit';
import { SessionConsumer } from '../../src/lit/session-consumer.js';

export class ProbeConsumer extends LitElement {
  readonly consumer = new SessionConsumer(this, () => null);
  override render() {
    return this.consumer.state?.status ?? 'none';
  }
}

/** Defines a fresh ProbeConsumer subclass as `tag` (one tag per test page). */
export function defineProbe(tag: string): void {
  customElements.define(tag, class extends ProbeConsumer {});
}

declare global {
  interface HTMLElementTagNameMap {
    /** Defined by test/browser/provider.test.ts. */
    'probe-consumer': ProbeConsumer;
    /** Defined by test/browser/provider-late.test.ts. */
    'late-probe': ProbeConsumer;
  }
}
