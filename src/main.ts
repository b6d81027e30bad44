// npm start: with DISCORD_TOKEN, the Discord bot (sharded when SHARDS is set); without it, a local console that
// takes the same slash commands. Settings come from the environment and .env (see .env.example).

import { ConfigError, loadEnvFile, readConfig, type Config } from './config.js'
import { Engine } from './engine/engine.js'
import { EngineClient } from './engine/client.js'
import { createLogger, guardProcess } from './log.js'
import { progressBar } from './cli/progress.js'
import { startBot } from './bot/bot.js'
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
    const engine = openEngine(config, (m) => process.stderr.write(`${m}\n`), true)
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
  // The engine answers in a worker thread: nothing it does holds the event loop of the Discord connection.
  let engine: EngineClient
  let bot: Awaited<ReturnType<typeof startBot>>
  try {
    engine = await EngineClient.open({ corpusPath: config.corpusDir, indexPath: config.indexPath, notify: (m) => log.warn(m) })
    bot = await startBot({ config, engine, log })
  } catch (err) {
    log.fatal((err as Error).message)
    process.exit(1)
  }
  const shutdown = (signal: string) => {
    log.info({ signal, pending: bot.router.pending }, 'stopping: finishing replies in flight')
    void bot
      .stop()
      .then(() => engine.close())
      .then(() => process.exit(0))
  }
  process.once('SIGINT', () => shutdown('SIGINT'))
  process.once('SIGTERM', () => shutdown('SIGTERM'))
}

function openEngine(config: Config, notify: (message: string) => void, showProgress: boolean): Engine {
  const bar = showProgress ? progressBar('indexing') : undefined
  try {
    return Engine.open({ corpusPath: config.corpusDir, indexPath: config.indexPath, notify, ...(bar ? { onProgress: bar } : {}) })
  } catch (err) {
    bar?.finish()
    process.stderr.write(`${(err as Error).message}\n`)
    return process.exit(1)
  } finally {
    bar?.finish()
  }
}

export { main }

await main()
