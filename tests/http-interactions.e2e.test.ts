// End to end, HTTP interactions mode: the bot's own server (startHttpBot, as `npm start` runs it with
// DISCORD_PUBLIC_KEY and INTERACTIONS_PORT) with the real discord.js client that never logs in, and the fake Discord
// of tests/fake-discord.ts POSTing each interaction to it signed with an Ed25519 key, as Discord does. The HTTP
// response is the interaction's callback; follow-ups and edits reach the fake's webhook routes. Assertions are on
// what Discord would receive, and on what the server refuses.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { generateKeyPairSync, type KeyObject } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { PermissionFlagsBits } from 'discord.js'
import { startHttpBot, type RunningHttpBot } from '../src/bot/http/server.js'
import { COMMAND_LIST } from '../src/bot/commands.js'
import type { Config } from '../src/config.js'
import type { EngineClient } from '../src/runtime/client.js'
import { expectChoicesWithinLimits, expectDiscordSafe } from './discord-limits.js'
import { FakeDiscord, type RecordedRequest } from './fake-discord.js'
import {
  fakesClient,
  HAVE_FAKES,
  memoryLogger,
  openClient,
  REPO,
  seedClient,
  seedCorpusCopy,
  TEST_DATA,
  TEST_TOKEN,
  testConfig,
  type MemoryLog,
} from './helpers.js'

interface Harness {
  fake: FakeDiscord
  bot: RunningHttpBot
  logs: MemoryLog
  engine: EngineClient
  privateKey: KeyObject
  endpoint: string
}

/** An application key pair: the public key as the Developer Portal shows it (64 hex), the private one to sign. */
function keyPair(): { hex: string; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const der = publicKey.export({ format: 'der', type: 'spki' })
  return { hex: der.subarray(der.length - 32).toString('hex'), privateKey }
}

async function harness(
  engine: EngineClient,
  config: Partial<Config> = {},
  options: { deferAfterMs?: number } = {},
): Promise<Harness> {
  // The fake checks the bot token on every authenticated route: none may be used (the replica has no token).
  const fake = await FakeDiscord.start({ token: TEST_TOKEN })
  const { hex, privateKey } = keyPair()
  const logs = memoryLogger()
  const bot = await startHttpBot({
    config: testConfig({ discordApiUrl: fake.apiUrl, discordToken: undefined, discordPublicKey: hex, ...config }),
    engine,
    log: logs.log,
    port: 0,
    host: '127.0.0.1',
    ...options,
  })
  const endpoint = `${bot.url}/interactions`
  fake.useInteractionsEndpoint(endpoint, privateKey)
  return { fake, bot, logs, engine, privateKey, endpoint }
}

async function close(h: Harness | undefined): Promise<void> {
  if (!h) return
  await h.bot.stop()
  await h.fake.stop()
  await h.engine.close()
}

/** The interaction's callback: the HTTP response, as the fake records it. */
async function callbackOf(fake: FakeDiscord, token: string): Promise<RecordedRequest> {
  const delivery = await fake.waitForDelivery(token)
  expect(delivery.status, JSON.stringify(delivery)).toBe(200)
  expect(delivery.contentType).toBe('application/json')
  expect(delivery.ms).toBeLessThan(3_000)
  return fake.waitForRequest((r) => r.path.includes(token) && r.path.endsWith('/callback'))
}

function editOf(fake: FakeDiscord, token: string, timeoutMs = 20_000): Promise<RecordedRequest> {
  return fake.waitForRequest((r) => r.path.includes(token) && r.method === 'PATCH', timeoutMs)
}

/** A signed POST to the endpoint, as Discord sends one; each part can be spoiled. */
async function post(
  h: Harness,
  body: string,
  options: { key?: KeyObject; timestamp?: number; signedBody?: string; headers?: Record<string, string | null> } = {},
): Promise<{ status: number; text: string; type: string }> {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000))
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-signature-ed25519': FakeDiscord.signature(options.key ?? h.privateKey, timestamp, options.signedBody ?? body),
    'x-signature-timestamp': timestamp,
  }
  for (const [name, value] of Object.entries(options.headers ?? {})) {
    if (value === null) delete headers[name]
    else headers[name] = value
  }
  const res = await fetch(h.endpoint, { method: 'POST', headers, body })
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') ?? '' }
}

const PING = JSON.stringify({ id: '1234567890123456789', application_id: '1234567890123456789', type: 1, version: 1 })

