// Connecting the engine to Discord: the client, the interaction router, the ready line, and a clean stop.

import { Events, type Client } from 'discord.js'
import { DEFAULT_DISCORD_API_URL, type Config } from '../config.js'
import type { EngineApi, ReindexOptions } from '../runtime/api.js'
import { EngineClient } from '../runtime/client.js'
import type { ReindexReport } from '../runtime/api.js'
import type { Logger } from '../log.js'
import { createClient, type ClientSettings } from './client.js'
import type { BotContext } from './context.js'
import { InteractionRouter } from './router.js'
import { Sessions } from './sessions.js'
import type { AnswerResult } from '../engine/types.js'
import type { TimelineResult } from '../engine/query/timeline.js'
import { CONFIRM_TTL_MS, MAX_PENDING_CHANGES, type PendingChange } from './corpus-changes.js'
import { COMMANDS_BY_NAME } from './commands.js'
import { BotMetrics, startMetricsServer, type MetricsServer } from './metrics.js'

/** Timelines kept at most (each holds its reports' quotes, so fewer than the answers kept). */
const MAX_KEPT_TIMELINES = 500

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
  reindex?: (options?: ReindexOptions) => Promise<ReindexReport>
  client?: Partial<ClientSettings>
  /** How long /import and /remove wait for their confirmation (default 5 minutes; shorter in tests). */
  confirmTtlMs?: number
  /** Counts every interaction (METRICS_PORT). */
  metrics?: BotMetrics
}

/** What every handler gets, in gateway and HTTP mode alike. */
export function createBotContext({
  config,
  engine,
  log,
  reindex,
  confirmTtlMs = CONFIRM_TTL_MS,
}: Pick<StartOptions, 'config' | 'engine' | 'log' | 'reindex' | 'confirmTtlMs'>): BotContext {
  // With SESSIONS_DIR, what the buttons need is on storage every replica shares.
  const shared = (kind: string) => (config.sessionsDir ? { dir: config.sessionsDir, kind } : undefined)
  const sessions = new Sessions<AnswerResult>(undefined, undefined, shared('answers'))
  const timelines = new Sessions<TimelineResult>(undefined, MAX_KEPT_TIMELINES, shared('timelines'))
  return {
    engine,
    config,
    log,
    sessions,
    timelines,
    pending: new Sessions<PendingChange>(confirmTtlMs, MAX_PENDING_CHANGES, shared('confirmations')),
    startedAt: Date.now(),
    reindex: async (options = {}) => {
      const report = await (reindex ? reindex(options) : engine.reindex(options))
      // Kept answers and timelines may quote articles that are gone.
      sessions.clear()
      timelines.clear()
      return report
    },
  }
}

