// One loader for every corpus format: a directory or a single file of Markdown with front matter, plain text,
// JSON Lines (one article a line) or CSV (FA-KES columns as they are, or id,title,body|content|text,source,date,url).
// A bad file or row is reported with its file and line and skipped; everything else loads.

import {
  closeSync,
  constants as fsConstants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
} from 'node:fs'
import { basename, extname, join, relative, resolve, sep } from 'node:path'
import { parse as parseCsv } from 'csv-parse/sync'
import { parse as parseYaml } from 'yaml'
import type { Article } from '../types.js'
import { parseIsoDate } from '../extract/dates.js'
import { datelineDate } from './dateline.js'
import { stripOutletFromTitle } from '../text/outlets.js'

export interface Problem {
  file: string
  line?: number
  message: string
}

export interface LoadedArticle extends Article {
  /**
   * Where the article came from, for messages; `imported` when it is a Markdown file that `corpus import` wrote
   * (its front matter says so), the only files import may rewrite.
   */
  origin: { file: string; line?: number; imported?: boolean }
}

export interface CorpusFile {
  path: string
  size: number
  mtimeMs: number
  /** Why the file is listed but must not be read (a link leaving the corpus, a FIFO or device). */
  refused?: string
}

export interface LoadOptions {
  /** Articles whose body is longer than this (UTF-8 bytes) are reported and skipped. */
  maxArticleBytes?: number
}

/** The default for MAX_ARTICLE_MB: far above any news article, far below what stalls a build. */
export const DEFAULT_MAX_ARTICLE_BYTES = 2 * 1024 * 1024

export interface LoadResult {
  articles: LoadedArticle[]
  problems: Problem[]
  files: CorpusFile[]
}

export const ARTICLE_EXTENSIONS = ['.md', '.markdown', '.txt', '.jsonl', '.csv'] as const

/**
 * The files a corpus path stands for, sorted, with their size and modification time. Inside a folder only regular
 * files are read: a symbolic link is followed only when it stays inside the corpus folder, and FIFOs, sockets and
 * devices are listed as refused (so that loading reports them) instead of being opened.
 */
export function listCorpusFiles(path: string): CorpusFile[] {
  const abs = resolve(path)
  const st = statSync(abs)
  if (st.isFile()) return [{ path: abs, size: st.size, mtimeMs: st.mtimeMs }]
  if (!st.isDirectory()) return [{ path: abs, size: -1, mtimeMs: 0, refused: 'not a regular file or folder; not read' }]
  const rootReal = realpathSync(abs)
  const out: CorpusFile[] = []
  const walk = (dir: string) => {
    let entries
    try {
      entries = readdirSync(dir, { withFileTypes: true })
    } catch {
      return // An unreadable folder holds nothing that can be loaded.
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith('.')) continue
      const full = join(dir, entry.name)
      if (entry.isDirectory()) {
        walk(full)
        continue
      }
      if (!(ARTICLE_EXTENSIONS as readonly string[]).includes(extname(entry.name).toLowerCase())) continue
      out.push(describeEntry(full, entry.isFile(), entry.isSymbolicLink(), rootReal))
    }
  }
  walk(abs)
  return out
}

function describeEntry(full: string, isFile: boolean, isLink: boolean, rootReal: string): CorpusFile {
  const refused = (why: string, size = -1, mtimeMs = 0): CorpusFile => ({ path: full, size, mtimeMs, refused: why })
  if (!isFile && !isLink) return refused('not a regular file (a FIFO, socket or device); skipped')
  if (isLink) {
    let target: string
    try {
      target = realpathSync(full)
    } catch {
      // A link to nothing is listed all the same, so that loading reports it instead of silently leaving it out.
      return { path: full, size: -1, mtimeMs: 0 }
    }
    const lst = lstatSync(full)
    if (target !== rootReal && !target.startsWith(rootReal + sep)) {
      return refused('a symbolic link to a file outside the corpus folder; skipped', -1, lst.mtimeMs)
    }
  }
  const s = statSync(full, { throwIfNoEntry: false })
  if (!s) return { path: full, size: -1, mtimeMs: 0 }
  if (!s.isFile()) return refused('not a regular file (a FIFO, socket, device or folder); skipped')
  return { path: full, size: s.size, mtimeMs: s.mtimeMs }
}

