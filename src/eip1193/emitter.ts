/**
 * The EventEmitter subset EIP-1193 callers use (`on`, `once`, `removeListener` / `off`,
 * `removeAllListeners`, `listenerCount`), typed by an event map, with no Node dependency. A
 * listener that throws does not stop the others: its error is reported as uncaught.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- listeners of any signature, as EventEmitter allows
type AnyListener = (...args: any[]) => void;

export class Emitter<Events extends { [K in keyof Events]: unknown }> {
  readonly #listeners = new Map<keyof Events, AnyListener[]>();

  on<K extends keyof Events>(event: K, listener: (value: Events[K]) => void): this {
    this.#listeners.set(event, [...(this.#listeners.get(event) ?? []), listener]);
    return this;
  }

  /** Like `on`, removed after its first call (`removeListener` with the original function removes it too). */
  once<K extends keyof Events>(event: K, listener: (value: Events[K]) => void): this {
    const wrapper = Object.assign(
      (value: Events[K]) => {
        this.removeListener(event, listener);
        listener(value);
      },
      { listener },
    );
    return this.on(event, wrapper);
  }

  removeListener<K extends keyof Events>(event: K, listener: (value: Events[K]) => void): this {
    const list = this.#listeners.get(event) ?? [];
    const at = list.findIndex((l) => l === listener || (l as { listener?: unknown }).listener === listener);
    if (at >= 0) this.#listeners.set(event, [...list.slice(0, at), ...list.slice(at + 1)]);
    return this;
  }

  off<K extends keyof Events>(event: K, listener: (value: Events[K]) => void): this {
    return this.removeListener(event, listener);
  }

  removeAllListeners(event?: keyof Events): this {
    if (event === undefined) this.#listeners.clear();
    else this.#listeners.delete(event);
    return this;
  }

  listenerCount(event: keyof Events): number {
    return this.#listeners.get(event)?.length ?? 0;
  }

  /** Calls the listeners of `event` registered now, in order. */
  protected emit<K extends keyof Events>(event: K, value: Events[K]): void {
    for (const listener of this.#listeners.get(event) ?? []) {
      try {
        listener(value);
      } catch (error) {
        // like an error thrown from a DOM event listener: reported, and the next listener still runs
        setTimeout(() => {
          throw error;
        });
      }
    }
  }
}
