import type { Locales } from '../../internal/strings.js';

/**
 * Every user-visible string of `<wc-namespace-picker>`. Override any entry through the element's
 * `.strings` property. Functions receive text already cleaned for display (names, hosts, counts);
 * `invalid*` receive the validator's technical detail, which names the attribute and the token.
 */
export type NamespacePickerStrings = {
  /** Accessible name of the whole picker in request mode. */
  requestLabel: string;
  /** Accessible name of the whole picker in approve mode. */
  approveLabel: string;
  empty: string;
  noProposal: string;
  chains: string;
  methods: string;
  events: string;
  required: string;
  unsupported: string;
  /** Accessible text after a chain's readable name: its raw CAIP-2 id. */
  chainId: (id: string) => string;
  moreAccounts: (count: number) => string;
  noAccount: string;
  selectionSummary: (chains: number, methods: number, events: number) => string;
  invalidRequest: (detail: string) => string;
  invalidProposal: (detail: string) => string;
  invalidWalletInput: (detail: string) => string;
  requiredUnmet: (name: string, items: string) => string;
  approveFailed: (detail: string) => string;
  /** Approve mode: the proposal expired; only Reject is left. */
  proposalExpired: (name: string) => string;
  unnamedApp: string;
  proposerAsks: (name: string) => string;
  fromHost: (host: string) => string;
  nothingToApprove: string;
  approve: string;
  approveApp: (name: string) => string;
  reject: string;
  rejectApp: (name: string) => string;
  answered: string;
};

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const en: NamespacePickerStrings = {
  requestLabel: 'Requested permissions',
  approveLabel: 'Connection request',
  empty: 'No chains requested.',
  noProposal: 'No connection request to review.',
  chains: 'Chains',
  methods: 'Methods',
  events: 'Events',
  required: 'Required',
  unsupported: 'Not supported',
  chainId: (id) => `(${id})`,
  moreAccounts: (n) => `+${n} more`,
  noAccount: 'No account',
  selectionSummary: (chains, methods, events) =>
    `Selected: ${count(chains, 'chain', 'chains')}, ${count(methods, 'method', 'methods')}, ${count(events, 'event', 'events')}`,
  invalidRequest: (detail) => `Invalid namespace request. ${detail}`,
  invalidProposal: (detail) => `This connection request is malformed and cannot be approved. ${detail}`,
  invalidWalletInput: (detail) => `Invalid wallet configuration. ${detail}`,
  requiredUnmet: (name, items) => `${name} requires ${items}, which this wallet cannot provide. Approving is not possible.`,
  approveFailed: (detail) => `These permissions cannot be approved. ${detail}`,
  proposalExpired: (name) => `The request from ${name} has expired and can no longer be approved. Only rejecting is possible.`,
  unnamedApp: 'An unnamed app',
  proposerAsks: (name) => `${name} wants to connect`,
  fromHost: (host) => `from ${host}`,
  nothingToApprove: 'Nothing selected that this wallet can approve.',
  approve: 'Approve',
  approveApp: (name) => `Approve connection to ${name}`,
  reject: 'Reject',
  rejectApp: (name) => `Reject connection to ${name}`,
  answered: 'Answer sent.',
};

const de: Partial<NamespacePickerStrings> = {
  requestLabel: 'Angeforderte Berechtigungen',
  approveLabel: 'Verbindungsanfrage',
  empty: 'Keine Chains angefordert.',
  noProposal: 'Keine Verbindungsanfrage zu prüfen.',
  chains: 'Chains',
  methods: 'Methoden',
  events: 'Ereignisse',
  required: 'Erforderlich',
  unsupported: 'Nicht unterstützt',
  chainId: (id) => `(${id})`,
  moreAccounts: (n) => `+${n} weitere`,
  noAccount: 'Kein Konto',
  selectionSummary: (chains, methods, events) =>
    `Ausgewählt: ${chains} ${chains === 1 ? 'Chain' : 'Chains'}, ${count(methods, 'Methode', 'Methoden')}, ${count(events, 'Ereignis', 'Ereignisse')}`,
  invalidRequest: (detail) => `Ungültige Namespace-Anfrage. ${detail}`,
  invalidProposal: (detail) => `Diese Verbindungsanfrage ist fehlerhaft und kann nicht genehmigt werden. ${detail}`,
  invalidWalletInput: (detail) => `Ungültige Wallet-Konfiguration. ${detail}`,
  requiredUnmet: (name, items) => `${name} verlangt ${items}; diese Wallet kann das nicht bereitstellen. Genehmigen ist nicht möglich.`,
  approveFailed: (detail) => `Diese Berechtigungen können nicht genehmigt werden. ${detail}`,
  proposalExpired: (name) => `Die Anfrage von ${name} ist abgelaufen und kann nicht mehr genehmigt werden. Nur Ablehnen ist möglich.`,
  unnamedApp: 'Eine unbenannte App',
  proposerAsks: (name) => `${name} möchte sich verbinden`,
  fromHost: (host) => `von ${host}`,
  nothingToApprove: 'Nichts ausgewählt, was diese Wallet genehmigen kann.',
  approve: 'Genehmigen',
  approveApp: (name) => `Verbindung zu ${name} genehmigen`,
  reject: 'Ablehnen',
  rejectApp: (name) => `Verbindung zu ${name} ablehnen`,
  answered: 'Antwort gesendet.',
};

export const namespacePickerStrings: Locales<NamespacePickerStrings> = { en, de };
