import { render, type TemplateResult } from 'lit';
import type { ProposalView } from '../../types.js';

/** A `wc:` URI of the SDK's shape and length: the QR encoder picks the same version and masks for it. */
const SAMPLE_URI = `wc:${'0'.repeat(64)}@2?relay-protocol=irn&symKey=${'0'.repeat(64)}&expiryTimestamp=${'0'.repeat(10)}`;

/** A proposal that is never shown: what the warm-up renders the QR stage from. */
export const SAMPLE_PROPOSAL: ProposalView = Object.freeze({
  uri: SAMPLE_URI,
  pairingTopic: '0'.repeat(64),
  expiry: 0,
  requested: Object.freeze({ requiredNamespaces: Object.freeze({}), optionalNamespaces: Object.freeze({}) }),
  reusedPairing: false,
  peer: null,
});

type Idle = (callback: () => void, options?: { timeout: number }) => number;

/**
 * Does the first-time work of showing a code before the user asks for one: the first QR encoding
 * (the encoder's tables and code paths) and Lit's first preparation of the panel's templates, by
 * rendering `panel()` once into a detached element that is then dropped. Runs when the page is idle
 * (or at once, on a sign of intent such as the pointer reaching the button); at most once per `Warmer`.
 */
export class Warmer {
  #done = false;
  #pending: number | null = null;
  readonly #panel: () => TemplateResult;

  constructor(panel: () => TemplateResult) {
    this.#panel = panel;
  }

  /** Schedules the warm-up for an idle moment. */
  whenIdle(): void {
    if (this.#done || this.#pending !== null) return;
    const idle = (globalThis as { requestIdleCallback?: Idle }).requestIdleCallback;
    this.#pending = idle ? idle(() => this.now(), { timeout: 2000 }) : (setTimeout(() => this.now(), 50) as unknown as number);
  }

  /** Warms up now (no-op once done). */
  now(): void {
    this.#pending = null;
    if (this.#done) return;
    this.#done = true;
    try {
      render(this.#panel(), document.createElement('div'));
    } catch {
      // a warm-up only: the real render reports its own problems
    }
  }
}
