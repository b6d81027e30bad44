// Reading the index file. One reader, written once as a sequence of steps (read these bytes here; pause): readIndex
// runs it with blocking reads, readIndexAsync with asynchronous ones and a pause between chunks, so that a bot
// swapping in a rebuilt index keeps answering meanwhile. Anything but a whole, current file is reported, never thrown.

import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { promises as fsp } from 'node:fs'
import { crc32 } from 'node:zlib'
import type { Incident } from './incidents.js'
import type { IncidentRow } from './file-format.js'
import type { Problem } from '../corpus/loader.js'
import { INDEX_FORMAT, MINISEARCH_OPTIONS, withLookups, type PassageTable, type SearchIndex } from './build.js'
import { HEAD_BYTES, headerCrc, MAGIC, type Header, type Section } from './file-format.js'
import { StoredArticle, StoredBodies, type StoredMetadata } from './stored-articles.js'
import { checkStoredMiniSearch, loadMiniSearch, type StoredMiniSearch } from './stored-minisearch.js'

export type ReadOutcome =
  { ok: true; index: SearchIndex } | { ok: false; reason: 'missing' | 'stale' | 'corrupt'; detail: string }

type Failure = Extract<ReadOutcome, { ok: false }>

/** How much is read (and CRC'd) between two pauses of the asynchronous reader. */
const READ_CHUNK = 4 << 20

/** One step of reading a file: fill `into` from `position`, or let other work run. */
type Step = { read: Uint8Array; position: number } | { pause: true }

/**
 * The reader: checks the header (given), then reads every section in chunks, keeping a running CRC, and assembles
 * the index once every check passes. `verify` only checks (the sharding manager's "is the file whole?").
 */
function* readSteps(
  checked: { header: Header; bodyStart: number },
  verify = false,
): Generator<Step, SearchIndex | Failure | { ok: true }, number> {
  const { header, bodyStart } = checked
  let crc = headerCrc(header)
  const values = new Map<string, unknown>()
  for (const s of header.sections) {
    const bytes = verify ? Buffer.allocUnsafe(Math.min(s.length, READ_CHUNK)) : targetFor(s)
    for (let at = 0; at < s.length; at += READ_CHUNK) {
      const length = Math.min(READ_CHUNK, s.length - at)
      const into = verify ? bytes.subarray(0, length) : bytes.subarray(at, at + length)
      for (let done = 0; done < length;) {
        const n: number = yield { read: into.subarray(done), position: bodyStart + s.offset + at + done }
        if (n === 0) return { ok: false, reason: 'corrupt', detail: `the file is cut short (section ${s.name})` }
        done += n
      }
      crc = crc32(into, crc)
      yield { pause: true }
    }
    if (!verify) values.set(s.name, decode(s, bytes))
  }
  if (crc !== header.crc32)
    return { ok: false, reason: 'corrupt', detail: 'its checksum does not match (the file was damaged)' }
  if (verify) return { ok: true }
  const parts = assemble(header, values)
  if ('ok' in parts) return parts
  // MiniSearch's tree of terms, a pause every few thousand terms.
  const miniSearch = yield* pausing(loadMiniSearch(parts.miniSearch, MINISEARCH_OPTIONS))
  return withLookups({ ...parts.index, miniSearch })
}

/** A generator's pauses as the reader's. */
function* pausing<T>(steps: Generator<void, T>): Generator<Step, T, number> {
  let next = steps.next()
  while (!next.done) {
    yield { pause: true }
    next = steps.next()
  }
  return next.value
}

/** Where a section's bytes go: typed arrays straight into memory of their own. */
function targetFor(s: Section): Uint8Array {
  return s.kind === 'u32' || s.kind === 'u16'
    ? new Uint8Array(new ArrayBuffer(s.length))
    : Buffer.allocUnsafeSlow(s.length)
}

function decode(s: Section, bytes: Uint8Array): unknown {
  switch (s.kind) {
    case 'u32':
      return new Uint32Array(bytes.buffer, bytes.byteOffset, s.length / 4)
    case 'u16':
      return new Uint16Array(bytes.buffer, bytes.byteOffset, s.length / 2)
    case 'bytes':
      return bytes
    default:
      return JSON.parse((bytes as Buffer).toString('utf8'))
  }
}

