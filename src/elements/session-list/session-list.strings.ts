import type { Locales } from '../../internal/strings.js';

/**
 * Every user-visible string of `<wc-session-list>` (and its items). Override any entry through the
 * element's `.strings` property; functions take the cleaned session name or the values shown.
 */
export type SessionListStrings = {
  listLabel: string;
  notConfigured: string;
  loading: string;
  empty: string;
  /** Shown while the controller runs on memory storage (`state.persistent === false`). */
  notPersistent: string;
  unnamed: string;
  active: string;
  chains: string;
  accounts: string;
  /** Accessible text for one account: the full CAIP-10 id and its chain. */
  accountFull: (id: string, chain: string) => string;
  copy: string;
  copyAccount: (address: string, chain: string) => string;
  copied: string;
  copyFailed: string;
  permissions: (methods: number, events: number) => string;
  methods: string;
  events: string;
  none: string;
  unmet: string;
  notGranted: string;
  /** A session made by a sign-in: the short address and the domain signed in to. */
  signedIn: (address: string, domain: string) => string;
  /** The sign-in's own expiry (the SIWE message's `exp`), a formatted date and time. */
  signedInUntil: (date: string) => string;
  expiresIn: (relative: string) => string;
  expired: string;
  expiringSoon: string;
  requests: (count: number) => string;
  requestOn: (method: string, chain: string, age: string) => string;
  extend: string;
  extendSession: (name: string) => string;
  ping: string;
  pingSession: (name: string) => string;
  disconnect: string;
  disconnectSession: (name: string) => string;
  select: string;
  selectSession: (name: string) => string;
  pingResult: (ms: number) => string;
  pingAnnounce: (name: string, ms: number) => string;
  extendedAnnounce: (name: string) => string;
  selectedAnnounce: (name: string) => string;
  invalidSort: (value: string) => string;
  invalidExpiryWarning: (value: string) => string;
};

const en: SessionListStrings = {
  listLabel: 'Wallet sessions',
  notConfigured: 'Not configured: no WalletConnect controller is connected to this session list.',
  loading: 'Loading sessions…',
  empty: 'No wallet connected',
  notPersistent: 'Browser storage is unavailable: sessions will not be kept after this page reloads.',
  unnamed: 'Unnamed wallet',
  active: 'Active',
  chains: 'Chains',
  accounts: 'Accounts',
  accountFull: (id, chain) => `${id} (${chain})`,
  copy: 'Copy',
  copyAccount: (address, chain) => `Copy address ${address} on ${chain}`,
  copied: 'Copied',
  copyFailed: 'Copy failed',
  permissions: (methods, events) => `Permissions: ${methods} ${methods === 1 ? 'method' : 'methods'}, ${events} ${events === 1 ? 'event' : 'events'}`,
  methods: 'Methods',
  events: 'Events',
  none: 'None',
  unmet: 'Required but not granted:',
  notGranted: 'Optional, not granted:',
  signedIn: (address, domain) => `Signed in as ${address} on ${domain}`,
  signedInUntil: (date) => `Sign-in valid until ${date}`,
  expiresIn: (relative) => `Expires ${relative}`,
  expired: 'Expired',
  expiringSoon: 'Expiring soon',
  requests: (count) => `${count} pending ${count === 1 ? 'request' : 'requests'}`,
  requestOn: (method, chain, age) => `${method} on ${chain}, ${age}`,
  extend: 'Extend',
  extendSession: (name) => `Extend ${name}`,
  ping: 'Ping',
  pingSession: (name) => `Ping ${name}`,
  disconnect: 'Disconnect',
  disconnectSession: (name) => `Disconnect ${name}`,
  select: 'Make active',
  selectSession: (name) => `Make active: ${name}`,
  pingResult: (ms) => `Ping: ${ms} ms`,
  pingAnnounce: (name, ms) => `${name} answered the ping in ${ms} ms`,
  extendedAnnounce: (name) => `${name} extended`,
  selectedAnnounce: (name) => `${name} is now the active session`,
  invalidSort: (value) => `Unknown sort "${value}": sorting by expiry.`,
  invalidExpiryWarning: (value) => `Invalid expiry-warning "${value}": using 24 hours.`,
};

const de: Partial<SessionListStrings> = {
  listLabel: 'Wallet-Sitzungen',
  notConfigured: 'Nicht eingerichtet: Diese Sitzungsliste ist mit keinem WalletConnect-Controller verbunden.',
  loading: 'Sitzungen werden geladen …',
  empty: 'Keine Wallet verbunden',
  notPersistent: 'Browser-Speicher nicht verfügbar: Sitzungen gehen beim Neuladen der Seite verloren.',
  unnamed: 'Unbenannte Wallet',
  active: 'Aktiv',
  chains: 'Chains',
  accounts: 'Konten',
  accountFull: (id, chain) => `${id} (${chain})`,
  copy: 'Kopieren',
  copyAccount: (address, chain) => `Adresse ${address} auf ${chain} kopieren`,
  copied: 'Kopiert',
  copyFailed: 'Kopieren fehlgeschlagen',
  permissions: (methods, events) =>
    `Berechtigungen: ${methods} ${methods === 1 ? 'Methode' : 'Methoden'}, ${events} ${events === 1 ? 'Ereignis' : 'Ereignisse'}`,
  methods: 'Methoden',
  events: 'Ereignisse',
  none: 'Keine',
  unmet: 'Erforderlich, aber nicht gewährt:',
  notGranted: 'Optional, nicht gewährt:',
  signedIn: (address, domain) => `Angemeldet als ${address} bei ${domain}`,
  signedInUntil: (date) => `Anmeldung gültig bis ${date}`,
  expiresIn: (relative) => `Läuft ab ${relative}`,
  expired: 'Abgelaufen',
  expiringSoon: 'Läuft bald ab',
  requests: (count) => `${count} offene ${count === 1 ? 'Anfrage' : 'Anfragen'}`,
  requestOn: (method, chain, age) => `${method} auf ${chain}, ${age}`,
  extend: 'Verlängern',
  extendSession: (name) => `${name} verlängern`,
  ping: 'Ping',
  pingSession: (name) => `Ping an ${name} senden`,
  disconnect: 'Trennen',
  disconnectSession: (name) => `${name} trennen`,
  select: 'Aktiv setzen',
  selectSession: (name) => `Aktiv setzen: ${name}`,
  pingResult: (ms) => `Ping: ${ms} ms`,
  pingAnnounce: (name, ms) => `${name} hat den Ping in ${ms} ms beantwortet`,
  extendedAnnounce: (name) => `${name} verlängert`,
  selectedAnnounce: (name) => `${name} ist jetzt die aktive Sitzung`,
  invalidSort: (value) => `Unbekannte Sortierung „${value}“: sortiert nach Ablauf.`,
  invalidExpiryWarning: (value) => `Ungültiges expiry-warning „${value}“: 24 Stunden werden verwendet.`,
};

export const sessionListStrings: Locales<SessionListStrings> = { en, de };
