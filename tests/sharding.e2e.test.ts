// Two shards as two processes under discord.js's ShardingManager, against a fake Discord that announces two shards
// and routes each guild's interactions to its shard: both answer, and a /reindex in one is seen by the other.

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
    logLevel: 'warn',
  })
  running = await runShardingManager(config, logs.log, { spawnDelay: 100 })
  await fake.waitForReady(2, 60_000)
}, 120_000)

afterAll(async () => {
  await running?.stop()
  await fake?.stop()
})

/** The manager's rebuilds so far, each as the number of /reindex requests it answered. */
function rebuilds(): number[] {
  return logs
    .entries()
    .filter((e) => e.msg === 'index rebuilt; telling every shard')
    .map((e) => e.requests as number)
}

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
    expect(rebuilds()).toEqual([1])
    expect((await ask(first, 'when', 'convoy reached the Tabqa dam')).body.data.embeds[0].title).toBe(
      'Friday 7 July 2017',
    )
    // The other shard did not ask: it swaps the new index in when the manager tells it, as soon as it has read it.
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
    // One more rebuild, for both requests.
    expect(rebuilds()).toEqual([1, 2])
    for (const guildId of fake.guildIds) {
      const reply = await ask(guildId, 'when', 'ferry crossed the Euphrates near Tabqa')
      expect(reply.body.data.embeds[0].title).toBe('Saturday 8 July 2017')
    }
  })
})
