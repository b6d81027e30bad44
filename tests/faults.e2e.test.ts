// Faults, each followed by a question the bot must still answer: the session invalidated, REST 500 and 10062 on
// replies, corpus files that are half-written or unreadable during /reindex, articles that carry mentions, markdown
// and enormous paragraphs, and the process killed in the middle of a reindex.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { mkdtempSync, symlinkSync, watch, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { PermissionFlagsBits } from 'discord.js'
import { startBot, type RunningBot } from '../src/bot/bot.js'
import type { EngineClient } from '../src/runtime/client.js'
import { expectDiscordSafe } from './discord-limits.js'
import { FakeDiscord, type RecordedRequest } from './fake-discord.js'
import {
  memoryLogger,
  openClient,
  REPO,
  seedCorpusCopy,
  TEST_DATA,
  TEST_TOKEN,
  testConfig,
  type MemoryLog,
} from './helpers.js'

let fake: FakeDiscord
let bot: RunningBot
let engine: EngineClient
let logs: MemoryLog
let corpus: string

beforeAll(async () => {
  corpus = seedCorpusCopy()
  // Articles that try to ping, format and overflow: quoted all the same, safely.
  writeFileSync(
    join(corpus, 'hostile.md'),
    [
      '---',
      'id: hostile-1',
      'title: "@everyone **Breaking** <@&123456789012345678>"',
      'source: Test Wire',
      'date: 2017-07-08',
      '---',
      '@everyone the checkpoint near Manbij was shelled on Saturday, killing 12 people <@123456789012345678> **says** __the__ ~~monitor~~ `code` > quote # heading [link](https://example.com) \uFFFD\uFFFD done.',
      '',
      `The convoy from Jarabulus ${'was delayed again and again while the talks went on '.repeat(1200)}until night fell.`,
      '',
    ].join('\n'),
  )
  fake = await FakeDiscord.start({ token: TEST_TOKEN })
  logs = memoryLogger()
  const indexPath = join(TEST_DATA, `faults-${process.pid}.index.json`)
  engine = await openClient(corpus, indexPath)
  bot = await startBot({
    config: testConfig({ discordApiUrl: fake.apiUrl, corpusDir: corpus, indexPath }),
    engine,
    log: logs.log,
  })
})

afterAll(async () => {
  await bot?.stop()
  await engine?.close()
  await fake?.stop()
})

function ask(command: string, value: string): { id: string; token: string } {
  return fake.sendCommand(command, [{ name: 'question', type: 3, value }])
}
function callbackOf(token: string): Promise<RecordedRequest> {
  return fake.waitForRequest((r) => r.path.includes(token) && r.path.endsWith('/callback'), 20_000)
}
async function stillAnswers(): Promise<void> {
  const { token } = ask('where', 'Rafiqah Wall')
  expect((await callbackOf(token)).body.data.embeds[0].title).toBe('Raqqa')
}

describe('gateway and REST faults', () => {
  it('an invalidated session: the client identifies again and answers', async () => {
    const before = fake.identifies
    fake.invalidateSession()
    await fake.waitForReady(1, 20_000)
    expect(fake.identifies).toBe(before + 1)
    await stillAnswers()
  })

  it('a 500 on a reply is retried and the reply arrives', async () => {
    fake.failNext({ method: 'POST', pathIncludes: '/callback' }, { status: 500 })
    const { token } = ask('where', 'Rafiqah Wall')
    const callbacks = () => fake.responsesFor(token).filter((r) => r.path.endsWith('/callback'))
    await fake.waitForRequest(() => callbacks().length >= 2)
    expect(callbacks()[1]!.body).toEqual(callbacks()[0]!.body)
  })

  it('10062 (too late): logged once, no retry, no crash, and the next question is answered', async () => {
    fake.failNext(
      { method: 'POST', pathIncludes: '/callback' },
      { status: 404, body: { code: 10062, message: 'Unknown interaction' } },
    )
    const { token, id } = ask('where', 'Rafiqah Wall')
    await callbackOf(token)
    await new Promise((r) => setTimeout(r, 300))
    expect(fake.responsesFor(token)).toHaveLength(1)
    expect(
      logs
        .entries()
        .filter(
          (e) => e.interactionId === id && e.msg === 'interaction could not be answered (too late or already answered)',
        ),
    ).toHaveLength(1)
    await stillAnswers()
  })
})

