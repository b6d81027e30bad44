// Many servers: with SHARDS set, `npm start` runs discord.js's ShardingManager, one process per shard. The manager
// makes sure the index file is current before any shard starts; each shard reads the same file. A /reindex in any
// shard asks the manager, which rebuilds once (requests during a rebuild share it), writes the file whole (temporary
// name, then rename) and tells every shard, which reads it again without blocking and swaps it in.

import { once } from 'node:events'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { REST, Routes, ShardingManager, type Shard } from 'discord.js'
import type { Config } from '../config.js'
import { checkDiscordApi } from './bot.js'
import type { EngineApi, ReindexOptions } from '../runtime/api.js'
import type { ReindexReport } from '../runtime/api.js'
import { runRebuildWorker } from '../runtime/rebuild.js'
import { ensureIndexFile } from '../runtime/open-index.js'
import type { Logger } from '../log.js'

const REINDEX = 'syria-bot:reindex'
const UPDATED = 'syria-bot:index-updated'
const FAILED = 'syria-bot:reindex-failed'

type ManagerMessage = { kind: typeof UPDATED; ids: string[] } | { kind: typeof FAILED; ids: string[]; message: string }
type ShardMessage = { kind: typeof REINDEX; id: string; force: boolean }

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
  const { built } = ensureIndexFile({
    corpusPath: config.corpusDir,
    indexPath: config.indexPath,
    maxArticleBytes: config.maxArticleBytes,
    notify: (m) => log.warn(m),
  })
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
    mode: 'process',
    respawn: true,
    execArgv: ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href],
  })

  // One rebuild at a time; requests that come while it runs share it.
  let rebuilding = false
  let waiting: string[] = []
  const reindex = (id: string, force: boolean) => {
    waiting.push(id)
    if (rebuilding) return
    rebuilding = true
    runRebuildWorker({
      corpusPath: config.corpusDir,
      indexPath: config.indexPath,
      maxArticleBytes: config.maxArticleBytes,
      force,
    })
      .then(
        () => undefined,
        (err: Error) => err.message,
      )
      .then((failure) => {
        const ids = waiting
        waiting = []
        rebuilding = false
        if (failure === undefined) log.info({ requests: ids.length }, 'index rebuilt; telling every shard')
        else log.error({ failure }, 'reindex failed; the shards keep the index they have')
        return manager.broadcast(
          (failure === undefined
            ? { kind: UPDATED, ids }
            : { kind: FAILED, ids, message: failure }) satisfies ManagerMessage,
        )
      })
      .catch((err: Error) => log.error({ err }, 'could not tell the shards about the reindex'))
  }
  manager.on('shardCreate', (shard: Shard) => {
    log.info({ shard: shard.id, of: totalShards }, 'shard starting')
    shard.on('message', (m: ShardMessage) => {
      if (m?.kind === REINDEX) reindex(m.id, m.force === true)
    })
    shard.on('death', (child) =>
      log.warn({ shard: shard.id, exitCode: 'exitCode' in child ? child.exitCode : undefined }, 'shard process ended'),
    )
  })
  await manager.spawn({ delay: options.spawnDelay ?? 5_500, timeout: 120_000 })
  log.info({ shards: totalShards }, `all ${totalShards} shard(s) started`)
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
  }
}

/**
 * In a shard: every shard reads the file again when the manager says it was rebuilt; /reindex here asks the
 * manager and resolves with what changed once this shard has swapped the new index in.
 */
export function shardReindexer(engine: EngineApi, log: Logger): (options?: ReindexOptions) => Promise<ReindexReport> {
  const pending = new Map<
    string,
    { resolve: (r: ReindexReport) => void; reject: (e: Error) => void; started: number }
  >()
  process.on('message', (m: ManagerMessage) => {
    if (m?.kind === UPDATED) {
      engine.reload().then(
        (report) => {
          log.info({ articles: report.after.articles, passages: report.after.passages }, 'swapped in the rebuilt index')
          for (const id of m.ids) {
            const request = pending.get(id)
            if (!request) continue
            pending.delete(id)
            request.resolve({ ...report, milliseconds: performance.now() - request.started })
          }
        },
        (err: Error) => {
          log.error({ err }, 'could not read the rebuilt index; answering from the one before')
          for (const id of m.ids) pending.get(id)?.reject(err)
          for (const id of m.ids) pending.delete(id)
        },
      )
    } else if (m?.kind === FAILED) {
      for (const id of m.ids) pending.get(id)?.reject(new Error(m.message))
      for (const id of m.ids) pending.delete(id)
    }
  })
  return (options = {}) =>
    new Promise<ReindexReport>((resolve, reject) => {
      const id = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`
      pending.set(id, { resolve, reject, started: performance.now() })
      process.send!({ kind: REINDEX, id, force: options.force === true } satisfies ShardMessage)
    })
}
