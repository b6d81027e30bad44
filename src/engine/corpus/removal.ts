// Removing an article from a corpus folder: only one that an import wrote, as a Markdown file of its own directly in
// the folder, that the caller knows it wrote (`written`: the bot's import log), and that is a regular file (never a
// symbolic link, nor what one points to). Anything else is reported with where the article lives, never deleted.

import { lstatSync, unlinkSync } from 'node:fs'
import { join } from 'node:path'
import { corpusFolder } from './importer.js'
import { loadCorpus, type LoadedArticle, type LoadOptions } from './loader.js'

export type RemovalCheck =
  | { ok: true; article: LoadedArticle; file: string; before: number }
  | { ok: false; reason: string; article?: LoadedArticle }

export interface RemovalReport {
  id: string
  file: string
  title: string
  /** Articles the corpus folder loads before and after. */
  before: number
  after: number
}

export class RemovalError extends Error {
  override name = 'RemovalError'
}

/**
 * Whether the article `id` of the corpus folder `dir` may be removed, and from which file. `written` holds the file
 * names (relative to the folder) that the caller's imports wrote.
 */
export function checkRemoval(
  dir: string,
  id: string,
  written: ReadonlySet<string> | ReadonlyMap<string, unknown>,
  options: LoadOptions = {},
): RemovalCheck {
  const folder = corpusFolder(dir)
  const { articles } = loadCorpus(folder, options)
  const article = articles.find((a) => a.id === id)
  if (!article) return { ok: false, reason: `no article with id ${id} is in the corpus folder` }
  const { origin } = article
  const where = `${origin.file}${origin.line ? `:${origin.line}` : ''}`
  const notOurs = {
    ok: false as const,
    article,
    reason: `article ${id} is in ${where}, which /import did not write; it is not removed (edit or delete that file on the bot's host)`,
  }
  if (origin.line !== undefined || !origin.imported || !/\.(md|markdown)$/i.test(origin.file)) return notOurs
  // Directly in the folder, as import writes them, and written by the caller's own imports.
  if (/[\\/]/.test(origin.file) || !written.has(origin.file)) return notOurs
  const st = lstatSync(join(folder, origin.file), { throwIfNoEntry: false })
  if (!st) return { ok: false, article, reason: `the file of article ${id}, ${origin.file}, is no longer there` }
  if (st.isSymbolicLink())
    return { ok: false, article, reason: `${origin.file} is a symbolic link, which is never removed; not removed` }
  if (!st.isFile()) return { ok: false, article, reason: `${origin.file} is not a regular file; not removed` }
  return { ok: true, article, file: origin.file, before: articles.length }
}

/** Removes the article `id` when checkRemoval allows it (checked again now); a RemovalError says why not. */
export function removeImported(
  dir: string,
  id: string,
  written: ReadonlySet<string> | ReadonlyMap<string, unknown>,
  options: LoadOptions = {},
): RemovalReport {
  const check = checkRemoval(dir, id, written, options)
  if (!check.ok) throw new RemovalError(check.reason)
  const folder = corpusFolder(dir)
  // unlink removes the directory entry only: had the file become a link since the check, its target stays.
  unlinkSync(join(folder, check.file))
  const after = loadCorpus(folder, options).articles.length
  return { id, file: check.file, title: check.article.title, before: check.before, after }
}
