/**
 * The few `Buffer` calls the pinned SDK makes for One-Click Auth, for pages without Node's Buffer.
 * @walletconnect/utils 2.21.8 encodes and decodes ReCap resources with
 * `Buffer.from(json).toString('base64')` and `Buffer.from(b64, 'base64').toString('utf-8')` (both in
 * `authenticate()` and in its own CACAO check), so in a browser bundle `authenticate()` throws and
 * `response()` hangs. Other code in the SDK's graph (uint8arrays, core) switches to
 * `globalThis.Buffer.from(string, 'utf-8')` and `Buffer.from(arrayBuffer, offset, length).toString('utf8')`
 * when a Buffer exists, so those forms are exact too. Nothing else is provided (no `alloc`), and a
 * real Buffer, when the page has one, is never replaced.
 */

type Encoding = 'utf8' | 'utf-8' | 'base64' | 'base64url' | 'hex';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function base64ToBytes(text: string): Uint8Array {
  // Buffer accepts unpadded and URL-safe base64; atob needs the standard alphabet.
  const standard = text.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  const binary = atob(standard);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function unsupported(encoding: unknown): Error {
  return new TypeError(`wc-elements Buffer shim: unsupported encoding ${String(encoding)}`);
}

/** Bytes with Buffer's `toString(encoding)`. */
export class ShimBuffer extends Uint8Array {
  override toString(encoding: Encoding = 'utf8'): string {
    switch (encoding) {
      case 'utf8':
      case 'utf-8':
        return decoder.decode(this);
      case 'base64':
        return bytesToBase64(this);
      case 'base64url':
        return bytesToBase64(this).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      case 'hex':
        return Array.from(this, (b) => b.toString(16).padStart(2, '0')).join('');
      default:
        throw unsupported(encoding);
    }
  }
}

function wrap(bytes: Uint8Array): ShimBuffer {
  return new ShimBuffer(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
}

/** `Buffer.from` for strings (utf8, base64, hex), byte arrays, and an ArrayBuffer view (offset, length). */
function from(value: unknown, encodingOrOffset?: unknown, length?: number): ShimBuffer {
  if (typeof value === 'string') {
    const encoding = encodingOrOffset ?? 'utf8';
    if (encoding === 'utf8' || encoding === 'utf-8') return wrap(encoder.encode(value));
    if (encoding === 'base64' || encoding === 'base64url') return wrap(base64ToBytes(value));
    if (encoding === 'hex') return wrap(Uint8Array.from(value.match(/[0-9a-fA-F]{2}/g) ?? [], (h) => parseInt(h, 16)));
    throw unsupported(encoding);
  }
  if (value instanceof ArrayBuffer) return new ShimBuffer(value, typeof encodingOrOffset === 'number' ? encodingOrOffset : 0, length);
  if (ArrayBuffer.isView(value)) return wrap(new Uint8Array(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength)));
  if (Array.isArray(value)) return wrap(Uint8Array.from(value as number[]));
  throw new TypeError('wc-elements Buffer shim: Buffer.from needs a string, an array, or an ArrayBuffer');
}

export const BufferShim = Object.freeze({ from, isBuffer: (value: unknown): boolean => value instanceof ShimBuffer });

/** Installs the shim as `globalThis.Buffer` unless the page already has a Buffer. Idempotent. */
export function ensureBuffer(): void {
  const scope = globalThis as { Buffer?: unknown };
  if (scope.Buffer === undefined) scope.Buffer = BufferShim;
}
