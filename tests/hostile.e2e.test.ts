// Hostile and odd input (tests/hostile-input.ts) through the real client and the fake Discord: a sample of the
// cases tests/hostile.test.ts runs through the engine and the renderers, over every option of every command.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { startBot, type RunningBot } from '../src/bot/bot.js'
import type { EngineClient } from '../src/runtime/client.js'
import { expectDiscordSafe } from './discord-limits.js'
import { FakeDiscord } from './fake-discord.js'
import { memoryLogger, seedClient, TEST_TOKEN, testConfig } from './helpers.js'
import { hostile } from './hostile-input.js'

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
    const cases = fc.sample(
      fc.tuple(
        fc.constantFrom('when', 'who', 'where', 'casualties', 'ask', 'article'),
        hostile,
        hostile,
        hostile,
        fc.boolean(),
      ),
      { numRuns: 40, seed: 3 },
    )
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
      expectDiscordSafe(data)
      expect(data.content ?? '').not.toMatch(/Something went wrong/)
    }
    expect(logs.entries().filter((e) => Number(e.level) >= 50)).toEqual([])
  })
})