/** What the sections make before MiniSearch is loaded. */
type Parts = {
  index: Omit<
    SearchIndex,
    'articleIndexById' | 'firstPassageOfArticle' | 'vocabulary' | 'miniSearch' | 'incidentOfArticle'
  >
  miniSearch: StoredMiniSearch
}

function assemble(header: Header, values: Map<string, unknown>): Parts | Failure {
  const get = <T>(name: string): T => {
    if (!values.has(name)) throw new Error(`section ${name} is missing`)
    return values.get(name) as T
  }
  const bodies = new StoredBodies(get<Buffer>('bodies'), get<Uint32Array>('bodyOffsets'))
  const articles = get<StoredMetadata[]>('articles').map((m, i) => new StoredArticle(m, bodies, i))
  const passages: PassageTable = {
    count: header.passages,
    article: get<Uint32Array>('passageArticle'),
    start: get<Uint32Array>('passageStart'),
    end: get<Uint32Array>('passageEnd'),
    position: get<Uint16Array>('passagePosition'),
    length: get<Uint16Array>('passageLength'),
    extractionOffsets: get<Uint32Array>('extractionOffsets'),
    extractionText: get<Buffer>('extractionText'),
  }
  const frequent = {
    slots: new Map(get<string[]>('frequentTerms').map((t, i) => [t, i])),
    offsets: get<Uint32Array>('frequentOffsets'),
    postings: get<Uint32Array>('frequentPostings'),
  }
  const miniSearch: StoredMiniSearch = {
    meta: get<StoredMiniSearch['meta']>('miniSearch'),
    offsets: get<Uint32Array>('miniSearchOffsets'),
    postings: get<Uint32Array>('miniSearchPostings'),
    frequencies: get<Uint32Array>('miniSearchFrequencies'),
    ids: get<Uint32Array>('miniSearchIds'),
    fieldLengths: get<Uint32Array>('miniSearchFieldLengths'),
  }
  const problem = checkShape(header, articles, passages, frequent) ?? checkStoredMiniSearch(miniSearch, header.passages)
  if (problem) return { ok: false, reason: 'corrupt', detail: problem }
  return {
    index: {
      format: header.format,
      fingerprint: header.fingerprint,
      builtAt: header.builtAt,
      articles,
      passages,
      problems: get<Problem[]>('problems'),
      termFrequency: new Map(get<Array<[string, number]>>('termFrequency')),
      nameTerms: new Set(get<string[]>('nameTerms')),
      incidents: decodeIncidents(get<unknown>('incidents'), articles.length, header.passages),
      frequent,
      averageLength: header.averageLength,
    },
    miniSearch,
  }
}

/** The incidents section, checked: every report points at an article and a passage of this index. */
function decodeIncidents(rows: unknown, articleCount: number, passageCount: number): Incident[] {
  if (!Array.isArray(rows)) throw new Error('incidents: not a list')
  return (rows as IncidentRow[]).map(([kind, date, places, actors, reports]) => ({
    kind,
    date,
    places,
    actors,
    reports: reports.map(([article, day, passage, count, qualifier, approximate, dated]) => {
      if (!(article >= 0 && article < articleCount && passage >= 0 && passage < passageCount))
        throw new Error('incidents: a report points outside the index')
      return {
        article,
        date: day,
        dated: dated === 1,
        passage,
        figure: count < 0 ? undefined : { count, qualifier, approximate: approximate === 1 },
      }
    }),
  }))
}

