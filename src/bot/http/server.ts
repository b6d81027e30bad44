// HTTP interactions mode: with DISCORD_PUBLIC_KEY and INTERACTIONS_PORT, `npm start` serves POST /interactions (the
// application's "Interactions Endpoint URL") instead of connecting to the gateway. Stateless replicas behind any load
// balancer, each with the same index, answer the same commands with the same replies: every request's Ed25519
// signature is checked before its body is parsed, the payload becomes a discord.js Interaction as the gateway's
// would (the client's own InteractionCreate action), and the one router answers it (see responder.ts for how the
// reply becomes the HTTP response). GET /healthz and GET /metrics (Prometheus) are served on the same port.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { ClientApplication, Events, type Client } from 'discord.js'
import type { Config } from '../../config.js'
import type { EngineApi, ReindexOptions, ReindexReport } from '../../runtime/api.js'
import { EngineClient } from '../../runtime/client.js'
import type { Logger } from '../../log.js'
import { createClient } from '../client.js'
import { COMMANDS_BY_NAME } from '../commands.js'
import type { BotContext } from '../context.js'
import { createBotContext } from '../bot.js'
import { BotMetrics, closeServer, listen, serveMetrics, serverUrl } from '../metrics.js'
import { InteractionRouter } from '../router.js'
import { InteractionResponder } from './responder.js'
import { publicKeyFromHex, signatureProblem } from './signature.js'

/** Discord waits 3 s for the response: a deferral goes out before then when the bot has not answered. */
export const DEFER_AFTER_MS = 2_500
export const INTERACTIONS_PATH = '/interactions'
/** How long an idle connection is kept open: longer than load balancers keep theirs (see startHttpBot). */
const KEEP_ALIVE_MS = 75_000
const PING = 1

export interface HttpBotOptions {
  config: Config
  engine: EngineApi
  log: Logger
  reindex?: (options?: ReindexOptions) => Promise<ReindexReport>
  confirmTtlMs?: number
  /** Instead of config.interactionsPort / interactionsHost (tests: 0, any free port). */
  port?: number
  host?: string
  /** When the deadline's deferral goes out (default 2.5 s). */
  deferAfterMs?: number
  /** The clock signatures' timestamps are checked against (tests). */
  now?: () => number
}

export interface RunningHttpBot {
  server: Server
  /** http://host:port; the endpoint is url + /interactions. */
  url: string
  client: Client
  ctx: BotContext
  router: InteractionRouter
  metrics: BotMetrics
  /** Stops taking requests, finishes those in flight, destroys the client. */
  stop(): Promise<void>
}