describe('hostile articles are quoted safely', () => {
  it('mentions, markdown and U+FFFD in an article: quoted word for word, nothing pings', async () => {
    const { token } = ask('casualties', 'checkpoint near Manbij shelled')
    const { body } = await callbackOf(token)
    expectDiscordSafe(body.data)
    const embed = body.data.embeds[0]
    expect(embed.title).toBe('12 people killed')
    const plain = embed.description
      .replace(/^> /gm, '')
      .replace(/\*\*/g, '')
      .replace(/\u200b/g, '')
      .replace(/\\([\\*_`~|>#[\]-])/g, '$1')
    expect(plain).toContain(
      '@everyone the checkpoint near Manbij was shelled on Saturday, killing 12 people <@123456789012345678> **says** __the__ ~~monitor~~ `code` > quote # heading [link](https://example.com) \uFFFD\uFFFD done.',
    )
  })

  it('an enormous paragraph is cut at a word with "…", within the limits', async () => {
    const { token } = ask('ask', 'convoy from Jarabulus delayed')
    const { body } = await callbackOf(token)
    expectDiscordSafe(body.data)
    expect(body.data.embeds[0].description).toMatch(/…\n— Test Wire/)
  })
})

describe('broken corpus files during /reindex', () => {
  it('a half-written file and an unreadable one are skipped with their reasons; everything else loads and answers', async () => {
    writeFileSync(join(corpus, 'half.md'), '---\nid: half\ntitle: "A report that was still being wri')
    symlinkSync(join(corpus, 'nowhere.md'), join(corpus, 'gone.md'))
    const { token } = fake.sendCommand('reindex', [], { permissions: String(PermissionFlagsBits.ManageGuild) })
    const report = await fake.waitForRequest((r) => r.path.includes(token) && r.method === 'PATCH', 30_000)
    const skipped = report.body.embeds[0].fields.find((f: { name: string }) => f.name.startsWith('Skipped'))
      .value as string
    expect(skipped).toContain('gone.md: cannot be read (ENOENT)')
    expect(skipped).toContain('half.md:1: front matter is not closed with a "---" line')
    await stillAnswers()
  })
})

describe('the process killed during a reindex', () => {
  it('the next start loads a whole index (the old one or the new one, never half of one)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'syria-news-bot-kill-'))
    const killedCorpus = seedCorpusCopy()
    const indexPath = join(dir, 'index.json')
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href
    const start = (stdin: string) => {
      const child = spawn(process.execPath, ['--import', tsx, join(REPO, 'src/main.ts')], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? '', CORPUS_DIR: killedCorpus, INDEX_PATH: indexPath },
        stdio: ['pipe', 'pipe', 'pipe'],
      })
      let out = ''
      child.stdout.on('data', (c: Buffer) => (out += c.toString()))
      child.stderr.on('data', (c: Buffer) => (out += c.toString()))
      child.stdin.end(stdin)
      return { child, output: () => out, exited: new Promise((r) => child.on('exit', r)) }
    }
    // First start builds the index; then its console /reindex is killed the moment the rebuild starts writing the new
    // file (a temporary file beside index.json, renamed over it when whole): mid-write, or just after.
    const first = start('/reindex\n')
    let built = false
    let killedAt = ''
    await new Promise<void>((resolve) => {
      const watcher = watch(dir, (_event, name) => {
        if (name === 'index.json') built = true
        else if (built && name?.endsWith('.tmp')) {
          first.child.kill('SIGKILL')
          killedAt = `while ${name} was being written`
          watcher.close()
          resolve()
        }
      })
      void first.exited.then(() => {
        watcher.close()
        resolve()
      })
    })
    await first.exited
    expect(killedAt, `never killed; the first start printed:\n${first.output()}`).not.toBe('')
    expect(first.output(), 'killed during the reindex, before its report').not.toContain('Reindexed')
    const second = start('/when when did IS seize Raqqa\n/quit\n')
    await second.exited
    // A whole index loads quietly: a damaged, half-written or missing one would be rebuilt, with a message saying why.
    expect(second.output()).not.toMatch(/building it from|corrupt|cut short|checksum/)
    expect(second.output()).toContain('1. 2014')
  })
})
