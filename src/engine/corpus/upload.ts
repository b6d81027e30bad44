// A file given to the bot (an upload) read as the loader reads a corpus file, and what importing it would change:
// how many articles, by outlet and date range, which ids are new, which would rewrite a file an earlier import
// wrote, which are already there unchanged, and every row or article that would be skipped with its reason.
// Nothing here writes; importer.ts does, when the import is confirmed.

import { extname } from 'node:path'
import { ARTICLE_EXTENSIONS, parseFile, type LoadedArticle, type LoadOptions, type Problem } from './loader.js'
import { planImport, type Incoming, type ImportPlan } from './importer.js'

/** The file types an upload may have: every format the loader reads. */
export const UPLOAD_EXTENSIONS: readonly string[] = ARTICLE_EXTENSIONS

export interface OutletSummary {
  /** The source as the file gives it ("" when none). */
  source: string
  articles: number
  /** First and last article date ("" when none is dated). */
  from: string
  to: string
}

export interface ImportPreview {
  /** The upload's file name, as read (see uploadName). */
  file: string
  /** Articles read from the file. */
  articles: number
  outlets: OutletSummary[]
  /** Ids that would be written as new files. */
  added: string[]
  /** Ids whose file, written by an earlier import, would be rewritten. */
  updated: Array<{ id: string; file: string }>
  /** Ids already in the corpus with the same text: left as they are. */
  unchanged: string[]
  /** Rows that cannot be read and articles that would not be written, with the reason. */
  skipped: Problem[]
  /** Articles the corpus folder loads now. */
  before: number
}

/**
 * A file name that is safe to show, to log and to give the loader: the last part of the name only, with letters,
 * digits, ".", "-" and "_" (anything else becomes "_"), at most 100 characters, its extension kept.
 */
export function uploadName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? ''
  const ext = extname(last).toLowerCase()
  const stem = last
    .slice(0, last.length - ext.length)
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._-]+/, '')
    .slice(0, 100 - ext.length)
  return `${stem || 'upload'}${ext.replace(/[^a-z0-9.]/g, '_').slice(0, 20)}`
}

/** Why a file of this name cannot be imported (its type), or undefined when the loader reads its type. */
export function uploadTypeProblem(name: string): string | undefined {
  const ext = extname(name).toLowerCase()
  if (UPLOAD_EXTENSIONS.includes(ext)) return undefined
  const kinds = 'Markdown with front matter (.md), text (.txt), JSON Lines (.jsonl) or CSV (.csv)'
  return ext === '' ? `it has no file type; send ${kinds}` : `${ext} files cannot be imported; send ${kinds}`
}

/**
 * Reads an upload's bytes exactly as the loader reads a corpus file of that name (`parseFile`), an id used twice
 * in it reported as the loader reports one (the first kept).
 */
export function parseUpload(name: string, bytes: Buffer, options: LoadOptions = {}): Incoming {
  const { articles, problems } = parseFile(name, bytes, options)
  const seen = new Map<string, LoadedArticle>()
  const kept: LoadedArticle[] = []
  const all = [...problems]
  for (const a of articles) {
    const first = seen.get(a.id)
    if (!first) {
      seen.set(a.id, a)
      kept.push(a)
      continue
    }
    const same = first.body === a.body && first.title === a.title
    const at = first.origin.line ? `${first.origin.file}:${first.origin.line}` : first.origin.file
    all.push({
      file: a.origin.file,
      ...(a.origin.line ? { line: a.origin.line } : {}),
      message: same
        ? `duplicate of article ${a.id} (${at}); skipped`
        : `id ${a.id} already used by ${at} (different text); skipped`,
    })
  }
  return { articles: kept, problems: all.sort((x, y) => (x.line ?? 0) - (y.line ?? 0)) }
}

/** What importing the upload into the corpus folder `dir` would do; nothing is written. */
export function previewImport(dir: string, name: string, bytes: Buffer, options: LoadOptions = {}): ImportPreview {
  const incoming = parseUpload(name, bytes, options)
  return summarise(name, incoming, planImport(dir, incoming, options))
}

function summarise(name: string, incoming: Incoming, plan: ImportPlan): ImportPreview {
  const bySource = new Map<string, OutletSummary>()
  for (const a of incoming.articles) {
    const s = bySource.get(a.source) ?? { source: a.source, articles: 0, from: '', to: '' }
    s.articles++
    if (a.date && (!s.from || a.date < s.from)) s.from = a.date
    if (a.date && (!s.to || a.date > s.to)) s.to = a.date
    bySource.set(a.source, s)
  }
  const ids = (kind: ImportPlan['actions'][number]['kind']) =>
    plan.actions.filter((a) => a.kind === kind).map((a) => a.article.id)
  return {
    file: name,
    articles: incoming.articles.length,
    outlets: [...bySource.values()].sort((a, b) => b.articles - a.articles || a.source.localeCompare(b.source)),
    added: ids('add'),
    updated: plan.actions.flatMap((a) => (a.kind === 'update' ? [{ id: a.article.id, file: a.file }] : [])),
    unchanged: ids('unchanged'),
    skipped: plan.skipped,
    before: plan.before,
  }
}
