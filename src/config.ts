// Settings: the one place that reads the environment (and .env through dotenv), checks every value and names the
// variable in any message. The token is never part of a message.

import { createHash } from 'node:crypto'
import { hostname } from 'node:os'
import { basename, extname, resolve, sep } from 'node:path'
import { config as loadDotenv } from 'dotenv'
import { DEFAULT_MAX_ARTICLE_BYTES } from './engine/corpus/loader.js'

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

export interface Config {
  discordToken: string | undefined
  discordClientId: string | undefined
  discordGuildId: string | undefined
  corpusDir: string
  indexPath: string
  /** Articles longer than this (UTF-8 bytes) are reported and skipped (MAX_ARTICLE_MB). */
  maxArticleBytes: number
  moderatorRoleIds: string[]
  cooldownSeconds: number
  logLevel: LogLevel
  discordApiUrl: string
  /** undefined: one process; "auto" or a count: run under discord.js's ShardingManager. */
  shards: 'auto' | number | undefined
  /** The shards this host runs, of `shards` on all hosts (SHARD_LIST); undefined: all of them. */
  shardList: number[] | undefined
  /** Largest file /import takes (IMPORT_MAX_BYTES), in bytes; Discord's own attachment limit applies too. */
  importMaxBytes: number
  /** How long /import waits for an attachment's download to finish (IMPORT_TIMEOUT_SECONDS), in ms. */
  importTimeoutMs: number
  /** The log of every /import and /remove (IMPORT_LOG): JSON Lines, appended to, outside the corpus folder. */
  importLogPath: string
  /** The application's Ed25519 public key, 64 hex characters (DISCORD_PUBLIC_KEY): HTTP interactions mode. */
  discordPublicKey: string | undefined
  /** With DISCORD_PUBLIC_KEY: `npm start` serves POST /interactions on this port instead of the gateway. */
  interactionsPort: number | undefined
  /** The address the interactions server (and METRICS_PORT's) listens on (INTERACTIONS_HOST). */
  interactionsHost: string
  /** Largest request body POST /interactions reads (INTERACTIONS_MAX_BODY_BYTES); larger ones get 413. */
  interactionsMaxBodyBytes: number
  /** Gateway mode: serve GET /metrics and /healthz on this port (METRICS_PORT). */
  metricsPort: number | undefined
  /**
   * Seconds between two checks that the index file was replaced by another process (a reindex in another replica
   * or shard), beside file-system events; 0: never (INDEX_WATCH_SECONDS).
   */
  indexWatchSeconds: number
  /** This process's name in responses (X-Served-By) and logs: several replicas tell apart (REPLICA_NAME). */
  replicaName: string
  /**
   * A folder every replica shares, where the results behind buttons are kept (SESSIONS_DIR): a button then works on
   * any replica. Unset: each process keeps its own in memory.
   */
  sessionsDir: string | undefined
}

export const DEFAULT_CORPUS_DIR = 'corpus'
/** INDEX_WATCH_SECONDS's default: a reindex elsewhere reaches this process within seconds even without file events. */
export const DEFAULT_INDEX_WATCH_SECONDS = 5
export const DEFAULT_DISCORD_API_URL = 'https://discord.com/api'
/** IMPORT_MAX_BYTES's default: 5 MB, far above a bundle of news articles. */
export const DEFAULT_IMPORT_MAX_BYTES = 5 * 1024 * 1024
/** IMPORT_MAX_BYTES's ceiling: the whole file is held in memory until the moderator presses Add or Cancel. */
export const MAX_IMPORT_MAX_BYTES = 100 * 1024 * 1024
export const DEFAULT_IMPORT_TIMEOUT_MS = 30_000
export const DEFAULT_INTERACTIONS_HOST = '127.0.0.1'
/** INTERACTIONS_MAX_BODY_BYTES's default: Discord's interactions are a few KB, a component's with its message tens. */
export const DEFAULT_INTERACTIONS_MAX_BODY_BYTES = 256 * 1024

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'))
    this.name = 'ConfigError'
  }
}

/** Loads .env (without overriding variables already set) quietly. */
export function loadEnvFile(path = '.env'): void {
  loadDotenv({ path, quiet: true })
}

const SNOWFLAKE_RE = /^\d{17,20}$/
const TOKEN_RE = /^[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}$/

