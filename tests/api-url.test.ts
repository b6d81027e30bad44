// DISCORD_API_URL pointing at something that is not Discord's API: an HTML page, a server that never answers,
// nothing listening. Starting fails in seconds with a message that names the setting (never the token), instead of
// discord.js's "Cannot read properties of undefined (reading 'reset_after')" or "This operation was aborted" after
// about a minute.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { checkDiscordApi, DISCORD_API_TIMEOUT_MS, explainLoginError, startBot } from '../src/bot/bot.js'
import type { EngineClient } from '../src/runtime/client.js'
import { FakeDiscord } from './fake-discord.js'
import { memoryLogger, seedClient, TEST_TOKEN, testConfig } from './helpers.js'

const servers: Server[] = []

/** A node:http server on 127.0.0.1 that handles every request with `handler`; its URL as DISCORD_API_URL. */
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler)
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`
}

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
})

/** The message checkDiscordApi rejects with; it must never hold the token. */
async function failure(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => undefined,
    (e: Error) => e,
  )
  expect(err, 'expected a failure').toBeInstanceOf(Error)
  expect(err!.message).not.toContain(TEST_TOKEN)
  return err!.message
}

const HTML = (_req: IncomingMessage, res: ServerResponse) => {
  res
    .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    .end('<!doctype html><title>Welcome</title><p>It works!</p>')
}

describe('checkDiscordApi', () => {
  it('names DISCORD_API_URL when it answers with an HTML page', async () => {
    const url = await serve(HTML)
    const message = await failure(checkDiscordApi(url, TEST_TOKEN))
    expect(message).toContain(`DISCORD_API_URL (${url}) did not answer like Discord's API (got text/html, status 200)`)
  })

  it('names DISCORD_API_URL when it accepts the connection and never answers, after the timeout given', async () => {
    let asked = 0
    const url = await serve(() => {
      asked++ // never answers
    })
    const started = Date.now()
    const message = await failure(checkDiscordApi(url, TEST_TOKEN, 300))
    expect(message).toContain(`DISCORD_API_URL (${url}) did not answer within 300 ms`)
    // After the timeout given, not before it (a little slack for the timer's rounding), and not long after.
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    expect(Date.now() - started).toBeLessThan(5000)
    expect(asked).toBe(1)
  })

  it('gives the time in seconds: 10 s is what `npm start` waits', async () => {
    expect(DISCORD_API_TIMEOUT_MS).toBe(10_000)
    const url = await serve(() => {})
    expect(await failure(checkDiscordApi(url, TEST_TOKEN, 1000))).toContain(
      `DISCORD_API_URL (${url}) did not answer within 1 s`,
    )
  })

  it('names DISCORD_API_URL when nothing listens there', async () => {
    const url = await serve(HTML)
    const server = servers.pop()!
    await new Promise<void>((resolve) => server.close(() => resolve()))
    const message = await failure(checkDiscordApi(url, TEST_TOKEN))
    expect(message).toContain(`Discord could not be reached at DISCORD_API_URL (${url}) (ECONNREFUSED)`)
  })

  it('keeps the bad-token message for a 401 in JSON, as Discord answers a wrong token', async () => {
    const url = await serve((_req, res) =>
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"message": "401: Unauthorized", "code": 0}'),
    )
    const message = await failure(checkDiscordApi(url, TEST_TOKEN))
    expect(message).toMatch(/^Discord rejected DISCORD_TOKEN \(401 Unauthorized\)/)
  })

  it('refuses JSON without the gateway url, and a 404', async () => {
    const url = await serve((req, res) =>
      req.url === '/api/v10/gateway/bot'
        ? res.writeHead(200, { 'content-type': 'application/json' }).end('{"hello": "world"}')
        : res.writeHead(404).end(),
    )
    expect(await failure(checkDiscordApi(url, TEST_TOKEN))).toContain(
      `DISCORD_API_URL (${url}) did not answer like Discord's API (got application/json without a gateway url, status 200)`,
    )
    expect(await failure(checkDiscordApi(url.replace(/\/api$/, '/elsewhere'), TEST_TOKEN))).toContain(
      "did not answer like Discord's API (got no content type, status 404)",
    )
  })

  it('leaves a rate limit or a server error in JSON to discord.js, which retries them', async () => {
    const url = await serve((_req, res) =>
      res
        .writeHead(429, { 'content-type': 'application/json' })
        .end('{"message": "You are being rate limited.", "retry_after": 1, "global": false}'),
    )
    await expect(checkDiscordApi(url, TEST_TOKEN)).resolves.toBeUndefined()
  })

  it('sends the token to DISCORD_API_URL as discord.js does, and never shows it', async () => {
    let auth: string | undefined
    const url = await serve((req, res) => {
      auth = req.headers.authorization
      HTML(req, res)
    })
    const message = await failure(checkDiscordApi(url, TEST_TOKEN))
    expect(auth).toBe(`Bot ${TEST_TOKEN}`)
    expect(message).not.toContain(TEST_TOKEN.split('.')[0]!)
  })

  it('refuses a user name and password in the URL, without showing them', async () => {
    const url = await serve(HTML)
    const message = await failure(checkDiscordApi(url.replace('http://', 'http://user:secret@'), TEST_TOKEN))
    expect(message).not.toContain('secret')
    expect(message).toContain(`DISCORD_API_URL (${url}) holds a user name or password`)
  })

  it('gives the gateway and the shard count of the fake Discord', async () => {
    const fake = await FakeDiscord.start({ shards: 2, token: TEST_TOKEN })
    try {
      const gateway = await checkDiscordApi(fake.apiUrl, TEST_TOKEN)
      expect(gateway).toEqual({ url: expect.stringMatching(/^ws:\/\/127\.0\.0\.1:\d+$/), shards: 2 })
      expect(fake.requests.filter((r) => r.path === '/gateway/bot')).toHaveLength(1)
    } finally {
      await fake.stop()
    }
  })
})