function plain(markdown: string): string {
  return markdown
    .split('\n')
    .map((l) => l.replace(/^> /, ''))
    .join('\n')
    .replace(/\*\*/g, '')
    .replace(/\\([\\*_`~|>#[\]()-])/g, '$1')
}

const admin = { permissions: String(PermissionFlagsBits.Administrator) }

describe('the interactions endpoint checks every request', () => {
  let h: Harness
  beforeAll(async () => {
    h = await harness(await seedClient(), { interactionsMaxBodyBytes: 8192 })
  })
  afterAll(() => close(h))

  it('answers a signed PING with PONG', async () => {
    const res = await post(h, PING)
    expect(res.status).toBe(200)
    expect(res.type).toBe('application/json')
    expect(JSON.parse(res.text)).toEqual({ type: 1 })
  })

  it("keeps an idle connection open longer than a load balancer keeps its own (nginx: 60 s), so none is closed under nginx's request", () => {
    // Node's default, 5 s, let nginx reuse a connection the replica was closing: a 502 for that POST.
    expect(h.bot.server.keepAliveTimeout).toBeGreaterThan(60_000)
  })

  it('refuses with 401: another key, a changed body, an old or future timestamp, missing or malformed headers', async () => {
    const other = keyPair().privateKey
    expect((await post(h, PING, { key: other })).status).toBe(401)
    expect((await post(h, PING, { signedBody: PING.replace('"type":1', '"type":2') })).status).toBe(401)
    const now = Math.floor(Date.now() / 1000)
    expect((await post(h, PING, { timestamp: now - 301 })).status).toBe(401)
    expect((await post(h, PING, { timestamp: now + 301 })).status).toBe(401)
    expect((await post(h, PING, { timestamp: now - 60 })).status).toBe(200)
    expect((await post(h, PING, { headers: { 'x-signature-ed25519': null } })).status).toBe(401)
    expect((await post(h, PING, { headers: { 'x-signature-timestamp': null } })).status).toBe(401)
    expect(
      (await post(h, PING, { headers: { 'x-signature-ed25519': null, 'x-signature-timestamp': null } })).status,
    ).toBe(401)
    expect((await post(h, PING, { headers: { 'x-signature-ed25519': 'zz'.repeat(64) } })).status).toBe(401)
    expect((await post(h, PING, { headers: { 'x-signature-timestamp': 'yesterday' } })).status).toBe(401)
  })

  it('refuses a command whose body was changed after signing, and runs nothing', async () => {
    const before = h.bot.router.pending
    const body = JSON.stringify({ id: '1', application_id: '2', token: 't', type: 2, data: { name: 'stats' } })
    const res = await post(h, body, { signedBody: body.replace('stats', 'reindex') })
    expect(res.status).toBe(401)
    expect(h.bot.router.pending).toBe(before)
  })

  it('refuses bodies over INTERACTIONS_MAX_BODY_BYTES with 413, announced or streamed, before checking them', async () => {
    const big = JSON.stringify({ type: 1, padding: 'x'.repeat(10_000) })
    expect((await post(h, big)).status).toBe(413)
    const chunks = [Buffer.from('{"type":1,"padding":"'), Buffer.alloc(10_000, 'x'), Buffer.from('"}')]
    const streamed = await fetch(h.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-signature-ed25519': '00', 'x-signature-timestamp': '1' },
      body: new ReadableStream({
        start(controller) {
          for (const c of chunks) controller.enqueue(new Uint8Array(c))
          controller.close()
        },
      }),
      duplex: 'half',
    })
    expect(streamed.status).toBe(413)
  })

  it('answers other methods, paths and types as HTTP does: 405, 404, 415, and 400 for a signed body that is not JSON', async () => {
    const get = await fetch(h.endpoint)
    expect(get.status).toBe(405)
    expect(get.headers.get('allow')).toBe('POST')
    expect((await fetch(`${h.bot.url}/elsewhere`, { method: 'POST', body: PING })).status).toBe(404)
    expect((await post(h, PING, { headers: { 'content-type': 'text/plain' } })).status).toBe(415)
    expect((await post(h, '{"type":')).status).toBe(400)
  })

  it('GET /healthz says the index is loaded', async () => {
    const res = await fetch(`${h.bot.url}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ status: 'ok', articles: 2 })
  })
})

