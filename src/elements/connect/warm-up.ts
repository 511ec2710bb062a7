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

/** What is warmed (the encoder, Lit's template cache) is the page's, not an element's: once per page is enough. */
let warmed = false;
/** A warm-up is scheduled for an idle moment (by any element). */
let scheduled = false;

/**
 * Does the first-time work of showing a code before the user asks for one: the first QR encoding
 * (the encoder's tables and code paths) and Lit's first preparation of the panel's templates, by
 * rendering `panel()` once into a detached element that is then dropped. Runs when the page is idle
 * (or at once, on a sign of intent such as the pointer reaching the button); at most once per page.
 */
export class Warmer {
  readonly #panel: () => TemplateResult;

  constructor(panel: () => TemplateResult) {
    this.#panel = panel;
  }

  /** Schedules the warm-up for an idle moment. */
  whenIdle(): void {
    if (warmed || scheduled) return;
    scheduled = true;
    const run = () => {
      scheduled = false;
      this.now();
    };
    const idle = (globalThis as { requestIdleCallback?: Idle }).requestIdleCallback;
    if (idle) idle(run, { timeout: 2000 });
    else setTimeout(run, 50);
  }

  /** Warms up now (no-op once done). */
  now(): void {
    if (warmed) return;
    warmed = true;
    try {
      render(this.#panel(), document.createElement('div'));
    } catch {
      // a warm-up only: the real render reports its own problems
    }
  }
}
