// The index on disk: one file, written to a temporary name and renamed, so a reader never sees half of it.
// A header line carries the format and the corpus fingerprint; a stale, missing or corrupt file is rebuilt.

import { createHash } from 'node:crypto'
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import MiniSearch from 'minisearch'
import { listCorpusFiles, loadCorpus, type CorpusFile, type Problem } from './corpus/loader.js'
import { buildIndex, INDEX_FORMAT, MINISEARCH_OPTIONS, withLookups, type IndexedPassage, type Passage, type SearchIndex } from './indexer.js'
import type { Article, Extraction } from './types.js'

const MAGIC = 'syria-news-bot/index'
/** Lines of the file: header, articles, passages, problems, term frequencies, frequent-term bitsets, MiniSearch. */
const PARTS = 7

interface Header {
  magic: string
  format: number
  fingerprint: string
  builtAt: string
  articles: number
  passages: number
}

let engineHash: string | undefined

/**
 * A hash of the engine's own source (normalisation, aliases, extraction, indexing): an index built by other code is
 * stale, so a change to the alias table or an extractor reaches the index on the next start, not never.
 */
export function engineVersion(): string {
  if (engineHash) return engineHash
  const dir = fileURLToPath(new URL('.', import.meta.url))
  const hash = createHash('sha256')
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(d, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (/\.(ts|js)$/.test(entry.name)) hash.update(entry.name).update(readFileSync(full))
    }
  }
  walk(dir)
  engineHash = hash.digest('hex').slice(0, 16)
  return engineHash
}

/** Changes whenever a corpus file is added, removed or changed (size or modification time), or the engine changes. */
export function fingerprintOf(corpusPath: string, files: CorpusFile[] = listCorpusFiles(corpusPath)): string {
  const root = resolve(corpusPath)
  const hash = createHash('sha256').update(`${MAGIC}:${INDEX_FORMAT}:${engineVersion()}\n`)
  for (const f of files) hash.update(`${relative(root, f.path)}\t${f.size}\t${Math.floor(f.mtimeMs)}\n`)
  return hash.digest('hex').slice(0, 32)
}

type PassageRow = [number, number, number, 0 | 1, number, Extraction | null]