export async function startBot({
  config,
  engine,
  log,
  reindex,
  client: clientSettings,
  confirmTtlMs = CONFIRM_TTL_MS,
  metrics,
}: StartOptions): Promise<RunningBot> {
  if (!config.discordToken) throw new Error('DISCORD_TOKEN is not set')
  // A DISCORD_API_URL that is not Discord's API fails here, in seconds and naming the setting.
  await checkDiscordApi(config.discordApiUrl, config.discordToken)
  const client = createClient({ discordApiUrl: config.discordApiUrl, ...clientSettings })
  const ctx = createBotContext({ config, engine, log, reindex, confirmTtlMs })
  const router = new InteractionRouter(ctx, metrics ? { onHandled: metrics.handled } : {})

  client.on(Events.InteractionCreate, (interaction) => void router.handle(interaction))
  // Rejections inside discord.js's listeners surface here; without a listener they would end the process.
  client.on(Events.Error, (err) => log.error({ err }, 'discord client error'))
  client.on(Events.Warn, (message) => log.warn({ message }, 'discord client warning'))
  client.on(Events.ShardDisconnect, (event, shard) => log.warn({ shard, code: event.code }, 'gateway disconnected'))
  client.on(Events.ShardReconnecting, (shard) => log.info({ shard }, 'gateway reconnecting'))
  client.on(Events.ShardResume, (shard, replayed) => log.info({ shard, replayed }, 'gateway resumed'))
  client.rest.on('rateLimited', (info) =>
    log.warn({ route: info.route, retryAfter: info.retryAfter, global: info.global }, 'rate limited by Discord'),
  )

  const ready = new Promise<void>((resolve) => {
    client.once(Events.ClientReady, async (c) => {
      const stats = await engine.stats()
      log.info(
        {
          user: c.user.tag,
          guilds: c.guilds.cache.size,
          shards: c.ws.shards.size,
          articles: stats.articles,
          passages: stats.passages,
          sources: stats.sources,
        },
        `ready as ${c.user.tag} in ${c.guilds.cache.size} server(s): ${stats.articles} articles, ${stats.passages} passages from ${stats.sources} outlets`,
      )
      resolve()
    })
  })
  try {
    await client.login(config.discordToken)
  } catch (err) {
    await client.destroy().catch(() => {})
    throw explainLoginError(err, config.discordApiUrl)
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

const BAD_TOKEN =
  'Discord rejected DISCORD_TOKEN (401 Unauthorized): copy the bot token again from the Developer Portal (Bot page, Reset Token).'
/** How long checkDiscordApi waits for DISCORD_API_URL to answer. */
export const DISCORD_API_TIMEOUT_MS = 10_000

/** What GET /gateway/bot gives: the gateway's URL and Discord's recommended shard count. */
export interface GatewayBot {
  url: string
  shards: number | undefined
}

/**
 * Asks DISCORD_API_URL for the gateway (GET /v10/gateway/bot, the first thing discord.js asks when it logs in) and
 * checks that the reply is Discord's: JSON with the gateway's `url`. Anything else throws a message that names
 * DISCORD_API_URL, within `timeoutMs`: an HTML page ("did not answer like Discord's API (got text/html, status
 * 200)"), a server that never answers ("did not answer within 10 s"), nothing listening. Without this, discord.js
 * fails with "Cannot read properties of undefined (reading 'reset_after')", or "This operation was aborted" after
 * about a minute of retries. A 401 in JSON is Discord refusing the token: the bad-token message. Resolves with the
 * gateway, or undefined when the reply was Discord's but without it (429 rate limited, a 5xx in JSON): discord.js
 * waits and retries those itself. The token is sent to DISCORD_API_URL only, as discord.js would, and never shown.
 */
export async function checkDiscordApi(
  apiUrl: string,
  token: string,
  timeoutMs = DISCORD_API_TIMEOUT_MS,
): Promise<GatewayBot | undefined> {
  const setting = `DISCORD_API_URL (${shownUrl(apiUrl)})`
  // The token goes in the Authorization header: a URL's user name and password can only be a mistake (and a leak).
  if (shownUrl(apiUrl) !== apiUrl)
    throw new Error(
      `${setting} holds a user name or password: remove it (Discord's API and its proxies take the bot token only).`,
    )
  let status: number
  let type: string
  let text: string
  try {
    const res = await fetch(`${apiUrl}/v10/gateway/bot`, {
      headers: { authorization: `Bot ${token}`, accept: 'application/json' },
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    })
    status = res.status
    type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase() || 'no content type'
    text = await res.text()
  } catch (err) {
    const e = err as Error & { cause?: { code?: string; message?: string } }
    if (e.name === 'TimeoutError' || e.name === 'AbortError') {
      throw new Error(
        `${setting} did not answer within ${formatSeconds(timeoutMs)}: check that it is Discord's API (${DEFAULT_DISCORD_API_URL}) or a proxy in front of it.`,
        { cause: err },
      )
    }
    throw new Error(
      `Discord could not be reached at ${setting} (${e.cause?.code ?? e.cause?.message ?? e.message}): check the network and DISCORD_API_URL.`,
      { cause: err },
    )
  }
  let body: { url?: unknown; shards?: unknown } | undefined
  if (/\bjson\b/.test(type)) {
    try {
      body = JSON.parse(text) as typeof body
    } catch {
      body = undefined
    }
  }
  const unlike = (what: string) =>
    new Error(
      `${setting} did not answer like Discord's API (got ${what}, status ${status})${status >= 500 ? ': if it is Discord or a proxy in front of it, it may be down; try again later' : `: set it to Discord's (${DEFAULT_DISCORD_API_URL}) or a proxy in front of it`}.`,
    )
  if (body === undefined || typeof body !== 'object' || body === null)
    throw unlike(/\bjson\b/.test(type) ? `${type} that is not JSON` : type)
  if (status === 401) throw new Error(BAD_TOKEN)
  if (status >= 200 && status < 300) {
    if (typeof body.url !== 'string') throw unlike(`${type} without a gateway url`)
    return {
      url: body.url,
      shards:
        typeof body.shards === 'number' && Number.isInteger(body.shards) && body.shards > 0 ? body.shards : undefined,
    }
  }
  if (status === 429 || status >= 500) return undefined
  throw unlike(type)
}

/** The URL as it can be shown: without a user name or password it might carry. */
function shownUrl(url: string): string {
  try {
    const u = new URL(url)
    if (!u.username && !u.password) return url
    u.username = ''
    u.password = ''
    return u.toString().replace(/\/+$/, '')
  } catch {
    return url
  }
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`
}

/** Turns discord.js's login failures into a message that names the setting to fix (never the token itself). */
export function explainLoginError(err: unknown, apiUrl?: string): Error {
  const e = err as { code?: string; status?: number; message?: string }
  if (e.code === 'TokenInvalid' || e.status === 401 || /401|unauthori[sz]ed|invalid token/i.test(e.message ?? '')) {
    return new Error(BAD_TOKEN)
  }
  // What discord.js says when DISCORD_API_URL answers, but not like Discord (checkDiscordApi catches most first).
  const setting = apiUrl ? `DISCORD_API_URL (${shownUrl(apiUrl)})` : 'DISCORD_API_URL'
  if (/reading '(reset_after|url|shards|session_start_limit)'/.test(e.message ?? '')) {
    return new Error(
      `${setting} did not answer like Discord's API (${e.message}): set it to Discord's (${DEFAULT_DISCORD_API_URL}) or a proxy in front of it.`,
      { cause: err },
    )
  }
  if (
    /operation was aborted|AbortError|TimeoutError/i.test(
      `${e.message ?? ''} ${(err as Error | undefined)?.name ?? ''}`,
    )
  ) {
    return new Error(
      `${setting} did not answer in time (${e.message}): check that it is Discord's API (${DEFAULT_DISCORD_API_URL}) or a proxy in front of it.`,
      { cause: err },
    )
  }
  if (/disallowed intents/i.test(e.message ?? '')) return new Error('Discord refused the gateway intents requested.')
  if (/ENOTFOUND|ECONNREFUSED|ETIMEDOUT|fetch failed/i.test(e.message ?? '')) {
    return new Error(`Discord could not be reached (${e.message}): check the network and DISCORD_API_URL.`, {
      cause: err,
    })
  }
  return new Error(`logging in to Discord failed: ${e.message ?? String(err)}`)
}