/** Reads and checks the settings; throws a ConfigError listing every problem, each naming its variable. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = []
  const get = (name: string) => {
    const v = env[name]?.trim()
    return v === undefined || v === '' ? undefined : v
  }

  const discordToken = get('DISCORD_TOKEN')
  if (discordToken && !TOKEN_RE.test(discordToken)) {
    problems.push(
      'DISCORD_TOKEN does not look like a bot token (three parts separated by dots); copy it again from the Developer Portal, Bot page',
    )
  }
  const snowflake = (name: string) => {
    const v = get(name)
    if (v && !SNOWFLAKE_RE.test(v))
      problems.push(`${name} must be a Discord id (17 to 20 digits), got "${v.slice(0, 30)}"`)
    return v
  }
  const discordClientId = snowflake('DISCORD_CLIENT_ID')
  const discordGuildId = snowflake('DISCORD_GUILD_ID')

  const corpusDir = get('CORPUS_DIR') ?? DEFAULT_CORPUS_DIR
  const indexPath = get('INDEX_PATH') ?? defaultIndexPath(corpusDir)

  let maxArticleBytes = DEFAULT_MAX_ARTICLE_BYTES
  const maxArticle = get('MAX_ARTICLE_MB')
  if (maxArticle !== undefined) {
    const n = Number(maxArticle)
    if (!Number.isFinite(n) || n <= 0 || n > 256)
      problems.push(
        `MAX_ARTICLE_MB must be a number of megabytes above 0 and at most 256, got "${maxArticle.slice(0, 30)}"`,
      )
    else maxArticleBytes = Math.round(n * 1024 * 1024)
  }

  const moderatorRoleIds = (get('MODERATOR_ROLE_IDS') ?? '').split(/[,\s]+/).filter(Boolean)
  for (const id of moderatorRoleIds) {
    if (!SNOWFLAKE_RE.test(id))
      problems.push(
        `MODERATOR_ROLE_IDS must be role ids (17 to 20 digits) separated by commas, got "${id.slice(0, 30)}"`,
      )
  }

  let cooldownSeconds = 3
  const cooldown = get('COOLDOWN_SECONDS')
  if (cooldown !== undefined) {
    const n = Number(cooldown)
    if (!Number.isFinite(n) || n < 0 || n > 3600)
      problems.push(`COOLDOWN_SECONDS must be a number of seconds from 0 to 3600, got "${cooldown.slice(0, 30)}"`)
    else cooldownSeconds = n
  }

  let logLevel: LogLevel = 'info'
  const level = get('LOG_LEVEL')?.toLowerCase()
  if (level !== undefined) {
    if ((LOG_LEVELS as readonly string[]).includes(level)) logLevel = level as LogLevel
    else problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${level.slice(0, 30)}"`)
  }

  let discordApiUrl = DEFAULT_DISCORD_API_URL
  const api = get('DISCORD_API_URL')
  if (api !== undefined) {
    try {
      const u = new URL(api)
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol')
      discordApiUrl = api.replace(/\/+$/, '')
    } catch {
      problems.push(
        `DISCORD_API_URL must be an http(s) URL such as ${DEFAULT_DISCORD_API_URL}, got "${api.slice(0, 60)}"`,
      )
    }
  }

  let shards: Config['shards']
  let shardList: number[] | undefined
  // In a shard spawned by discord.js's ShardingManager, SHARDS and SHARD_COUNT hold that shard's ids and the total
  // (discord.js reads them itself).
  const inShard = env.SHARDING_MANAGER === 'true'
  const shardSetting = inShard ? undefined : get('SHARDS')?.toLowerCase()
  const countSetting = inShard ? undefined : get('SHARD_COUNT')
  if (shardSetting !== undefined) {
    if (shardSetting === 'auto') shards = 'auto'
    else if (/^\d+$/.test(shardSetting) && Number(shardSetting) >= 1 && Number(shardSetting) <= 1000)
      shards = Number(shardSetting)
    else problems.push(`SHARDS must be "auto" or a number of shards from 1 to 1000, got "${shardSetting.slice(0, 30)}"`)
  }
  // Shards across hosts: SHARD_COUNT shards in all, SHARD_LIST those this host runs ("0-3", "4,5,6").
  if (countSetting !== undefined) {
    const n = /^\d+$/.test(countSetting) ? Number(countSetting) : NaN
    if (!(n >= 1 && n <= 1000))
      problems.push(
        `SHARD_COUNT must be the number of shards on all hosts, 1 to 1000, got "${countSetting.slice(0, 30)}"`,
      )
    else if (shards !== undefined && shards !== n)
      problems.push(`SHARDS (${String(shards)}) and SHARD_COUNT (${n}) disagree: set one of them`)
    else shards = n
  }
  const listSetting = inShard ? undefined : get('SHARD_LIST')
  if (listSetting !== undefined) {
    const total = typeof shards === 'number' ? shards : undefined
    const ids = parseShardList(listSetting)
    if (total === undefined)
      problems.push('SHARD_LIST needs SHARD_COUNT: the number of shards on all hosts, so that each host runs its part')
    else if (!ids || ids.length === 0 || ids.some((id) => id >= total))
      problems.push(
        `SHARD_LIST must list shard ids from 0 to ${total - 1} (SHARD_COUNT ${total}) as "0-3" or "0,2,4", got "${listSetting.slice(0, 30)}"`,
      )
    else shardList = ids
  }

  let importMaxBytes = DEFAULT_IMPORT_MAX_BYTES
  const importMax = get('IMPORT_MAX_BYTES')
  if (importMax !== undefined) {
    const n = parseByteSize(importMax)
    if (n === undefined || n < 1 || n > MAX_IMPORT_MAX_BYTES)
      problems.push(
        `IMPORT_MAX_BYTES must be a size from 1 byte to 100 MB, in bytes or with a unit (5242880, 500 KB, 5 MB), got "${importMax.slice(0, 30)}"`,
      )
    else importMaxBytes = n
  }

  let importTimeoutMs = DEFAULT_IMPORT_TIMEOUT_MS
  const importTimeout = get('IMPORT_TIMEOUT_SECONDS')
  if (importTimeout !== undefined) {
    const n = Number(importTimeout)
    if (!Number.isFinite(n) || n <= 0 || n > 600)
      problems.push(
        `IMPORT_TIMEOUT_SECONDS must be a number of seconds above 0 and at most 600, got "${importTimeout.slice(0, 30)}"`,
      )
    else importTimeoutMs = Math.round(n * 1000)
  }

  const importLogPath = get('IMPORT_LOG') ?? defaultImportLogPath(corpusDir)
  // Anything in the corpus folder is read as articles (a .jsonl as a bundle of them): the log must never be.
  if (isInside(resolve(importLogPath), resolve(corpusDir)))
    problems.push(
      `IMPORT_LOG must be outside the corpus folder (CORPUS_DIR), where it would be read as articles, got "${importLogPath.slice(0, 60)}"`,
    )
  else if (resolve(importLogPath) === resolve(indexPath))
    problems.push(`IMPORT_LOG must not be the index file (INDEX_PATH), got "${importLogPath.slice(0, 60)}"`)

  const port = (name: string) => {
    const v = get(name)
    if (v === undefined) return undefined
    if (/^\d{1,5}$/.test(v) && Number(v) <= 65535) return Number(v)
    problems.push(`${name} must be a port number from 0 to 65535 (0: any free port), got "${v.slice(0, 30)}"`)
    return undefined
  }
  const discordPublicKey = get('DISCORD_PUBLIC_KEY')
  if (discordPublicKey !== undefined && !/^[0-9a-f]{64}$/i.test(discordPublicKey))
    problems.push(
      `DISCORD_PUBLIC_KEY must be the application's public key, 64 hexadecimal characters (Developer Portal, General Information), got ${discordPublicKey.length} characters`,
    )
  const interactionsPort = port('INTERACTIONS_PORT')
  if ((discordPublicKey === undefined) !== (get('INTERACTIONS_PORT') === undefined))
    problems.push(
      discordPublicKey === undefined
        ? "INTERACTIONS_PORT needs DISCORD_PUBLIC_KEY (the application's public key) to check that requests come from Discord"
        : 'DISCORD_PUBLIC_KEY is set but INTERACTIONS_PORT is not: set the port POST /interactions is served on (or remove the key to use the gateway)',
    )
  else if (discordPublicKey !== undefined && shards !== undefined)
    problems.push(
      'SHARDS is for the gateway: in HTTP interactions mode (DISCORD_PUBLIC_KEY), run more replicas instead',
    )
  const interactionsHost = get('INTERACTIONS_HOST') ?? DEFAULT_INTERACTIONS_HOST
  let interactionsMaxBodyBytes = DEFAULT_INTERACTIONS_MAX_BODY_BYTES
  const maxBody = get('INTERACTIONS_MAX_BODY_BYTES')
  if (maxBody !== undefined) {
    const n = parseByteSize(maxBody)
    if (n === undefined || n < 4096 || n > 10 * 1024 * 1024)
      problems.push(
        `INTERACTIONS_MAX_BODY_BYTES must be a size from 4 KB to 10 MB, in bytes or with a unit (262144, 256 KB), got "${maxBody.slice(0, 30)}"`,
      )
    else interactionsMaxBodyBytes = n
  }
  const metricsPort = port('METRICS_PORT')
  let indexWatchSeconds = DEFAULT_INDEX_WATCH_SECONDS
  const watchSetting = get('INDEX_WATCH_SECONDS')
  if (watchSetting !== undefined) {
    if (/^\d{1,4}(?:\.\d+)?$/.test(watchSetting) && Number(watchSetting) <= 3600)
      indexWatchSeconds = Number(watchSetting)
    else
      problems.push(
        `INDEX_WATCH_SECONDS must be a number of seconds from 0 (never) to 3600, got "${watchSetting.slice(0, 30)}"`,
      )
  }
  const replicaName = get('REPLICA_NAME') ?? `${hostname()}:${process.pid}`
  if (!/^[\w.:@-]{1,64}$/.test(replicaName))
    problems.push(`REPLICA_NAME must be 1 to 64 letters, digits, or . : @ _ -, got "${replicaName.slice(0, 30)}"`)

  const sessionsDir = get('SESSIONS_DIR')
  if (sessionsDir !== undefined && isInside(resolve(sessionsDir), resolve(corpusDir)))
    problems.push(`SESSIONS_DIR must be outside the corpus folder (CORPUS_DIR), got "${sessionsDir.slice(0, 60)}"`)

  if (problems.length > 0) throw new ConfigError(problems)
  return {
    discordToken,
    discordClientId,
    discordGuildId,
    corpusDir,
    indexPath,
    maxArticleBytes,
    moderatorRoleIds,
    cooldownSeconds,
    logLevel,
    discordApiUrl,
    shards,
    shardList,
    importMaxBytes,
    importTimeoutMs,
    importLogPath,
    discordPublicKey,
    interactionsPort,
    interactionsHost,
    interactionsMaxBodyBytes,
    metricsPort,
    indexWatchSeconds,
    replicaName,
    sessionsDir,
  }
}

/** "5242880", "500 KB", "5MB", "1.5 mb" (KB and MB of 1024) → bytes; undefined when it is none of these. */
export function parseByteSize(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(b|bytes?|kb|k|mb|m)?$/i.exec(text.trim())
  if (!m) return undefined
  const unit = (m[2] ?? 'b').toLowerCase()
  const factor = unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 * 1024 : 1
  const n = Math.round(Number(m[1]) * factor)
  return Number.isSafeInteger(n) ? n : undefined
}

