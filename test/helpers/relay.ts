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
