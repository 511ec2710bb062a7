/**
 * wc-elements public API, named one by one; nothing from internal/. Importing this module registers
 * no tags: src/define.ts does, and it is the entry of the published bundle (dist/wc-elements.js), so
 * importing the package defines the tags (each only where it is free).
 */
export { SessionController } from './controller/session-controller.js';
export type { SessionControllerOptions } from './controller/options.js';
export { PUBLIC_RELAY_URL, DEFAULT_STORAGE_PREFIX } from './controller/options.js';
export type { SessionControllerApi, ConnectOptions, RequestOptions } from './controller/api.js';
export { SessionConsumer } from './lit/session-consumer.js';
export { provideSessionController, ensureContextRoot } from './lit/provide.js';
export type { ProvidedController } from './lit/provide.js';
export { sessionControllerContext } from './lit/context.js';
export { WcError, isWcError } from './errors.js';
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
  controllerEventNames,
} from './events.js';
export type { WcControllerEventMap, WcElementEventMap } from './events.js';
export { ControllerStatus } from './types.js';
export type {
  SessionState,
  SessionView,
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
export {
  isCaip2,
  isCaip10,
  parseCaip10,
  validateRequestedNamespaces,
  validateSessionNamespaces,
  chainsOf,
  accountsOf,
  missingFrom,
} from './caip.js';
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
export { connectStrings, sessionListStrings, namespacePickerStrings } from './strings.js';
export type { ConnectStrings, SessionListStrings, NamespacePickerStrings, Locales, StringTable } from './strings.js';
