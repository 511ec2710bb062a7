// The CDN bundle's `viem`: `@walletconnect/utils` imports only `recoverAddress` from it, to verify an
// EIP-191 (EOA) CACAO signature in `verifySignature()` (One-Click Auth). This is viem 2.31's
// recoverPublicKey + publicKeyToAddress + checksumAddress on the same @noble/curves secp256k1 and
// @noble/hashes keccak that viem uses (rollup.config.mjs resolves them from viem's folder), without
// viem's error classes and encoding helpers (−2.5 KB brotli). test/node/bundle-stubs.test.js checks
// it against viem's own recoverAddress.
import { secp256k1 } from '@noble/curves/secp256k1';
import { keccak_256 } from '@noble/hashes/sha3';

const HEX = /^0x[0-9a-fA-F]*$/;
const toHex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const hexOf = (value) => (typeof value === 'string' && HEX.test(value) ? value : `0x${toHex(value)}`);

function recoveryBit(yParityOrV) {
  if (yParityOrV === 0 || yParityOrV === 1) return yParityOrV;
  if (yParityOrV === 27) return 0;
  if (yParityOrV === 28) return 1;
  throw new Error('Invalid yParityOrV value');
}

function signatureOf(signature) {
  if (typeof signature === 'object' && signature && 'r' in signature && 's' in signature) {
    const { r, s, v, yParity } = signature;
    return new secp256k1.Signature(BigInt(r), BigInt(s)).addRecoveryBit(recoveryBit(Number(yParity ?? v)));
  }
  const hex = hexOf(signature);
  if (hex.length !== 132) throw new Error('invalid signature length');
  return secp256k1.Signature.fromCompact(hex.substring(2, 130)).addRecoveryBit(recoveryBit(Number(`0x${hex.slice(130)}`)));
}

/** EIP-55 checksummed, as viem's `checksumAddress`. */
function checksum(lower) {
  const hash = keccak_256(new TextEncoder().encode(lower));
  let out = '0x';
  for (let i = 0; i < 40; i++) {
    const nibble = i % 2 ? hash[i >> 1] & 0x0f : hash[i >> 1] >> 4;
    out += nibble >= 8 ? lower[i].toUpperCase() : lower[i];
  }
  return out;
}

/** viem's `recoverAddress({ hash, signature })`: the signer's checksummed address. */
export async function recoverAddress({ hash, signature }) {
  const publicKey = signatureOf(signature).recoverPublicKey(hexOf(hash).substring(2)).toRawBytes(false);
  return checksum(toHex(keccak_256(publicKey.subarray(1))).substring(24));
}
