// Replicas behind a load balancer hold nothing another one needs: with SESSIONS_DIR on shared storage a button
// pressed on a message one replica answered works on another, and a /reindex taken by one replica reaches the others
// through the index file they share.

import { generateKeyPairSync, type KeyObject } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PermissionFlagsBits } from 'discord.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHttpBot, type RunningHttpBot } from '../src/bot/http/server.js'
import { Sessions } from '../src/bot/sessions.js'
import type { Config } from '../src/config.js'
import { EngineClient } from '../src/runtime/client.js'
import { FakeDiscord, type RecordedRequest } from './fake-discord.js'
import { fakesClient, HAVE_FAKES, memoryLogger, seedCorpusCopy, TEST_TOKEN, testConfig } from './helpers.js'

interface Replicas {
  fake: FakeDiscord
  bots: RunningHttpBot[]
  engines: EngineClient[]
  privateKey: KeyObject
}

async function replicas(engines: EngineClient[], config: Partial<Config>): Promise<Replicas> {
  const fake = await FakeDiscord.start({ token: TEST_TOKEN })
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const der = publicKey.export({ format: 'der', type: 'spki' })
  const hex = der.subarray(der.length - 32).toString('hex')
  const bots = await Promise.all(
    engines.map((engine, i) =>
      startHttpBot({
        config: testConfig({
          discordApiUrl: fake.apiUrl,
          discordToken: undefined,
          discordPublicKey: hex,
          replicaName: `replica-${i + 1}`,
          ...config,
        }),
        engine,
        log: memoryLogger().log,
        port: 0,
        host: '127.0.0.1',
      }),
    ),
  )
  return { fake, bots, engines, privateKey }
}

/** Sends the next interactions to replica `i`, as a load balancer may. */
function via(r: Replicas, i: number): FakeDiscord {
  r.fake.useInteractionsEndpoint(`${r.bots[i]!.url}/interactions`, r.privateKey)
  return r.fake
}

async function callbackOf(fake: FakeDiscord, token: string): Promise<RecordedRequest & { servedBy?: string }> {
  const delivery = await fake.waitForDelivery(token, 20_000)
  expect(delivery.status, JSON.stringify(delivery)).toBe(200)
  const request = await fake.waitForRequest((q) => q.path.includes(token) && q.path.endsWith('/callback'))
  return { ...request, servedBy: delivery.servedBy }
}

async function close(r: Replicas | undefined): Promise<void> {
  if (!r) return
  await Promise.all(r.bots.map((b) => b.stop()))
  await r.fake.stop()
  await Promise.all(r.engines.map((e) => e.close()))
}

describe('results shared through SESSIONS_DIR', () => {
  it('one process saves, another reads; used once, gone for both; an upload comes back as the same bytes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'syria-news-bot-sessions-'))
    const a = new Sessions<{ bytes: Buffer; n: number }>(60_000, 10, { dir, kind: 'confirmations' })
    const b = new Sessions<{ bytes: Buffer; n: number }>(60_000, 10, { dir, kind: 'confirmations' })
    const bytes = Buffer.from('id,title\n1,Tabqa\n')
    const id = a.save({ userId: '1', result: { bytes, n: 3 } })
    const seen = b.get(id)
    expect(seen?.userId).toBe('1')
    expect(Buffer.isBuffer(seen?.result.bytes)).toBe(true)
    expect(seen?.result.bytes.equals(bytes)).toBe(true)
    b.delete(id)
    expect(a.get(id)).toBeDefined() // a's own memory, until it expires
    expect(new Sessions(60_000, 10, { dir, kind: 'confirmations' }).get(id)).toBeUndefined()
    expect(b.get('../../etc/passwd')).toBeUndefined()
  })

  it('a result past its time is gone on every replica', () => {
    const dir = mkdtempSync(join(tmpdir(), 'syria-news-bot-sessions-'))
    const a = new Sessions<number>(-1, 10, { dir, kind: 'answers' })
    const id = a.save({ userId: '1', result: 1 })
    expect(new Sessions<number>(60_000, 10, { dir, kind: 'answers' }).get(id)).toBeUndefined()
  })
})

describe.skipIf(!HAVE_FAKES)('a page button on another replica', () => {
  let r: Replicas
  beforeAll(async () => {
    const sessionsDir = mkdtempSync(join(tmpdir(), 'syria-news-bot-sessions-'))
    r = await replicas([await fakesClient(), await fakesClient()], { sessionsDir })
  }, 120_000)
  afterAll(() => close(r))

  it('turns the page of an answer another replica gave', async () => {
    const asker = { userId: '111111111111111111' }
    const asked = await callbackOf(
      r.fake,
      via(r, 0).sendCommand(
        'casualties',
        [{ name: 'question', type: 3, value: 'barrel bombs kill children in Aleppo' }],
        asker,
      ).token,
    )
    expect(asked.servedBy).toBe('replica-1')
    const next = asked.body.data.components[0].components[1]
    expect(next.custom_id).toMatch(/^page:[\w-]+:1$/)
    const page2 = await callbackOf(r.fake, via(r, 1).sendButton(next.custom_id, asker).token)
    expect(page2.servedBy).toBe('replica-2')
    expect(page2.body.type).toBe(7)
    expect(page2.body.data.embeds.at(-1).footer.text).toMatch(/^6 of /)
  })
})

describe('a /reindex taken by one replica', () => {
  let r: Replicas
  let corpus: string
  beforeAll(async () => {
    corpus = seedCorpusCopy()
    const indexPath = join(mkdtempSync(join(tmpdir(), 'syria-news-bot-shared-index-')), 'shared.index')
    const open = () => EngineClient.open({ corpusPath: corpus, indexPath, watchIntervalMs: 100 })
    const engines = await Promise.all([open(), open()])
    r = await replicas(engines, { corpusDir: corpus, indexPath })
  }, 120_000)
  afterAll(() => close(r))

  it('reaches the other replica, which answers from the new articles', async () => {
    writeFileSync(
      join(corpus, 'tabqa-dam.md'),
      '---\nid: "tabqa-dam"\ntitle: "SDF take the Tabqa Dam"\nsource: "Test Wire"\ndate: "2017-05-10"\nurl: ""\n---\nThe Syrian Democratic Forces captured the Tabqa Dam from Islamic State on Wednesday, the coalition said.\n',
    )
    const admin = { permissions: String(PermissionFlagsBits.Administrator) }
    const { token } = via(r, 0).sendCommand('reindex', [], admin)
    await callbackOf(r.fake, token)
    const report = await r.fake.waitForRequest((q) => q.path.includes(token) && q.method === 'PATCH', 120_000)
    expect(JSON.stringify(report.body)).toMatch(/Articles 2 → 3/)
    // The other replica follows the file; asked there, the new article answers.
    let answered: RecordedRequest & { servedBy?: string }
    for (let tries = 0; ; tries++) {
      const ask = via(r, 1).sendCommand('when', [
        { name: 'question', type: 3, value: 'when did the SDF capture the Tabqa Dam' },
      ])
      answered = await callbackOf(r.fake, ask.token)
      if (JSON.stringify(answered.body).includes('tabqa-dam') || tries > 100) break
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    expect(answered.servedBy).toBe('replica-2')
    expect(JSON.stringify(answered.body)).toContain('tabqa-dam')
  }, 180_000)
})
