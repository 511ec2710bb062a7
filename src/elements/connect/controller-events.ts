import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { SessionControllerApi } from '../../controller/api.js';
import type { WcControllerEventMap } from '../../events.js';

type Handlers = { readonly [K in keyof WcControllerEventMap]?: (event: WcControllerEventMap[K]) => void };

/**
 * Listens to specific controller events (besides the snapshot the SessionConsumer follows) on
 * whatever controller the host currently uses; re-subscribes when it changes and leaves no listener
 * behind after disconnect. Register it after the SessionConsumer.
 */
export class ControllerEvents implements ReactiveController {
  readonly #current: () => SessionControllerApi | null;
  readonly #handlers: ReadonlyArray<[string, EventListener]>;
  #followed: SessionControllerApi | null = null;
  #connected = false;

  constructor(host: ReactiveControllerHost, current: () => SessionControllerApi | null, handlers: Handlers) {
    this.#current = current;
    this.#handlers = Object.entries(handlers).map(([type, fn]) => [type, fn as EventListener]);
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
    this.#follow();
  }

  hostUpdate(): void {
    this.#follow();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#follow();
  }

  #follow(): void {
    const next = this.#connected ? this.#current() : null;
    if (next === this.#followed) return;
    for (const [type, fn] of this.#handlers) this.#followed?.removeEventListener(type, fn);
    this.#followed = next;
    for (const [type, fn] of this.#handlers) next?.addEventListener(type, fn);
  }
}