describe('every command over HTTP, on a copy of the seed corpus', () => {
  let h: Harness
  let corpus: string
  beforeAll(async () => {
    corpus = seedCorpusCopy()
    const indexPath = join(TEST_DATA, `http-${process.pid}.index.json`)
    h = await harness(await openClient(corpus, indexPath), {
      corpusDir: corpus,
      indexPath,
      importLogPath: join(corpus, '..', 'data', 'imports.jsonl'),
    })
  })
  afterAll(() => close(h))

  it('/when quotes the BBC sentence word for word in the HTTP response, with no mentions parsed', async () => {
    const { token } = h.fake.sendCommand('when', [
      { name: 'question', type: 3, value: "when did the SDF breach the wall of Raqqa's old city?" },
    ])
    const { body } = await callbackOf(h.fake, token)
    expect(body.type).toBe(4)
    expect(body.data.allowed_mentions).toEqual({ parse: [] })
    const bbc = body.data.embeds.find((e: { description: string }) => e.description.includes('— BBC · '))
    expect(bbc.title).toBe("Reported Tuesday 4 July 2017 (the article's date; the quote names no day)")
    expect(plain(bbc.description)).toContain(
      "US-backed Syrian forces have breached the wall at Raqqa's Old City as they try to retake the city from so-called Islamic State, the US military says.",
    )
    expectDiscordSafe(body.data)
  })

  it('/who, /where, /casualties and /ask give the same answers as over the gateway', async () => {
    const ask = async (name: string, value: string) =>
      (await callbackOf(h.fake, h.fake.sendCommand(name, [{ name: 'question', type: 3, value }]).token)).body.data
    expect((await ask('who', 'who breached the wall of the old city of Raqqa')).embeds[0].title).toMatch(
      /^US-backed forces \(Syrian Democratic Forces\) · /,
    )
    expect((await ask('where', 'where did the SDF breach the Rafiqah Wall')).embeds[0].title).toMatch(
      /Old City · Raqqa$/,
    )
    expect((await ask('casualties', 'how many were killed in Raqqa in June')).embeds[0].title).toBe(
      'at least 173 killed',
    )
    const asked = await ask('ask', 'Rafiqah Wall')
    expect(asked.content).toMatch(/^\*\*\/ask\*\* Rafiqah Wall · 2 answers$/)
    expect(asked.embeds).toHaveLength(2)
  })

  it('replies privately when asked to', async () => {
    const { token } = h.fake.sendCommand('when', [
      { name: 'question', type: 3, value: 'when did IS seize Raqqa' },
      { name: 'private', type: 5, value: true },
    ])
    const { body } = await callbackOf(h.fake, token)
    expect(body.data.flags).toBe(64)
    expect(body.data.embeds[0].title).toBe('2014')
  })

  it('autocompletes in the HTTP response, within the limits', async () => {
    const q = h.fake.sendAutocomplete('when', [{ name: 'question', type: 3, value: 'raq', focused: true }])
    const { body } = await callbackOf(h.fake, q.token)
    expect(body.type).toBe(8)
    expect(body.data.choices.map((c: { name: string }) => c.name)).toContain('Raqqa')
    expectChoicesWithinLimits(body.data.choices)
    const s = h.fake.sendAutocomplete('when', [
      { name: 'question', type: 3, value: 'Raqqa' },
      { name: 'source', type: 3, value: 'fox', focused: true },
    ])
    expect((await callbackOf(h.fake, s.token)).body.data.choices).toEqual([
      { name: 'Fox News (1 article)', value: 'Fox News' },
    ])
  })

  it('buttons: the full article privately, its pages by update, stale and foreign buttons answered', async () => {
    const press = await callbackOf(h.fake, h.fake.sendButton('article:0:000_43f17e4488e5f64a').token)
    expect(press.body.type).toBe(4)
    expect(press.body.data.flags).toBe(64)
    expect(plain(press.body.data.embeds[0].description)).toContain('IS seized Raqqa in 2014')
    const read = await callbackOf(h.fake, h.fake.sendButton('read:0:000_43f17e4488e5f64a').token)
    expect(read.body.type).toBe(7)
    const stale = await callbackOf(h.fake, h.fake.sendButton('page:gone:1').token)
    expect(stale.body.data.content).toMatch(/expired/)
    const old = await callbackOf(h.fake, h.fake.sendButton('vote:yes').token)
    expect(old.body.data.content).toMatch(/older message/)
  })

  it('/timeline answers (the seed corpus has no incident)', async () => {
    const tl = await callbackOf(
      h.fake,
      h.fake.sendCommand('timeline', [{ name: 'place', type: 3, value: 'Raqqa' }]).token,
    )
    expect(tl.body.type).toBe(4)
    expect(tl.body.data.embeds[0].title).toBe('No incident in the corpus')
    expectDiscordSafe(tl.body.data)
  })

  it('/article, /sources, /stats, /help and an unknown command reply', async () => {
    const article = await callbackOf(
      h.fake,
      h.fake.sendCommand('article', [{ name: 'id', type: 3, value: '004_db9c0c4a30508cae' }]).token,
    )
    expect(article.body.data.embeds[0].fields.find((f: { name: string }) => f.name === 'Outlet').value).toBe('Fox News')
    for (const name of ['sources', 'stats', 'help']) {
      const { body } = await callbackOf(h.fake, h.fake.sendCommand(name, []).token)
      expect(body.type).toBe(4)
      expect(body.data.embeds[0].title).toBeTruthy()
      expectDiscordSafe(body.data)
    }
    const unknown = await callbackOf(h.fake, h.fake.sendCommand('weather', []).token)
    expect(unknown.body.data.content).toContain('/weather')
  })

  it('every command of the registry gets its answer over HTTP (deferred ones through the webhook)', async () => {
    const file = h.fake.attachment('none.jsonl', '')
    const options: Record<string, object[]> = {
      article: [{ name: 'id', type: 3, value: '000_43f17e4488e5f64a' }],
      timeline: [{ name: 'place', type: 3, value: 'Raqqa' }],
      import: [{ name: 'file', type: 11, value: file.id }],
      remove: [{ name: 'id', type: 3, value: 'not-imported' }],
    }
    for (const command of COMMAND_LIST) {
      const name = command.data.name
      const opts = command.engineCommand
        ? [{ name: 'question', type: 3, value: 'Rafiqah Wall' }]
        : (options[name] ?? [])
      const { token } = h.fake.sendCommand(name, opts, { ...admin, attachments: [file] })
      const { body } = await callbackOf(h.fake, token)
      expect([4, 5], `/${name}`).toContain(body.type)
      if (body.type === 4) expectDiscordSafe(body.data)
      else {
        const edit = await editOf(h.fake, token)
        expectDiscordSafe(edit.body)
      }
    }
  })

  it('/reindex defers in the HTTP response and reports through the webhook; no bot token is ever used', async () => {
    const { token } = h.fake.sendCommand('reindex', [], admin)
    const deferred = await callbackOf(h.fake, token)
    expect(deferred.body.type).toBe(5)
    expect(deferred.body.data.flags).toBe(64)
    const report = await editOf(h.fake, token)
    expect(report.path).toMatch(/^\/webhooks\/\d+\/[^/]+\/messages\/@original$/)
    expect(report.body.embeds[0].title).toBe('Reindexed')
    expect(h.fake.requests.filter((r) => r.headers.authorization !== undefined)).toEqual([])
  })

  it('/import previews through the webhook, its Add button writes the article and /imports lists it', async () => {
    const row = {
      id: 'tabqa-dam-1',
      title: 'SDF capture the Tabqa Dam',
      source: 'Test Wire',
      date: '2017-05-10',
      body: 'The Syrian Democratic Forces captured the Tabqa Dam from Islamic State on Wednesday, the US-led coalition said.\n',
    }
    const file = h.fake.attachment('tabqa.jsonl', `${JSON.stringify(row)}\n`)
    const mod = { userId: '123456789012345678', username: 'moderator', ...admin }
    const { token } = h.fake.sendCommand('import', [{ name: 'file', type: 11, value: file.id }], {
      ...mod,
      attachments: [file],
    })
    expect((await callbackOf(h.fake, token)).body.type).toBe(5)
    const preview = await editOf(h.fake, token)
    expect(preview.body.embeds[0].title).toBe('Import tabqa.jsonl?')
    const add = preview.body.components
      .flatMap((r: { components: Array<{ label?: string; custom_id?: string }> }) => r.components)
      .find((b: { label?: string }) => /^Add 1 article$/.test(b.label ?? '')).custom_id
    const press = h.fake.sendButton(add, mod)
    const progress = await callbackOf(h.fake, press.token)
    expect(progress.body.type).toBe(7)
    const done = await editOf(h.fake, press.token)
    expect(done.body.embeds[0].title).toBe('Imported tabqa.jsonl')
    expect(readFileSync(join(corpus, 'tabqa-dam-1.md'), 'utf8')).toContain('Tabqa Dam')
    const imports = await callbackOf(h.fake, h.fake.sendCommand('imports', [], mod).token)
    expect(imports.body.type).toBe(4)
    expectDiscordSafe(imports.body.data)
    expect(JSON.stringify(imports.body.data)).toContain('tabqa.jsonl')
  })

  it('counts interactions by command and outcome, answer latency and the index in GET /metrics', async () => {
    const res = await fetch(`${h.bot.url}/metrics`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/)
    const text = await res.text()
    expect(text).toMatch(/^interactions_total\{type="command",command="when",outcome="answered"\} [1-9]/m)
    expect(text).toMatch(/^interactions_total\{type="command",command="unknown",outcome="unknown_command"\} 1$/m)
    expect(text).toMatch(/^interactions_total\{type="autocomplete",command="when",outcome="answered"\} 2$/m)
    expect(text).toMatch(/^interactions_total\{type="button",command="page",outcome="answered"\} 1$/m)
    expect(text).toMatch(/^answer_seconds_bucket\{le="\+Inf",type="command",command="where"\} [1-9]/m)
    expect(text).toMatch(/^index_articles 2$/m)
    expect(text).toMatch(/^index_age_seconds \d/m)
    expect(text).toMatch(/^interactions_http_requests_total\{status="200"\} \d+$/m)
  })
})

