// Hostile and odd input (tests/hostile-input.ts), property-based (fast-check), over every option of every command:
// empty, whitespace, 6,000 characters, control characters, RTL and Arabic text, emoji, zalgo, markdown and mention
// syntax, regular expression and MiniSearch query syntax, impossible dates. Nothing throws, nothing pings, every reply
// within limits: through the engine and the renderers (thousands of cases). tests/hostile.e2e.test.ts sends a sample
// through the real client and the fake Discord.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { choicesFor, resolveSource } from '../src/bot/question-command.js'
import { consoleLine } from '../src/bot/console.js'
import type { Engine } from '../src/runtime/engine.js'
import type { EngineClient } from '../src/runtime/client.js'
import { parseDateBound } from '../src/engine/query/filters.js'
import { COMMANDS, type Command } from '../src/engine/types.js'
import { answerPage, articlePage, notice } from '../src/render/discord.js'
import { expectChoicesWithinLimits, expectDiscordSafe } from './discord-limits.js'
import { fakesClient, fakesEngine, HAVE_FAKES, seedClient, seedEngine } from './helpers.js'
import { hostile } from './hostile-input.js'

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
      fc.property(
        fc.constantFrom(...COMMANDS),
        hostile,
        fc.option(hostile, { nil: undefined }),
        fc.option(hostile, { nil: undefined }),
        fc.option(hostile, { nil: undefined }),
        (command: Command, question, source, from, to) => {
          const result = engine.answer(command, question, {
            limit: 12,
            ...(source !== undefined ? { sources: [source] } : {}),
            ...(from !== undefined ? { from } : {}),
            ...(to !== undefined ? { to } : {}),
          })
          expect(result.answers.length).toBeLessThanOrEqual(12)
          for (const a of result.answers)
            expect(
              engine.article(a.article.id)!.body.includes(a.quote) ||
                engine.article(a.article.id)!.title.includes(a.quote),
            ).toBe(true)
          for (const page of [0, 1, 3, -1, 99]) expectDiscordSafe(answerPage(result, page, { session: 'abcdefgh' }))
        },
      ),
      { numRuns: 400, seed: 20261122 },
    )
  })

  it('autocomplete: at most 25 choices of 1 to 100 characters, whatever is typed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('question', 'source'), hostile, async (option, typed) => {
        expectChoicesWithinLimits(await choicesFor(option, typed, client))
      }),
      { numRuns: 300, seed: 7 },
    )
  })

  it('sources, dates, article ids and console lines: clear refusals, never a throw or a ping', async () => {
    const ctx = { engine: client }
    await fc.assert(
      fc.asyncProperty(hostile, async (text) => {
        const source = await resolveSource(text, ctx)
        if (source.error) expectDiscordSafe(notice(source.error))
        for (const edge of ['from', 'to'] as const) {
          const bound = parseDateBound(text, edge)
          if (!bound.ok) expectDiscordSafe(notice(bound.message))
        }
        const article = engine.article(text)
        if (article) expectDiscordSafe(articlePage(article, 0))
        const reply = await consoleLine(`/when ${text}`, { engine: client, startedAt: Date.now(), color: false })
        expect(typeof reply).toBe('string')
      }),
      { numRuns: 200, seed: 11 },
    )
  })
})
