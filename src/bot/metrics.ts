// Prometheus metrics (prom-client), one registry per process: interactions by type, command and outcome, the answer
// latency, the index's article count and age, and Node's own process metrics. Served at GET /metrics by the HTTP
// interactions server, and in gateway mode by a small server on METRICS_PORT (startMetricsServer).

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Interaction } from 'discord.js'
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import type { EngineStats } from '../runtime/api.js'
import type { Logger } from '../log.js'
import type { Outcome } from './router.js'

/** Seconds: autocomplete answers in milliseconds, questions in tens of them, a reindex in seconds. */
const ANSWER_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]

/** Button and select prefixes the bot makes (src/bot/buttons.ts): others are counted as "other", never by name. */
const COMPONENT_PREFIXES = new Set(['page', 'article', 'read', 'tl', 'cc'])

export interface InteractionLabels {
  /** command, autocomplete, button, select, modal, other */
  type: string
  /** The command's name (registered ones only, else "unknown"), or the component's prefix ("page", "tl", …). */
  command: string
}

/**
 * The labels of an interaction, bounded: a command name only when the registry has it (anyone can send any name),
 * a component by the prefix of its custom id.
 */
export function interactionLabels(interaction: Interaction, known: (name: string) => boolean): InteractionLabels {
  const commandLabel = (name: string) => (known(name) ? name : 'unknown')
  if (interaction.isAutocomplete()) return { type: 'autocomplete', command: commandLabel(interaction.commandName) }
  if (interaction.isChatInputCommand()) return { type: 'command', command: commandLabel(interaction.commandName) }
  if (interaction.isMessageComponent()) {
    const prefix = interaction.customId.split(':')[0] ?? ''
    return {
      type: interaction.isButton() ? 'button' : 'select',
      command: COMPONENT_PREFIXES.has(prefix) ? prefix : 'other',
    }
  }
  if (interaction.isModalSubmit()) return { type: 'modal', command: 'modal' }
  return { type: 'other', command: 'other' }
}

export class BotMetrics {
  readonly registry = new Registry()
  readonly interactions: Counter<'type' | 'command' | 'outcome'>
  readonly answerSeconds: Histogram<'type' | 'command'>
  /** HTTP mode: requests to /interactions by status (401 bad signature, 413 too large, …). */
  readonly httpRequests: Counter<'status'>
  /** HTTP mode: interactions answered with a deferred response because the bot had not answered in time. */
  readonly autoDeferred: Counter<'type'>

  /**
   * `stats` gives the index's figures when /metrics is read (the engine answers it from its worker thread); `known`
   * tells the registered command names.
   */
  constructor(
    stats: () => Promise<EngineStats>,
    private readonly known: (name: string) => boolean,
  ) {
    collectDefaultMetrics({ register: this.registry })
    this.interactions = new Counter({
      name: 'interactions_total',
      help: 'Interactions handled, by type, command (or button prefix) and outcome',
      labelNames: ['type', 'command', 'outcome'],
      registers: [this.registry],
    })
    this.answerSeconds = new Histogram({
      name: 'answer_seconds',
      help: 'Seconds from receiving an interaction to the end of its answer (replies and edits sent)',
      labelNames: ['type', 'command'],
      buckets: ANSWER_BUCKETS,
      registers: [this.registry],
    })
    this.httpRequests = new Counter({
      name: 'interactions_http_requests_total',
      help: 'Requests to POST /interactions, by HTTP status of the response',
      labelNames: ['status'],
      registers: [this.registry],
    })
    this.autoDeferred = new Counter({
      name: 'interactions_auto_deferred_total',
      help: 'Interactions given a deferred response because no answer came before the deadline',
      labelNames: ['type'],
      registers: [this.registry],
    })
    // Both index gauges read one stats call per scrape.
    let pending: Promise<EngineStats | undefined> | undefined
    const read = () =>
      (pending ??= stats()
        .catch(() => undefined)
        .finally(() => setImmediate(() => (pending = undefined))))
    new Gauge({
      name: 'index_articles',
      help: 'Articles in the index answering now',
      registers: [this.registry],
      async collect() {
        const s = await read()
        if (s) this.set(s.articles)
      },
    })
    new Gauge({
      name: 'index_age_seconds',
      help: 'Seconds since the index answering now was built',
      registers: [this.registry],
      async collect() {
        const s = await read()
        const built = s ? Date.parse(s.builtAt) : NaN
        if (Number.isFinite(built)) this.set(Math.max(0, (Date.now() - built) / 1000))
      },
    })
  }

  /** The router's onHandled hook. */
  readonly handled = (interaction: Interaction, outcome: Outcome, seconds: number): void => {
    const labels = interactionLabels(interaction, this.known)
    this.interactions.inc({ ...labels, outcome })
    this.answerSeconds.observe(labels, seconds)
  }

  get contentType(): string {
    return this.registry.contentType
  }

  text(): Promise<string> {
    return this.registry.metrics()
  }
}

/** Answers GET /metrics; true when it did (any other path is the caller's). */
export async function serveMetrics(req: IncomingMessage, res: ServerResponse, metrics: BotMetrics): Promise<boolean> {
  const path = (req.url ?? '/').split('?')[0]
  if (path !== '/metrics') return false
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('Method Not Allowed\n')
    return true
  }
  const text = await metrics.text()
  res.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' })
  res.end(req.method === 'HEAD' ? undefined : text)
  return true
}

export interface MetricsServer {
  server: Server
  /** http://host:port */
  url: string
  close(): Promise<void>
}

/**
 * Gateway mode with METRICS_PORT: GET /metrics and GET /healthz (200 while `healthy()`, else 503) on their own port.
 */
export async function startMetricsServer(options: {
  port: number
  host: string
  metrics: BotMetrics
  healthy: () => boolean
  log: Logger
}): Promise<MetricsServer> {
  const { metrics, healthy, log } = options
  const server = createServer((req, res) => {
    void (async () => {
      if (await serveMetrics(req, res, metrics)) return
      if ((req.url ?? '/').split('?')[0] === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
        const ok = healthy()
        res.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain' }).end(ok ? 'ok\n' : 'stopping\n')
        return
      }
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not Found\n')
    })().catch((err: unknown) => {
      log.error({ err }, 'metrics request failed')
      if (!res.headersSent) res.writeHead(500).end()
      else res.destroy()
    })
  })
  await listen(server, options.port, options.host)
  const url = serverUrl(server)
  log.info({ url: `${url}/metrics` }, `metrics at ${url}/metrics`)
  return {
    server,
    url,
    close: () => closeServer(server),
  }
}

/** Listens, or rejects with a message naming the address (EADDRINUSE, EACCES). */
export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) =>
      reject(new Error(`cannot listen on ${host}:${port} (${err.code ?? err.message})`, { cause: err }))
    server.once('error', onError)
    server.listen(port, host, () => {
      server.off('error', onError)
      resolve()
    })
  })
}

export function serverUrl(server: Server): string {
  const { address, port } = server.address() as AddressInfo
  const host = address.includes(':') ? `[${address}]` : address
  return `http://${host}:${port}`
}

/** Stops listening and closes idle keep-alive connections; requests in flight finish. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeIdleConnections()
  })
}
