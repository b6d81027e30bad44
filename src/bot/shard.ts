// One shard's process, spawned by the ShardingManager (src/bot/sharding.ts): reads the index file the manager
// made sure of, connects the shards discord.js assigned to it, rebuilds the file on /reindex (under the index's
// lock) and follows it when another shard or host rebuilds it.

import { loadEnvFile, readConfig } from '../config.js'
import { createLogger, guardProcess } from '../log.js'
import { runBot } from './bot.js'

loadEnvFile()
const config = readConfig()
const log = createLogger(config.logLevel).child({ shards: process.env.SHARDS })
guardProcess(log)
await runBot({ config, log, mode: 'load' })