/** The parts of the file agree with one another: sizes match and every passage points into its article. */
function checkShape(
  header: Header,
  articles: StoredArticle[],
  p: PassageTable,
  f: { offsets: Uint32Array; postings: Uint32Array },
): string | undefined {
  const n = p.count
  if (articles.length !== header.articles) return 'its parts do not agree in size (articles)'
  for (const a of [p.article, p.start, p.end, p.position, p.length])
    if (a.length !== n) return 'its parts do not agree in size (passages)'
  if (p.extractionOffsets.length !== n + 1 || p.extractionOffsets[n] !== p.extractionText.length)
    return 'its parts do not agree in size (extractions)'
  if (f.offsets[f.offsets.length - 1] !== f.postings.length) return 'its parts do not agree in size (postings)'
  for (let i = 0; i < n; i++) {
    const a = articles[p.article[i]!]
    if (!a || p.end[i]! < p.start[i]! || p.end[i]! > (p.position[i] === 0 ? a.title.length : a.bodyLength))
      return `passage ${i} points outside its article`
  }
  for (let i = 0; i < f.postings.length; i++) if (f.postings[i]! >= n) return 'a posting points past the last passage'
  return undefined
}

/** Checks the header line; gives the header and where the body starts, or why the file cannot be used. */
function checkHeader(
  head: Buffer,
  size: number,
  fingerprint: string | undefined,
): Failure | { header: Header; bodyStart: number } {
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
    return {
      ok: false,
      reason: 'stale',
      detail: `written in format ${header.format}, this version reads format ${INDEX_FORMAT}`,
    }
  }
  if (fingerprint !== undefined && header.fingerprint !== fingerprint) {
    return { ok: false, reason: 'stale', detail: 'the corpus changed since it was built' }
  }
  const bodyStart = nl + 1
  if (size - bodyStart !== header.bodyBytes) {
    return {
      ok: false,
      reason: 'corrupt',
      detail: `the file is cut short or padded (${size - bodyStart} of ${header.bodyBytes} bytes)`,
    }
  }
  return { header, bodyStart }
}

function cannotOpen(err: unknown): Failure {
  const code = (err as NodeJS.ErrnoException).code
  if (code === 'ENOENT') return { ok: false, reason: 'missing', detail: 'no index file yet' }
  return { ok: false, reason: 'corrupt', detail: `cannot be read (${code ?? String(err)})` }
}

function unparseable(err: unknown): Failure {
  return { ok: false, reason: 'corrupt', detail: `cannot be parsed (${(err as Error).message.slice(0, 120)})` }
}

/** Runs the reader's steps with blocking reads. */
function runSync<T>(
  path: string,
  fingerprint: string | undefined,
  verify: boolean,
  finish: (end: SearchIndex | Failure | { ok: true }) => T | Failure,
): T | Failure {
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
    const steps = readSteps(checked, verify)
    let next = steps.next(0)
    while (!next.done) {
      const step = next.value
      next = steps.next('read' in step ? readSync(fd, step.read, 0, step.read.length, step.position) : 0)
    }
    return finish(next.value)
  } catch (err) {
    return unparseable(err)
  } finally {
    closeSync(fd)
  }
}

function loaded(end: SearchIndex | Failure | { ok: true }): ReadOutcome {
  if ('ok' in end) return end.ok ? unparseable(new Error('nothing was read')) : end
  return { ok: true, index: end }
}

/** Reads an index file; `fingerprint`, when given, must match (else the file is stale). */
export function readIndex(path: string, fingerprint?: string): ReadOutcome {
  return runSync(path, fingerprint, false, loaded)
}

/** The same, without holding the event loop for long: asynchronous reads, a pause after every chunk. */
export async function readIndexAsync(path: string, fingerprint?: string): Promise<ReadOutcome> {
  let file: fsp.FileHandle
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
    const steps = readSteps(checked)
    let next = steps.next(0)
    while (!next.done) {
      const step = next.value
      if ('read' in step) next = steps.next((await file.read(step.read, 0, step.read.length, step.position)).bytesRead)
      else {
        await new Promise((resolve) => setImmediate(resolve))
        next = steps.next(0)
      }
    }
    return loaded(next.value)
  } catch (err) {
    return unparseable(err)
  } finally {
    await file.close()
  }
}

/**
 * Whether the file is a whole, current index (header, size and CRC), without building it in memory: what a process
 * that only hands the file to others (the sharding manager) needs to know.
 */
export function checkIndexFile(path: string, fingerprint?: string): Failure | { ok: true } {
  return runSync(path, fingerprint, true, (end) => ('ok' in end ? end : { ok: true as const }))
}

/** The article count in the header of the index file at `path`; undefined when it is not a readable index. */
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
