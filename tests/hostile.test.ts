// Hostile and odd input, property-based (fast-check), over every option of every command: empty, whitespace,
// 6,000 characters, control characters, RTL and Arabic text, emoji, zalgo, markdown and mention syntax, regular
// expression and MiniSearch query syntax, impossible dates. Nothing throws, nothing pings, every reply within limits.
// First through the engine and the renderers (thousands of cases), then a sample through the real client.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { startBot, type RunningBot } from '../src/bot/bot.js'
import { choicesFor, resolveSource } from '../src/bot/question-command.js'
import { consoleLine } from '../src/bot/console.js'
import type { Engine } from '../src/runtime/engine.js'
import type { EngineClient } from '../src/runtime/client.js'
import { parseDateBound } from '../src/engine/query/filters.js'
import { COMMANDS, type Command } from '../src/engine/types.js'
import { LIMITS } from '../src/limits.js'
import { answerPage, articlePage, notice, type DiscordMessage } from '../src/render/discord.js'
import { FakeDiscord } from './fake-discord.js'
import { fakesClient, fakesEngine, HAVE_FAKES, memoryLogger, seedClient, seedEngine, TEST_TOKEN, testConfig } from './helpers.js'

const SAMPLES = [
  '@everyone', '@here', '<@123456789012345678>', '<@!123456789012345678>', '<@&123456789012345678>', '<#123456789012345678>',
  '</when:123456789012345678>', '**bold**', '__under__', '~~strike~~', '`code`', '```block```', '> quote', '# heading', '- list',
  '||spoiler||', '[link](https://evil.example)', '\\', '.*', '(a|b)+', '[', ']', '(', 'AND', 'OR', 'NOT', '*', '~2', '^3', '"unterminated',
  'field:value', '+-!', 'هجوم على حلب', 'قتلى في إدلب', '\u202eevil\u202c', '\u200f\u200e', '💥🔥🇸🇾👨‍👩‍👧', 'R̵̛̖͉̈́a̶̧͚̓q̸̳̾q̷͎̈a̴̠͝',
  '31/02', '99999', '2016-13-45', '0000-00-00', '2017-02-29', 'yesterday', '-1', 'NaN', 'Infinity', '1e309', 'null', 'undefined',
  '\u0000', '\u0007\u001b[31m', '\r\n\r\n', '\t', '\uFFFD', '\uD800', 'Raqqa', 'Aleppo', 'killed', 'SDF',
]

const hostile: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...SAMPLES), { maxLength: 6 }).map((parts) => parts.join(' ')) },
  { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '   \n\t ', 'x'.repeat(6000), `${'@everyone '.repeat(600)}`, 'a'.repeat(301)) },
)

/** Nothing can ping or render as a mention, and every Discord limit holds. */
function expectSafe(m: DiscordMessage): void {
  expect(m.allowedMentions).toEqual({ parse: [] })
  const text = JSON.stringify([m.content, m.embeds])
  expect(text).not.toMatch(/@everyone|@here|<@|<#|<\/\w/)
  expect(m.content.length).toBeLessThanOrEqual(LIMITS.content)
  expect(m.embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage)
  let total = 0
  for (const e of m.embeds) {
    expect((e.title ?? '').length).toBeLessThanOrEqual(LIMITS.embedTitle)
    expect((e.description ?? '').length).toBeLessThanOrEqual(LIMITS.embedDescription)
    expect((e.footer?.text ?? '').length).toBeLessThanOrEqual(LIMITS.footer)
    for (const f of e.fields ?? []) expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue)
    total += (e.title ?? '').length + (e.description ?? '').length + (e.footer?.text ?? '').length + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  }
  expect(total).toBeLessThanOrEqual(LIMITS.embedTotal)
  for (const row of m.components) {
    expect(row.components.length).toBeLessThanOrEqual(5)
    for (const b of row.components) expect(('custom_id' in b ? b.custom_id : '').length).toBeLessThanOrEqual(LIMITS.customId)
  }
}

