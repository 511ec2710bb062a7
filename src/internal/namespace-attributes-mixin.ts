import type { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { NamespaceAttributes } from './namespace-attributes.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the mixin pattern needs it
type Constructor<T> = abstract new (...args: any[]) => T;

/** The public face of the mixin: declaration files cannot name the class expression itself. */
export declare class NamespaceAttributesHost {
  chains: string | null;
  optionalChains: string | null;
  methods: string | null;
  optionalMethods: string | null;
  events: string | null;
  optionalEvents: string | null;
}

/**
 * The six declarative namespace attributes shared by <wc-namespace-picker>, <wc-connect> and
 * <wc-provider>, declared once (parse them with `parseNamespaceAttributes(this)`).
 */
export function NamespaceAttributesMixin<T extends Constructor<LitElement>>(Base: T): T & Constructor<NamespaceAttributesHost> {
  abstract class WithNamespaceAttributes extends Base implements NamespaceAttributes {
    /** Required CAIP-2 chains, space-separated. */
    @property({ attribute: 'chains' }) accessor chains: string | null = null;
    /** Optional CAIP-2 chains, space-separated. */
    @property({ attribute: 'optional-chains' }) accessor optionalChains: string | null = null;
    /** Required methods; `ns:name` scopes one to a namespace. */
    @property({ attribute: 'methods' }) accessor methods: string | null = null;
    /** Optional methods. */
    @property({ attribute: 'optional-methods' }) accessor optionalMethods: string | null = null;
    /** Required events; `ns:name` scopes one to a namespace. */
    @property({ attribute: 'events' }) accessor events: string | null = null;
    /** Optional events. */
    @property({ attribute: 'optional-events' }) accessor optionalEvents: string | null = null;
  }
  return WithNamespaceAttributes as unknown as T & Constructor<NamespaceAttributesHost>;
}
