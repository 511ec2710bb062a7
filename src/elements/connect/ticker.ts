import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * A one-second ticker for `<wc-connect>`'s countdown: runs `onTick` every second while `active()`
 * says so (checked after each update of the host) and never while the host is disconnected.
 * Kept apart so the shared element clock can replace it.
 */
export class Ticker implements ReactiveController {
  readonly #active: () => boolean;
  readonly #onTick: () => void;
  #timer: ReturnType<typeof setInterval> | undefined;
  #connected = false;

  constructor(host: ReactiveControllerHost, active: () => boolean, onTick: () => void) {
    this.#active = active;
    this.#onTick = onTick;
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
  }

  hostUpdated(): void {
    if (this.#connected && this.#active()) {
      this.#timer ??= setInterval(this.#onTick, 1000);
    } else {
      this.#stop();
    }
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#stop();
  }

  #stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
