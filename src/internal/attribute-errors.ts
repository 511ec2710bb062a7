import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { WcError } from '../errors.js';
import { WcErrorEvent } from '../events.js';

/**
 * Reports each distinct input error of an element once, as `wc-error`.
 *
 * An element keeps one error per input source (an attribute, a group of attributes, a script, a
 * property) and sets it on every update. A source whose error is new, or whose code or message
 * changed, queues one `wc-error`; the same error on a later render queues nothing; clearing the
 * source and setting the same error again queues it again. Queued events are dispatched after the
 * update (`hostUpdated`), when the DOM shows the error, or at `flush()` for code that runs outside an
 * update. The event's `operation` is the error's own, else `attribute`.
 *
 * Why: four elements used to do this four different ways; this is the one.
 */
export class AttributeErrors implements ReactiveController {
  readonly #host: ReactiveControllerHost & EventTarget;
  readonly #errors = new Map<string, WcError>();
  #queue: WcError[] = [];

  constructor(host: ReactiveControllerHost & EventTarget) {
    this.#host = host;
    host.addController(this);
  }

  /** Records the error of `source` (null: it is fine now). A new or changed error is queued once. */
  set(source: string, error: WcError | null): void {
    const previous = this.#errors.get(source);
    if (!error) {
      this.#errors.delete(source);
      return;
    }
    this.#errors.set(source, error);
    if (previous && previous.code === error.code && previous.message === error.message) return;
    this.#queue.push(error);
  }

  /** The current error of `source`, if any. */
  get(source: string): WcError | undefined {
    return this.#errors.get(source);
  }

  has(source: string): boolean {
    return this.#errors.has(source);
  }

  /** How many sources have an error. */
  get size(): number {
    return this.#errors.size;
  }

  /** The current errors with their sources, in the order the sources first failed. */
  entries(): IterableIterator<[string, WcError]> {
    return this.#errors.entries();
  }

  /** Forgets `source` (or every source) so its next error is reported even if it is the same one. */
  forget(source?: string): void {
    if (source === undefined) this.#errors.clear();
    else this.#errors.delete(source);
  }

  /** Dispatches what is queued now. */
  flush = (): void => {
    const queue = this.#queue;
    this.#queue = [];
    for (const error of queue) {
      this.#host.dispatchEvent(new WcErrorEvent({ error, operation: error.operation ?? 'attribute' }));
    }
  };

  hostUpdated(): void {
    this.flush();
  }
}
