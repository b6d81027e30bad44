// The index on disk: one file, written to a temporary name and renamed, so a reader never sees half of it.
// A header line carries the format and the corpus fingerprint; a stale, missing or corrupt file is rebuilt.

import { createHash } from 'node:crypto'
import { crc32 } from 'node:zlib'
import { closeSync, fstatSync, fsyncSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, writeSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import MiniSearch, { type AsPlainObject } from 'minisearch'
import { promises as fsp } from 'node:fs'
import type { FileHandle } from 'node:fs/promises'
import { DEFAULT_MAX_ARTICLE_BYTES, formatProblem, listCorpusFiles, loadCorpus, type CorpusFile, type Problem } from '../corpus/loader.js'
import { buildIndex, INDEX_FORMAT, MINISEARCH_OPTIONS, withLookups, type IndexedPassage, type PassageTable, type SearchIndex } from './build.js'
import type { Article } from '../types.js'

const MAGIC = 'syria-news-bot/index'

interface Header {
  magic: string
  format: number
  fingerprint: string
  builtAt: string
  articles: number
  passages: number
  averageLength: number
  bodyBytes: number
  crc32: number
  sections: Section[]
}

let engineHash: string | undefined

/**
 * A hash of the engine's own source (normalisation, aliases, extraction, indexing): an index built by other code is
 * stale, so a change to the alias table or an extractor reaches the index on the next start, not never.
 */
export function engineVersion(): string {
  if (engineHash) return engineHash
  const dir = fileURLToPath(new URL('..', import.meta.url))
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

/**
 * Changes whenever a corpus file is added, removed or changed (size or modification time), the article size limit
 * changes, or the engine changes.
 */
export function fingerprintOf(corpusPath: string, files: CorpusFile[] = listCorpusFiles(corpusPath), maxArticleBytes = DEFAULT_MAX_ARTICLE_BYTES): string {
  const root = resolve(corpusPath)
  const hash = createHash('sha256').update(`${MAGIC}:${INDEX_FORMAT}:${engineVersion()}:${maxArticleBytes}\n`)
  for (const f of files) hash.update(`${relative(root, f.path)}\t${f.size}\t${Math.floor(f.mtimeMs)}\t${f.refused ?? ''}\n`)
  return hash.digest('hex').slice(0, 32)
}

type SectionKind = 'json' | 'u32' | 'u16' | 'latin1' | 'bytes' | 'text'

interface Section {
  name: string
  kind: SectionKind
  offset: number
  length: number
}

/** What goes into the file, section by section; typed arrays are written as they are in memory. */
function sectionsOf(index: SearchIndex): Array<{ name: string; kind: SectionKind; data: Buffer }> {
  const json = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8')
  const raw = (a: Uint32Array | Uint16Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)
  const p = index.passages
  // Bodies apart, as UTF-8: they are read when quoted, not parsed at start-up.
  const bodies = index.articles.map((a) => Buffer.from(a.body, 'utf8'))
  const bodyOffsets = new Uint32Array(bodies.length + 1)
  bodies.forEach((b, i) => (bodyOffsets[i + 1] = bodyOffsets[i]! + b.length))
  const metadata = index.articles.map(({ id, title, source, date, url, location, credit, body }) => ({ id, title, source, date, url, location, credit, bodyLength: body.length }))
  return [
    { name: 'articles', kind: 'json', data: json(metadata) },
    { name: 'bodyOffsets', kind: 'u32', data: raw(bodyOffsets) },
    { name: 'bodies', kind: 'bytes', data: Buffer.concat(bodies) },
    { name: 'problems', kind: 'json', data: json(index.problems) },
    { name: 'termFrequency', kind: 'json', data: json([...index.termFrequency]) },
    { name: 'frequentTerms', kind: 'json', data: json([...index.frequent.slots.keys()]) },
    { name: 'frequentOffsets', kind: 'u32', data: raw(index.frequent.offsets) },
    { name: 'frequentPostings', kind: 'u32', data: raw(index.frequent.postings) },
    { name: 'passageArticle', kind: 'u32', data: raw(p.article) },
    { name: 'passageStart', kind: 'u32', data: raw(p.start) },
    { name: 'passageEnd', kind: 'u32', data: raw(p.end) },
    { name: 'passagePosition', kind: 'u16', data: raw(p.position) },
    { name: 'passageLength', kind: 'u16', data: raw(p.length) },
    { name: 'extractionOffsets', kind: 'u32', data: raw(p.extractionOffsets) },
    { name: 'extractionText', kind: 'latin1', data: Buffer.from(p.extractionText, 'latin1') },
    { name: 'miniSearch', kind: 'text', data: json(index.miniSearch) },
  ]
}

const ALIGN = 8
/**
 * Layout: one header line of JSON (padded so the body starts aligned), then the sections, each aligned to 8 bytes
 * so that typed arrays are read in place. The header carries the body's length and CRC-32.
 */
export function saveIndex(path: string, index: SearchIndex, setting = 'INDEX_PATH'): void {
  assertReplaceable(path, setting)
  mkdirSync(dirname(resolve(path)), { recursive: true })
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`
  const parts = sectionsOf(index)
  const sections: Section[] = []
  const chunks: Buffer[] = []
  let offset = 0
  for (const part of parts) {
    sections.push({ name: part.name, kind: part.kind, offset, length: part.data.length })
    chunks.push(part.data)
    offset += part.data.length
    const pad = (ALIGN - (offset % ALIGN)) % ALIGN
    if (pad) {
      chunks.push(Buffer.alloc(pad))
      offset += pad
    }
  }
  const fields: CheckedFields = {
    format: index.format,
    fingerprint: index.fingerprint,
    builtAt: index.builtAt,
    articles: index.articles.length,
    passages: index.passages.count,
    averageLength: index.averageLength,
    bodyBytes: offset,
    sections,
  }
  let crc = crc32(checkedFieldsBytes(fields))
  // Over the sections' data in file order (not the padding). An empty buffer over an empty ArrayBuffer resets
  // zlib's running CRC to 0 (Node 20): empty sections are skipped.
  for (const part of parts) if (part.data.length > 0) crc = crc32(part.data, crc)
  const header = { magic: MAGIC, ...fields, crc32: crc } satisfies Header
  let headerLine = JSON.stringify(header)
  headerLine += ' '.repeat((ALIGN - ((Buffer.byteLength(headerLine) + 1) % ALIGN)) % ALIGN) + '\n'
  // Created exclusively: never through a link or over a file someone else is writing.
  const fd = openSync(tmp, 'wx')
  try {
    try {
      writeSync(fd, headerLine)
      for (const c of chunks) writeSync(fd, c)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    // Checked again just before the rename: the path may have changed during a long build.
    assertReplaceable(path, setting)
    renameSync(tmp, path)
  } catch (err) {
    rmSync(tmp, { force: true })
    throw new Error(`the index could not be saved to ${path} (${describeFsError(err)})`)
  }
}

/** The header fields the CRC covers (all but the magic and the CRC itself), in a fixed order. */
type CheckedFields = Omit<Header, 'magic' | 'crc32'>

function checkedFieldsBytes(h: CheckedFields): Buffer {
  const { format, fingerprint, builtAt, articles, passages, averageLength, bodyBytes, sections } = h
  return Buffer.from(JSON.stringify([format, fingerprint, builtAt, articles, passages, averageLength, bodyBytes, sections]), 'utf8')
}

function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException
  return e.code ? `${e.code}: ${e.message.replace(/^\w+: /, '')}` : String(e.message ?? err)
}

/** Raised when the index path names something that is not this bot's index: it is never overwritten. */
export class IndexPathError extends Error {
  override name = 'IndexPathError'
}

/** How every index file begins (the header's first field): what tells this bot's index from any other file. */
const HEADER_PREFIX = Buffer.from(`{"magic":${JSON.stringify(MAGIC)}`)

/**
 * Throws unless `path` is free, empty, or holds this bot's index (whole, damaged or stale): a typo in INDEX_PATH
 * must never overwrite the corpus, .env or anything else.
 */
export function assertReplaceable(path: string, setting = 'INDEX_PATH'): void {
  const refuse = (what: string) =>
    new IndexPathError(`${setting} names ${path}, which ${what}; it is left as it is. Point ${setting} at a new file (for example data/corpus.index).`)
  let st
  try {
    st = lstatSync(path)
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return
    if (code === 'ENOTDIR') throw refuse('is inside something that is not a folder')
    throw refuse(`cannot be checked (${code ?? String(err)})`)
  }
  if (st.isSymbolicLink()) throw refuse('is a symbolic link')
  if (st.isDirectory()) throw refuse('is a folder')
  if (!st.isFile()) throw refuse('is not a regular file')
  if (st.size === 0) return
  const head = Buffer.alloc(HEADER_PREFIX.length)
  const fd = openSync(path, 'r')
  try {
    readSync(fd, head, 0, head.length, 0)
  } finally {
    closeSync(fd)
  }
  if (!head.equals(HEADER_PREFIX)) throw refuse('is not an index file of this bot')
}

/** The article count of the index file at `path`, when it is one whose header can be read; else undefined. */
export function indexedArticleCount(path: string): number | undefined {
  try {
    const fd = openSync(path, 'r')
    try {
      const head = Buffer.alloc(Math.min(fstatSync(fd).size, HEAD_BYTES))
      readSync(fd, head, 0, head.length, 0)
      const nl = head.indexOf(0x0a)
      const header = JSON.parse(head.toString('utf8', 0, nl === -1 ? head.length : nl)) as Partial<Header>
      return header.magic === MAGIC && typeof header.articles === 'number' ? header.articles : undefined
    } finally {
      closeSync(fd)
    }
  } catch {
    return undefined
  }
}

/** Raised when a rebuild would replace the index with an empty or much smaller one without being told to. */
export class ShrinkError extends Error {
  override name = 'ShrinkError'
}

/**
 * A rebuild may not replace a good index with nothing, nor with fewer than half its articles unless forced (a
 * moderator moving files, a corpus folder briefly empty, a mistyped CORPUS_DIR). Throws a ShrinkError naming both
 * counts.
 */
export function assertNotShrinking(indexPath: string, corpusPath: string, index: SearchIndex, force = false): void {
  const after = index.articles.length
  const before = indexedArticleCount(indexPath)
  const why = index.problems.length > 0 ? ` (${index.problems.length} could not be loaded, e.g. ${formatProblem(index.problems[0]!)})` : ''
  if (after === 0) {
    const kept = before ? `; the index keeps its ${before} articles` : ''
    throw new ShrinkError(`the corpus ${corpusPath} has no article that loads${why}${kept}. Nothing was replaced.`)
  }
  if (!force && before !== undefined && after < before / 2) {
    throw new ShrinkError(
      `the corpus ${corpusPath} now loads ${after} articles, fewer than half of the ${before} indexed${why}. Nothing was replaced; reindex with force (npm run reindex -- --force, or /reindex force:True) to accept it.`,
    )
  }
}

export type ReadOutcome =
  | { ok: true; index: SearchIndex }
  | { ok: false; reason: 'missing' | 'stale' | 'corrupt'; detail: string }

/** Reads an index file; anything but a whole, current file of this format is reported, never thrown. */
export function readIndex(path: string, fingerprint?: string): ReadOutcome {
  return withCheckedFile(path, fingerprint, (fd, { header, bodyStart }) => {
    const reader = new SectionReader(header)
    for (const section of header.sections) {
      const into = reader.target(section)
      let done = 0
      while (done < section.length) {
        const n = readSync(fd, into, done, section.length - done, bodyStart + section.offset + done)
        if (n === 0) throw new Error(`section ${section.name} is cut short`)
        done += n
      }
      reader.take(section, into)
    }
    return reader.finish((json) => MiniSearch.loadJSON<IndexedPassage>(json, MINISEARCH_OPTIONS))
  })
}

/** Opens the file and checks its header, then hands it on; every failure becomes a reported outcome. */
function withCheckedFile<T>(path: string, fingerprint: string | undefined, use: (fd: number, checked: { header: Header; bodyStart: number }) => T | ReadOutcome): T | ReadOutcome {
  let fd: number
  try {
    fd = openSync(path, 'r')
  } catch (err) {
    return cannotOpen(err)
  }
  try {
    const size = fstatSync(fd).size
    const head = Buffer.alloc(Math.min(size, HEAD_BYTES))
    readSync(fd, head, 0, head.length, 0)
    const checked = checkHeader(head, size, fingerprint)
    if ('ok' in checked) return checked
    return use(fd, checked)
  } catch (err) {
    return { ok: false, reason: 'corrupt', detail: `cannot be parsed (${(err as Error).message.slice(0, 120)})` }
  } finally {
    closeSync(fd)
  }
}

/**
 * The same, without blocking the event loop for long: reads asynchronously and pauses between sections and between
 * chunks of MiniSearch's terms, so that a bot swapping in a rebuilt index keeps answering meanwhile.
 */
export async function readIndexAsync(path: string, fingerprint?: string): Promise<ReadOutcome> {
  let file: FileHandle
  try {
    file = await fsp.open(path, 'r')
  } catch (err) {
    return cannotOpen(err)
  }
  try {
    const size = (await file.stat()).size
    const head = Buffer.alloc(Math.min(size, HEAD_BYTES))
    await file.read(head, 0, head.length, 0)
    const checked = checkHeader(head, size, fingerprint)
    if ('ok' in checked) return checked
    const reader = new SectionReader(checked.header, pause)
    for (const section of checked.header.sections) {
      const into = reader.target(section)
      let done = 0
      while (done < section.length) {
        const { bytesRead } = await file.read(into, done, Math.min(section.length - done, READ_CHUNK), checked.bodyStart + section.offset + done)
        if (bytesRead === 0) throw new Error(`section ${section.name} is cut short`)
        done += bytesRead
      }
      await reader.takeAsync(section, into)
    }
    return await reader.finishAsync((json) => MiniSearch.loadJSAsync<IndexedPassage>(JSON.parse(json) as AsPlainObject, MINISEARCH_OPTIONS))
  } catch (err) {
    return { ok: false, reason: 'corrupt', detail: `cannot be parsed (${(err as Error).message.slice(0, 120)})` }
  } finally {
    await file.close()
  }
}

const HEAD_BYTES = 1 << 20
const READ_CHUNK = 4 << 20

function pause(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

function cannotOpen(err: unknown): ReadOutcome {
  const code = (err as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return { ok: false, reason: 'missing', detail: 'no index file yet' }
  return { ok: false, reason: 'corrupt', detail: `cannot be read (${code ?? String(err)})` }
}

/** Checks the header line; gives the header and where the body starts, or why the file cannot be used. */
function checkHeader(head: Buffer, size: number, fingerprint: string | undefined): ReadOutcome | { header: Header; bodyStart: number } {
  if (size === 0) return { ok: false, reason: 'corrupt', detail: 'the file is empty' }
  const nl = head.indexOf(0x0a)
  if (nl === -1) return { ok: false, reason: 'corrupt', detail: 'the file is cut short (no header line)' }
  let header: Header
  try {
    header = JSON.parse(head.toString('utf8', 0, nl)) as Header
  } catch {
    return { ok: false, reason: 'corrupt', detail: 'not an index file of this bot' }
  }
  if (header?.magic !== MAGIC) return { ok: false, reason: 'corrupt', detail: 'not an index file of this bot' }
  if (header.format !== INDEX_FORMAT) {
    return { ok: false, reason: 'stale', detail: `written in format ${header.format}, this version reads format ${INDEX_FORMAT}` }
  }
  if (fingerprint !== undefined && header.fingerprint !== fingerprint) {
    return { ok: false, reason: 'stale', detail: 'the corpus changed since it was built' }
  }
  const bodyStart = nl + 1
  if (size - bodyStart !== header.bodyBytes) {
    return { ok: false, reason: 'corrupt', detail: `the file is cut short or padded (${size - bodyStart} of ${header.bodyBytes} bytes)` }
  }
  return { header, bodyStart }
}

/** Turns the sections of a file, as they are read, into an index; checks the CRC and the parts' agreement. */
class SectionReader {
  private crc: number
  private readonly values = new Map<string, unknown>()

  constructor(
    private readonly header: Header,
    private readonly yieldNow?: () => Promise<void>,
  ) {
    this.crc = crc32(checkedFieldsBytes(header))
  }

  /** Where a section's bytes go: typed arrays straight into their own memory. */
  target(s: Section): Uint8Array {
    return s.kind === 'u32' || s.kind === 'u16' ? new Uint8Array(new ArrayBuffer(s.length)) : Buffer.allocUnsafeSlow(s.length)
  }

  take(s: Section, bytes: Uint8Array): void {
    if (s.length > 0) this.crc = crc32(bytes, this.crc)
    this.values.set(s.name, this.decode(s, bytes))
  }

  async takeAsync(s: Section, bytes: Uint8Array): Promise<void> {
    for (let at = 0; at < s.length; at += READ_CHUNK) {
      this.crc = crc32(bytes.subarray(at, Math.min(s.length, at + READ_CHUNK)), this.crc)
      await this.yieldNow!()
    }
    this.values.set(s.name, this.decode(s, bytes))
    await this.yieldNow!()
  }

  private decode(s: Section, bytes: Uint8Array): unknown {
    switch (s.kind) {
      case 'u32':
        return new Uint32Array(bytes.buffer, bytes.byteOffset, s.length / 4)
      case 'u16':
        return new Uint16Array(bytes.buffer, bytes.byteOffset, s.length / 2)
      case 'bytes':
        return bytes
      case 'latin1':
        return (bytes as Buffer).toString('latin1')
      case 'text':
        return (bytes as Buffer).toString('utf8')
      default:
        return JSON.parse((bytes as Buffer).toString('utf8'))
    }
  }

  finish(loadMiniSearch: (json: string) => MiniSearch<IndexedPassage>): ReadOutcome {
    const parts = this.parts()
    if ('ok' in parts) return parts
    return this.assemble(parts, loadMiniSearch(this.get<string>('miniSearch')))
  }

  async finishAsync(loadMiniSearch: (json: string) => Promise<MiniSearch<IndexedPassage>>): Promise<ReadOutcome> {
    const parts = this.parts()
    if ('ok' in parts) return parts
    return this.assemble(parts, await loadMiniSearch(this.get<string>('miniSearch')))
  }

  private get<T>(name: string): T {
    if (!this.values.has(name)) throw new Error(`section ${name} is missing`)
    return this.values.get(name) as T
  }

  private parts(): ReadOutcome | { articles: StoredArticle[]; passages: PassageTable; frequent: SearchIndex['frequent'] } {
    if (this.crc !== this.header.crc32) return { ok: false, reason: 'corrupt', detail: 'its checksum does not match (the file was damaged)' }
    const bodies = new StoredBodies(this.get<Buffer>('bodies'), this.get<Uint32Array>('bodyOffsets'))
    const articles = this.get<StoredMetadata[]>('articles').map((m, i) => new StoredArticle(m, bodies, i))
    const passages: PassageTable = {
      count: this.header.passages,
      article: this.get<Uint32Array>('passageArticle'),
      start: this.get<Uint32Array>('passageStart'),
      end: this.get<Uint32Array>('passageEnd'),
      position: this.get<Uint16Array>('passagePosition'),
      length: this.get<Uint16Array>('passageLength'),
      extractionOffsets: this.get<Uint32Array>('extractionOffsets'),
      extractionText: this.get<string>('extractionText'),
    }
    const frequent = {
      slots: new Map(this.get<string[]>('frequentTerms').map((t, i) => [t, i])),
      offsets: this.get<Uint32Array>('frequentOffsets'),
      postings: this.get<Uint32Array>('frequentPostings'),
    }
    const problem = checkShape(this.header, articles, passages, frequent)
    if (problem) return { ok: false, reason: 'corrupt', detail: problem }
    return { articles, passages, frequent }
  }

  private assemble(parts: { articles: StoredArticle[]; passages: PassageTable; frequent: SearchIndex['frequent'] }, miniSearch: MiniSearch<IndexedPassage>): ReadOutcome {
    const index = withLookups({
      format: this.header.format,
      fingerprint: this.header.fingerprint,
      builtAt: this.header.builtAt,
      articles: parts.articles,
      passages: parts.passages,
      problems: this.get<Problem[]>('problems'),
      termFrequency: new Map(this.get<Array<[string, number]>>('termFrequency')),
      frequent: parts.frequent,
      averageLength: this.header.averageLength,
      miniSearch,
    })
    return { ok: true, index }
  }
}

/** The parts of the file agree with one another: sizes match and every passage points into its article. */
function checkShape(header: Header, articles: StoredArticle[], p: PassageTable, f: { offsets: Uint32Array; postings: Uint32Array }): string | undefined {
  const n = p.count
  if (articles.length !== header.articles) return 'its parts do not agree in size (articles)'
  for (const a of [p.article, p.start, p.end, p.position, p.length]) if (a.length !== n) return 'its parts do not agree in size (passages)'
  if (p.extractionOffsets.length !== n + 1 || p.extractionOffsets[n] !== p.extractionText.length) return 'its parts do not agree in size (extractions)'
  if (f.offsets[f.offsets.length - 1] !== f.postings.length) return 'its parts do not agree in size (postings)'
  for (let i = 0; i < n; i++) {
    const a = articles[p.article[i]!]
    if (!a || p.end[i]! < p.start[i]! || p.end[i]! > (p.position[i] === 0 ? a.title.length : a.bodyLength)) return `passage ${i} points outside its article`
  }
  for (let i = 0; i < f.postings.length; i++) if (f.postings[i]! >= n) return 'a posting points past the last passage'
  return undefined
}

interface StoredMetadata extends Omit<Article, 'body'> {
  /** The body's length in UTF-16 code units, as passage offsets count. */
  bodyLength: number
}

/** The bodies of an index file as one UTF-8 buffer, decoded one article at a time (the last few kept). */
class StoredBodies {
  private recent = new Map<number, string>()

  constructor(
    private readonly bytes: Buffer,
    private readonly offsets: Uint32Array,
  ) {
    if (offsets[offsets.length - 1] !== bytes.length) throw new Error('the bodies do not agree with their offsets')
  }

  body(i: number): string {
    let text = this.recent.get(i)
    if (text === undefined) {
      text = this.bytes.toString('utf8', this.offsets[i], this.offsets[i + 1])
      this.recent.set(i, text)
      if (this.recent.size > 256) this.recent.delete(this.recent.keys().next().value!)
    }
    return text
  }
}

/** An article read from an index file: its fields, and its body read when asked for. */
class StoredArticle implements Article {
  readonly id: string
  readonly title: string
  readonly source: string
  readonly date: string
  readonly url: string
  readonly location: string
  readonly credit: string
  readonly bodyLength: number

  constructor(
    m: StoredMetadata,
    private readonly bodies: StoredBodies,
    private readonly n: number,
  ) {
    this.id = m.id
    this.title = m.title
    this.source = m.source
    this.date = m.date
    this.url = m.url
    this.location = m.location
    this.credit = m.credit
    this.bodyLength = m.bodyLength
  }

  get body(): string {
    return this.bodies.body(this.n)
  }
}

/**
 * Whether the file is a whole, current index (header, size and CRC), without building it in memory: what a process
 * that only hands the file to others (the sharding manager) needs to know.
 */
export function checkIndexFile(path: string, fingerprint?: string): ReadOutcome | { ok: true } {
  return withCheckedFile(path, fingerprint, (fd, { header, bodyStart }): ReadOutcome | { ok: true } => {
    let crc = crc32(checkedFieldsBytes(header))
    const chunk = Buffer.allocUnsafe(READ_CHUNK)
    for (const s of header.sections) {
      for (let at = 0; at < s.length; at += READ_CHUNK) {
        const n = readSync(fd, chunk, 0, Math.min(READ_CHUNK, s.length - at), bodyStart + s.offset + at)
        if (n === 0) return { ok: false, reason: 'corrupt', detail: 'the file is cut short' }
        crc = crc32(chunk.subarray(0, n), crc)
      }
    }
    return crc === header.crc32 ? { ok: true } : { ok: false, reason: 'corrupt', detail: 'its checksum does not match (the file was damaged)' }
  })
}

/**
 * Builds and saves the index unless the file is already current; nothing is kept in memory. A build that would
 * empty or halve a good index keeps the old file, with a warning.
 */
export function ensureIndexFile(options: OpenOptions): { built: boolean } {
  assertReplaceable(options.indexPath, options.indexSetting)
  const files = listCorpusOrExplain(options.corpusPath)
  const fingerprint = fingerprintOf(options.corpusPath, files, options.maxArticleBytes)
  const checked = options.rebuild ? { ok: false as const, reason: 'stale' as const, detail: 'a rebuild was asked for' } : checkIndexFile(options.indexPath, fingerprint)
  if (checked.ok) return { built: false }
  if ('detail' in checked) options.notify?.(`index ${options.indexPath}: ${checked.detail}; ${checked.reason === 'missing' ? 'building' : 'rebuilding'} it from ${options.corpusPath}`)
  const index = buildFromCorpus(options.corpusPath, fingerprint, options)
  try {
    assertNotShrinking(options.indexPath, options.corpusPath, index, options.force)
  } catch (err) {
    // Start-up falls back to the old file only when it is whole; an asked-for rebuild always reports.
    if (!(err instanceof ShrinkError) || options.rebuild || !checkIndexFile(options.indexPath).ok) throw err
    options.notify?.(`${err.message} Answering from the index as it was.`)
    return { built: false }
  }
  saveIndex(options.indexPath, index, options.indexSetting)
  return { built: true }
}

export interface OpenOptions {
  corpusPath: string
  indexPath: string
  /** The setting that named the index path, for messages ("INDEX_PATH", "--index"). */
  indexSetting?: string
  /** Articles over this many UTF-8 bytes are skipped (MAX_ARTICLE_MB). */
  maxArticleBytes?: number
  /** Where to say what happened ("index is stale, rebuilding"). */
  notify?: (message: string) => void
  onProgress?: (done: number, total: number) => void
  /** Rebuild even when the file is current. */
  rebuild?: boolean
  /** Accept a rebuild with fewer than half the articles of the index it replaces. */
  force?: boolean
}

export interface OpenResult {
  index: SearchIndex
  /** True when the index was built now rather than loaded. */
  built: boolean
  /** Whether the index is on disk (false: it was built but could not be saved, and answers from memory). */
  saved: boolean
  milliseconds: number
}

/**
 * Loads the saved index when it matches the corpus; otherwise builds it from the corpus and saves it. An index path
 * that holds anything else is refused before any work. When the corpus has emptied or lost more than half of its
 * articles since the index was built, start-up keeps answering from the saved index and says so; an asked-for
 * rebuild (`rebuild`) throws instead, unless `force`.
 */
export function openIndex(options: OpenOptions): OpenResult {
  const started = performance.now()
  assertReplaceable(options.indexPath, options.indexSetting)
  const files = listCorpusOrExplain(options.corpusPath)
  const fingerprint = fingerprintOf(options.corpusPath, files, options.maxArticleBytes)
  const done = (index: SearchIndex, built: boolean, saved: boolean): OpenResult => ({ index, built, saved, milliseconds: performance.now() - started })
  if (!options.rebuild) {
    const outcome = readIndex(options.indexPath, fingerprint)
    if (outcome.ok) return done(outcome.index, false, true)
    const verb = outcome.reason === 'missing' ? 'building it' : 'rebuilding it'
    options.notify?.(`index ${options.indexPath}: ${outcome.detail}; ${verb} from ${options.corpusPath}`)
  }
  const index = buildFromCorpus(options.corpusPath, fingerprint, options)
  try {
    assertNotShrinking(options.indexPath, options.corpusPath, index, options.force)
  } catch (err) {
    if (!(err instanceof ShrinkError) || options.rebuild) throw err
    const old = readIndex(options.indexPath)
    if (!old.ok) throw err
    options.notify?.(`${err.message} Answering from the index as it was.`)
    return done(old.index, false, true)
  }
  try {
    saveIndex(options.indexPath, index, options.indexSetting)
  } catch (err) {
    // A rebuild that was asked for fails when it cannot be saved; start-up answers from memory and says so.
    if (options.rebuild) throw err
    options.notify?.(`${(err as Error).message}; answering from memory`)
    return done(index, true, false)
  }
  return done(index, true, true)
}

export function buildFromCorpus(corpusPath: string, fingerprint: string, options: Pick<OpenOptions, 'maxArticleBytes' | 'onProgress'> = {}): SearchIndex {
  const { articles, problems } = loadCorpus(corpusPath, options.maxArticleBytes === undefined ? {} : { maxArticleBytes: options.maxArticleBytes })
  return buildIndex(articles, { fingerprint, problems, ...(options.onProgress ? { onProgress: options.onProgress } : {}) })
}

/**
 * What a rebuild does (the CLI, the bot's rebuild worker, the sharding manager): builds from the corpus and replaces
 * the file, refusing an empty or (unforced) much smaller result and a path that is not an index.
 */
export function rebuildIndexFile(options: OpenOptions): SearchIndex {
  assertReplaceable(options.indexPath, options.indexSetting)
  const fingerprint = fingerprintOf(options.corpusPath, listCorpusOrExplain(options.corpusPath), options.maxArticleBytes)
  const index = buildFromCorpus(options.corpusPath, fingerprint, options)
  assertNotShrinking(options.indexPath, options.corpusPath, index, options.force)
  saveIndex(options.indexPath, index, options.indexSetting)
  return index
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
