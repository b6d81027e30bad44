// HTTP interactions mode, in process: the Ed25519 check of Discord's signatures (src/bot/http/signature.ts) and the
// settings that turn the mode on (DISCORD_PUBLIC_KEY, INTERACTIONS_PORT, …), each bad value named.

import { describe, expect, it } from 'vitest'
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto'
import { MAX_TIMESTAMP_SKEW_SECONDS, publicKeyFromHex, signatureProblem } from '../src/bot/http/signature.js'
import { readConfig } from '../src/config.js'
import { configProblems } from './helpers.js'

function keyPair(): { hex: string; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const der = publicKey.export({ format: 'der', type: 'spki' })
  return { hex: der.subarray(der.length - 32).toString('hex'), privateKey }
}

function signed(privateKey: KeyObject, timestamp: string, body: string): string {
  return sign(null, Buffer.from(timestamp + body), privateKey).toString('hex')
}

/** The problems readConfig reports for `env` (never the real environment). */
const problemsOf = configProblems

describe('signatureProblem', () => {
  const { hex, privateKey } = keyPair()
  const key = publicKeyFromHex(hex)
  const now = 1_750_000_000_000
  const ts = String(now / 1000)
  const body = '{"type":1}'

  it('accepts Discord’s signature of timestamp + body, with either case of hex', () => {
    const signature = signed(privateKey, ts, body)
    expect(signatureProblem(key, signature, ts, Buffer.from(body), now)).toBeUndefined()
    expect(signatureProblem(key, signature.toUpperCase(), ts, Buffer.from(body), now)).toBeUndefined()
    expect(signatureProblem(publicKeyFromHex(hex.toUpperCase()), signature, ts, Buffer.from(body), now)).toBeUndefined()
  })

  it('refuses another key, a changed body, a changed timestamp', () => {
    const signature = signed(privateKey, ts, body)
    expect(signatureProblem(publicKeyFromHex(keyPair().hex), signature, ts, Buffer.from(body), now)).toBe(
      'bad signature',
    )
    expect(signatureProblem(key, signature, ts, Buffer.from('{"type":2}'), now)).toBe('bad signature')
    expect(signatureProblem(key, signature, String(Number(ts) + 1), Buffer.from(body), now)).toBe('bad signature')
    expect(signatureProblem(key, signature, ts, Buffer.from(`${body} `), now)).toBe('bad signature')
  })

  it('refuses timestamps more than 5 minutes from now, either way, even when well signed', () => {
    for (const offset of [MAX_TIMESTAMP_SKEW_SECONDS + 1, -(MAX_TIMESTAMP_SKEW_SECONDS + 1), 86_400]) {
      const t = String(now / 1000 - offset)
      expect(signatureProblem(key, signed(privateKey, t, body), t, Buffer.from(body), now)).toBe('stale timestamp')
    }
    const edge = String(now / 1000 - MAX_TIMESTAMP_SKEW_SECONDS)
    expect(signatureProblem(key, signed(privateKey, edge, body), edge, Buffer.from(body), now)).toBeUndefined()
  })

  it('refuses missing or malformed headers', () => {
    const signature = signed(privateKey, ts, body)
    expect(signatureProblem(key, undefined, ts, Buffer.from(body), now)).toBe('missing signature headers')
    expect(signatureProblem(key, signature, undefined, Buffer.from(body), now)).toBe('missing signature headers')
    expect(signatureProblem(key, signature.slice(2), ts, Buffer.from(body), now)).toBe('malformed signature')
    expect(signatureProblem(key, `${signature.slice(2)}zz`, ts, Buffer.from(body), now)).toBe('malformed signature')
    expect(signatureProblem(key, signature, `${ts}.5`, Buffer.from(body), now)).toBe('malformed timestamp')
    expect(signatureProblem(key, signature, '-1', Buffer.from(body), now)).toBe('malformed timestamp')
  })

  it('publicKeyFromHex takes 64 hex characters only', () => {
    expect(() => publicKeyFromHex(hex.slice(1))).toThrow(/64 hexadecimal/)
    expect(() => publicKeyFromHex(`${hex.slice(1)}g`)).toThrow(/64 hexadecimal/)
  })
})

describe('the settings of HTTP interactions mode', () => {
  const { hex } = keyPair()

  it('is off by default; INTERACTIONS_HOST 127.0.0.1, a 256 KB body limit', () => {
    const config = readConfig({})
    expect(config.discordPublicKey).toBeUndefined()
    expect(config.interactionsPort).toBeUndefined()
    expect(config.interactionsHost).toBe('127.0.0.1')
    expect(config.interactionsMaxBodyBytes).toBe(256 * 1024)
    expect(config.metricsPort).toBeUndefined()
  })

  it('reads the key, the port, the host, the body limit and METRICS_PORT; DISCORD_TOKEN is not needed', () => {
    const config = readConfig({
      DISCORD_PUBLIC_KEY: hex,
      INTERACTIONS_PORT: '8080',
      INTERACTIONS_HOST: '0.0.0.0',
      INTERACTIONS_MAX_BODY_BYTES: '64 KB',
      METRICS_PORT: '9100',
    })
    expect(config).toMatchObject({
      discordToken: undefined,
      discordPublicKey: hex,
      interactionsPort: 8080,
      interactionsHost: '0.0.0.0',
      interactionsMaxBodyBytes: 64 * 1024,
      metricsPort: 9100,
    })
  })

  it('names each bad value', () => {
    expect(problemsOf({ DISCORD_PUBLIC_KEY: 'abc', INTERACTIONS_PORT: '8080' })).toEqual([
      "DISCORD_PUBLIC_KEY must be the application's public key, 64 hexadecimal characters (Developer Portal, General Information), got 3 characters",
    ])
    expect(problemsOf({ DISCORD_PUBLIC_KEY: hex, INTERACTIONS_PORT: '70000' })[0]).toMatch(
      /^INTERACTIONS_PORT must be a port number from 0 to 65535/,
    )
    expect(
      problemsOf({ DISCORD_PUBLIC_KEY: hex, INTERACTIONS_PORT: '80', INTERACTIONS_MAX_BODY_BYTES: '100' })[0],
    ).toMatch(/^INTERACTIONS_MAX_BODY_BYTES must be a size from 4 KB to 10 MB/)
    expect(problemsOf({ METRICS_PORT: 'http' })[0]).toMatch(/^METRICS_PORT must be a port number/)
  })

  it('wants the key and the port together, and no SHARDS with them', () => {
    expect(problemsOf({ DISCORD_PUBLIC_KEY: hex })[0]).toMatch(
      /^DISCORD_PUBLIC_KEY is set but INTERACTIONS_PORT is not/,
    )
    expect(problemsOf({ INTERACTIONS_PORT: '8080' })[0]).toMatch(/^INTERACTIONS_PORT needs DISCORD_PUBLIC_KEY/)
    expect(problemsOf({ DISCORD_PUBLIC_KEY: hex, INTERACTIONS_PORT: '8080', SHARDS: '2' })[0]).toMatch(
      /^SHARDS is for the gateway/,
    )
  })
})
