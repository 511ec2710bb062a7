import { WcError, type WcOperation } from '../errors.js';
import type { ConnectOptions, RequestOptions } from './api.js';

/** The SDK's bounds on a request's expiry, in seconds (`SESSION_REQUEST_EXPIRY_BOUNDARIES`). */
export const REQUEST_EXPIRY_BOUNDS = { min: 300, max: 604800 } as const;

export const disposedError = (operation: WcOperation) => new WcError('disposed', 'The controller was disposed', { operation });

export function assertOnline(operation: WcOperation): void {
  // The SDK throws on navigator.onLine === false even on loopback; say so clearly.
  if (typeof navigator !== 'undefined' && navigator.onLine === false) throw new WcError('offline', 'The browser is offline', { operation });
}

/** A short, inert description of what was given (never the value itself: it may be large or hostile). */
function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : 'a number';
  if (typeof value === 'string') return value === '' ? 'an empty string' : 'a string';
  return typeof value === 'object' ? 'an object' : typeof value;
}

function invalid(operation: WcOperation, argument: string, expected: string, value: unknown): WcError {
  return new WcError('invalid-argument', `${operation}(): ${argument} must be ${expected}, not ${kind(value)}`, { operation, data: { argument } });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.prototype.toString.call(value) === '[object Object]';
}

const isTopic = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

function isSignal(value: unknown): value is AbortSignal {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AbortSignal).aborted === 'boolean' &&
    typeof (value as AbortSignal).addEventListener === 'function'
  );
}

/**
 * `topic` for extend / ping / disconnect (optional: the active session is the default) and select /
 * getSession: a non-empty string. A synchronous caller passes `report`, which hears of the error
 * before it is thrown (an async one reports it from its rejection).
 */
export function checkTopic(operation: WcOperation, topic: unknown, optional: boolean, report?: (error: WcError) => void): void {
  if ((optional && topic === undefined) || isTopic(topic)) return;
  const error = invalid(operation, 'topic', optional ? 'a non-empty string or undefined' : 'a non-empty string', topic);
  report?.(error);
  throw error;
}

/** `connect(options)`: a plain object (or nothing) whose fields have the documented shapes; namespaces are checked later, strictly. */
export function checkConnectOptions(options: unknown): asserts options is ConnectOptions | undefined {
  if (options === undefined) return;
  if (!isPlainObject(options)) throw invalid('connect', 'options', 'a plain object or undefined', options);
  for (const key of ['requiredNamespaces', 'optionalNamespaces', 'sessionProperties'] as const) {
    const value = options[key];
    if (value !== undefined && !isPlainObject(value)) throw invalid('connect', `options.${key}`, 'a plain object or undefined', value);
  }
  const properties = options['sessionProperties'] as Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(properties ?? {})) {
    if (typeof value !== 'string') throw invalid('connect', `options.sessionProperties.${key.slice(0, 40)}`, 'a string', value);
  }
  if (options['pairingTopic'] !== undefined && !isTopic(options['pairingTopic'])) {
    throw invalid('connect', 'options.pairingTopic', 'a non-empty string or undefined', options['pairingTopic']);
  }
  if (options['signal'] !== undefined && !isSignal(options['signal']))
    throw invalid('connect', 'options.signal', 'an AbortSignal or undefined', options['signal']);
}

/** `request(options)`: a plain object with a chainId and method, an optional topic, expiry within the SDK's bounds and signal. */
export function checkRequestOptions(options: unknown): asserts options is RequestOptions {
  if (!isPlainObject(options)) throw invalid('request', 'options', 'a plain object {chainId, method, params?}', options);
  if (options['topic'] !== undefined && !isTopic(options['topic']))
    throw invalid('request', 'options.topic', 'a non-empty string or undefined', options['topic']);
  if (typeof options['chainId'] !== 'string') throw invalid('request', 'options.chainId', 'a string', options['chainId']);
  if (!isTopic(options['method'])) throw invalid('request', 'options.method', 'a non-empty string', options['method']);
  const expiry = options['expiry'];
  const { min, max } = REQUEST_EXPIRY_BOUNDS;
  if (expiry !== undefined && !(typeof expiry === 'number' && Number.isFinite(expiry) && expiry >= min && expiry <= max)) {
    throw invalid('request', 'options.expiry', `a number of seconds from ${min} to ${max} or undefined`, expiry);
  }
  if (options['signal'] !== undefined && !isSignal(options['signal']))
    throw invalid('request', 'options.signal', 'an AbortSignal or undefined', options['signal']);
}