/** "0-3" → [0,1,2,3]; "0,2,5-6" → [0,2,5,6]; undefined when malformed. */
export function parseShardList(text: string): number[] | undefined {
  const ids = new Set<number>()
  for (const part of text.split(',').map((p) => p.trim())) {
    const m = /^(\d{1,4})(?:\s*-\s*(\d{1,4}))?$/.exec(part)
    if (!m) return undefined
    const from = Number(m[1])
    const to = m[2] === undefined ? from : Number(m[2])
    if (to < from || to - from > 1000) return undefined
    for (let id = from; id <= to; id++) ids.add(id)
  }
  return [...ids].sort((a, b) => a - b)
}

export function isInside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder.endsWith(sep) ? folder : folder + sep)
}

/** One index file per corpus, so that asking about FA-KES does not throw away the index of corpus/. */
export function defaultIndexPath(corpusPath: string): string {
  const abs = resolve(corpusPath)
  const slug =
    basename(abs, extname(abs))
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'corpus'
  const hash = createHash('sha256').update(abs).digest('hex').slice(0, 8)
  return `data/${slug}-${hash}.index`
}

/** The import log of a corpus, beside its default index in data/ (git-ignored, never read as articles). */
export function defaultImportLogPath(corpusPath: string): string {
  return defaultIndexPath(corpusPath).replace(/\.index$/, '.imports.jsonl')
}
