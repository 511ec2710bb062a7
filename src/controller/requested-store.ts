import { validateRequestedNamespaces } from '../caip.js';
import type { WcError } from '../errors.js';
import type { NamespaceRequest } from '../types.js';
import { TopicStore } from './topic-store.js';

/** Where the controller keeps what each session was asked for (the SDK forgets required items). */
const REQUESTED_KEY = 'wc-elements//requested';

export interface StoredRequested {
  readonly requested: NamespaceRequest;
  readonly createdAt: number;
}

/** A stored entry as what a session asked for, or null when it does not validate (storage is not trusted). */
function readRequested(entry: unknown): StoredRequested | null {
  const e = entry as Partial<StoredRequested> | null | undefined;
  try {
    return Object.freeze({
      requested: Object.freeze({
        requiredNamespaces: validateRequestedNamespaces(e?.requested?.requiredNamespaces),
        optionalNamespaces: validateRequestedNamespaces(e?.requested?.optionalNamespaces),
      }),
      createdAt: typeof e?.createdAt === 'number' ? e.createdAt : Date.now(),
    });
  } catch {
    return null; // a bad entry only loses the requested-vs-granted comparison for that session
  }
}

/**
 * What each session asked for, by topic, persisted beside the SDK's own records so the required-vs-
 * granted comparison survives a reload.
 */
export class RequestedStore extends TopicStore<StoredRequested> {
  constructor(onError: (error: WcError) => void) {
    super(REQUESTED_KEY, readRequested, onError);
  }

  remember(topic: string, requested: NamespaceRequest, createdAt: number): void {
    this.put(topic, Object.freeze({ requested, createdAt }));
  }
}
