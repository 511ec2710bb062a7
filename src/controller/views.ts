import type { ISignClient, PairingTypes, SessionTypes } from '@walletconnect/types';
import { accountsOf, chainsOf, missingFrom, NOTHING_MISSING } from '../caip.js';
import type { WcError } from '../errors.js';
import type { NamespaceRequest, PairingView, PeerMetadata, SessionAuth, SessionStatus, SessionView } from '../types.js';

/** Longest text kept from peer metadata; display clamps further. Bounds memory against 200 KB names. */
const META_TEXT_MAX = 1024;
const META_ICONS_MAX = 8;

const text = (v: unknown, max = META_TEXT_MAX) => (typeof v === 'string' ? v.slice(0, max) : '');

/** A frozen, bounded copy of metadata as sent: still untrusted, but of the declared shape. */
function copyMetadata(meta: unknown): PeerMetadata {
  const m = (typeof meta === 'object' && meta !== null ? meta : {}) as Record<string, unknown>;
  const icons = Array.isArray(m['icons']) ? m['icons'].filter((i): i is string => typeof i === 'string').slice(0, META_ICONS_MAX) : [];
  return Object.freeze({
    name: text(m['name']),
    description: text(m['description']),
    url: text(m['url'], 2048),
    icons: Object.freeze(icons.map((i) => i.slice(0, 64 * 1024))) as string[],
  });
}

/** What the controller tracks per session beside the SDK struct. */
export interface SessionMeta {
  status: SessionStatus;
  createdAt: number;
  updatedAt: number;
  lastError: WcError | null;
  lastPingMs: number | null;
  /** The last namespaces that passed validation. */
  namespaces: SessionTypes.Namespaces;
  /** The verified sign-in made with this session, if any (auth-store.ts keeps it). */
  auth: SessionAuth | null;
}

function freezeNamespaces(ns: SessionTypes.Namespaces): SessionView['namespaces'] {
  const out: Record<string, SessionTypes.Namespace> = {};
  for (const [key, v] of Object.entries(ns)) {
    out[key] = Object.freeze({
      ...(v.chains ? { chains: Object.freeze([...v.chains]) as string[] } : {}),
      accounts: Object.freeze([...v.accounts]) as string[],
      methods: Object.freeze([...v.methods]) as string[],
      events: Object.freeze([...v.events]) as string[],
    });
  }
  return Object.freeze(out);
}

export function buildSessionView(struct: SessionTypes.Struct, meta: SessionMeta, requested: NamespaceRequest | null): SessionView {
  const namespaces = freezeNamespaces(meta.namespaces);
  const props = struct.sessionProperties;
  return Object.freeze({
    topic: struct.topic,
    pairingTopic: struct.pairingTopic,
    relay: Object.freeze({ protocol: String(struct.relay?.protocol ?? 'irn'), ...(struct.relay?.data ? { data: String(struct.relay.data) } : {}) }),
    expiry: struct.expiry,
    acknowledged: struct.acknowledged === true,
    namespaces,
    self: Object.freeze({ publicKey: String(struct.self.publicKey), metadata: copyMetadata(struct.self.metadata) }),
    peer: Object.freeze({ publicKey: String(struct.peer.publicKey), metadata: copyMetadata(struct.peer.metadata) }),
    ...(props && typeof props === 'object' ? { sessionProperties: Object.freeze({ ...props }) } : {}),
    status: meta.status,
    createdAt: meta.createdAt,
    updatedAt: meta.updatedAt,
    lastError: meta.lastError,
    requested,
    unmet: requested ? missingFrom(requested.requiredNamespaces, namespaces) : NOTHING_MISSING,
    notGranted: requested ? missingFrom(requested.optionalNamespaces, namespaces) : NOTHING_MISSING,
    chains: Object.freeze(chainsOf(namespaces)),
    accounts: Object.freeze(accountsOf(namespaces)),
    lastPingMs: meta.lastPingMs,
    auth: meta.auth,
  });
}

function buildPairingView(p: PairingTypes.Struct): PairingView {
  return Object.freeze({
    topic: p.topic,
    expiry: p.expiry,
    active: p.active === true,
    peer: p.peerMetadata ? copyMetadata(p.peerMetadata) : null,
  });
}

function samePairings(a: readonly PairingView[], b: readonly PairingView[]): boolean {
  return (
    a.length === b.length &&
    a.every((p, i) => {
      const q = b[i];
      return q !== undefined && p.topic === q.topic && p.active === q.active && p.expiry === q.expiry && (p.peer?.name ?? null) === (q.peer?.name ?? null);
    })
  );
}

/** The client's unexpired pairings, latest expiry first; `previous` itself when nothing changed. */
export function pairingViewsOf(client: ISignClient | null, previous: readonly PairingView[]): readonly PairingView[] {
  if (!client) return previous;
  const now = Math.floor(Date.now() / 1000);
  const next = client.core.pairing
    .getPairings()
    .filter((p) => p.expiry > now)
    .map(buildPairingView)
    .sort((a, b) => b.expiry - a.expiry);
  return samePairings(next, previous) ? previous : Object.freeze(next);
}
