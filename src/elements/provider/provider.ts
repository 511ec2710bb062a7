import { LitElement, css, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { SessionController } from '../../controller/session-controller.js';
import type { SessionControllerApi } from '../../controller/api.js';
import { provideSessionController, type ProvidedController } from '../../lit/provide.js';
import { outgoingUrlProblem, type SessionControllerOptions } from '../../controller/options.js';
import { WcError } from '../../errors.js';
import { AttributeErrors } from '../../internal/attribute-errors.js';
import { parseNamespaceAttributes, hasAnyNamespace } from '../../internal/namespace-attributes.js';
import type { NamespaceRequest } from '../../types.js';
import { NamespaceAttributesMixin } from '../../internal/namespace-attributes-mixin.js';

/** Attributes that configure the controller: changing one builds a new one. */
const CONFIG_PROPS = [
  'projectId',
  'relayUrl',
  'appName',
  'appDescription',
  'appUrl',
  'appIcon',
  'storagePrefix',
  'verify',
  'telemetry',
  'requiredUnmet',
  'proposalTtl',
  'chains',
  'optionalChains',
  'methods',
  'optionalMethods',
  'events',
  'optionalEvents',
] as const;

/** Why `scope` is refused, or null for `children`, `document` or none. */
function scopeError(scope: string | null): WcError | null {
  if (scope === null || scope === 'children' || scope === 'document') return null;
  return new WcError('invalid-option', `scope: ${JSON.stringify(scope.slice(0, 80))} must be "children" or "document"; "children" is used`, {
    operation: 'attribute',
    data: { attribute: 'scope', token: scope },
  });
}

/**
 * @tagname wc-provider
 * @summary Builds a SessionController from its attributes and shares it with every wc-element
 * inside it (or, with `scope="document"`, on the whole page). Renders nothing of its own.
 *
 * @slot - Any content; wc-elements inside use this provider's controller.
 *
 * @fires wc-ready - the controller finished initialising
 * @fires wc-state-change - every snapshot replacement
 * @fires wc-status-change - the controller's status changed
 * @fires wc-relay-change - the relay socket connected or dropped
 * @fires wc-session-change - sessions added, updated or removed
 * @fires wc-pairing-change - pairings changed
 * @fires wc-proposal - a `wc:` URI is ready
 * @fires wc-proposal-expire - the open proposal expired
 * @fires wc-session-event - the wallet emitted an event
 * @fires wc-request - a request changed state
 * @fires wc-error - an operation or the configuration failed; a bad attribute once
 *
 * @example
 * ```html
 * <wc-provider project-id="YOUR_PROJECT_ID" app-name="My dApp" chains="eip155:1" methods="personal_sign">
 *   <wc-connect></wc-connect>
 *   <wc-session-list></wc-session-list>
 * </wc-provider>
 * ```
 */
export class WcProvider extends NamespaceAttributesMixin(LitElement) {
  static override styles = css`
    :host {
      display: contents;
    }
    /* color-scheme inherits (display: contents included): a theme here reaches every element inside */
    :host([theme='light']) {
      color-scheme: light;
    }
    :host([theme='dark']) {
      color-scheme: dark;
    }
  `;

  /** WalletConnect Cloud project id (required on the public relay network). */
  @property({ attribute: 'project-id' }) accessor projectId: string | null = null;
  /** Relay WebSocket URL; default the public relay `wss://relay.walletconnect.org`. */
  @property({ attribute: 'relay-url' }) accessor relayUrl: string | null = null;
  /** The dApp's name shown to wallets (`metadata.name`; default: from the page). */
  @property({ attribute: 'app-name' }) accessor appName: string | null = null;
  /** The dApp's one-line description shown to wallets (`metadata.description`). */
  @property({ attribute: 'app-description' }) accessor appDescription: string | null = null;
  /** Sent to wallets: `https:` (`http:` only on loopback); a refused value is left out, with a wc-error. */
  @property({ attribute: 'app-url' }) accessor appUrl: string | null = null;
  /** Sent to wallets: `https:` (`http:` only on loopback) or a raster `data:image/…;base64`; likewise. */
  @property({ attribute: 'app-icon' }) accessor appIcon: string | null = null;
  /** Storage namespace; default `wc-elements`, or `wc-elements-<id>` when the provider has an id. */
  @property({ attribute: 'storage-prefix' }) accessor storagePrefix: string | null = null;
  /** `auto` (default: on only for the public relay), `true` or `false`. */
  @property({ attribute: 'verify' }) accessor verify: string | null = null;
  /** Send WalletConnect telemetry (off unless present). */
  @property({ attribute: 'telemetry', type: Boolean }) accessor telemetry = false;
  /** `report` (default) or `disconnect` when the wallet does not grant every required item. */
  @property({ attribute: 'required-unmet' }) accessor requiredUnmet: string | null = null;
  /** Seconds a proposal waits for the wallet (at most 300). */
  @property({ attribute: 'proposal-ttl', type: Number }) accessor proposalTtl: number | null = null;
  /** `document` provides to wc-elements anywhere on the page, not only inside. */
  @property({ attribute: 'scope' }) accessor scope: 'children' | 'document' | null = null;
  /**
   * Colour scheme of the wc-elements inside: `light` or `dark` pins it; `auto` (or unset, the
   * default) follows the page's `color-scheme`, light when the page sets none.
   */
  @property({ attribute: 'theme', reflect: true }) accessor theme: 'auto' | 'light' | 'dark' | null = null;

  readonly #errors = new AttributeErrors(this);
  #built: SessionController | null = null;
  #explicit: SessionControllerApi | null = null;
  #provided: ProvidedController | null = null;
  #providedOn: HTMLElement | null = null;
  #disposeTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * The controller in use. Set one made by script to use it instead of building one from the
   * attributes (the provider then never disposes it).
   */
  get controller(): SessionControllerApi | null {
    return this.#explicit ?? this.#built;
  }
  set controller(value: SessionControllerApi | null) {
    if (value === this.#explicit) return;
    this.#explicit = value;
    if (value) this.#dropBuilt();
    else if (this.isConnected) this.#build();
    this.#provide();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#disposeTimer) {
      // Moved within the page: keep the controller and its sessions' socket.
      clearTimeout(this.#disposeTimer);
      this.#disposeTimer = null;
    }
    if (!this.controller) this.#build();
    this.#provide();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#disposeTimer = setTimeout(() => {
      this.#disposeTimer = null;
      this.#provided?.dispose();
      this.#provided = null;
      this.#providedOn = null;
      this.#dropBuilt();
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    // Reported after this update (hostUpdated); a bad value provides to the children, the default.
    if (changed.has('scope')) this.#errors.set('scope', scopeError(this.scope));
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (changed.has('scope')) this.#provide();
    const configChanged = CONFIG_PROPS.some((p) => changed.has(p) && changed.get(p) !== undefined);
    if (configChanged && this.#built) {
      this.#dropBuilt();
      this.#build();
      this.#provide();
    }
  }

  protected override render() {
    // Children stay in the light DOM where the page put them; the slot only shows them.
    return html`<slot></slot>`;
  }

  /** The options the attributes describe (exposed for tests and for building a controller by hand). */
  get options(): SessionControllerOptions {
    const metadata: Record<string, unknown> = {};
    if (this.appName) metadata['name'] = this.appName;
    if (this.appDescription) metadata['description'] = this.appDescription;
    const refused = this.#refusedMetadata();
    if (this.appUrl && !refused.has('app-url')) metadata['url'] = this.appUrl;
    if (this.appIcon && !refused.has('app-icon')) metadata['icons'] = [this.appIcon];
    const verify =
      this.verify === null || this.verify === 'auto'
        ? 'auto'
        : this.verify === 'true' || this.verify === ''
          ? true
          : this.verify === 'false'
            ? false
            : (this.verify as unknown as boolean);
    const { defaults } = this.#readDefaults();
    return {
      ...(this.projectId ? { projectId: this.projectId } : {}),
      ...(this.relayUrl ? { relayUrl: this.relayUrl } : {}),
      ...(Object.keys(metadata).length ? { metadata } : {}),
      storagePrefix: this.storagePrefix ?? (this.id ? `wc-elements-${this.id}` : 'wc-elements'),
      verify,
      telemetry: this.telemetry,
      ...(this.requiredUnmet ? { onRequiredUnmet: this.requiredUnmet as 'report' | 'disconnect' } : {}),
      ...(this.proposalTtl !== null ? { proposalTtl: this.proposalTtl } : {}),
      ...(defaults ? { defaultNamespaces: defaults } : {}),
    };
  }

  /** The default namespaces the attributes describe, or the error that stops them (no side effect). */
  #readDefaults(): { defaults: NamespaceRequest | null; error: WcError | null } {
    try {
      const request = parseNamespaceAttributes(this);
      return { defaults: hasAnyNamespace(request) ? request : null, error: null };
    } catch (error) {
      return { defaults: null, error: error as WcError };
    }
  }

  /**
   * `app-url` / `app-icon` values that may not go out to wallets, each with its error. They are
   * left out of `options` (the page's defaults apply) and announced once per controller built.
   */
  #refusedMetadata(): Map<'app-url' | 'app-icon', WcError> {
    const out = new Map<'app-url' | 'app-icon', WcError>();
    const check = (attribute: 'app-url' | 'app-icon', value: string | null, kind: 'url' | 'icon') => {
      const problem = value ? outgoingUrlProblem(value, kind) : null;
      if (problem) {
        out.set(attribute, new WcError('invalid-option', `${attribute}: ${problem}`, { operation: 'attribute', data: { attribute, token: value } }));
      }
    };
    check('app-url', this.appUrl, 'url');
    check('app-icon', this.appIcon, 'icon');
    return out;
  }

  #build(): void {
    if (this.#explicit || this.#built) return;
    const controller = new SessionController(this.options);
    this.#built = controller;
    // A bad namespace attribute is announced once per controller built; the provider renders
    // nothing, so the event is how the page learns of it (the controller runs without defaults).
    const refused = this.#refusedMetadata();
    for (const attribute of ['app-url', 'app-icon', 'namespaces'] as const) this.#errors.forget(attribute);
    this.#errors.set('app-url', refused.get('app-url') ?? null);
    this.#errors.set('app-icon', refused.get('app-icon') ?? null);
    this.#errors.set('namespaces', this.#readDefaults().error);
    queueMicrotask(this.#errors.flush);
    // Errors are reported by the controller (state + wc-error); nothing may go unhandled.
    controller.init().catch(() => {});
  }

  #dropBuilt(): void {
    const built = this.#built;
    this.#built = null;
    void built?.dispose();
  }

  #provide(): void {
    if (!this.isConnected) return;
    const on = this.scope === 'document' ? this.ownerDocument.body : this;
    if (this.#provided && this.#providedOn !== on) {
      this.#provided.dispose();
      this.#provided = null;
    }
    const controller = this.controller ?? undefined;
    if (!this.#provided) {
      this.#provided = provideSessionController(on, controller, this);
      this.#providedOn = on;
    } else {
      this.#provided.setController(controller);
    }
  }
}
