/**
 * Browser-side access to the dev relay that web-test-runner.config.mjs starts for the test run.
 * The relay runs in the test runner's Node process; these helpers reach it through WTR server
 * commands (`relay-*`) and the virtual module `/__wc-test/relay.js`.
 */
import { executeServerCommand } from '@web/test-runner-commands';

/** Relay counters as the relay reports them (shape owned by demo/server/relay.js). */
export type RelayStats = Record<string, unknown>;

let urlPromise: Promise<string> | undefined;

/** The `ws://127.0.0.1:<port>` URL of the test relay. */
export async function relayUrl(): Promise<string> {
  // A variable specifier keeps TypeScript and esbuild from resolving the virtual module.
  const specifier = '/__wc-test/relay.js';
  urlPromise ??= import(/* @vite-ignore */ specifier).then((m: { relayUrl: string }) => m.relayUrl);
  return urlPromise;
}

/** Close every client socket (as a relay restart would); clients reconnect on their own. */
export async function dropRelay(code?: number): Promise<void> {
  await executeServerCommand('relay-drop', code === undefined ? {} : { code });
}

/** Stop delivering messages until resumeRelay(); sockets stay open. */
export async function pauseRelay(): Promise<void> {
  await executeServerCommand('relay-pause');
}

/** Deliver again, including what was held while paused. */
export async function resumeRelay(): Promise<void> {
  await executeServerCommand('relay-resume');
}

/** A JSON snapshot of the relay's counters. */
export async function relayStats<T extends object = RelayStats>(): Promise<T> {
  return (await executeServerCommand('relay-stats')) as T;
}

/** Zero the relay's counters. */
export async function resetRelayStats(): Promise<void> {
  await executeServerCommand('relay-reset-stats');
}

/** While on, the relay closes every new socket with 4001 (auth refused), whatever its JWT. */
export async function refuseRelayAuth(on: boolean): Promise<void> {
  await executeServerCommand('relay-refuse-auth', { on });
}

/** Opens a TCP front to the test relay (replacing any earlier one); its `ws://` URL. Healthy at first. */
export async function openStallFront(): Promise<string> {
  return (await executeServerCommand('relay-front-open')) as string;
}

/** The front cuts its connections and holds new ones without ever answering the WebSocket handshake. */
export async function stallFront(): Promise<void> {
  await executeServerCommand('relay-front-stall');
}

/** The front pipes new connections to the relay again (sockets held so far stay held). */
export async function healFront(): Promise<void> {
  await executeServerCommand('relay-front-heal');
}

/** Sockets the front holds (stalled handshakes) and pipes now. */
export async function stallFrontStats(): Promise<{ held: number; piped: number }> {
  return (await executeServerCommand('relay-front-stats')) as { held: number; piped: number };
}

/** The path on the test relay that refuses every socket with 4001 (demo/server/relay.js REFUSE_AUTH_PATH). */
export const REFUSE_AUTH_PATH = '/refuse-auth';

export async function closeStallFront(): Promise<void> {
  await executeServerCommand('relay-front-close');
}
