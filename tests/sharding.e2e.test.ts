// Two shards as two processes under discord.js's ShardingManager, against a fake Discord that announces two shards
// and routes each guild's interactions to its shard: both answer, and a /reindex in one is seen by the other through
// the index file (as it would be by a shard on another host).

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PermissionFlagsBits } from 'discord.js'
import { runShardingManager, type RunningManager } from '../src/bot/sharding.js'
import { FakeDiscord, shardOf } from './fake-discord.js'
import { memoryLogger, seedCorpusCopy, TEST_DATA, TEST_TOKEN, testConfig } from './helpers.js'

let fake: FakeDiscord
let running: RunningManager
let corpus: string
const logs = memoryLogger('info')

beforeAll(async () => {
  fake = await FakeDiscord.start({ token: TEST_TOKEN, shards: 2 })
  corpus = seedCorpusCopy()
  const config = testConfig({
    discordApiUrl: fake.apiUrl,
    corpusDir: corpus,
    indexPath: join(TEST_DATA, `shards-${process.pid}.index.json`),
    shards: 2,
    // Each shard follows the index file, as by default (5 s), checking more often for the test.
    indexWatchSeconds: 1,
    logLevel: 'warn',
  })
  running = await runShardingManager(config, logs.log, { spawnDelay: 100 })
  await fake.waitForReady(2, 60_000)
}, 120_000)

afterAll(async () => {
  await running?.stop()
  await fake?.stop()
})

/** The line of a /reindex report that says this shard waited for another's build instead of building. */
const WAITED = /already rebuilding the index: this one waited and switched to its build/

function ask(guildId: string, command: string, value: string) {
  const { token } = fake.sendCommand(command, [{ name: 'question', type: 3, value }], { guildId })
  return fake.waitForRequest((r) => r.path.includes(token) && r.path.endsWith('/callback'), 20_000)
}

describe('sharded', () => {
  it('two shards, one guild each, both answer', async () => {
    expect(fake.guildIds.map((g) => shardOf(g, 2)).sort()).toEqual([0, 1])
    for (const guildId of fake.guildIds) {
      const reply = await ask(guildId, 'where', 'Rafiqah Wall')
      expect(reply.body.data.embeds[0].title).toMatch(/Old City · Raqqa$/)
    }
  })

  it('a /reindex in one shard rebuilds once, and the other shard answers from the new index', async () => {
    writeFileSync(
      join(corpus, 'sharded.md'),
      '---\nid: sharded-1\nsource: Test Wire\ndate: 2017-07-07\n---\nA convoy reached the Tabqa dam on Friday.\n',
    )
    const [first, second] = fake.guildIds as [string, string]
    const { token } = fake.sendCommand('reindex', [], {
      guildId: first,
      permissions: String(PermissionFlagsBits.ManageGuild),
    })
    const report = await fake.waitForRequest((r) => r.path.includes(token) && r.method === 'PATCH', 60_000)
    expect(report.body.embeds[0].title).toBe('Reindexed')
    expect(report.body.embeds[0].description).toMatch(/^Articles 2 → 3/)
    // This shard built it.
    expect(report.body.embeds[0].description).not.toMatch(WAITED)
    expect((await ask(first, 'when', 'convoy reached the Tabqa dam')).body.data.embeds[0].title).toBe(
      'Friday 7 July 2017',
    )
    // The other shard did not ask: it notices the new file, reads it and swaps it in.
    await expect
      .poll(async () => (await ask(second, 'when', 'convoy reached the Tabqa dam')).body.data.embeds[0].title, {
        timeout: 20_000,
        interval: 250,
      })
      .toBe('Friday 7 July 2017')
  })

  it('a /reindex in each shard at once shares one rebuild, and both shards answer from it', async () => {
    writeFileSync(
      join(corpus, 'sharded-2.md'),
      '---\nid: sharded-2\nsource: Test Wire\ndate: 2017-07-08\n---\nA ferry crossed the Euphrates near Tabqa on Saturday.\n',
    )
    const both = fake.guildIds.map((guildId) =>
      fake.sendCommand('reindex', [], { guildId, permissions: String(PermissionFlagsBits.ManageGuild) }),
    )
    const reports = await Promise.all(
      both.map(({ token }) => fake.waitForRequest((r) => r.path.includes(token) && r.method === 'PATCH', 60_000)),
    )
    for (const report of reports) {
      expect(report.body.embeds[0].title).toBe('Reindexed')
      expect(report.body.embeds[0].description).toMatch(/^Articles 3 → 4/)
    }
    // One build, for both requests: one shard built, the other waited for it.
    expect(reports.filter((r) => WAITED.test(r.body.embeds[0].description as string))).toHaveLength(1)
    for (const guildId of fake.guildIds) {
      const reply = await ask(guildId, 'when', 'ferry crossed the Euphrates near Tabqa')
      expect(reply.body.data.embeds[0].title).toBe('Saturday 8 July 2017')
    }
  })
})
