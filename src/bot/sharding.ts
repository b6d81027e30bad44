// Many servers: with SHARDS (or SHARD_COUNT) set, `npm start` runs discord.js's ShardingManager, one process per
// shard; with SHARD_LIST, only the shards this host runs, so that the shards of one bot can be spread over several
// hosts. The manager makes sure the index file is current before any shard starts (under the index's lock, so that
// the managers of several hosts build it once); each shard reads the same file. A /reindex in any shard rebuilds the
// file itself (under the same lock: two at once build once) and every other shard, on this host or another, notices
// the new file and switches to it (EngineClient.watch): a reindex travels through the index file, not the manager.

import { once } from 'node:events'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { REST, Routes, ShardingManager, type Shard } from 'discord.js'
import type { Config } from '../config.js'
import { checkDiscordApi } from './bot.js'
import { lockIndex } from '../runtime/index-lock.js'
import { ensureIndexFile } from '../runtime/open-index.js'
import type { Logger } from '../log.js'

export interface RunningManager {
  manager: ShardingManager
  /** Stops every shard (each finishes its replies in flight) and waits for them to exit. */
  stop(): Promise<void>
}

export interface ManagerOptions {
  /** Milliseconds between two shards' starts: Discord allows one identify per 5 s (max_concurrency 1). */
  spawnDelay?: number
}

export async function runShardingManager(
  config: Config,
  log: Logger,
  options: ManagerOptions = {},
): Promise<RunningManager> {
  if (!config.discordToken) throw new Error('DISCORD_TOKEN is not set')
  const started = performance.now()
  const release = await lockIndex(config.indexPath, (file) =>
    log.info({ lock: file }, 'another process is building the index; waiting for it'),
  )
  let built: boolean
  try {
    ;({ built } = ensureIndexFile({
      corpusPath: config.corpusDir,
      indexPath: config.indexPath,
      maxArticleBytes: config.maxArticleBytes,
      notify: (m) => log.warn(m),
    }))
  } finally {
    release()
  }
  log.info(
    { built, ms: Math.round(performance.now() - started) },
    built ? 'index built for the shards' : 'index is current',
  )
  const totalShards = config.shards === 'auto' ? await recommendedShards(config) : (config.shards ?? 1)
  // The shards read their settings from the environment, as the manager did (.env included).
  Object.assign(process.env, settingsForShards(config))
  const manager = new ShardingManager(new URL('./shard.ts', import.meta.url).pathname, {
    token: config.discordToken,
    totalShards,
    ...(config.shardList ? { shardList: config.shardList } : {}),
    mode: 'process',
    respawn: true,
    execArgv: ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href],
  })

  manager.on('shardCreate', (shard: Shard) => {
    log.info({ shard: shard.id, of: totalShards }, 'shard starting')
    shard.on('death', (child) =>
      log.warn({ shard: shard.id, exitCode: 'exitCode' in child ? child.exitCode : undefined }, 'shard process ended'),
    )
  })
  await manager.spawn({ delay: options.spawnDelay ?? 5_500, timeout: 120_000 })
  const here = config.shardList ?? [...Array(totalShards).keys()]
  log.info({ shards: here, of: totalShards }, `${here.length} of ${totalShards} shard(s) started on this host`)
  return {
    manager,
    async stop() {
      await Promise.all(
        [...manager.shards.values()].map(async (shard) => {
          const child = shard.process
          if (!child || child.exitCode !== null) return
          const exited = once(child, 'exit')
          shard.kill()
          await exited
        }),
      )
    },
  }
}

/**
 * Discord's recommended shard count, asked through DISCORD_API_URL (a proxy, when one is set). checkDiscordApi
 * names DISCORD_API_URL when what answers is not Discord's API; when Discord is only rate limiting or failing for
 * a moment, discord.js's REST asks again, with its retries.
 */
async function recommendedShards(config: Config): Promise<number> {
  const gateway = await checkDiscordApi(config.discordApiUrl, config.discordToken!)
  if (gateway?.shards !== undefined) return gateway.shards
  const rest = new REST({ api: config.discordApiUrl }).setToken(config.discordToken!)
  const { shards } = (await rest.get(Routes.gatewayBot())) as { shards?: unknown }
  if (typeof shards !== 'number' || !Number.isInteger(shards) || shards < 1) {
    throw new Error(
      `DISCORD_API_URL gave no shard count (SHARDS=auto needs Discord's): set SHARDS to a number or DISCORD_API_URL to Discord's API.`,
    )
  }
  return shards
}

function settingsForShards(config: Config): Record<string, string> {
  return {
    CORPUS_DIR: config.corpusDir,
    INDEX_PATH: config.indexPath,
    DISCORD_API_URL: config.discordApiUrl,
    COOLDOWN_SECONDS: String(config.cooldownSeconds),
    LOG_LEVEL: config.logLevel,
    MODERATOR_ROLE_IDS: config.moderatorRoleIds.join(','),
    MAX_ARTICLE_MB: String(config.maxArticleBytes / (1024 * 1024)),
    INDEX_WATCH_SECONDS: String(config.indexWatchSeconds),
    ...(config.sessionsDir ? { SESSIONS_DIR: config.sessionsDir } : {}),
  }
}
