// One shard's process, spawned by the ShardingManager (src/bot/sharding.ts): reads the index file the manager
// made sure of, connects the shards discord.js assigned to it, and reindexes through the manager.

import { loadEnvFile, readConfig } from '../config.js'
import { Engine } from '../engine/engine.js'
import { readIndex } from '../engine/store.js'
import { createLogger } from '../log.js'
import { startBot } from './bot.js'
import { shardReindexer } from './sharding.js'

loadEnvFile()
const config = readConfig()
const log = createLogger(config.logLevel).child({ shards: process.env.SHARDS })
const outcome = readIndex(config.indexPath)
if (!outcome.ok) {
  log.fatal(`index ${config.indexPath}: ${outcome.detail}; the manager builds it before starting the shards`)
  process.exit(1)
}
const engine = Engine.fromIndex(outcome.index, config.corpusDir, config.indexPath)
let bot: Awaited<ReturnType<typeof startBot>>
try {
  bot = await startBot({ config, engine, log, reindex: shardReindexer(engine, log) })
} catch (err) {
  log.fatal((err as Error).message)
  process.exit(1)
}
const stop = (signal: string) => {
  log.info({ signal, pending: bot.router.pending }, 'stopping: finishing replies in flight')
  void bot.stop().then(() => process.exit(0))
}
process.once('SIGINT', () => stop('SIGINT'))
process.once('SIGTERM', () => stop('SIGTERM'))
