// One loader for every corpus format: a directory or a single file of Markdown with front matter, plain text,
// JSON Lines (one article a line) or CSV (FA-KES columns as they are, or id,title,body|content|text,source,date,url).
// A bad file or row is reported with its file and line and skipped; everything else loads.

import { readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, extname, join, relative, resolve } from 'node:path'
import { parse as parseCsv } from 'csv-parse/sync'
import { parse as parseYaml } from 'yaml'
import type { Article } from '../types.js'
import { parseIsoDate } from '../extract/dates.js'
import { stripOutletFromTitle } from '../outlets.js'

export interface Problem {
  file: string
  line?: number
  message: string
}

export interface LoadedArticle extends Article {
  /** Where the article came from, for messages. */
  origin: { file: string; line?: number }
}

export interface CorpusFile {
  path: string
  size: number
  mtimeMs: number
}

export interface LoadResult {
  articles: LoadedArticle[]
  problems: Problem[]
  files: CorpusFile[]
}

export const ARTICLE_EXTENSIONS = ['.md', '.markdown', '.txt', '.jsonl', '.csv'] as const

/** The files a corpus path stands for, sorted, with their size and modification time. */
export function listCorpusFiles(path: string): CorpusFile[] {
  const abs = resolve(path)
  const st = statSync(abs)
  if (st.isFile()) return [{ path: abs, size: st.size, mtimeMs: st.mtimeMs }]
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
      if (entry.isDirectory()) walk(full)
      else if ((entry.isFile() || entry.isSymbolicLink()) && (ARTICLE_EXTENSIONS as readonly string[]).includes(extname(entry.name).toLowerCase())) {
        // A link to nothing is listed all the same, so that loading reports it instead of silently leaving it out.
        const s = statSync(full, { throwIfNoEntry: false })
        out.push({ path: full, size: s?.size ?? -1, mtimeMs: s?.mtimeMs ?? 0 })
      }
    }
  }
  walk(abs)
  return out
}

/** Loads every article under `path` (a directory or one file). Throws only when the path itself cannot be read. */
export function loadCorpus(path: string): LoadResult {
  const root = resolve(path)
  const files = listCorpusFiles(root)
  const articles: LoadedArticle[] = []
  const problems: Problem[] = []
  const rootDir = statSync(root).isDirectory() ? root : resolve(root, '..')
  for (const file of files) {
    const name = relative(rootDir, file.path) || basename(file.path)
    let bytes: Buffer
    try {
      bytes = readFileSync(file.path)
    } catch (err) {
      problems.push({ file: name, message: `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})` })
      continue
    }
    const result = parseFile(name, bytes)
    articles.push(...result.articles)
    problems.push(...result.problems)
  }
  return dedupe(articles, problems, files)
}

/** Parses one file's bytes; `name` is used for ids and messages. */
export function parseFile(name: string, bytes: Buffer): { articles: LoadedArticle[]; problems: Problem[] } {
  const ext = extname(name).toLowerCase()
  const { text, badLines } = decodeUtf8(bytes)
  const problems: Problem[] = []
  if (ext === '.md' || ext === '.markdown' || ext === '.txt') {
    if (badLines.length > 0) {
      return { articles: [], problems: [{ file: name, line: badLines[0], message: 'broken encoding: not valid UTF-8' }] }
    }
    const parsed = ext === '.txt' ? parseText(name, text) : parseMarkdown(name, text)
    if ('problem' in parsed) return { articles: [], problems: [{ file: name, ...parsed.problem }] }
    return { articles: [parsed.article], problems }
  }
  if (ext === '.jsonl') return parseJsonl(name, text, badLines)
  if (ext === '.csv') return parseCsvFile(name, text, badLines)
  return { articles: [], problems: [{ file: name, message: `unsupported file type "${ext}"` }] }
}

/** Decodes UTF-8, noting the lines that hold invalid bytes (real U+FFFD characters in valid UTF-8 are kept as text). */
function decodeUtf8(bytes: Buffer): { text: string; badLines: number[] } {
  let text: string
  const badLines: number[] = []
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    text = new TextDecoder('utf-8').decode(bytes)
    const strict = new TextDecoder('utf-8', { fatal: true })
    let line = 1
    let start = 0
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        try {
          strict.decode(bytes.subarray(start, i))
        } catch {
          badLines.push(line)
        }
        line++
        start = i + 1
      }
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  return { text, badLines }
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
    const field = /^(unparseable date)/.test(parsed.problem.message) ? 'date' : /^no id/.test(parsed.problem.message) ? 'id' : undefined
    const at = field ? m[1]!.split(/\r?\n/).findIndex((l) => new RegExp(`^${field}\\s*:`).test(l)) : -1
    return { problem: { ...parsed.problem, line: at >= 0 ? at + 2 : m[0].split('\n').length } }
  }
  return parsed
}

function parseText(name: string, text: string): Parsed {
  return toArticle(name, undefined, { id: stem(name), title: '', source: '', date: '', url: '', location: '', credit: '', body: text })
}

function parseJsonl(name: string, text: string, badLines: number[]): { articles: LoadedArticle[]; problems: Problem[] } {
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

function parseCsvFile(name: string, text: string, badLines: number[]): { articles: LoadedArticle[]; problems: Problem[] } {
  const articles: LoadedArticle[] = []
  const problems: Problem[] = []
  let rows: Array<{ record: Record<string, string>; info: { lines: number } }>
  try {
    rows = parseCsv(text, { columns: true, info: true, skip_empty_lines: true, relax_column_count: true, bom: true })
  } catch (err) {
    const e = err as Error & { lines?: number }
    return { articles, problems: [{ file: name, line: e.lines, message: `not valid CSV: ${e.message}` }] }
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
    body: pick('body', 'content', 'text', 'article_content'),
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
  const date = normaliseDate(f.date)
  if (date === undefined) return { problem: { ...where, message: `unparseable date "${f.date}" (use YYYY-MM-DD, YYYY-MM, YYYY or M/D/YYYY)` } }
  const source = f.source.trim()
  const title = stripOutletFromTitle(f.title.trim(), source)
  return {
    article: { id, title, source, date, url: f.url.trim(), location: f.location.trim(), credit: f.credit.trim(), body: f.body, origin: { file, ...where } },
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
      message: same ? `duplicate of article ${a.id} (${at}); skipped` : `id ${a.id} already used by ${at} (different text); skipped`,
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
