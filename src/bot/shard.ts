// One shard's process, spawned by the ShardingManager (src/bot/sharding.ts): reads the index file the manager
// made sure of, connects the shards discord.js assigned to it, and reindexes through the manager.

import { loadEnvFile, readConfig } from '../config.js'
import { createLogger, guardProcess } from '../log.js'
import { runBot } from './bot.js'
import { shardReindexer } from './sharding.js'

loadEnvFile()
const config = readConfig()
const log = createLogger(config.logLevel).child({ shards: process.env.SHARDS })
guardProcess(log)
await runBot({ config, log, mode: 'load', reindexer: shardReindexer })
