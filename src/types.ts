import type { SessionTypes, SignClientTypes } from '@walletconnect/types';
import type { WcError } from './errors.js';

/** Lifecycle of the controller as a whole. */
export const ControllerStatus = {
  idle: 'idle',
  initializing: 'initializing',
  ready: 'ready',
  connecting: 'connecting',
  awaitingApproval: 'awaiting-approval',
  connected: 'connected',
  reconnecting: 'reconnecting',
  error: 'error',
} as const;
export type ControllerStatus = (typeof ControllerStatus)[keyof typeof ControllerStatus];

export type RelayStatus = 'disconnected' | 'connected';

/** CAIP-25 namespace as requested by a dApp: chains, methods, events (no accounts). */
export interface RequestedNamespace {
  readonly chains?: readonly string[];
  readonly methods: readonly string[];
  readonly events: readonly string[];
}
export type RequestedNamespaces = Readonly<Record<string, RequestedNamespace>>;

/** What a connect asks for: the required set is checked by the controller after approval. */
export interface NamespaceRequest {
  readonly requiredNamespaces: RequestedNamespaces;
  readonly optionalNamespaces: RequestedNamespaces;
}

/** Required chains, methods and events the wallet did not grant (empty arrays: all granted). */
export interface UnmetRequirements {
  readonly chains: readonly string[];
  readonly methods: readonly string[];
  readonly events: readonly string[];
}

/** Peer metadata exactly as stored by the SDK: untrusted, render as text only. */
export type PeerMetadata = SignClientTypes.Metadata;

/** A session's own operation in flight, or `active`; an ended session leaves the list instead. */
export type SessionStatus = 'active' | 'extending' | 'pinging' | 'disconnecting';

/** One live session: the SDK struct plus what wc-elements tracks about it. Frozen. */
export interface SessionView {
  readonly topic: string;
  readonly pairingTopic: string;
  readonly relay: { readonly protocol: string; readonly data?: string };
  /** Expiry in seconds since the epoch (SDK convention). */
  readonly expiry: number;
  readonly acknowledged: boolean;
  /** Namespaces the wallet granted (validated: malformed peer data never gets here). */
  readonly namespaces: Readonly<Record<string, Readonly<SessionTypes.Namespace>>>;
  readonly self: { readonly publicKey: string; readonly metadata: PeerMetadata };
  readonly peer: { readonly publicKey: string; readonly metadata: PeerMetadata };
  readonly sessionProperties?: Readonly<Record<string, string>>;
  /** wc-elements bookkeeping */
  readonly status: SessionStatus;
  readonly createdAt: number; // ms epoch
  readonly updatedAt: number; // ms epoch
  readonly lastError: WcError | null;
  /** What the dApp asked for (null when unknown, e.g. a session restored from another app's storage). */
  readonly requested: NamespaceRequest | null;
  /** Required items the wallet did not grant. */
  readonly unmet: UnmetRequirements;
  /** Optional items the wallet did not grant. */
  readonly notGranted: UnmetRequirements;
  /** All CAIP-2 chains granted, derived from chains and accounts. */
  readonly chains: readonly string[];
  /** All CAIP-10 accounts granted. */
  readonly accounts: readonly string[];
  /** Round-trip time of the last successful ping in ms. */
  readonly lastPingMs: number | null;
  /** The sign-in made with this session (`authenticate()`, `<wc-connect auth>`), kept across reloads; null when none. */
  readonly auth: SessionAuth | null;
}

/** A verified sign-in (SIWE / CACAO) on a session, as the controller keeps it. */
export interface SessionAuth {
  /** The signing account (as the wallet sent it). */
  readonly address: string;
  /** CAIP-2 chain of the signing account. */
  readonly chainId: string;
  /** The SIWE `domain` signed in to. */
  readonly domain: string;
  /** When the message was issued, seconds since the epoch (SDK convention). */
  readonly issuedAt: number;
  /** The message's `exp`, seconds since the epoch; null when it has none. */
  readonly expiry: number | null;
  /** True when it came from the `personal_sign` fallback (a wallet without One-Click Auth). */
  readonly fallback: boolean;
}

export interface PairingView {
  readonly topic: string;
  /** Seconds since the epoch. */
  readonly expiry: number;
  readonly active: boolean;
  readonly peer: PeerMetadata | null;
}

export interface ProposalView {
  readonly uri: string;
  readonly pairingTopic: string;
  /** Seconds since the epoch. */
  readonly expiry: number;
  readonly requested: NamespaceRequest;
  /** True when the proposal went over an existing pairing (no QR needed). */
  readonly reusedPairing: boolean;
  /** The peer of the reused pairing, when known. */
  readonly peer: PeerMetadata | null;
}

export type RequestStatus = 'pending' | 'resolved' | 'rejected' | 'expired';

export interface RequestView {
  readonly id: number;
  readonly topic: string;
  readonly chainId: string;
  readonly method: string;
  readonly params: unknown;
  readonly status: RequestStatus;
  readonly createdAt: number; // ms epoch
  /** Seconds since the epoch, when known. */
  readonly expiry: number | null;
  readonly result?: unknown;
  readonly error?: WcError;
}

export interface StatusChange {
  readonly status: ControllerStatus;
  readonly at: number; // ms epoch
}

export interface SessionState {
  readonly status: ControllerStatus;
  readonly relay: RelayStatus;
  /** Sessions sorted by expiry (soonest first). */
  readonly sessions: readonly SessionView[];
  readonly pairings: readonly PairingView[];
  readonly proposal: ProposalView | null;
  /** The session `request()` uses when no topic is given; the most recent by default. */
  readonly activeTopic: string | null;
  /** Requests still waiting for the wallet (pending only). */
  readonly pendingRequests: readonly RequestView[];
  /** Recently finished requests (bounded). */
  readonly recentRequests: readonly RequestView[];
  readonly lastError: WcError | null;
  /** Storage is memory-only: sessions will not persist across reloads. */
  readonly persistent: boolean;
  /** Bounded history of status changes. */
  readonly history: readonly StatusChange[];
}

export type SessionChangeReason = 'connect' | 'update' | 'event' | 'extend' | 'delete' | 'expire' | 'restore' | 'disconnect' | 'status' | 'ping' | 'select';