describe.skipIf(!HAVE_FAKES)('paging over HTTP on FA-KES', () => {
  let h: Harness
  beforeAll(async () => {
    h = await harness(await fakesClient())
  })
  afterAll(() => close(h))

  it('turns the pages of an answer for the asker only, by update in the HTTP response', async () => {
    const asker = { userId: '111111111111111111' }
    const { token } = h.fake.sendCommand(
      'casualties',
      [{ name: 'question', type: 3, value: 'barrel bombs kill children in Aleppo' }],
      asker,
    )
    const { body } = await callbackOf(h.fake, token)
    expect(body.data.embeds[0].title).toBe('Figures differ between outlets')
    const next = body.data.components[0].components[1]
    expect(next.custom_id).toMatch(/^page:[\w-]+:1$/)
    const refused = await callbackOf(h.fake, h.fake.sendButton(next.custom_id, { userId: '222222222222222222' }).token)
    expect(refused.body.data.content).toMatch(/Only the person who asked/)
    const page2 = await callbackOf(h.fake, h.fake.sendButton(next.custom_id, asker).token)
    expect(page2.body.type).toBe(7)
    expect(page2.body.data.embeds.at(-1).footer.text).toMatch(/^6 of /)
    expectDiscordSafe(page2.body.data)
  })

  it('/timeline pages, and its menu opens the reports of an incident privately', async () => {
    const asker = { userId: '121212121212121212' }
    const tl = await callbackOf(
      h.fake,
      h.fake.sendCommand('timeline', [{ name: 'place', type: 3, value: 'Aleppo' }], asker).token,
    )
    // (expectDiscordSafe knows buttons only: tests/timeline.e2e.test.ts checks the menus' limits.)
    expect(tl.body.data.allowed_mentions).toEqual({ parse: [] })
    const next = tl.body.data.components
      .at(-1)
      .components.find((c: { custom_id?: string }) => /^tl:p:[\w-]+:1$/.test(c.custom_id ?? ''))
    const page2 = await callbackOf(h.fake, h.fake.sendButton(next.custom_id, asker).token)
    expect(page2.body.type).toBe(7)
    expect(page2.body.data.embeds[0].footer.text).toMatch(/^Incidents 9–16 of \d+ · page 2 of /)
    const select = page2.body.data.components[0].components[0]
    // A select-menu choice (component_type 3): the fake has no helper for it (see tests/timeline.e2e.test.ts).
    const inner = h.fake as unknown as {
      interact(type: number, data: unknown, opts: object, message?: unknown): { token: string }
      message(channelId: string, data: Record<string, unknown>): unknown
    }
    const chosen = inner.interact(
      3,
      { custom_id: select.custom_id, component_type: 3, values: [select.options[0].value] },
      {},
      inner.message('1', {}),
    )
    const reports = await callbackOf(h.fake, chosen.token)
    expect(reports.body.type).toBe(4)
    expect(reports.body.data.flags).toBe(64)
    expect(reports.body.data.allowed_mentions).toEqual({ parse: [] })
    expect(reports.body.data.embeds[0].footer.text).toMatch(/^Incident 9 of \d+ · \d+ reports?/)
  })
})