export async function startHttpBot(options: HttpBotOptions): Promise<RunningHttpBot> {
  const { config, engine, log } = options
  if (!config.discordPublicKey) throw new Error('DISCORD_PUBLIC_KEY is not set')
  const publicKey = publicKeyFromHex(config.discordPublicKey)
  const deferAfterMs = options.deferAfterMs ?? DEFER_AFTER_MS
  const now = options.now ?? Date.now

  const responder = new InteractionResponder(log)
  // Never logged in: no gateway. Interaction callbacks and webhooks need no bot token (discord.js sends them
  // without Authorization), so none is set: a replica holds nothing that could act as the bot.
  const client = createClient({ discordApiUrl: config.discordApiUrl, rest: { makeRequest: responder.makeRequest } })
  responder.rest = client.rest
  const ctx = createBotContext(options)
  const metrics = new BotMetrics(
    () => engine.stats(),
    (name) => COMMANDS_BY_NAME.has(name),
  )
  const router = new InteractionRouter(ctx, { onHandled: metrics.handled })
  client.on(Events.InteractionCreate, (interaction) => {
    const work = router.handle(interaction)
    const entry = responder.get(interaction.id)
    if (entry) entry.work = work
  })
  client.on(Events.Error, (err) => log.error({ err }, 'discord client error'))
  client.on(Events.Warn, (message) => log.warn({ message }, 'discord client warning'))
  client.rest.on('rateLimited', (info) =>
    log.warn({ route: info.route, retryAfter: info.retryAfter, global: info.global }, 'rate limited by Discord'),
  )

  let stopping = false
  const count = (status: number) => metrics.httpRequests.inc({ status: String(status) })
  const send = (res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8') => {
    count(status)
    if (res.headersSent) return
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) }).end(body)
  }

  async function interactions(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST')
      return send(res, 405, 'Method Not Allowed\n')
    }
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
    if (type !== 'application/json') return send(res, 415, 'Unsupported Media Type: application/json only\n')
    const body = await readBody(req, config.interactionsMaxBodyBytes)
    if (body === undefined) {
      res.setHeader('connection', 'close')
      return send(res, 413, 'Payload Too Large\n')
    }
    const problem = signatureProblem(
      publicKey,
      header(req, 'x-signature-ed25519'),
      header(req, 'x-signature-timestamp'),
      body,
      now(),
    )
    if (problem) {
      log.debug({ problem, from: req.socket.remoteAddress }, 'interaction refused')
      return send(res, 401, 'invalid request signature\n')
    }
    let data: RawInteraction
    try {
      data = JSON.parse(body.toString('utf8')) as RawInteraction
    } catch {
      return send(res, 400, 'Bad Request: the body is not JSON\n')
    }
    if (typeof data !== 'object' || data === null || typeof data.type !== 'number')
      return send(res, 400, 'Bad Request: not an interaction\n')
    if (data.type === PING) return send(res, 200, JSON.stringify({ type: PING }), 'application/json')
    if (typeof data.id !== 'string' || typeof data.token !== 'string' || typeof data.application_id !== 'string')
      return send(res, 400, 'Bad Request: not an interaction\n')
    if (stopping) return send(res, 503, 'Service Unavailable: stopping\n')
    // The same interaction twice (a replayed request): the first one answers it.
    if (responder.get(data.id)) return send(res, 409, 'Conflict: this interaction is being answered\n')
    await answer(data, res)
  }

  async function answer(data: RawInteraction, res: ServerResponse): Promise<void> {
    const write = (json: string) =>
      new Promise<boolean>((resolve) => {
        if (res.destroyed || res.headersSent) return resolve(false)
        count(200)
        res.once('finish', () => resolve(true))
        res.once('close', () => resolve(res.writableFinished))
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) }).end(json)
      })
    const entry = responder.open(data as Required<RawInteraction>, write)
    try {
      setApplication(client, data.application_id!)
      // The gateway's own path from a payload to an Interaction and 'interactionCreate' (synchronous).
      ;(
        client as unknown as { actions: { InteractionCreate: { handle(d: unknown): void } } }
      ).actions.InteractionCreate.handle(data)
    } catch (err) {
      log.warn({ err, interactionId: data.id, type: data.type }, 'interaction payload not understood')
    }
    if (!entry.work) {
      responder.close(entry.id)
      return send(res, 400, 'Bad Request: unsupported interaction\n')
    }
    const timer = setTimeout(() => {
      void entry.deferNow().then((sent) => {
        if (!sent) return
        metrics.autoDeferred.inc({ type: String(data.type) })
        log.warn({ interactionId: data.id, ms: deferAfterMs }, 'no answer before the deadline: deferred')
      })
    }, deferAfterMs)
    void entry.work.finally(() => {
      clearTimeout(timer)
      if (entry.state === 'waiting') {
        // The router ended without a response: Discord shows "The application did not respond".
        log.error({ interactionId: data.id, type: data.type }, 'interaction ended without a response')
        entry.fail(() => send(res, 500, 'Internal Server Error\n'))
      }
      responder.close(entry.id)
    })
    await Promise.race([entry.responded, entry.work])
    clearTimeout(timer)
  }

  async function health(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD')
      res.writeHead(405).end()
      return
    }
    if (stopping) {
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"status":"stopping"}\n')
      return
    }
    const stats = await engine.stats()
    const body = JSON.stringify({ status: 'ok', articles: stats.articles, builtAt: stats.builtAt })
    res.writeHead(200, { 'content-type': 'application/json' }).end(req.method === 'HEAD' ? undefined : `${body}\n`)
  }

  const server = createServer((req, res) => {
    // Which replica answered, for the load balancer's logs and the bench.
    res.setHeader('x-served-by', config.replicaName)
    const path = (req.url ?? '/').split('?')[0]
    const work =
      path === INTERACTIONS_PATH
        ? interactions(req, res)
        : path === '/healthz'
          ? health(req, res)
          : serveMetrics(req, res, metrics).then((served) => {
              if (!served) res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found\n')
            })
    work.catch((err: unknown) => {
      log.error({ err, path }, 'HTTP request failed')
      if (!res.headersSent) send(res, 500, 'Internal Server Error\n')
      else res.destroy()
    })
  })
  // Discord sends small bodies at once: a client that dribbles is cut off instead of holding a connection.
  server.requestTimeout = 10_000
  server.headersTimeout = 5_000
  // A load balancer keeps idle connections to a replica and reuses them: if the replica closed one first (Node's
  // default is after 5 s), a request sent on it that instant fails, and nginx answers 502 without retrying a POST.
  // Idle connections are therefore kept longer than nginx's upstream keepalive_timeout (60 s) and cloud balancers'.
  server.keepAliveTimeout = KEEP_ALIVE_MS
  await listen(server, options.port ?? config.interactionsPort ?? 0, options.host ?? config.interactionsHost)
  const url = serverUrl(server)

  let stopped: Promise<void> | undefined
  return {
    server,
    url,
    client,
    ctx,
    router,
    metrics,
    stop: () =>
      (stopped ??= (async () => {
        stopping = true
        const closed = closeServer(server)
        await router.drain()
        await Promise.race([closed, new Promise((r) => setTimeout(r, 1_000).unref())])
        server.closeAllConnections()
        await client.destroy()
      })()),
  }
}

