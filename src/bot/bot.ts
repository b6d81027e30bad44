// Connecting the engine to Discord: the client, the interaction router, the ready line, and a clean stop.

import { Events, type Client } from 'discord.js'
import type { Config } from '../config.js'
import type { EngineApi } from '../engine/api.js'
import { EngineClient } from '../engine/client.js'
import type { ReindexReport } from '../engine/engine.js'
import type { Logger } from '../log.js'
import { createClient, type ClientSettings } from './client.js'
import type { BotContext } from './context.js'
import { InteractionRouter } from './router.js'
import { AnswerSessions } from './sessions.js'

export interface RunningBot {
  client: Client
  ctx: BotContext
  router: InteractionRouter
  /** Finishes the replies in flight, then disconnects. */
  stop(): Promise<void>
}

export interface StartOptions {
  config: Config
  engine: EngineApi
  log: Logger
  /** How a reindex reaches every process; by default this process rebuilds and swaps. */
  reindex?: () => Promise<ReindexReport>
  client?: Partial<ClientSettings>
}

export async function startBot({ config, engine, log, reindex, client: clientSettings }: StartOptions): Promise<RunningBot> {
  if (!config.discordToken) throw new Error('DISCORD_TOKEN is not set')
  const client = createClient({ discordApiUrl: config.discordApiUrl, ...clientSettings })
  const sessions = new AnswerSessions()
  const ctx: BotContext = {
    engine,
    config,
    log,
    sessions,
    startedAt: Date.now(),
    reindex: async () => {
      const report = await (reindex ? reindex() : engine.reindex())
      sessions.clear()
      return report
    },
  }
  const router = new InteractionRouter(ctx)

  client.on(Events.InteractionCreate, (interaction) => void router.handle(interaction))
  // Rejections inside discord.js's listeners surface here; without a listener they would end the process.
  client.on(Events.Error, (err) => log.error({ err }, 'discord client error'))
  client.on(Events.Warn, (message) => log.warn({ message }, 'discord client warning'))
  client.on(Events.ShardDisconnect, (event, shard) => log.warn({ shard, code: event.code }, 'gateway disconnected'))
  client.on(Events.ShardReconnecting, (shard) => log.info({ shard }, 'gateway reconnecting'))
  client.on(Events.ShardResume, (shard, replayed) => log.info({ shard, replayed }, 'gateway resumed'))
  client.rest.on('rateLimited', (info) => log.warn({ route: info.route, retryAfter: info.retryAfter, global: info.global }, 'rate limited by Discord'))

  const ready = new Promise<void>((resolve) => {
    client.once(Events.ClientReady, async (c) => {
      const stats = await engine.stats()
      log.info(
        { user: c.user.tag, guilds: c.guilds.cache.size, shards: c.ws.shards.size, articles: stats.articles, passages: stats.passages, sources: stats.sources },
        `ready as ${c.user.tag} in ${c.guilds.cache.size} server(s): ${stats.articles} articles, ${stats.passages} passages from ${stats.sources} outlets`,
      )
      resolve()
    })
  })
  try {
    await client.login(config.discordToken)
  } catch (err) {
    await client.destroy().catch(() => {})
    throw explainLoginError(err)
  }
  await ready

  let stopping: Promise<void> | undefined
  return {
    client,
    ctx,
    router,
    stop: () =>
      (stopping ??= (async () => {
        await router.drain()
        await client.destroy()
      })()),
  }
}

/** Turns discord.js's login failures into a message that names the setting to fix (never the token itself). */
export function explainLoginError(err: unknown): Error {
  const e = err as { code?: string; status?: number; message?: string }
  if (e.code === 'TokenInvalid' || e.status === 401 || /401|unauthori[sz]ed|invalid token/i.test(e.message ?? '')) {
    return new Error('Discord rejected DISCORD_TOKEN (401 Unauthorized): copy the bot token again from the Developer Portal (Bot page, Reset Token).')
  }
  if (/disallowed intents/i.test(e.message ?? '')) return new Error('Discord refused the gateway intents requested.')
  if (/ENOTFOUND|ECONNREFUSED|ETIMEDOUT|fetch failed/i.test(e.message ?? '')) {
    return new Error(`Discord could not be reached (${e.message}): check the network and DISCORD_API_URL.`)
  }
  return new Error(`logging in to Discord failed: ${e.message ?? String(err)}`)
}

export interface RunOptions {
  config: Config
  log: Logger
  /** "open": load or build the index; "load": only read it (a shard: its manager made sure of the file). */
  mode: 'open' | 'load'
  /** Makes the reindex of a shard (through its manager) once the engine is there. */
  reindexer?: (engine: EngineApi, log: Logger) => () => Promise<ReindexReport>
}

/**
 * The bot as `npm start` runs it (one process, or one shard): the engine in a worker thread, the client, and a clean
 * stop on SIGINT/SIGTERM (replies in flight finished, the client destroyed, exit 0). A failure to start exits 1.
 */
export async function runBot({ config, log, mode, reindexer }: RunOptions): Promise<void> {
  // The engine answers in a worker thread: nothing it does holds the event loop of the Discord connection.
  let engine: EngineClient
  let bot: RunningBot
  try {
    engine = await EngineClient.open({ corpusPath: config.corpusDir, indexPath: config.indexPath, mode, notify: (m) => log.warn(m) })
    bot = await startBot({ config, engine, log, ...(reindexer ? { reindex: reindexer(engine, log) } : {}) })
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
}
