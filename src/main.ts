// npm start: with DISCORD_PUBLIC_KEY and INTERACTIONS_PORT, the bot answering interactions over HTTP (no gateway, no
// token needed); else with DISCORD_TOKEN, the Discord bot (sharded when SHARDS is set); without either, a local
// console that takes the same slash commands. Settings come from the environment and .env (see .env.example).

import { ConfigError, loadEnvFile, readConfig, type Config } from './config.js'
import { EngineClient } from './runtime/client.js'
import { terminalSafe } from './render/safe.js'
import { createLogger, guardProcess } from './log.js'
import { runBot } from './bot/bot.js'
import { runConsole } from './bot/console.js'
import { runShardingManager } from './bot/sharding.js'
import { runHttpBot } from './bot/http/server.js'

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

  if (config.discordPublicKey !== undefined && config.interactionsPort !== undefined) {
    const log = createLogger(config.logLevel)
    guardProcess(log)
    await runHttpBot({ config, log })
    return
  }

  if (!config.discordToken) {
    process.stdout.write(
      'No DISCORD_TOKEN set: starting the local console (set DISCORD_TOKEN in .env to connect to Discord).\n',
    )
    const engine = await openEngine(config)
    await runConsole(engine)
    await engine.close()
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

/** The console's engine: in a worker thread, as the bot's is, saying what it does while it builds the index. */
async function openEngine(config: Config): Promise<EngineClient> {
  try {
    return await EngineClient.open({
      corpusPath: config.corpusDir,
      indexPath: config.indexPath,
      maxArticleBytes: config.maxArticleBytes,
      notify: (m) => process.stderr.write(`${terminalSafe(m)}\n`),
    })
  } catch (err) {
    process.stderr.write(`${terminalSafe((err as Error).message)}\n`)
    return process.exit(1)
  }
}

export { main }

await main()
