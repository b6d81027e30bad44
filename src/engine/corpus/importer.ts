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

/** Imports every article of `file` into the corpus folder `dir` (created when missing). */
export function importArticles(dir: string, file: string, options: LoadOptions & { now?: Date } = {}): ImportReport {
  const folder = resolve(dir)
  // A folder, or a link to one (a deployment may keep the corpus elsewhere); never a file.
  const st = statSync(folder, { throwIfNoEntry: false })
  if (st && !st.isDirectory()) {
    throw new ImportError(
      `${dir} is not a folder: import writes one Markdown file per article into a corpus folder (pass --corpus DIR)`,
    )
  }
  mkdirSync(folder, { recursive: true })
  const incoming = loadCorpus(file, options)
  const existing = loadCorpus(folder, options)
  const byId = new Map<string, LoadedArticle>(existing.articles.map((a) => [a.id, a]))
  // Names already in the folder, in lower case: a new file never takes one, even on a case-insensitive disk.
  const taken = new Set(readdirSync(folder).map((n) => n.toLowerCase()))
  const stamp = (options.now ?? new Date()).toISOString()
  const report: ImportReport = {
    added: [],
    updated: [],
    unchanged: [],
    skipped: [...incoming.problems],
    before: existing.articles.length,
    after: 0,
  }
  const skip = (a: LoadedArticle, message: string) =>
    report.skipped.push({ file: a.origin.file, ...(a.origin.line ? { line: a.origin.line } : {}), message })

  for (const article of incoming.articles) {
    const { origin: _origin, ...fields } = article
    const before = byId.get(article.id)
    if (before) {
      const { origin, ...old } = before
      if (sameArticle(old, fields)) {
        report.unchanged.push(article.id)
        continue
      }
      const why = whyNotRewritable(folder, origin)
      if (why) {
        skip(
          article,
          `article ${article.id} is already in ${origin.file}${origin.line ? `:${origin.line}` : ''}, ${why}; not changed (edit that file, or give the article another id)`,
        )
        continue
      }
      const target = join(folder, origin.file)
      const tmp = `${target}.${process.pid}.import.tmp`
      try {
        writeFileSync(tmp, toMarkdown(fields, stamp), { flag: 'wx' })
        renameSync(tmp, target)
        report.updated.push({ id: article.id, file: origin.file })
      } catch (err) {
        rmSync(tmp, { force: true })
        skip(
          article,
          `article ${article.id} could not be written to ${origin.file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
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
  const present = new Set(after.articles.map((a) => a.id))
  const missing = (list: Array<{ id: string; file: string }>) => list.filter((w) => !present.has(w.id))
  for (const w of [...missing(report.added), ...missing(report.updated)]) {
    report.skipped.push({
      file: w.file,
      message: `article ${w.id} was written but does not load back; see the corpus list`,
    })
  }
  report.added = report.added.filter((w) => present.has(w.id))
  report.updated = report.updated.filter((w) => present.has(w.id))
  return report
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
