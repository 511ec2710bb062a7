import type { Locales } from '../../internal/strings.js';

/**
 * Every user-visible string of `<wc-connect>`. Override any entry through the element's `.strings`
 * property. Functions receive text already cleaned for display (wallet names, formatted times).
 */
export type ConnectStrings = {
  connect: string;
  connectAnother: string;
  reconnect: (wallet: string) => string;
  yourWallet: string;
  unknownWallet: string;
  notConfigured: string;
  pickerInvalid: string;
  invalidSetting: (detail: string) => string;
  dialogTitle: string;
  generating: string;
  scanHint: string;
  qrLabel: string;
  qrUnavailable: string;
  uriLabel: string;
  copy: string;
  copied: string;
  copyFailed: string;
  openWallet: string;
  walletLinksLabel: string;
  openIn: (wallet: string) => string;
  countdownLabel: string;
  expiresSoon: (relative: string) => string;
  refreshed: string;
  expired: string;
  /** Above the fresh code shown after a reload interrupted a connect. */
  interrupted: string;
  tryAgain: string;
  cancel: string;
  requestSent: (wallet: string) => string;
  useQr: string;
  reuseFallback: (wallet: string) => string;
  sessionLabel: string;
  disconnect: string;
  disconnectSession: (wallet: string) => string;
  statusConnecting: string;
  statusAwaiting: string;
  statusConnected: (wallet: string) => string;
  statusCancelled: string;
  statusDisconnected: (wallet: string) => string;
  errorProposalExpired: string;
  errorUserRejected: string;
  errorRequiredUnmet: string;
  errorRelayUnreachable: string;
  errorOffline: string;
  /** A reload interrupted a connect, and no fresh code is shown (the element cannot connect now). */
  errorInterrupted: string;
  errorGeneric: string;
  /** `<wc-connect auth>`: the button, the dialog title, the announcement once signed in. */
  signIn: string;
  signInTitle: string;
  statusSignedIn: (wallet: string) => string;
  errorAuthInvalid: string;
  errorNonceReused: string;
};

const en: ConnectStrings = {
  connect: 'Connect wallet',
  connectAnother: 'Connect another wallet',
  reconnect: (wallet) => `Reconnect to ${wallet}`,
  yourWallet: 'your wallet',
  unknownWallet: 'Unknown wallet',
  notConfigured: 'Not configured: no WalletConnect controller is connected to this button.',
  pickerInvalid: 'Choose the networks to connect with first.',
  invalidSetting: (detail) => `Invalid setting: ${detail}`,
  dialogTitle: 'Connect a wallet',
  generating: 'Preparing a connection code…',
  scanHint: 'Scan the code with your wallet app, or copy the link into it.',
  qrLabel: 'QR code for connecting a wallet',
  qrUnavailable: 'The QR code could not be drawn. Copy the link instead.',
  uriLabel: 'Connection link',
  copy: 'Copy link',
  copied: 'Link copied',
  copyFailed: 'Could not copy. Select the link and copy it yourself.',
  openWallet: 'Open wallet',
  walletLinksLabel: 'Open in a wallet app',
  openIn: (wallet) => `Open in ${wallet}`,
  countdownLabel: 'Code expires in',
  expiresSoon: (relative) => `The code expires ${relative}.`,
  refreshed: 'The code expired. A new code is shown.',
  expired: 'The code expired.',
  interrupted: 'The last connection attempt was interrupted when the page reloaded. Scan this new code.',
  tryAgain: 'Try again',
  cancel: 'Cancel',
  requestSent: (wallet) => `Request sent to ${wallet} — check your wallet`,
  useQr: 'Use a QR code instead',
  reuseFallback: (wallet) => `No answer from ${wallet}. Scan the QR code instead.`,
  sessionLabel: 'Connected wallet',
  disconnect: 'Disconnect',
  disconnectSession: (wallet) => `Disconnect ${wallet}`,
  statusConnecting: 'Connecting…',
  statusAwaiting: 'Waiting for approval in your wallet…',
  statusConnected: (wallet) => `Connected to ${wallet}`,
  statusCancelled: 'Connection cancelled',
  statusDisconnected: (wallet) => `Disconnected from ${wallet}`,
  errorProposalExpired: 'The connection code expired before the wallet answered.',
  errorUserRejected: 'The connection was rejected in the wallet.',
  errorRequiredUnmet: 'The wallet did not grant every network or permission this site needs.',
  errorRelayUnreachable: 'Could not reach the WalletConnect relay. Check your connection and try again.',
  errorOffline: 'You are offline. Reconnect to the internet and try again.',
  errorInterrupted: 'The last connection attempt was interrupted when the page reloaded. Connect again.',
  errorGeneric: 'Something went wrong. Try again.',
  signIn: 'Sign in with wallet',
  signInTitle: 'Sign in with your wallet',
  statusSignedIn: (wallet) => `Signed in with ${wallet}`,
  errorAuthInvalid: 'The sign-in could not be verified. Try again.',
  errorNonceReused: 'This sign-in request was already used. Reload the page and try again.',
};

