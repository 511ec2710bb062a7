import type { ReactiveControllerHost } from 'lit';
import type { ConnectOptions, SessionControllerApi } from '../../controller/api.js';
import { WcError, isWcError } from '../../errors.js';
import { AttributeErrors } from '../../internal/attribute-errors.js';
import { displayMetadata } from '../../internal/metadata.js';
import { hasNamespaceAttributes, namespaceAttributesOf, parseNamespaceAttributes, type NamespaceAttributes } from '../../internal/namespace-attributes.js';
import type { PeerMetadata, SessionState } from '../../types.js';
import type { ReuseTarget } from './connect-flow.js';
import { findPicker, isAwaitingUpgrade, pickerSource, type NamespaceSource } from './namespace-source.js';
import { parseWalletLinks, type WalletLinks } from './wallet-links.js';

/** The attribute groups that can be invalid; the key of each shown error. */
export type ConfigSource = 'namespaces' | 'wallet-links' | 'pairing-topic' | 'mode' | 'max-refresh' | 'reuse-timeout';

/** What `<wc-connect>` configures itself from. */
export interface ConnectConfigHost extends ReactiveControllerHost, HTMLElement, NamespaceAttributes {
  readonly picker: string | null;
  readonly walletLinks: string | null;
  readonly pairingTopic: string | null;
  readonly mode: string;
  /** Null when the attribute was removed (Lit's Number converter). */
  readonly maxRefresh: number | null;
  readonly reuseTimeout: number | null;
}

/** The defaults of `max-refresh` and `reuse-timeout` (seconds), used too while the attribute is invalid. */
export const DEFAULT_MAX_REFRESH = 3;
export const DEFAULT_REUSE_TIMEOUT = 30;

/** Reconnect buttons offered at most. */
const MAX_REUSE = 3;
const TOPIC_RE = /^[0-9a-f]{64}$/i;

/**
 * `<wc-connect>`'s attributes read as configuration: where the namespaces come from (picker, own
 * attributes, the controller's defaults), the wallet links, the pairings to offer "Reconnect" for,
 * and the invalid attributes — each new error is shown and fired once as `wc-error`.
 */
export class ConnectConfig {
  readonly #host: ConnectConfigHost;
  readonly #controller: () => SessionControllerApi | null;
  readonly #errors: AttributeErrors;
  #namespaceKey: string | null = null;
  #linksKey: string | null | undefined = undefined;
  #links: WalletLinks = { links: [], error: null };
  #awaitingPicker = false;

  constructor(host: ConnectConfigHost, controller: () => SessionControllerApi | null) {
    this.#host = host;
    this.#controller = controller;
    this.#errors = new AttributeErrors(host);
  }

  /** The invalid attributes, by group (keys are `ConfigSource`s); each new one fires `wc-error` after the update. */
  get errors(): Pick<AttributeErrors, 'has' | 'size' | 'entries'> {
    return this.#errors;
  }

  get links(): WalletLinks {
    return this.#links;
  }

  /** `max-refresh` and `reuse-timeout` as the flow uses them: the default for a missing or invalid value. */
  limits(): { maxRefresh: number; reuseTimeout: number } {
    const { maxRefresh, reuseTimeout } = this.#host;
    return {
      maxRefresh: maxRefresh !== null && !this.#errors.has('max-refresh') ? maxRefresh : DEFAULT_MAX_REFRESH,
      reuseTimeout: reuseTimeout !== null && !this.#errors.has('reuse-timeout') ? reuseTimeout : DEFAULT_REUSE_TIMEOUT,
    };
  }

