import type { AuthTypes } from '@walletconnect/types';
import { formatMessage, verifySignature } from '@walletconnect/utils';
import { CAIP2_RE } from '../caip.js';
import { WcError } from '../errors.js';
import type { AuthenticateParams } from './api.js';

/** What a CACAO must match: the request as the page made it. */
export interface AuthExpectation {
  readonly chains: readonly string[];
  readonly domain: string;
  readonly uri: string;
  readonly nonce: string;
}

/** Who signed in, read from a verified CACAO. */
export interface SignedIn {
  readonly address: string;
  readonly chainId: string;
}

const ISS_RE = /^did:pkh:(eip155:[0-9]{1,32}):(0x[0-9a-fA-F]{40})$/;
/** EIP-4361: at least 8 alphanumeric characters. */
const NONCE_RE = /^[a-zA-Z0-9]{8,256}$/;

export function authInvalid(reason: string, cause?: unknown): WcError {
  return new WcError('auth-invalid', `The sign-in could not be verified: ${reason}`, { operation: 'authenticate', cause, data: { reason } });
}

/**
 * Verifies one CACAO locally: it must answer this request (domain, uri, nonce, a requested chain),
 * not be expired, and carry an EIP-191 signature by its `iss` account over the SIWE message (the
 * SDK's own `formatMessage` / `verifySignature`, already in the bundle). Throws `auth-invalid`.
 */
export async function verifyCacao(cacao: AuthTypes.Cacao, expected: AuthExpectation, projectId: string): Promise<SignedIn> {
  const payload = cacao?.p;
  if (cacao?.h?.t !== 'caip122' || typeof payload !== 'object' || payload === null) throw authInvalid('not a CAIP-122 CACAO');
  const match = typeof payload.iss === 'string' ? ISS_RE.exec(payload.iss) : null;
  if (!match) throw authInvalid('the issuer is not an eip155 account');
  const [, chainId, address] = match as unknown as [string, string, string];
  if (!expected.chains.includes(chainId)) throw authInvalid(`chain ${chainId} was not requested`);
  if (payload.domain !== expected.domain) throw authInvalid('the domain differs from the request');
  if (payload.aud !== expected.uri) throw authInvalid('the uri differs from the request');
  if (payload.nonce !== expected.nonce) throw authInvalid('the nonce differs from the request');
  if (payload.exp && !(Date.parse(payload.exp) > Date.now())) throw authInvalid('the message has expired');
  if (cacao.s?.t !== 'eip191' || typeof cacao.s.s !== 'string') throw authInvalid('only EIP-191 (EOA) signatures are verified');
  let valid = false;
  try {
    valid = await verifySignature(address, formatMessage(payload, payload.iss), cacao.s, chainId, projectId);
  } catch (error) {
    throw authInvalid('the signature could not be read', error);
  }
  if (!valid) throw authInvalid('the signature is not by the signing account');
  return Object.freeze({ address, chainId });
}

function invalid(argument: string, expected: string): WcError {
  return new WcError('invalid-argument', `authenticate(): ${argument} must be ${expected}`, { operation: 'authenticate', data: { argument } });
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0 && value.length <= 2048;
const isTextList = (value: unknown): value is string[] => Array.isArray(value) && value.length <= 256 && value.every(isText);

/** `authenticate(params)`: the shapes the SDK and EIP-4361 need, refused as `invalid-argument` before anything is sent. */
export function checkAuthenticateParams(params: unknown): asserts params is AuthenticateParams {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) throw invalid('params', 'an object {chains, domain, uri, nonce}');
  const p = params as Record<string, unknown>;
  const chains = p['chains'];
  // The pinned SDK signs in on eip155 only ("use .connect() for non-eip155 chains").
  if (
    !Array.isArray(chains) ||
    chains.length === 0 ||
    chains.length > 256 ||
    !chains.every((c) => typeof c === 'string' && CAIP2_RE.test(c) && c.startsWith('eip155:'))
  )
    throw invalid('params.chains', 'a non-empty array of eip155 CAIP-2 chain ids');
  if (!isText(p['domain']) || /[\s/]/.test(p['domain'])) throw invalid('params.domain', 'a host (RFC 3986 authority), e.g. "example.org"');
  if (!isText(p['uri']) || !URL.canParse(p['uri'])) throw invalid('params.uri', 'an absolute URI');
  if (typeof p['nonce'] !== 'string' || !NONCE_RE.test(p['nonce'])) throw invalid('params.nonce', 'at least 8 letters or digits');
  if (p['statement'] !== undefined && (typeof p['statement'] !== 'string' || p['statement'].length > 2048 || /[\r\n]/.test(p['statement'])))
    throw invalid('params.statement', 'one line of text or undefined');
  if (p['resources'] !== undefined && !isTextList(p['resources'])) throw invalid('params.resources', 'an array of URIs or undefined');
  if (p['methods'] !== undefined && (!isTextList(p['methods']) || p['methods'].length === 0))
    throw invalid('params.methods', 'a non-empty array of method names or undefined');
  const signal = p['signal'] as AbortSignal | undefined;
  if (signal !== undefined && (typeof signal !== 'object' || signal === null || typeof signal.aborted !== 'boolean'))
    throw invalid('params.signal', 'an AbortSignal or undefined');
}
