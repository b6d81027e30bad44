// The log of every change moderators make to the corpus from Discord (/import, /remove): one JSON object a line,
// only ever appended to, in a file the settings name (IMPORT_LOG; by default in data/, beside the index, never in
// the corpus folder where it would be read as articles). It says who, when, from what file, and what changed; and it
// is how the bot knows which corpus files it wrote itself, the only ones /remove may delete.

import { closeSync, constants, fstatSync, mkdirSync, openSync, readFileSync, readSync, writeSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

export interface LoggedArticle {
  id: string
  /** The Markdown file in the corpus folder, relative to it. */
  file: string
  title?: string
}

export interface ImportLogEntry {
  /** ISO time. */
  at: string
  action: 'import' | 'remove'
  /** Who: the Discord user's id and name at that time. */
  userId: string
  user: string
  guildId?: string | null
  /** The corpus folder, absolute: one log may serve several corpora. */
  corpus: string
  /** import: the uploaded file's name, its size and SHA-256; remove: the corpus file deleted. */
  file: string
  bytes?: number
  sha256?: string
  added?: LoggedArticle[]
  updated?: LoggedArticle[]
  unchanged?: number
  skipped?: number
  removed?: LoggedArticle
  /** The corpus folder's article count before and after the change. */
  before?: number
  after?: number
  /** The reindex that followed, when asked for: the indexed article counts, or why it failed. */
  reindex?: { before: number; after: number } | { error: string }
}

export class ImportLogError extends Error {
  override name = 'ImportLogError'
}

/**
 * Appends one entry: the whole line in one write to a file opened for appending (O_APPEND, so that lines of
 * several processes, shards, never interleave), never through a symbolic link (O_NOFOLLOW), created readable by the
 * bot's user only. A last line left unfinished by a crash is ended first, so that the new entry is a line of its own.
 */
export function appendImportLog(path: string, entry: ImportLogEntry): void {
  mkdirSync(dirname(resolve(path)), { recursive: true })
  let fd: number
  try {
    fd = openSync(
      path,
      constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0),
      0o600,
    )
  } catch (err) {
    throw new ImportLogError(
      `the import log ${path} (IMPORT_LOG) cannot be written (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      { cause: err },
    )
  }
  try {
    const st = fstatSync(fd)
    if (!st.isFile()) throw new ImportLogError(`the import log ${path} (IMPORT_LOG) is not a regular file`)
    let line = `${JSON.stringify(entry)}\n`
    if (st.size > 0) {
      const last = Buffer.alloc(1)
      const readable = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0))
      try {
        readSync(readable, last, 0, 1, st.size - 1)
      } finally {
        closeSync(readable)
      }
      if (last[0] !== 0x0a) line = `\n${line}`
    }
    writeSync(fd, line)
  } finally {
    closeSync(fd)
  }
}

/** Every entry of the log, oldest first; a missing log is empty, a line that is not an entry is left out. */
export function readImportLog(path: string): ImportLogEntry[] {
  let text: string
  try {
    const fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0))
    try {
      if (!fstatSync(fd).isFile()) return []
      text = readFileSync(fd, 'utf8')
    } finally {
      closeSync(fd)
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw new ImportLogError(
      `the import log ${path} (IMPORT_LOG) cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      { cause: err },
    )
  }
  const entries: ImportLogEntry[] = []
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue
    try {
      const value = JSON.parse(line) as Partial<ImportLogEntry>
      if (isEntry(value)) entries.push(value)
    } catch {
      // A line cut short by a crash: the entries around it still count.
    }
  }
  return entries
}

function isEntry(v: Partial<ImportLogEntry> | null): v is ImportLogEntry {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.at === 'string' &&
    (v.action === 'import' || v.action === 'remove') &&
    typeof v.userId === 'string' &&
    typeof v.corpus === 'string' &&
    typeof v.file === 'string'
  )
}

/** The entries about the corpus folder `corpus`, newest first, at most `limit`. */
export function recentEntries(entries: ImportLogEntry[], corpus: string, limit = 25): ImportLogEntry[] {
  const folder = resolve(corpus)
  return entries
    .filter((e) => e.corpus === folder)
    .slice(-limit)
    .reverse()
}

/**
 * The files of the corpus folder `corpus` that the bot's imports wrote and no removal has deleted since, by file
 * name (relative to the folder), with the article each holds: what /remove may delete, and what it suggests.
 */
export function filesWrittenByImports(entries: ImportLogEntry[], corpus: string): Map<string, LoggedArticle> {
  const folder = resolve(corpus)
  const files = new Map<string, LoggedArticle>()
  for (const e of entries) {
    if (e.corpus !== folder) continue
    if (e.action === 'import') for (const a of [...(e.added ?? []), ...(e.updated ?? [])]) files.set(a.file, a)
    else if (e.removed) files.delete(e.removed.file)
  }
  return files
}