describe('the 3 s deadline', () => {
  let h: Harness
  beforeAll(async () => {
    h = await harness(await seedClient(), {}, { deferAfterMs: 200 })
  })
  afterAll(() => close(h))

  it('a slow answer is deferred in time, then arrives as the edit of the deferred reply', async () => {
    const engine = h.bot.ctx.engine
    const real = engine.answer.bind(engine)
    engine.answer = async (command, question, options) => {
      await new Promise((r) => setTimeout(r, 600))
      return real(command, question, options)
    }
    try {
      const { token } = h.fake.sendCommand('where', [{ name: 'question', type: 3, value: 'Rafiqah Wall' }])
      const deferred = await callbackOf(h.fake, token)
      expect(deferred.body).toEqual({ type: 5 })
      const delivery = h.fake.deliveries.find((d) => d.token === token)!
      expect(delivery.ms).toBeLessThan(600)
      const edit = await editOf(h.fake, token)
      expect(edit.body.embeds[0].title).toMatch(/Old City · Raqqa$/)
      expect(h.logs.entries().some((e) => e.msg === 'no answer before the deadline: deferred')).toBe(true)
      const metrics = await (await fetch(`${h.bot.url}/metrics`)).text()
      expect(metrics).toMatch(/^interactions_auto_deferred_total\{type="2"\} 1$/m)
    } finally {
      engine.answer = real
    }
  })

  it('a slow page turn is a deferred update, then the edit of the message', async () => {
    const engine = h.bot.ctx.engine
    const real = engine.article.bind(engine)
    engine.article = async (id) => {
      await new Promise((r) => setTimeout(r, 600))
      return real(id)
    }
    try {
      const { token } = h.fake.sendButton('read:0:000_43f17e4488e5f64a')
      expect((await callbackOf(h.fake, token)).body).toEqual({ type: 6 })
      const edit = await editOf(h.fake, token)
      expect(plain(edit.body.embeds[0].description)).toContain('IS seized Raqqa in 2014')
    } finally {
      engine.article = real
    }
  })
})

