import { isWcError } from '../../errors.js';
import { cleanText, displayMetadata } from '../../internal/metadata.js';
import type { PeerMetadata } from '../../types.js';
import type { FlowNote, ReuseTarget } from './connect-flow.js';
import type { ConnectStrings } from './connect.strings.js';
import { formatIn } from '../../internal/formatters.js';

/** The wallet a request over a known pairing went to: the proposal's peer, the pairing's name, or "your wallet". */
export function reuseName(s: ConnectStrings, peer: PeerMetadata | null, target: ReuseTarget | null): string {
  return (peer && displayMetadata(peer, '').name) || target?.name || s.yourWallet;
}

/** The live region's text after `note`; `current` is its text now. */
export function announcement(s: ConnectStrings, lang: string, note: FlowNote, current: string): string {
  switch (note.kind) {
    case 'connecting':
      return s.statusConnecting;
    case 'proposal':
      // only over "Connecting…": a refresh or fallback keeps its more specific announcement
      return current === s.statusConnecting ? s.statusAwaiting : current;
    case 'expires-soon':
      return s.expiresSoon(formatIn(note.secondsLeft, lang));
    case 'refreshed':
      return s.refreshed;
    case 'expired':
      return s.expired;
    case 'fallback':
      return s.reuseFallback(reuseName(s, note.peer, note.target));
    case 'failed':
      return ''; // the alert says why
    case 'connected':
      return s.statusConnected(displayMetadata(note.session?.peer?.metadata, s.unknownWallet).name);
    case 'cancelled':
      return s.statusCancelled;
  }
}

/** Friendly text for the codes a connect commonly fails with, else the error's own (cleaned) message. */
export function describeError(s: ConnectStrings, error: unknown): string {
  const code = isWcError(error) ? error.code : null;
  switch (code) {
    case 'proposal-expired':
      return s.errorProposalExpired;
    case 'user-rejected':
      return s.errorUserRejected;
    case 'required-unmet':
      return s.errorRequiredUnmet;
    case 'relay-unreachable':
      return s.errorRelayUnreachable;
    case 'offline':
      return s.errorOffline;
    case 'connect-interrupted':
      return s.errorInterrupted;
    case 'auth-invalid':
      return s.errorAuthInvalid;
    case 'nonce-reused':
      return s.errorNonceReused;
    default:
      return (error instanceof Error && cleanText(error.message, 300)) || s.errorGeneric;
  }
}