export interface RunOptions {
  config: Config
  log: Logger
  /** "open": load or build the index; "load": only read it (a shard: its manager made sure of the file). */
  mode: 'open' | 'load'
}

/**
 * The bot as `npm start` runs it (one process, or one shard): the engine in a worker thread, the client, and a clean
 * stop on SIGINT/SIGTERM (replies in flight finished, the client destroyed, exit 0). A failure to start exits 1.
 */
export async function runBot({ config, log, mode }: RunOptions): Promise<void> {
  // The engine answers in a worker thread: nothing it does holds the event loop of the Discord connection.
  let engine: EngineClient
  let bot: RunningBot
  let metricsServer: MetricsServer | undefined
  let stopping = false
  try {
    engine = await EngineClient.open({
      corpusPath: config.corpusDir,
      indexPath: config.indexPath,
      maxArticleBytes: config.maxArticleBytes,
      mode,
      notify: (m) => log.warn(m),
      // A reload under load should not start a thread and compile the engine while questions arrive.
      standby: true,
      // Another replica's or shard's reindex replaces the file: this process follows it.
      ...(config.indexWatchSeconds > 0 ? { watchIntervalMs: config.indexWatchSeconds * 1000 } : {}),
      onExternalReload: (report) =>
        log.info({ before: report.before, after: report.after }, 'switched to the index file another process built'),
    })
    const metrics =
      config.metricsPort === undefined
        ? undefined
        : new BotMetrics(
            () => engine.stats(),
            (n) => COMMANDS_BY_NAME.has(n),
          )
    bot = await startBot({
      config,
      engine,
      log,
      ...(metrics ? { metrics } : {}),
    })
    if (metrics && config.metricsPort !== undefined)
      metricsServer = await startMetricsServer({
        port: config.metricsPort,
        host: config.interactionsHost,
        metrics,
        healthy: () => !stopping,
        log,
      })
  } catch (err) {
    log.fatal((err as Error).message)
    process.exit(1)
  }
  const stop = (signal: string) => {
    stopping = true
    log.info({ signal, pending: bot.router.pending }, 'stopping: finishing replies in flight')
    void bot
      .stop()
      .then(() => metricsServer?.close())
      .then(() => engine.close())
      .then(() => process.exit(0))
  }
  process.once('SIGINT', () => stop('SIGINT'))
  process.once('SIGTERM', () => stop('SIGTERM'))
}
