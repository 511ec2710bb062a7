import { createContext } from '@lit/context';
import type { SessionControllerApi } from '../controller/api.js';

/**
 * Carries the controller instance, never its data: context notifies only on identity change, so
 * consumers follow the controller's own events. `Symbol.for` lets two copies of the bundle meet.
 */
export const sessionControllerContext = createContext<SessionControllerApi | undefined>(Symbol.for('wc-elements.session-controller'));
