// One shard's process, spawned by the ShardingManager (src/bot/sharding.ts): reads the index file the manager
// made sure of, connects the shards discord.js assigned to it, and reindexes through the manager.

import { loadEnvFile, readConfig } from '../config.js'
import { EngineClient } from '../engine/client.js'
import { createLogger, guardProcess } from '../log.js'
import { startBot } from './bot.js'
import { shardReindexer } from './sharding.js'

loadEnvFile()
const config = readConfig()
const log = createLogger(config.logLevel).child({ shards: process.env.SHARDS })
guardProcess(log)
let engine: EngineClient
let bot: Awaited<ReturnType<typeof startBot>>
try {
  // Only reads the file: the manager made sure it is current before starting the shards.
  engine = await EngineClient.open({ corpusPath: config.corpusDir, indexPath: config.indexPath, mode: 'load' })
  bot = await startBot({ config, engine, log, reindex: shardReindexer(engine, log) })
} catch (err) {
  log.fatal((err as Error).message)
  process.exit(1)
}
const stop = (signal: string) => {
  log.info({ signal, pending: bot.router.pending }, 'stopping: finishing replies in flight')
  void bot
    .stop()
    .then(() => engine.close())
    .then(() => process.exit(0))
}
process.once('SIGINT', () => stop('SIGINT'))
process.once('SIGTERM', () => stop('SIGTERM'))
