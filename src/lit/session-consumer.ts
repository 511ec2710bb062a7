import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { sessionControllerContext } from './context.js';
import { ensureContextRoot } from './provide.js';
import type { SessionControllerApi as SessionController } from '../controller/api.js';
import type { SessionState } from '../types.js';
import { WcStateChangeEvent, type WcControllerEventMap } from '../events.js';

type Host = ReactiveControllerHost & HTMLElement;

/** Handlers for controller events besides the snapshot, by event name. */
export type ControllerEventHandlers = {
  readonly [K in keyof WcControllerEventMap]?: (event: WcControllerEventMap[K]) => void;
};

export interface SessionConsumerOptions {
  /** Called with each new snapshot, after the host was asked to re-render. */
  readonly onChange?: (state: SessionState) => void;
  /** Other controller events to follow on whichever controller is in use (e.g. `wc-proposal-expire`). */
  readonly events?: ControllerEventHandlers;
}

/**
 * Follows one SessionController for an element: the explicit `.controller` (read through `explicit`)
 * wins over the one from context. Subscribes while the host is connected and re-renders it on every
 * snapshot; also follows the other controller events named in `options.events`, on the same
 * controller; leaves no listener behind after disconnect.
 */
export class SessionConsumer implements ReactiveController {
  readonly #host: Host;
  readonly #explicit: () => SessionController | null | undefined;
  readonly #onChange?: ((state: SessionState) => void) | undefined;
  readonly #listeners: ReadonlyArray<readonly [string, EventListener]>;
  #fromContext: SessionController | undefined;
  #followed: SessionController | null = null;
  #connected = false;

  /** `options` may also be just the `onChange` callback, as in earlier releases. */
  constructor(host: Host, explicit: () => SessionController | null | undefined, options: SessionConsumerOptions | ((state: SessionState) => void) = {}) {
    const { onChange, events = {} } = typeof options === 'function' ? { onChange: options } : options;
    this.#host = host;
    this.#explicit = explicit;
    this.#onChange = onChange;
    this.#listeners = [[WcStateChangeEvent.eventName, this.#handleChange], ...Object.entries(events).map(([type, fn]) => [type, fn as EventListener] as const)];
    host.addController(this);
    // Without a root, a request made before any provider exists is lost for good.
    ensureContextRoot(host.ownerDocument);
    new ContextConsumer(host, {
      context: sessionControllerContext,
      subscribe: true,
      callback: (value) => {
        this.#fromContext = value;
        this.#follow();
      },
    });
  }

  /** The controller in use: explicit property first, then context; null when none. */
  get controller(): SessionController | null {
    return this.#explicit() ?? this.#fromContext ?? null;
  }

  /** The controller's current snapshot, or null when the element has no controller. */
  get state(): SessionState | null {
    return this.controller?.state ?? null;
  }

  hostConnected(): void {
    this.#connected = true;
    this.#follow();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unfollow();
  }

  /** Picks up a changed explicit `.controller` before each render. */
  hostUpdate(): void {
    if (this.#connected && this.controller !== this.#followed) this.#follow();
  }

  #follow(): void {
    const next = this.#connected ? this.controller : null;
    if (next === this.#followed) return;
    this.#unfollow();
    this.#followed = next;
    for (const [type, fn] of this.#listeners) next?.addEventListener(type, fn);
    this.#host.requestUpdate();
  }

  #unfollow(): void {
    for (const [type, fn] of this.#listeners) this.#followed?.removeEventListener(type, fn);
    this.#followed = null;
  }

  #handleChange = (event: Event): void => {
    this.#host.requestUpdate();
    this.#onChange?.((event as WcStateChangeEvent).detail.state);
  };
}