describe('startBot with a DISCORD_API_URL that is not Discord', () => {
  let engine: EngineClient

  beforeAll(async () => {
    engine = await seedClient()
  })
  afterAll(() => engine.close())

  it("fails at once with the message naming the setting, not discord.js's", async () => {
    const url = await serve(HTML)
    const logs = memoryLogger()
    const started = Date.now()
    const message = await failure(startBot({ config: testConfig({ discordApiUrl: url }), engine, log: logs.log }))
    expect(message).toContain(`DISCORD_API_URL (${url}) did not answer like Discord's API (got text/html, status 200)`)
    expect(message).not.toMatch(/reset_after|aborted/)
    expect(Date.now() - started).toBeLessThan(5000)
    expect(logs.lines.join('\n')).not.toContain(TEST_TOKEN)
  })

  it('keeps the bad-token message against a Discord that refuses the token', async () => {
    const fake = await FakeDiscord.start({ token: 'another-token' })
    try {
      const message = await failure(
        startBot({ config: testConfig({ discordApiUrl: fake.apiUrl }), engine, log: memoryLogger().log }),
      )
      expect(message).toMatch(/^Discord rejected DISCORD_TOKEN \(401 Unauthorized\)/)
    } finally {
      await fake.stop()
    }
  })
})

describe('explainLoginError', () => {
  it("turns discord.js's errors for a DISCORD_API_URL that is not Discord into messages naming it", () => {
    const url = 'http://127.0.0.1:1234/api'
    expect(
      explainLoginError(new TypeError("Cannot read properties of undefined (reading 'reset_after')"), url).message,
    ).toContain(`DISCORD_API_URL (${url}) did not answer like Discord's API`)
    const aborted = new Error('This operation was aborted')
    aborted.name = 'AbortError'
    expect(explainLoginError(aborted, url).message).toContain(`DISCORD_API_URL (${url}) did not answer in time`)
  })
})
