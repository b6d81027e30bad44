// Adding articles to a corpus folder without ever losing or leaking a file: each article becomes a Markdown file of
// its own, created exclusively under a collision-free name; an id that exists is rewritten only when the file that
// holds it was written by an import (its front matter says so) and is a plain file inside the folder; nothing is
// written through a symbolic link. The summary counts what is on disk afterwards, not what was attempted.

import { lstatSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { loadCorpus, type LoadedArticle, type LoadOptions, type Problem } from './loader.js'
import { fileNameForId, toMarkdown } from './markdown.js'

export interface ImportReport {
  /** Ids written as new files, with the file name. */
  added: Array<{ id: string; file: string }>
  /** Ids whose imported file was rewritten. */
  updated: Array<{ id: string; file: string }>
  unchanged: string[]
  /** Articles of the file that were not written, and rows that could not be read, with the reason. */
  skipped: Problem[]
  /** Articles the corpus folder loads before and after. */
  before: number
  after: number
}

export class ImportError extends Error {
  override name = 'ImportError'
}

/** What an import would do with each article of the incoming file, against the corpus folder as it is now. */
export type ImportAction =
  | { kind: 'add'; article: LoadedArticle }
  /** `file`: the imported Markdown file (in the folder) that holds the id and would be rewritten. */
  | { kind: 'update'; article: LoadedArticle; file: string }
  | { kind: 'unchanged'; article: LoadedArticle }

export interface ImportPlan {
  /** The corpus folder, absolute. */
  folder: string
  actions: ImportAction[]
  /** Rows of the incoming file that could not be read, and articles that would not be written, with the reason. */
  skipped: Problem[]
  /** Articles the corpus folder loads now. */
  before: number
}

/** The incoming articles and the rows that could not be read: what loadCorpus or parseUpload gives. */
export interface Incoming {
  articles: LoadedArticle[]
  problems: Problem[]
}

/** Imports every article of `file` into the corpus folder `dir` (created when missing). */
export function importArticles(dir: string, file: string, options: LoadOptions & { now?: Date } = {}): ImportReport {
  corpusFolder(dir)
  return importIncoming(dir, loadCorpus(file, options), options)
}

/**
 * Imports articles already read (from a file, or from an upload's bytes) into the corpus folder `dir`: planned
 * against the folder as it is at this moment, then written at once. The same safe writes as `importArticles`.
 */
export function importIncoming(
  dir: string,
  incoming: Incoming,
  options: LoadOptions & { now?: Date } = {},
): ImportReport {
  const folder = corpusFolder(dir)
  mkdirSync(folder, { recursive: true })
  return applyImport(planImport(folder, incoming, options), options)
}

/**
 * The corpus folder `dir`, absolute; an ImportError when it is a file (import writes one Markdown file per article
 * into a folder). A folder that does not exist yet is fine: it is created when something is written.
 */
export function corpusFolder(dir: string): string {
  const folder = resolve(dir)
  // A folder, or a link to one (a deployment may keep the corpus elsewhere); never a file.
  const st = statSync(folder, { throwIfNoEntry: false })
  if (st && !st.isDirectory()) {
    throw new ImportError(
      `${dir} is not a folder: import writes one Markdown file per article into a corpus folder (pass --corpus DIR)`,
    )
  }
  return folder
}

/** What importing `incoming` into the corpus folder `dir` would do, without writing anything. */
export function planImport(dir: string, incoming: Incoming, options: LoadOptions = {}): ImportPlan {
  const folder = corpusFolder(dir)
  const existing = statSync(folder, { throwIfNoEntry: false })
    ? loadCorpus(folder, options)
    : { articles: [] as LoadedArticle[] }
  const byId = new Map<string, LoadedArticle>(existing.articles.map((a) => [a.id, a]))
  const plan: ImportPlan = { folder, actions: [], skipped: [...incoming.problems], before: existing.articles.length }
  for (const article of incoming.articles) {
    const { origin: _origin, ...fields } = article
    const before = byId.get(article.id)
    if (!before) {
      plan.actions.push({ kind: 'add', article })
      continue
    }
    const { origin, ...old } = before
    if (sameArticle(old, fields)) {
      plan.actions.push({ kind: 'unchanged', article })
      continue
    }
    const why = whyNotRewritable(folder, origin)
    if (why) {
      plan.skipped.push(
        problemOf(
          article,
          `article ${article.id} is already in ${origin.file}${origin.line ? `:${origin.line}` : ''}, ${why}; not changed (edit that file, or give the article another id)`,
        ),
      )
      continue
    }
    plan.actions.push({ kind: 'update', article, file: origin.file })
  }
  return plan
}

/** Writes a plan: new files created exclusively, imported files rewritten through a temporary file; read back. */
export function applyImport(plan: ImportPlan, options: LoadOptions & { now?: Date } = {}): ImportReport {
  const { folder } = plan
  mkdirSync(folder, { recursive: true })
  // Names already in the folder, in lower case: a new file never takes one, even on a case-insensitive disk.
  const taken = new Set(readdirSync(folder).map((n) => n.toLowerCase()))
  const stamp = (options.now ?? new Date()).toISOString()
  const report: ImportReport = {
    added: [],
    updated: [],
    unchanged: [],
    skipped: [...plan.skipped],
    before: plan.before,
    after: 0,
  }
  const skip = (a: LoadedArticle, message: string) => report.skipped.push(problemOf(a, message))

  for (const action of plan.actions) {
    const { article } = action
    const { origin: _origin, ...fields } = article
    if (action.kind === 'unchanged') {
      report.unchanged.push(article.id)
      continue
    }
    if (action.kind === 'update') {
      // Checked again at the moment of writing: the file may have changed since the plan was made.
      const why = whyNotRewritable(folder, { file: action.file, imported: true })
      if (why) {
        skip(article, `article ${article.id} is already in ${action.file}, ${why}; not changed`)
        continue
      }
      const target = join(folder, action.file)
      const tmp = `${target}.${process.pid}.import.tmp`
      try {
        writeFileSync(tmp, toMarkdown(fields, stamp), { flag: 'wx' })
        renameSync(tmp, target)
        report.updated.push({ id: article.id, file: action.file })
      } catch (err) {
        rmSync(tmp, { force: true })
        skip(
          article,
          `article ${article.id} could not be written to ${action.file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
        )
      }
      continue
    }
    const name = fileNameForId(article.id, (n) => taken.has(n.toLowerCase()))
    if (taken.has(name.toLowerCase())) {
      skip(article, `article ${article.id}: its file name ${name} is already taken in the corpus folder; not written`)
      continue
    }
    try {
      // 'wx': created, never opened if anything (a file, a link) is there already.
      writeFileSync(join(folder, name), toMarkdown(fields, stamp), { flag: 'wx' })
      taken.add(name.toLowerCase())
      report.added.push({ id: article.id, file: name })
    } catch (err) {
      skip(
        article,
        `article ${article.id} could not be written as ${name} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      )
    }
  }

  // What is there now, read back: the counts are the corpus's, not the import's intentions.
  const after = loadCorpus(folder, options)
  report.after = after.articles.length
  const present = new Map(after.articles.map((a) => [a.id, a.origin.file]))
  const loads = (w: { id: string; file: string }) => present.get(w.id) === w.file
  for (const w of [...report.added, ...report.updated].filter((w) => !loads(w))) {
    report.skipped.push({
      file: w.file,
      message: `article ${w.id} was written but does not load back; see the corpus list`,
    })
  }
  report.added = report.added.filter(loads)
  report.updated = report.updated.filter(loads)
  return report
}

function problemOf(a: LoadedArticle, message: string): Problem {
  return { file: a.origin.file, ...(a.origin.line ? { line: a.origin.line } : {}), message }
}

function sameArticle(a: Omit<LoadedArticle, 'origin'>, b: Omit<LoadedArticle, 'origin'>): boolean {
  return (
    a.id === b.id &&
    a.title === b.title &&
    a.source === b.source &&
    a.date === b.date &&
    a.listedDate === b.listedDate &&
    a.url === b.url &&
    a.location === b.location &&
    a.credit === b.credit &&
    a.body === b.body
  )
}

/** Why the file holding an existing article may not be rewritten by an import; undefined when it may. */
function whyNotRewritable(folder: string, origin: LoadedArticle['origin']): string | undefined {
  if (!origin.imported || origin.line !== undefined) return 'a file that import did not write'
  if (!/\.(md|markdown)$/i.test(origin.file)) return 'a file that import did not write'
  const st = lstatSync(join(folder, origin.file), { throwIfNoEntry: false })
  if (!st) return 'a file that is no longer there'
  if (st.isSymbolicLink()) return 'a symbolic link, which import never writes through'
  if (!st.isFile()) return 'not a regular file'
  return undefined
}