export function saveIndex(path: string, index: SearchIndex): void {
  mkdirSync(dirname(resolve(path)), { recursive: true })
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`
  const header: Header = {
    magic: MAGIC,
    format: index.format,
    fingerprint: index.fingerprint,
    builtAt: index.builtAt,
    articles: index.articles.length,
    passages: index.passages.length,
  }
  const fd = openSync(tmp, 'w')
  try {
    // One JSON document per line: each stays far below V8's string limit even for large corpora.
    const write = (value: unknown) => writeSync(fd, `${JSON.stringify(value)}\n`)
    write(header)
    write(index.articles)
    write(index.passages.map((p): PassageRow => [p.article, p.start, p.end, p.headline ? 1 : 0, p.position, p.x]))
    write(index.problems)
    write([...index.termFrequency])
    write([...index.frequentTerms].map(([term, bits]) => [term, Buffer.from(bits.buffer, bits.byteOffset, bits.byteLength).toString('base64')]))
    write(index.miniSearch)
    fsyncSync(fd)
  } catch (err) {
    closeSync(fd)
    rmSync(tmp, { force: true })
    throw err
  }
  closeSync(fd)
  renameSync(tmp, path)
}

export type ReadOutcome =
  | { ok: true; index: SearchIndex }
  | { ok: false; reason: 'missing' | 'stale' | 'corrupt'; detail: string }

/** Reads an index file; anything but a whole, current file of this format is reported, never thrown. */
export function readIndex(path: string, fingerprint?: string): ReadOutcome {
  let bytes: Buffer
  try {
    bytes = readFileSync(path)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return { ok: false, reason: 'missing', detail: 'no index file yet' }
    return { ok: false, reason: 'corrupt', detail: `cannot be read (${code ?? String(err)})` }
  }
  try {
    const lines = splitLines(bytes)
    if (lines.length === 0 || bytes.length === 0) return { ok: false, reason: 'corrupt', detail: 'the file is empty' }
    const header = JSON.parse(lines[0]!) as Header
    if (header?.magic !== MAGIC) return { ok: false, reason: 'corrupt', detail: 'not an index file of this bot' }
    if (header.format !== INDEX_FORMAT) {
      return { ok: false, reason: 'stale', detail: `written in format ${header.format}, this version reads format ${INDEX_FORMAT}` }
    }
    if (fingerprint !== undefined && header.fingerprint !== fingerprint) {
      return { ok: false, reason: 'stale', detail: 'the corpus changed since it was built' }
    }
    if (lines.length < PARTS) return { ok: false, reason: 'corrupt', detail: `the file is cut short (${lines.length} of ${PARTS} parts)` }
    const articles = JSON.parse(lines[1]!) as Article[]
    const rows = JSON.parse(lines[2]!) as PassageRow[]
    const problems = JSON.parse(lines[3]!) as Problem[]
    const terms = JSON.parse(lines[4]!) as Array<[string, number]>
    const frequent = JSON.parse(lines[5]!) as Array<[string, string]>
    const miniSearch = MiniSearch.loadJSON<IndexedPassage>(lines[6]!, MINISEARCH_OPTIONS)
    if (articles.length !== header.articles || rows.length !== header.passages || miniSearch.documentCount !== rows.length) {
      return { ok: false, reason: 'corrupt', detail: 'its parts do not agree in size' }
    }
    const passages: Passage[] = rows.map(([article, start, end, headline, position, x]) => ({ article, start, end, headline: headline === 1, position, x }))
    const index = withLookups({
      format: header.format,
      fingerprint: header.fingerprint,
      builtAt: header.builtAt,
      articles,
      passages,
      problems,
      termFrequency: new Map(terms),
      frequentTerms: new Map(frequent.map(([term, b64]) => [term, new Uint8Array(Buffer.from(b64, 'base64'))])),
      miniSearch,
    })
    return { ok: true, index }
  } catch (err) {
    return { ok: false, reason: 'corrupt', detail: `cannot be parsed (${(err as Error).message.slice(0, 120)})` }
  }
}

function splitLines(bytes: Buffer): string[] {
  const lines: string[] = []
  let start = 0
  for (;;) {
    const nl = bytes.indexOf(0x0a, start)
    if (nl === -1) {
      if (start < bytes.length) lines.push(bytes.toString('utf8', start))
      return lines
    }
    lines.push(bytes.toString('utf8', start, nl))
    start = nl + 1
  }
}

export interface OpenOptions {
  corpusPath: string
  indexPath: string
  /** Where to say what happened ("index is stale, rebuilding"). */
  notify?: (message: string) => void
  onProgress?: (done: number, total: number) => void
  /** Rebuild even when the file is current. */
  rebuild?: boolean
}

export interface OpenResult {
  index: SearchIndex
  /** True when the index was built now rather than loaded. */
  built: boolean
  milliseconds: number
}

/** Loads the saved index when it matches the corpus; otherwise builds it from the corpus and saves it. */
export function openIndex(options: OpenOptions): OpenResult {
  const started = performance.now()
  const files = listCorpusOrExplain(options.corpusPath)
  const fingerprint = fingerprintOf(options.corpusPath, files)
  if (!options.rebuild) {
    const outcome = readIndex(options.indexPath, fingerprint)
    if (outcome.ok) return { index: outcome.index, built: false, milliseconds: performance.now() - started }
    const verb = outcome.reason === 'missing' ? 'building it' : 'rebuilding it'
    options.notify?.(`index ${options.indexPath}: ${outcome.detail}; ${verb} from ${options.corpusPath}`)
  }
  const index = buildFromCorpus(options.corpusPath, fingerprint, options.onProgress)
  try {
    saveIndex(options.indexPath, index)
  } catch (err) {
    options.notify?.(`index ${options.indexPath} could not be saved (${(err as Error).message}); answering from memory`)
  }
  return { index, built: true, milliseconds: performance.now() - started }
}

export function buildFromCorpus(corpusPath: string, fingerprint: string, onProgress?: (done: number, total: number) => void): SearchIndex {
  const { articles, problems } = loadCorpus(corpusPath)
  return buildIndex(articles, { fingerprint, problems, ...(onProgress ? { onProgress } : {}) })
}

/** Lists the corpus, turning a missing path into a message that names it. */
export function listCorpusOrExplain(corpusPath: string): CorpusFile[] {
  try {
    return listCorpusFiles(corpusPath)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new Error(`corpus not found: ${corpusPath} (set CORPUS_DIR or pass --corpus PATH)`)
    throw new Error(`corpus ${corpusPath} cannot be read (${code ?? (err as Error).message})`)
  }
}
