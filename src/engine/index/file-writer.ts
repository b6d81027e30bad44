// Writing the index file: whole or not at all (a temporary file, synced, then renamed over the old one), and only
// over a file that is this bot's index: a typo in INDEX_PATH must never overwrite the corpus, .env or a folder.

import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { SearchIndex } from './build.js'
import {
  ALIGN,
  HEADER_PREFIX,
  headerCrc,
  MAGIC,
  type CheckedFields,
  type IncidentRow,
  type Header,
  type Section,
  type SectionKind,
} from './file-format.js'
import { crc32 } from 'node:zlib'
import { metadataOf } from './stored-articles.js'
import { storeMiniSearch } from './stored-minisearch.js'

/** What goes into the file, section by section; typed arrays are written as they are in memory. */
function sectionsOf(index: SearchIndex): Array<{ name: string; kind: SectionKind; data: Buffer }> {
  const json = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8')
  const raw = (a: Uint32Array | Uint16Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)
  const p = index.passages
  const m = storeMiniSearch(index.miniSearch)
  // Bodies apart, as UTF-8: they are read when quoted, not parsed at start-up.
  const bodies = index.articles.map((a) => Buffer.from(a.body, 'utf8'))
  const bodyOffsets = new Uint32Array(bodies.length + 1)
  bodies.forEach((b, i) => (bodyOffsets[i + 1] = bodyOffsets[i]! + b.length))
  return [
    { name: 'articles', kind: 'json', data: json(index.articles.map(metadataOf)) },
    { name: 'bodyOffsets', kind: 'u32', data: raw(bodyOffsets) },
    { name: 'bodies', kind: 'bytes', data: Buffer.concat(bodies) },
    { name: 'problems', kind: 'json', data: json(index.problems) },
    { name: 'termFrequency', kind: 'json', data: json([...index.termFrequency]) },
    { name: 'nameTerms', kind: 'json', data: json([...index.nameTerms]) },
    {
      name: 'incidents',
      kind: 'json',
      data: json(
        index.incidents.map((i): IncidentRow => [
          i.kind,
          i.date,
          i.places,
          i.actors,
          i.reports.map((r) => [
            r.article,
            r.date,
            r.passage,
            r.figure?.count ?? -1,
            r.figure?.qualifier ?? '',
            r.figure?.approximate ? 1 : 0,
            r.dated ? 1 : 0,
          ]),
        ]),
      ),
    },
    { name: 'frequentTerms', kind: 'json', data: json([...index.frequent.slots.keys()]) },
    { name: 'frequentOffsets', kind: 'u32', data: raw(index.frequent.offsets) },
    { name: 'frequentPostings', kind: 'u32', data: raw(index.frequent.postings) },
    { name: 'passageArticle', kind: 'u32', data: raw(p.article) },
    { name: 'passageStart', kind: 'u32', data: raw(p.start) },
    { name: 'passageEnd', kind: 'u32', data: raw(p.end) },
    { name: 'passagePosition', kind: 'u16', data: raw(p.position) },
    { name: 'passageLength', kind: 'u16', data: raw(p.length) },
    { name: 'extractionOffsets', kind: 'u32', data: raw(p.extractionOffsets) },
    { name: 'extractionText', kind: 'bytes', data: p.extractionText },
    // MiniSearch as typed arrays (stored-minisearch.ts), not its JSON: read in place, not parsed.
    { name: 'miniSearch', kind: 'json', data: json(m.meta) },
    { name: 'miniSearchOffsets', kind: 'u32', data: raw(m.offsets) },
    { name: 'miniSearchPostings', kind: 'u32', data: raw(m.postings) },
    { name: 'miniSearchFrequencies', kind: 'u32', data: raw(m.frequencies) },
    { name: 'miniSearchIds', kind: 'u32', data: raw(m.ids) },
    { name: 'miniSearchFieldLengths', kind: 'u32', data: raw(m.fieldLengths) },
  ]
}

/**
 * Saves the index at `path`; `setting` names where the path came from, for messages. Throws an IndexPathError,
 * touching nothing, when the path holds something else; any other failure removes the temporary file and throws.
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
  let crc = headerCrc(fields)
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
    if (err instanceof IndexPathError) throw err
    throw new Error(`the index could not be saved to ${path} (${describeFsError(err)})`, { cause: err })
  }
}

function describeFsError(err: unknown): string {
  const e = err as NodeJS.ErrnoException
  return e.code ? `${e.code}: ${e.message.replace(/^\w+: /, '')}` : String(e.message ?? err)
}

/** Raised when the index path names something that is not this bot's index: it is never overwritten. */
export class IndexPathError extends Error {
  override name = 'IndexPathError'
}

/** Throws an IndexPathError unless `path` is free, empty, or holds this bot's index (whole, damaged or stale). */
export function assertReplaceable(path: string, setting = 'INDEX_PATH'): void {
  const refuse = (what: string) =>
    new IndexPathError(
      `${setting} names ${path}, which ${what}; it is left as it is. Point ${setting} at a new file (for example data/corpus.index).`,
    )
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
