// npm start: with DISCORD_TOKEN, the Discord bot (sharded when SHARDS is set); without it, a local console that
// takes the same slash commands. Settings come from the environment and .env (see .env.example).

import { ConfigError, loadEnvFile, readConfig, type Config } from './config.js'
import { Engine } from './runtime/engine.js'
import { createLogger, guardProcess } from './log.js'
import { openWithProgress } from './cli/common.js'
import { runBot } from './bot/bot.js'
import { runConsole } from './bot/console.js'
import { runShardingManager } from './bot/sharding.js'

async function main(): Promise<void> {
  loadEnvFile()
  let config: Config
  try {
    config = readConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Settings problem (see .env.example):\n${err.problems.map((p) => `  - ${p}`).join('\n')}\n`)
      process.exit(2)
    }
    throw err
  }

  if (!config.discordToken) {
    process.stdout.write('No DISCORD_TOKEN set: starting the local console (set DISCORD_TOKEN in .env to connect to Discord).\n')
    const engine = openEngine(config)
    await runConsole(engine)
    return
  }

  const log = createLogger(config.logLevel)
  guardProcess(log)
  if (config.shards !== undefined) {
    let running: Awaited<ReturnType<typeof runShardingManager>>
    try {
      running = await runShardingManager(config, log)
    } catch (err) {
      log.fatal((err as Error).message)
      process.exit(1)
    }
    const stopAll = (signal: string) => {
      log.info({ signal }, 'stopping every shard')
      void running.stop().then(() => process.exit(0))
    }
    process.once('SIGINT', () => stopAll('SIGINT'))
    process.once('SIGTERM', () => stopAll('SIGTERM'))
    return
  }
  await runBot({ config, log, mode: 'open' })
}

/** The console's engine, in this process, with a progress bar while it builds the index. */
function openEngine(config: Config): Engine {
  const choice = { corpusPath: config.corpusDir, indexPath: config.indexPath, indexSetting: 'INDEX_PATH', maxArticleBytes: config.maxArticleBytes }
  try {
    return Engine.fromIndex(openWithProgress(choice).index, choice.corpusPath, choice.indexPath, choice.maxArticleBytes)
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`)
    return process.exit(1)
  }
}

export { main }

await main()
