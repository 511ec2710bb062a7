import type { SessionTypes } from '@walletconnect/types';
import { isNothingMissing, missingFrom, validateSessionNamespaces } from '../caip.js';
import { WcError, type WcOperation } from '../errors.js';
import { toWcError } from '../internal/sdk-errors.js';
import type { NamespaceRequest, SessionAuth, SessionView } from '../types.js';
import { buildSessionView, type SessionMeta } from './views.js';

/**
 * The live sessions: the SDK's struct, what the controller tracks beside it, and the frozen view
 * built from both. A change replaces only that session's view, so the others keep their identity.
 * Holds data; the controller commits.
 */
export class SessionStore {
  readonly #structs = new Map<string, SessionTypes.Struct>();
  readonly #meta = new Map<string, SessionMeta>();
  readonly #views = new Map<string, SessionView>();
  #list: readonly SessionView[] = Object.freeze([]);

  /** Every session, soonest expiry first; the same array until a session changes. */
  get list(): readonly SessionView[] {
    return this.#list;
  }

  get(topic: string): SessionView | undefined {
    return this.#views.get(topic);
  }

  has(topic: string): boolean {
    return this.#views.has(topic);
  }

  /** The session an operation targets: `topic`, else the active one; throws `no-session`. */
  sessionFor(topic: string | null | undefined, operation: WcOperation): SessionView {
    const view = topic ? this.#views.get(topic) : undefined;
    if (!view) throw new WcError('no-session', topic ? `No session with topic ${topic.slice(0, 16)}…` : 'There is no connected session', { operation });
    return view;
  }

  /** Adds a session with the namespaces that passed validation; returns its view. */
  add(
    struct: SessionTypes.Struct,
    namespaces: SessionTypes.Namespaces,
    requested: NamespaceRequest | null,
    lastError: WcError | null,
    createdAt: number,
    now = createdAt,
    auth: SessionAuth | null = null,
  ): SessionView {
    const meta: SessionMeta = { status: 'active', createdAt, updatedAt: now, lastError, lastPingMs: null, namespaces, auth };
    this.#structs.set(struct.topic, struct);
    this.#meta.set(struct.topic, meta);
    return this.#build(struct.topic, struct, meta, requested);
  }

  /** Patches one session's bookkeeping (and its struct, when the SDK's changed); false when unknown. */
  update(topic: string, patch: Partial<SessionMeta>, struct?: SessionTypes.Struct): boolean {
    const meta = this.#meta.get(topic);
    const view = this.#views.get(topic);
    const current = struct ?? this.#structs.get(topic);
    if (!meta || !view || !current) return false;
    this.#structs.set(topic, current);
    Object.assign(meta, patch, { updatedAt: Date.now() });
    this.#build(topic, current, meta, view.requested);
    return true;
  }

  /** Forgets a session; false when it was not there. */
  remove(topic: string): boolean {
    if (!this.#views.delete(topic)) return false;
    this.#meta.delete(topic);
    this.#structs.delete(topic);
    this.#changed();
    return true;
  }

  /**
   * Loads the client's sessions after a (re)load. One whose stored namespaces fail validation is
   * skipped and handed to `onInvalid`; an expired one is left to the SDK's expirer.
   */
  restore(
    structs: readonly SessionTypes.Struct[],
    stored: (topic: string) => { readonly requested: NamespaceRequest; readonly createdAt: number } | undefined,
    onInvalid: (error: WcError) => void,
    signedIn: (topic: string) => SessionAuth | null = () => null,
  ): void {
    const now = Date.now();
    for (const struct of structs) {
      if (struct.expiry <= Math.floor(now / 1000)) continue; // the expirer removes it on its next pulse
      let namespaces: SessionTypes.Namespaces;
      try {
        namespaces = validateSessionNamespaces(struct.namespaces);
      } catch (error) {
        onInvalid(toWcError(error, 'restore', 'invalid-peer-data'));
        continue;
      }
      const known = stored(struct.topic);
      this.add(struct, namespaces, known?.requested ?? null, null, known?.createdAt ?? now, now, signedIn(struct.topic));
    }
  }

  /** The session created last (the active one after a reload). */
  newest(): string | null {
    return [...this.#views.values()].sort((a, b) => b.createdAt - a.createdAt || b.expiry - a.expiry)[0]?.topic ?? null;
  }

  /** The session changed last (the active one after the active one ended). */
  latest(): string | null {
    return [...this.#views.values()].sort((a, b) => b.updatedAt - a.updatedAt)[0]?.topic ?? null;
  }

  #build(topic: string, struct: SessionTypes.Struct, meta: SessionMeta, requested: NamespaceRequest | null): SessionView {
    const view = buildSessionView(struct, meta, requested);
    this.#views.set(topic, view);
    this.#changed();
    return view;
  }

  #changed(): void {
    this.#list = Object.freeze([...this.#views.values()].sort((a, b) => a.expiry - b.expiry || a.topic.localeCompare(b.topic)));
  }
}

/** A session the wallet approved: kept (with the required items it lacks, if any), or refused and why. */
export type Admission =
  | { readonly kept: true; readonly namespaces: SessionTypes.Namespaces; readonly unmet: WcError | null }
  | { readonly kept: false; readonly error: WcError; readonly operation: WcOperation };

/** Whether an approved session may enter state, given what was asked for and `onRequiredUnmet`. */
export function admit(struct: SessionTypes.Struct, requested: NamespaceRequest | null, onRequiredUnmet: 'report' | 'disconnect'): Admission {
  let namespaces: SessionTypes.Namespaces;
  try {
    namespaces = validateSessionNamespaces(struct.namespaces);
  } catch (error) {
    // A hostile or broken grant is never kept.
    return { kept: false, error: toWcError(error, 'connect', 'invalid-peer-data'), operation: 'peer' };
  }
  const unmet = unmetError(requested, namespaces);
  // The page asked not to keep sessions that lack required items.
  if (unmet && onRequiredUnmet === 'disconnect') return { kept: false, error: unmet, operation: 'connect' };
  return { kept: true, namespaces, unmet };
}

/** `required-unmet` when the wallet left out required items the dApp asked for; else null. */
function unmetError(requested: NamespaceRequest | null, granted: SessionTypes.Namespaces): WcError | null {
  if (!requested) return null;
  const unmet = missingFrom(requested.requiredNamespaces, granted);
  if (isNothingMissing(unmet)) return null;
  return new WcError('required-unmet', `The wallet did not grant required items: ${[...unmet.chains, ...unmet.methods, ...unmet.events].join(', ')}`, {
    operation: 'connect',
    data: unmet,
  });
}
