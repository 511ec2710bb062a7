import { ContextProvider, ContextRoot } from '@lit/context';
import type { ReactiveControllerHost } from 'lit';
import { sessionControllerContext } from './context.js';
import { controllerEventNames, type WcEvent } from '../events.js';
import type { SessionControllerApi as SessionController } from '../controller/api.js';

const rootKey = Symbol.for('wc-elements.context-root');

/**
 * Lets a provider that upgrades after its consumers still reach them: unanswered context requests
 * are held at the document root and replayed when a provider appears. One per document.
 */
export function ensureContextRoot(doc: Document = document): void {
  const holder = doc as Document & { [rootKey]?: ContextRoot };
  if (holder[rootKey]) return;
  const root = new ContextRoot();
  root.attach(doc.documentElement);
  holder[rootKey] = root;
}

export interface ProvidedController {
  readonly host: HTMLElement;
  readonly controller: SessionController | undefined;
  /** Swap the provided controller (consumers are notified; events follow the new one). */
  setController(controller: SessionController | undefined): void;
  /** Stop providing and stop forwarding events. */
  dispose(): void;
}

/**
 * Provides `controller` to every wc-element inside `host` (use `document.body` to reach elements
 * anywhere on the page) and re-dispatches the controller's events from `host`, once, bubbling and
 * composed, so `document.addEventListener('wc-session-change', …)` works.
 */
export function provideSessionController(
  host: HTMLElement,
  controller: SessionController | undefined,
  /** Where events are re-dispatched from; default `host`. */
  eventHost: HTMLElement = host,
): ProvidedController {
  ensureContextRoot(host.ownerDocument);
  const provider = new ContextProvider(host, { context: sessionControllerContext, initialValue: controller });
  let current: SessionController | undefined;
  const forward = (event: Event) => {
    if (typeof (event as WcEvent<unknown>).clone === 'function') eventHost.dispatchEvent((event as WcEvent<unknown>).clone());
  };
  const follow = (next: SessionController | undefined) => {
    for (const name of controllerEventNames) current?.removeEventListener(name, forward);
    current = next;
    for (const name of controllerEventNames) current?.addEventListener(name, forward);
  };
  follow(controller);
  // A plain element is no ReactiveControllerHost: start the provider by hand.
  if (!('addController' in host)) provider.hostConnected();
  return {
    host,
    get controller() {
      return current;
    },
    setController(next) {
      if (next === current) return;
      follow(next);
      provider.setValue(next);
    },
    dispose() {
      follow(undefined);
      provider.setValue(undefined);
      // ContextProvider has no detach of its own.
      host.removeEventListener('context-request', provider.onContextRequest);
      host.removeEventListener('context-provider', provider.onProviderRequest as EventListener);
      (host as Partial<ReactiveControllerHost>).removeController?.(provider);
    },
  };
}
