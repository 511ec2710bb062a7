/**
 * wc-elements public API, named one by one; nothing from internal/. Importing this module registers no tags and touches no
 * DOM global, so server-rendered apps can import it in Node. `define.js` (every tag) and
 * `<element>/define.js` (one tag each) register them; the CDN bundle (dist/wc-elements.js) is built
 * from src/define.ts, so loading it defines the tags (each only where it is free).
 */
import type { WcProvider } from './elements/provider/provider.js';
import type { WcConnect } from './elements/connect/connect.js';
import type { WcSessionList } from './elements/session-list/session-list.js';
import type { WcNamespacePicker } from './elements/namespace-picker/namespace-picker.js';

// Here, not only in the define files, so `document.querySelector('wc-connect')` is a WcConnect for
// every importer of the package's main entry. (The define files repeat these lines for their own tag.)
declare global {
  interface HTMLElementTagNameMap {
    'wc-provider': WcProvider;
    'wc-connect': WcConnect;
    'wc-session-list': WcSessionList;
    'wc-namespace-picker': WcNamespacePicker;
  }
}

export { SessionController } from './controller/session-controller.js';
export type { SessionControllerOptions } from './controller/options.js';
export { PUBLIC_RELAY_URL, DEFAULT_STORAGE_PREFIX } from './controller/options.js';
export type { SessionControllerApi, ConnectOptions, RequestOptions, AuthenticateParams, AuthResult } from './controller/api.js';
export { SessionConsumer } from './lit/session-consumer.js';
export { provideSessionController, ensureContextRoot } from './lit/provide.js';
export type { ProvidedController } from './lit/provide.js';
export { sessionControllerContext } from './lit/context.js';
export { WcError, isWcError } from './errors.js';
export { createEip1193Provider } from './eip1193/provider.js';
export type { Eip1193Provider, Eip1193ProviderOptions, Eip1193RequestArguments, Eip1193Events } from './eip1193/provider.js';
export { ProviderRpcError, RpcErrorCode } from './eip1193/errors.js';
export type { WcErrorCode, WcOperation } from './errors.js';
export {
  WcEvent,
  WcStateChangeEvent,
  WcReadyEvent,
  WcStatusChangeEvent,
  WcRelayChangeEvent,
  WcSessionChangeEvent,
  WcPairingChangeEvent,
  WcProposalEvent,
  WcProposalExpireEvent,
  WcSessionEventEvent,
  WcRequestEvent,
  WcErrorEvent,
  WcDisconnectRequestEvent,
  WcSessionSelectEvent,
  WcUriCopyEvent,
  WcNamespaceChangeEvent,
  WcNamespaceApproveEvent,
  WcNamespaceRejectEvent,
  WcAuthEvent,
  controllerEventNames,
} from './events.js';
export type { WcControllerEventMap, WcElementEventMap } from './events.js';
export { ControllerStatus } from './types.js';
export type {
  SessionState,
  SessionView,
  SessionAuth,
  PairingView,
  ProposalView,
  RequestView,
  RequestStatus,
  RelayStatus,
  SessionStatus,
  SessionChangeReason,
  StatusChange,
  NamespaceRequest,
  RequestedNamespace,
  RequestedNamespaces,
  UnmetRequirements,
  PeerMetadata,
} from './types.js';
export { isCaip2, isCaip10, parseCaip10, validateRequestedNamespaces, validateSessionNamespaces, chainsOf, accountsOf, missingFrom } from './caip.js';
export type { Caip10 } from './caip.js';
export { parseNamespaceAttributes } from './namespace-attributes.js';
export type { NamespaceAttributes } from './namespace-attributes.js';
export { MemoryStorage } from './memory-storage.js';
export { displayMetadata } from './metadata.js';
export type { DisplayMetadata } from './metadata.js';
export { chainName } from './chains.js';
export { WcProvider } from './elements/provider/provider.js';
export { WcConnect } from './elements/connect/connect.js';
export { WcSessionList } from './elements/session-list/session-list.js';
export { WcNamespacePicker } from './elements/namespace-picker/namespace-picker.js';
export { connectStrings, sessionListStrings, namespacePickerStrings, registerStrings } from './strings.js';
export type { AuthParamsInput } from './elements/connect/connect-auth.js';
export type { ConnectStrings, SessionListStrings, NamespacePickerStrings, Locales, StringTable, LanguageStrings } from './strings.js';