describe('every option, any input, through the engine and the renderers', () => {
  let engine: Engine
  // The bot's handlers get the engine as the bot runs it: in a worker thread.
  let client: EngineClient
  beforeAll(async () => {
    engine = HAVE_FAKES ? fakesEngine() : seedEngine()
    client = HAVE_FAKES ? await fakesClient() : await seedClient()
  })
  afterAll(() => client.close())

  it('questions with hostile sources and dates: no throw, quotes verbatim, replies safe on every page', () => {
    fc.assert(
      fc.property(fc.constantFrom(...COMMANDS), hostile, fc.option(hostile, { nil: undefined }), fc.option(hostile, { nil: undefined }), fc.option(hostile, { nil: undefined }), (command: Command, question, source, from, to) => {
        const result = engine.answer(command, question, { limit: 12, ...(source !== undefined ? { sources: [source] } : {}), ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) })
        expect(result.answers.length).toBeLessThanOrEqual(12)
        for (const a of result.answers) expect(engine.article(a.article.id)!.body.includes(a.quote) || engine.article(a.article.id)!.title.includes(a.quote)).toBe(true)
        for (const page of [0, 1, 3, -1, 99]) expectSafe(answerPage(result, page, { session: 'abcdefgh' }))
      }),
      { numRuns: 400, seed: 20261122 },
    )
  })

  it('autocomplete: at most 25 choices of 1 to 100 characters, whatever is typed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('question', 'source'), hostile, async (option, typed) => {
        const choices = await choicesFor(option, typed, client)
        expect(choices.length).toBeLessThanOrEqual(LIMITS.choices)
        for (const c of choices) {
          expect(c.name.length).toBeGreaterThanOrEqual(1)
          expect(c.name.length).toBeLessThanOrEqual(LIMITS.choiceName)
          expect(c.value.length).toBeGreaterThanOrEqual(1)
          expect(c.value.length).toBeLessThanOrEqual(LIMITS.choiceValue)
        }
      }),
      { numRuns: 300, seed: 7 },
    )
  })

  it('sources, dates, article ids and console lines: clear refusals, never a throw or a ping', async () => {
    const ctx = { engine: client }
    await fc.assert(
      fc.asyncProperty(hostile, async (text) => {
        const source = await resolveSource(text, ctx)
        if (source.error) expectSafe(notice(source.error))
        for (const edge of ['from', 'to'] as const) {
          const bound = parseDateBound(text, edge)
          if (!bound.ok) expectSafe(notice(bound.message))
        }
        const article = engine.article(text)
        if (article) expectSafe(articlePage(article, 0))
        const reply = await consoleLine(`/when ${text}`, { engine: client, startedAt: Date.now(), color: false })
        expect(typeof reply).toBe('string')
      }),
      { numRuns: 200, seed: 11 },
    )
  })
})

describe('a sample through the real client and the fake Discord', () => {
  let fake: FakeDiscord
  let bot: RunningBot
  let client: EngineClient
  const logs = memoryLogger()
  beforeAll(async () => {
    fake = await FakeDiscord.start({ token: TEST_TOKEN })
    client = await seedClient()
    bot = await startBot({ config: testConfig({ discordApiUrl: fake.apiUrl }), engine: client, log: logs.log })
  })
  afterAll(async () => {
    await bot.stop()
    await fake.stop()
    await client.close()
  })

  it('every hostile command is answered, safely, and nothing fails', async () => {
    const cases = fc.sample(fc.tuple(fc.constantFrom('when', 'who', 'where', 'casualties', 'ask', 'article'), hostile, hostile, hostile, fc.boolean()), { numRuns: 40, seed: 3 })
    const tokens = cases.map(([name, question, source, date, priv]) => {
      const options =
        name === 'article'
          ? [{ name: 'id', type: 3, value: question }]
          : [
              { name: 'question', type: 3, value: question },
              { name: 'source', type: 3, value: source },
              { name: 'from', type: 3, value: date },
              { name: 'private', type: 5, value: priv },
            ]
      return fake.sendCommand(name, options).token
    })
    for (const token of tokens) {
      const cb = await fake.waitForRequest((r) => r.path.includes(token) && r.path.endsWith('/callback'), 20_000)
      const data = cb.body.data
      expectSafe({ content: data.content ?? '', embeds: data.embeds ?? [], components: data.components ?? [], allowedMentions: data.allowed_mentions })
      expect(data.content ?? '').not.toMatch(/Something went wrong/)
    }
    expect(logs.entries().filter((e) => Number(e.level) >= 50)).toEqual([])
  })
})
