// Shared by the tests: where the corpora are, engines over them (indexes cached in the temp folder), a config,
// and a logger that keeps its lines for assertions.

import { cpSync, mkdtempSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Writable } from 'node:stream'
import { ConfigError, readConfig, type Config } from '../src/config.js'
import { DEFAULT_MAX_ARTICLE_BYTES } from '../src/engine/corpus/loader.js'
import { Engine } from '../src/runtime/engine.js'
import type { Article } from '../src/engine/types.js'
import { EngineClient } from '../src/runtime/client.js'
import { createLogger, type Logger } from '../src/log.js'

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..')
export const SEED_CORPUS = join(REPO, 'corpus')
/**
 * The FA-KES dataset, read where the project keeps it, never copied into the repository: FAKES_CSV, or
 * shared/corpora/fa-kes/ beside the repository or beside one of its parent folders.
 */
export const FAKES_CSV = process.env.FAKES_CSV ?? findShared('corpora/fa-kes/FA-KES-Dataset.csv')
/** Tests that read FA-KES are skipped, with a warning, on a machine that does not have it. */
export const HAVE_FAKES = existsSync(FAKES_CSV)
/** The seed articles as the project received them. */
export const SEEDS_DIR = findShared('seeds')
export const TEST_DATA = join(tmpdir(), 'syria-news-bot-tests')

/** shared/<relative> beside the repository or beside one of its parent folders. */
export function findShared(relative: string): string {
  for (let dir = resolve(REPO, '..'); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'shared', relative))) return join(dir, 'shared', relative)
    if (dirname(dir) === dir) return resolve(REPO, '..', 'shared', relative)
  }
}

export function requireFakes(): string {
  if (!HAVE_FAKES) throw new Error(`FA-KES dataset not found at ${FAKES_CSV}; set FAKES_CSV to its path`)
  return FAKES_CSV
}

export function fakesEngine(): Engine {
  return Engine.open({ corpusPath: requireFakes(), indexPath: join(TEST_DATA, 'fakes.index.json') })
}

export function seedEngine(): Engine {
  return Engine.open({ corpusPath: SEED_CORPUS, indexPath: join(TEST_DATA, 'seeds.index.json') })
}

/**
 * The engine as the bot and the console run it (EngineClient: a worker thread, reindexing by the one production
 * path). Close it when done; the index files are the ones the in-process engines use.
 */
export function seedClient(): Promise<EngineClient> {
  return EngineClient.open({ corpusPath: SEED_CORPUS, indexPath: join(TEST_DATA, 'seeds.index.json') })
}

export function fakesClient(): Promise<EngineClient> {
  return EngineClient.open({ corpusPath: requireFakes(), indexPath: join(TEST_DATA, 'fakes.index.json') })
}

export function openClient(corpusPath: string, indexPath: string): Promise<EngineClient> {
  return EngineClient.open({ corpusPath, indexPath })
}

/** A private copy of the seed corpus, for tests that add or break files. */
export function seedCorpusCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'syria-news-bot-corpus-'))
  cpSync(SEED_CORPUS, join(dir, 'corpus'), { recursive: true })
  return join(dir, 'corpus')
}

/** Looks like a bot token (three dot-separated parts) without being one. */
export const TEST_TOKEN = 'MTEyMzQ1Njc4OTAxMjM0NTY3OA.GxYzAb.abcdefghijklmnopqrstuvwxyz0123456789AB'

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    discordToken: TEST_TOKEN,
    discordClientId: undefined,
    discordGuildId: undefined,
    corpusDir: SEED_CORPUS,
    indexPath: join(TEST_DATA, 'seeds.index.json'),
    maxArticleBytes: DEFAULT_MAX_ARTICLE_BYTES,
    moderatorRoleIds: [],
    cooldownSeconds: 0,
    logLevel: 'debug',
    discordApiUrl: 'http://127.0.0.1:1/api',
    shards: undefined,
    shardList: undefined,
    importMaxBytes: 5 * 1024 * 1024,
    importTimeoutMs: 30_000,
    importLogPath: join(TEST_DATA, `imports-${process.pid}.jsonl`),
    discordPublicKey: undefined,
    interactionsPort: undefined,
    interactionsHost: '127.0.0.1',
    interactionsMaxBodyBytes: 256 * 1024,
    metricsPort: undefined,
    indexWatchSeconds: 0,
    replicaName: 'test',
    sessionsDir: undefined,
    ...overrides,
  }
}

export interface MemoryLog {
  log: Logger
  lines: string[]
  entries(): Array<Record<string, unknown>>
}

export function memoryLogger(level: Config['logLevel'] = 'debug'): MemoryLog {
  const lines: string[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean))
      done()
    },
  })
  return {
    log: createLogger(level, stream),
    lines,
    entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>),
  }
}

/** A small deterministic PRNG (mulberry32), so a failure can be replayed. */
export { seededRandom as rng } from '../bench/random.js'

/** The problems readConfig reports for `env` (never the real environment); throws when it accepts them. */
export function configProblems(env: Record<string, string>): string[] {
  try {
    readConfig(env)
  } catch (err) {
    if (err instanceof ConfigError) return err.problems
    throw err
  }
  throw new Error(`readConfig accepted ${JSON.stringify(env)}`)
}

/** An article for an index built in a test: who published it, when, its headline and its text. */
export function newsArticle(id: string, source: string, date: string, title: string, body: string): Article {
  return { id, title, source, date, url: '', body, location: '', credit: '' }
}