const de: Partial<ConnectStrings> = {
  connect: 'Wallet verbinden',
  connectAnother: 'Weitere Wallet verbinden',
  reconnect: (wallet) => `Erneut mit ${wallet} verbinden`,
  yourWallet: 'deine Wallet',
  unknownWallet: 'Unbekannte Wallet',
  notConfigured: 'Nicht eingerichtet: Diese Schaltfläche ist mit keinem WalletConnect-Controller verbunden.',
  pickerInvalid: 'Wähle zuerst die Netzwerke für die Verbindung aus.',
  invalidSetting: (detail) => `Ungültige Einstellung: ${detail}`,
  dialogTitle: 'Wallet verbinden',
  generating: 'Verbindungscode wird erstellt…',
  scanHint: 'Scanne den Code mit deiner Wallet-App oder kopiere den Link hinein.',
  qrLabel: 'QR-Code zum Verbinden einer Wallet',
  qrUnavailable: 'Der QR-Code konnte nicht gezeichnet werden. Kopiere stattdessen den Link.',
  uriLabel: 'Verbindungslink',
  copy: 'Link kopieren',
  copied: 'Link kopiert',
  copyFailed: 'Kopieren fehlgeschlagen. Markiere den Link und kopiere ihn selbst.',
  openWallet: 'Wallet öffnen',
  walletLinksLabel: 'In einer Wallet-App öffnen',
  openIn: (wallet) => `In ${wallet} öffnen`,
  countdownLabel: 'Code läuft ab in',
  expiresSoon: (relative) => `Der Code läuft ${relative} ab.`,
  refreshed: 'Der Code ist abgelaufen. Ein neuer Code wird angezeigt.',
  expired: 'Der Code ist abgelaufen.',
  interrupted: 'Der letzte Verbindungsversuch wurde durch das Neuladen der Seite unterbrochen. Scanne diesen neuen Code.',
  tryAgain: 'Erneut versuchen',
  cancel: 'Abbrechen',
  requestSent: (wallet) => `Anfrage an ${wallet} gesendet — sieh in deiner Wallet nach`,
  useQr: 'Stattdessen QR-Code verwenden',
  reuseFallback: (wallet) => `Keine Antwort von ${wallet}. Scanne stattdessen den QR-Code.`,
  sessionLabel: 'Verbundene Wallet',
  disconnect: 'Trennen',
  disconnectSession: (wallet) => `${wallet} trennen`,
  statusConnecting: 'Verbindung wird hergestellt…',
  statusAwaiting: 'Warte auf Bestätigung in deiner Wallet…',
  statusConnected: (wallet) => `Verbunden mit ${wallet}`,
  statusCancelled: 'Verbindung abgebrochen',
  statusDisconnected: (wallet) => `Verbindung zu ${wallet} getrennt`,
  errorProposalExpired: 'Der Verbindungscode ist abgelaufen, bevor die Wallet geantwortet hat.',
  errorUserRejected: 'Die Verbindung wurde in der Wallet abgelehnt.',
  errorRequiredUnmet: 'Die Wallet hat nicht alle Netzwerke oder Berechtigungen freigegeben, die diese Seite braucht.',
  errorRelayUnreachable: 'Das WalletConnect-Relay ist nicht erreichbar. Prüfe deine Verbindung und versuche es erneut.',
  errorOffline: 'Du bist offline. Stelle die Internetverbindung wieder her und versuche es erneut.',
  errorInterrupted: 'Der letzte Verbindungsversuch wurde durch das Neuladen der Seite unterbrochen. Verbinde dich erneut.',
  errorGeneric: 'Etwas ist schiefgelaufen. Versuche es erneut.',
  signIn: 'Mit Wallet anmelden',
  signInTitle: 'Mit deiner Wallet anmelden',
  statusSignedIn: (wallet) => `Angemeldet mit ${wallet}`,
  errorAuthInvalid: 'Die Anmeldung konnte nicht bestätigt werden. Versuche es erneut.',
  errorNonceReused: 'Diese Anmeldeanfrage wurde schon verwendet. Lade die Seite neu und versuche es erneut.',
};

export const connectStrings: Locales<ConnectStrings> = { en, de };