interface RawInteraction {
  type: number
  id?: string
  token?: string
  application_id?: string
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name]
  return Array.isArray(v) ? v[0] : v
}

/** The body, or undefined as soon as it is over `max` bytes (what Content-Length announces counts first). */
function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  const announced = Number(req.headers['content-length'])
  if (Number.isFinite(announced) && announced > max) {
    req.resume()
    return Promise.resolve(undefined)
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > max) {
        req.off('data', onData)
        req.resume()
        resolve(undefined)
        return
      }
      chunks.push(chunk)
    }
    req.on('data', onData)
    req.once('end', () => resolve(size > max ? undefined : Buffer.concat(chunks)))
    req.once('error', reject)
  })
}

/** The client's application, from the payload (the gateway's READY would have set it). */
function setApplication(client: Client, applicationId: string): void {
  if (client.application?.id === applicationId) return
  const Application = ClientApplication as unknown as new (c: Client, data: { id: string; flags: number }) => unknown
  ;(client as unknown as { application: unknown }).application = new Application(client, {
    id: applicationId,
    flags: 0,
  })
}

/**
 * `npm start` in HTTP interactions mode: the engine in a worker thread, the server, and a clean stop on SIGINT or
 * SIGTERM (/healthz says 503 at once, requests in flight are finished, exit 0). A failure to start exits 1.
 */
export async function runHttpBot({ config, log }: { config: Config; log: Logger }): Promise<void> {
  let engine: EngineClient
  let bot: RunningHttpBot
  try {
    engine = await EngineClient.open({
      corpusPath: config.corpusDir,
      indexPath: config.indexPath,
      maxArticleBytes: config.maxArticleBytes,
      notify: (m) => log.warn(m),
      // A reload under load should not start a thread and compile the engine while questions arrive.
      standby: true,
      // Another replica's or shard's reindex replaces the file: this process follows it.
      ...(config.indexWatchSeconds > 0 ? { watchIntervalMs: config.indexWatchSeconds * 1000 } : {}),
      onExternalReload: (report) =>
        log.info({ before: report.before, after: report.after }, 'switched to the index file another process built'),
    })
    bot = await startHttpBot({ config, engine, log })
  } catch (err) {
    log.fatal((err as Error).message)
    process.exit(1)
  }
  const stats = await engine.stats()
  log.info(
    { url: `${bot.url}${INTERACTIONS_PATH}`, articles: stats.articles, passages: stats.passages },
    `answering interactions at ${bot.url}${INTERACTIONS_PATH}: ${stats.articles} articles, ${stats.passages} passages from ${stats.sources} outlets`,
  )
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