  /** Re-reads the attributes that changed; call in `willUpdate`. */
  update(): void {
    const host = this.#host;
    const namespaceKey = JSON.stringify(namespaceAttributesOf(host));
    if (namespaceKey !== this.#namespaceKey) {
      this.#namespaceKey = namespaceKey;
      let error: WcError | null = null;
      try {
        parseNamespaceAttributes(host);
      } catch (e) {
        error = isWcError(e) ? e : new WcError('invalid-namespace', String(e), { operation: 'attribute', cause: e });
      }
      this.#errors.set('namespaces', error);
    }
    if (host.walletLinks !== this.#linksKey) {
      this.#linksKey = host.walletLinks;
      this.#links = parseWalletLinks(host.walletLinks);
      this.#errors.set('wallet-links', this.#links.error);
    }
    const topic = host.pairingTopic;
    this.#errors.set(
      'pairing-topic',
      topic && !TOPIC_RE.test(topic)
        ? new WcError('invalid-option', `pairing-topic: ${JSON.stringify(topic.slice(0, 80))} is not a 64-character hex topic`, {
            operation: 'attribute',
            data: { attribute: 'pairing-topic', token: topic },
          })
        : null,
    );
    const { mode, maxRefresh, reuseTimeout } = host;
    this.#errors.set('mode', mode === 'dialog' || mode === 'inline' ? null : this.#invalid('mode', mode, 'must be "dialog" or "inline"'));
    this.#errors.set(
      'max-refresh',
      maxRefresh === null || (Number.isInteger(maxRefresh) && maxRefresh >= 0)
        ? null
        : this.#invalid('max-refresh', maxRefresh, 'must be a whole number, 0 or more'),
    );
    this.#errors.set(
      'reuse-timeout',
      reuseTimeout === null || (Number.isFinite(reuseTimeout) && reuseTimeout >= 0)
        ? null
        : this.#invalid('reuse-timeout', reuseTimeout, 'must be a number of seconds, 0 or more'),
    );
  }

  /** An attribute whose value is refused; the default applies meanwhile. `value` names the property when set by script. */
  #invalid(attribute: ConfigSource, value: unknown, why: string): WcError {
    const token = this.#host.getAttribute(attribute) ?? String(value);
    return new WcError('invalid-option', `${attribute}: ${JSON.stringify(token.slice(0, 80))} ${why}; the default is used`, {
      operation: 'attribute',
      data: { attribute, token },
    });
  }

  /** Picker, else the namespace attributes, else the controller's defaults, else none. */
  source(): NamespaceSource {
    const host = this.#host;
    const pickerEl = findPicker(host, host.picker);
    const fromPicker = pickerEl ? pickerSource(pickerEl) : null;
    if (fromPicker) {
      if (pickerEl && isAwaitingUpgrade(pickerEl)) this.#awaitPicker(pickerEl.localName);
      return fromPicker;
    }
    if (!this.#errors.has('namespaces') && hasNamespaceAttributes(host)) {
      try {
        return { kind: 'attributes', value: parseNamespaceAttributes(host) };
      } catch {
        // reported by update()
      }
    }
    const defaults = this.#controller()?.defaultNamespaces;
    return defaults ? { kind: 'default', value: defaults } : { kind: 'none' };
  }

  /** The namespaces to connect with, read now (picker, attributes, defaults); null while unusable. */
  namespaceOptions(): ConnectOptions | null {
    const source = this.source();
    if (this.#errors.has('namespaces') || (source.kind === 'picker' && (!source.valid || !source.value))) return null;
    if (source.kind === 'none' || !source.value) return {};
    return { requiredNamespaces: source.value.requiredNamespaces, optionalNamespaces: source.value.optionalNamespaces };
  }

  /** The `pairing-topic` attribute, else up to three live pairings without a session; `yourWallet` names a nameless one. */
  reuseTargets(state: SessionState | null, yourWallet: string): ReuseTarget[] {
    const pairings = state?.pairings ?? [];
    const nameOf = (peer: PeerMetadata | null | undefined) => displayMetadata(peer, '').name || yourWallet;
    const pairingTopic = this.#host.pairingTopic;
    if (pairingTopic) {
      if (this.#errors.has('pairing-topic')) return [];
      const topic = pairingTopic.toLowerCase();
      return [{ topic, name: nameOf(pairings.find((p) => p.topic === topic)?.peer) }];
    }
    const now = Date.now() / 1000;
    const live = new Set((state?.sessions ?? []).map((s) => s.pairingTopic));
    return pairings
      .filter((p) => p.active && p.peer && p.expiry > now && !live.has(p.topic))
      .sort((a, b) => b.expiry - a.expiry)
      .slice(0, MAX_REUSE)
      .map((p) => ({ topic: p.topic, name: nameOf(p.peer) }));
  }

  #awaitPicker(tag: string): void {
    if (this.#awaitingPicker) return;
    this.#awaitingPicker = true;
    void customElements.whenDefined(tag).then(() => {
      this.#awaitingPicker = false;
      this.#host.requestUpdate();
    });
  }
}