/** Reads a regular file without ever blocking on a FIFO put in its place since it was listed. */
function readRegularFile(path: string): Buffer {
  const fd = openSync(path, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK)
  try {
    if (!fstatSync(fd).isFile()) throw Object.assign(new Error('not a regular file'), { code: 'not a regular file' })
    return readFileSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** Loads every article under `path` (a directory or one file). Throws only when the path itself cannot be read. */
export function loadCorpus(path: string, options: LoadOptions = {}): LoadResult {
  const root = resolve(path)
  const files = listCorpusFiles(root)
  const articles: LoadedArticle[] = []
  const problems: Problem[] = []
  const rootDir = statSync(root).isDirectory() ? root : resolve(root, '..')
  const maxArticleBytes = options.maxArticleBytes ?? DEFAULT_MAX_ARTICLE_BYTES
  for (const file of files) {
    const name = relative(rootDir, file.path) || basename(file.path)
    if (file.refused) {
      problems.push({ file: name, message: file.refused })
      continue
    }
    // One article a file: one over the limit is reported without being read.
    if (isSingleArticleFile(name) && file.size > maxArticleBytes + FRONT_MATTER_ALLOWANCE) {
      problems.push({ file: name, message: tooLong(file.size, maxArticleBytes) })
      continue
    }
    let bytes: Buffer
    try {
      bytes = readRegularFile(file.path)
    } catch (err) {
      problems.push({ file: name, message: `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})` })
      continue
    }
    const result = parseFile(name, bytes, { maxArticleBytes })
    articles.push(...result.articles)
    problems.push(...result.problems)
  }
  return dedupe(articles, problems, files)
}

/** Room for the front matter of a single-article file over the body's own limit. */
const FRONT_MATTER_ALLOWANCE = 64 * 1024

function isSingleArticleFile(name: string): boolean {
  return ['.md', '.markdown', '.txt'].includes(extname(name).toLowerCase())
}

function tooLong(bytes: number, limit: number): string {
  const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(n < 1024 * 1024 ? 2 : 1)} MB`
  return `${mb(bytes)} long, over the ${mb(limit)} limit for one article (MAX_ARTICLE_MB); skipped`
}

/** Parses one file's bytes; `name` is used for ids and messages. */
export function parseFile(
  name: string,
  bytes: Buffer,
  options: LoadOptions = {},
): { articles: LoadedArticle[]; problems: Problem[] } {
  const ext = extname(name).toLowerCase()
  const { text, badLines } = decodeUtf8(bytes)
  const limit = options.maxArticleBytes ?? DEFAULT_MAX_ARTICLE_BYTES
  const checked = (result: { articles: LoadedArticle[]; problems: Problem[] }) => withinLimit(result, limit)
  if (ext === '.md' || ext === '.markdown' || ext === '.txt') {
    if (badLines.length > 0) {
      return {
        articles: [],
        problems: [{ file: name, line: badLines[0], message: 'broken encoding: not valid UTF-8' }],
      }
    }
    const parsed = ext === '.txt' ? parseText(name, text) : parseMarkdown(name, text)
    if ('problem' in parsed) return { articles: [], problems: [{ file: name, ...parsed.problem }] }
    return checked({ articles: [parsed.article], problems: [] })
  }
  if (ext === '.jsonl') return checked(parseJsonl(name, text, badLines))
  if (ext === '.csv') return checked(parseCsvFile(name, text, badLines))
  return { articles: [], problems: [{ file: name, message: `unsupported file type "${ext}"` }] }
}

/** Articles whose body is over the limit become problems: one long text must not stall a build for everyone. */
function withinLimit(
  result: { articles: LoadedArticle[]; problems: Problem[] },
  limit: number,
): { articles: LoadedArticle[]; problems: Problem[] } {
  const articles: LoadedArticle[] = []
  const problems = [...result.problems]
  for (const a of result.articles) {
    // UTF-8 takes at most 3 bytes per UTF-16 unit: most bodies need no count.
    const bytes = a.body.length * 3 <= limit ? 0 : Buffer.byteLength(a.body, 'utf8')
    if (bytes > limit)
      problems.push({
        file: a.origin.file,
        ...(a.origin.line ? { line: a.origin.line } : {}),
        message: `article ${a.id}: the body is ${tooLong(bytes, limit)}`,
      })
    else articles.push(a)
  }
  return { articles, problems }
}

/** Decodes UTF-8, noting the lines that hold invalid bytes (real U+FFFD characters in valid UTF-8 are kept as text). */
function decodeUtf8(bytes: Buffer): { text: string; badLines: number[] } {
  let text: string
  let badLines: number[] = []
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    text = new TextDecoder('utf-8').decode(bytes)
    badLines = invalidUtf8Lines(bytes)
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  return { text, badLines }
}

/**
 * The lines (from 1) that hold bytes that are not UTF-8, up to `most`: a newline byte is never part of a multi-byte
 * character, so lines can be checked one by one with a strict decoder.
 */
export function invalidUtf8Lines(bytes: Uint8Array, most = Infinity): number[] {
  const strict = new TextDecoder('utf-8', { fatal: true })
  const bad: number[] = []
  let line = 1
  let start = 0
  for (let i = 0; i <= bytes.length && bad.length < most; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        strict.decode(bytes.subarray(start, i))
      } catch {
        bad.push(line)
      }
      line++
      start = i + 1
    }
  }
  return bad
}

type Parsed = { article: LoadedArticle } | { problem: { line?: number; message: string } }

const FRONT_MATTER_RE = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/

function parseMarkdown(name: string, text: string): Parsed {
  const m = FRONT_MATTER_RE.exec(text)
  if (!m) {
    if (text.startsWith('---')) return { problem: { line: 1, message: 'front matter is not closed with a "---" line' } }
    return parseText(name, text)
  }
  let meta: unknown
  try {
    // failsafe: every value stays a string, so an id "0012" or a date is never turned into something else.
    meta = parseYaml(m[1]!, { schema: 'failsafe' })
  } catch (err) {
    const pos = (err as { linePos?: Array<{ line: number }> }).linePos?.[0]
    const first = String((err as Error).message).split('\n')[0]
    return { problem: { line: pos ? pos.line + 1 : 1, message: `front matter is not valid YAML: ${first}` } }
  }
  if (meta !== null && (typeof meta !== 'object' || Array.isArray(meta))) {
    return { problem: { line: 2, message: 'front matter must be a mapping of fields (id, title, source, date, url)' } }
  }
  const fields = (meta ?? {}) as Record<string, unknown>
  const body = text.slice(m[0].length)
  const imported = str(fields[IMPORTED_FIELD]) !== ''
  const parsed = toArticle(name, undefined, {
    id: str(fields.id) || stem(name),
    title: str(fields.title),
    source: str(fields.source),
    date: str(fields.date),
    url: str(fields.url),
    location: str(fields.location),
    credit: str(fields.credit),
    body,
  })
  // A bad field is reported at its line of the front matter; a missing body after it.
  if ('problem' in parsed && parsed.problem.line === undefined) {
    const field = /^(unparseable date)/.test(parsed.problem.message)
      ? 'date'
      : /^no id/.test(parsed.problem.message)
        ? 'id'
        : undefined
    const at = field ? m[1]!.split(/\r?\n/).findIndex((l) => new RegExp(`^${field}\\s*:`).test(l)) : -1
    return { problem: { ...parsed.problem, line: at >= 0 ? at + 2 : m[0].split('\n').length } }
  }
  if (imported && 'article' in parsed) parsed.article.origin.imported = true
  return parsed
}

/** The front-matter field that `corpus import` writes (the time of the import): the files it may rewrite. */
export const IMPORTED_FIELD = 'imported'

function parseText(name: string, text: string): Parsed {
  return toArticle(name, undefined, {
    id: stem(name),
    title: '',
    source: '',
    date: '',
    url: '',
    location: '',
    credit: '',
    body: text,
  })
}

function parseJsonl(
  name: string,
  text: string,
  badLines: number[],
): { articles: LoadedArticle[]; problems: Problem[] } {
  const articles: LoadedArticle[] = []
  const problems: Problem[] = []
  const lines = text.split('\n')
  lines.forEach((raw, i) => {
    const line = i + 1
    if (raw.trim() === '') return
    if (badLines.includes(line)) {
      problems.push({ file: name, line, message: 'broken encoding: not valid UTF-8' })
      return
    }
    let row: unknown
    try {
      row = JSON.parse(raw)
    } catch (err) {
      problems.push({ file: name, line, message: `not valid JSON: ${(err as Error).message}` })
      return
    }
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      problems.push({ file: name, line, message: 'a line must be one JSON object' })
      return
    }
    const parsed = fromRecord(name, line, row as Record<string, unknown>)
    if ('problem' in parsed) problems.push({ file: name, ...parsed.problem })
    else articles.push(parsed.article)
  })
  return { articles, problems }
}

function parseCsvFile(
  name: string,
  text: string,
  badLines: number[],
): { articles: LoadedArticle[]; problems: Problem[] } {
  const articles: LoadedArticle[] = []
  const problems: Problem[] = []
  let rows: Array<{ record: Record<string, string>; info: { lines: number } }>
  let header: string[] = []
  try {
    const columns = (names: string[]) => (header = names.map((n) => String(n).trim()))
    rows = parseCsv(text, { columns, info: true, skip_empty_lines: true, relax_column_count: true, bom: true })
  } catch (err) {
    const e = err as Error & { lines?: number }
    return { articles, problems: [{ file: name, line: e.lines, message: `not valid CSV: ${e.message}` }] }
  }
  // Without a header row the first article would silently become the column names.
  if (header.length > 0 && !header.some((h) => BODY_COLUMNS.includes(h))) {
    const first = header.join(',').slice(0, 80)
    return {
      articles,
      problems: [
        {
          file: name,
          line: 1,
          message: `the first line is not a header naming the columns (it needs one of ${BODY_COLUMNS.join(', ')}; it reads "${first}"); nothing loaded from this file`,
        },
      ],
    }
  }
  let previousEnd = 1
  for (const { record, info } of rows) {
    const line = previousEnd + 1
    previousEnd = info.lines
    if (badLines.some((b) => b >= line && b <= info.lines)) {
      problems.push({ file: name, line, message: 'broken encoding: not valid UTF-8' })
      continue
    }
    const parsed = fromRecord(name, line, record)
    if ('problem' in parsed) problems.push({ file: name, ...parsed.problem })
    else articles.push(parsed.article)
  }
  return { articles, problems }
}

/** The columns that can hold an article's text: a CSV must name one in its first line. */
const BODY_COLUMNS = ['body', 'content', 'text', 'article_content']

/** FA-KES is CC BY 4.0: its articles carry the credit wherever they are shown. */
export const FAKES_CREDIT = 'FA-KES dataset (Abu Salem et al., ICWSM 2019), CC BY 4.0'

/** A CSV row or JSON object: FA-KES columns as they are, or the generic names. */
function fromRecord(name: string, line: number, r: Record<string, unknown>): Parsed {
  const isFakes = 'unit_id' in r && 'article_content' in r
  const pick = (...keys: string[]) => {
    for (const k of keys) if (r[k] !== undefined && r[k] !== null) return str(r[k])
    return ''
  }
  return toArticle(name, line, {
    id: pick('id', 'unit_id'),
    title: pick('title', 'article_title'),
    source: pick('source'),
    date: pick('date'),
    url: pick('url', 'link'),
    location: pick('location'),
    body: pick(...BODY_COLUMNS),
    credit: pick('credit') || (isFakes ? FAKES_CREDIT : ''),
  })
}

interface RawFields {
  credit: string
  id: string
  title: string
  source: string
  date: string
  url: string
  location: string
  body: string
}

function toArticle(file: string, line: number | undefined, f: RawFields): Parsed {
  const where = line === undefined ? {} : { line }
  if (f.body.trim() === '') return { problem: { ...where, message: 'no body' } }
  const id = f.id.trim()
  if (id === '') return { problem: { ...where, message: 'no id' } }
  // The text's own dateline wins over the date field: datasets get dates wrong (FA-KES's column, for about a quarter
  // of its articles), the outlet's stamp on the page does not.
  const given = normaliseDate(f.date)
  const date = datelineDate(f.body, f.title) ?? given
  if (date === undefined)
    return {
      problem: { ...where, message: `unparseable date "${f.date}" (use YYYY-MM-DD, YYYY-MM, YYYY or M/D/YYYY)` },
    }
  const source = f.source.trim()
  const title = stripOutletFromTitle(f.title.trim(), source)
  return {
    article: {
      id,
      title,
      source,
      date,
      ...(given && given !== date ? { listedDate: given } : {}),
      url: f.url.trim(),
      location: f.location.trim(),
      credit: f.credit.trim(),
      body: f.body,
      origin: { file, ...where },
    },
  }
}

/** ISO "YYYY-MM-DD", "YYYY-MM", "YYYY", a full ISO timestamp, or M/D/YYYY (FA-KES) → ISO; "" stays ""; else undefined. */
export function normaliseDate(raw: string): string | undefined {
  const s = raw.trim()
  if (s === '') return ''
  const iso = /^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s)
  if (iso) return parseIsoDate(iso[1]!) ? iso[1]! : undefined
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s)
  if (us) {
    const candidate = `${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}`
    return parseIsoDate(candidate) ? candidate : undefined
  }
  return undefined
}

/** Later articles with an id already seen are skipped and reported, naming the first. */
function dedupe(articles: LoadedArticle[], problems: Problem[], files: CorpusFile[]): LoadResult {
  const firstById = new Map<string, LoadedArticle>()
  const kept: LoadedArticle[] = []
  for (const a of articles) {
    const first = firstById.get(a.id)
    if (!first) {
      firstById.set(a.id, a)
      kept.push(a)
      continue
    }
    const same = first.body === a.body && first.title === a.title
    const at = first.origin.line ? `${first.origin.file}:${first.origin.line}` : first.origin.file
    problems.push({
      file: a.origin.file,
      ...(a.origin.line ? { line: a.origin.line } : {}),
      message: same
        ? `duplicate of article ${a.id} (${at}); skipped`
        : `id ${a.id} already used by ${at} (different text); skipped`,
    })
  }
  return { articles: kept, problems, files }
}

/** Strings, numbers and booleans as text; anything else (objects, arrays) counts as missing. */
function str(v: unknown): string {
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  return ''
}

function stem(name: string): string {
  return basename(name, extname(name))
}

export function formatProblem(p: Problem): string {
  return `${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`
}
