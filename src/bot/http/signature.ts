// Discord signs every request to the interactions endpoint with the application's Ed25519 key: X-Signature-Ed25519
// is the signature (hex) of X-Signature-Timestamp followed by the raw body. Checked with node:crypto before anything
// of the body is parsed; a timestamp more than 5 minutes away from now is refused too (a replayed request).

import { createPublicKey, verify, type KeyObject } from 'node:crypto'

/** DER prefix of an Ed25519 SubjectPublicKeyInfo: the raw 32-byte key follows it. */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')
/** How far X-Signature-Timestamp may be from now. */
export const MAX_TIMESTAMP_SKEW_SECONDS = 5 * 60

export const PUBLIC_KEY_RE = /^[0-9a-f]{64}$/i
const SIGNATURE_RE = /^[0-9a-f]{128}$/i
const TIMESTAMP_RE = /^\d{1,12}$/

/** The application's public key (64 hex characters, as the Developer Portal shows it) as a KeyObject. */
export function publicKeyFromHex(hex: string): KeyObject {
  if (!PUBLIC_KEY_RE.test(hex)) throw new Error('an Ed25519 public key is 64 hexadecimal characters')
  return createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(hex, 'hex')]),
    format: 'der',
    type: 'spki',
  })
}

/** Why a request is refused (401), or undefined when its signature and timestamp are good. */
export function signatureProblem(
  key: KeyObject,
  signature: string | undefined,
  timestamp: string | undefined,
  body: Buffer,
  nowMs = Date.now(),
): string | undefined {
  if (signature === undefined || timestamp === undefined) return 'missing signature headers'
  if (!SIGNATURE_RE.test(signature)) return 'malformed signature'
  if (!TIMESTAMP_RE.test(timestamp)) return 'malformed timestamp'
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > MAX_TIMESTAMP_SKEW_SECONDS) return 'stale timestamp'
  const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), body])
  let ok: boolean
  try {
    ok = verify(null, signed, key, Buffer.from(signature, 'hex'))
  } catch {
    ok = false
  }
  return ok ? undefined : 'bad signature'
}