describe('npm start in HTTP interactions mode', () => {
  it('serves POST /interactions without DISCORD_TOKEN, answers PING, and stops cleanly on SIGTERM', async () => {
    const { hex, privateKey } = keyPair()
    // The repository's tsx, by path, in an empty folder (no .env read): only the settings given here.
    const cwd = mkdtempSync(join(tmpdir(), 'syria-news-bot-http-'))
    const loader = pathToFileURL(join(REPO, 'node_modules/tsx/dist/loader.mjs')).href
    const child = spawn(process.execPath, ['--import', loader, join(REPO, 'src/main.ts')], {
      cwd,
      env: {
        PATH: process.env.PATH,
        DISCORD_PUBLIC_KEY: hex,
        INTERACTIONS_PORT: '0',
        INTERACTIONS_HOST: '127.0.0.1',
        CORPUS_DIR: join(REPO, 'corpus'),
        INDEX_PATH: join(TEST_DATA, 'seeds.index.json'),
        DISCORD_API_URL: 'http://127.0.0.1:1/api',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.stderr.on('data', (c: Buffer) => (out += c.toString()))
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not listening after 60 s:\n${out}`)), 60_000)
        const check = () => {
          const m = /answering interactions at (http:\/\/[\d.:]+)\/interactions/.exec(out)
          if (m) {
            clearTimeout(timer)
            resolve(m[1]!)
          }
        }
        child.stdout.on('data', check)
        child.once('exit', (code) => reject(new Error(`exited ${code}:\n${out}`)))
      })
      expect(out).not.toMatch(/local console/)
      const timestamp = String(Math.floor(Date.now() / 1000))
      const res = await fetch(`${url}/interactions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-signature-ed25519': FakeDiscord.signature(privateKey, timestamp, PING),
          'x-signature-timestamp': timestamp,
        },
        body: PING,
      })
      expect(await res.json()).toEqual({ type: 1 })
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      const [code] = (await exited) as [number | null]
      expect(code, out).toBe(0)
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
      rmSync(cwd, { recursive: true, force: true })
    }
  })
})
