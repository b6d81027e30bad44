// npm run corpus -- import FILE [--corpus DIR]   copies a CSV or JSONL (or any corpus file) into the corpus folder as
//                                                new Markdown files, one per article; rewrites only files it wrote
// npm run corpus -- list [--corpus PATH]          counts by outlet and date range, and what could not be loaded

import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { userInfo } from 'node:os'
import { basename, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { defaultImportLogPath, isInside } from '../config.js'
import { corpusFolder, ImportError, importArticles, type ImportReport } from '../engine/corpus/importer.js'
import { appendImportLog } from '../runtime/import-log.js'
import { formatProblem, loadCorpus, type LoadOptions } from '../engine/corpus/loader.js'
import { terminalSafe } from '../render/safe.js'
import { outletName } from '../engine/text/outlets.js'
import { describeDateDisagreement, listedDateDisagreement } from '../engine/corpus/listed-dates.js'
import { corpusChoice, runCli, UsageError } from './common.js'

const USAGE = 'usage:\n  npm run corpus -- import FILE [--corpus DIR]\n  npm run corpus -- list [--corpus PATH]'

function main(): void {
  const { values, positionals } = parseArgs({ options: { corpus: { type: 'string' } }, allowPositionals: true })
  const [action, file] = positionals
  const { corpusPath, maxArticleBytes } = corpusChoice({ corpus: values.corpus })
  if (action === 'import') {
    if (!file) throw new UsageError(USAGE)
    const logPath = process.env.IMPORT_LOG?.trim() || defaultImportLogPath(corpusPath)
    process.stdout.write(`${importInto(corpusPath, file, { maxArticleBytes }, logPath)}\n`)
  } else if (action === 'list') {
    process.stdout.write(`${listCorpus(corpusPath, { maxArticleBytes })}\n`)
  } else {
    throw new UsageError(USAGE)
  }
}

/**
 * Imports every article of `file` into the corpus folder `dir` and says what is on disk afterwards. With `logPath`,
 * the change goes into the import log as the bot's do (who: the shell's user), so that /imports lists it and
 * /remove may take its articles out again.
 */
export function importInto(dir: string, file: string, options: LoadOptions = {}, logPath?: string): string {
  let report
  try {
    report = importArticles(dir, file, options)
  } catch (err) {
    if (err instanceof ImportError) throw new UsageError(err.message)
    throw err
  }
  const { added, updated, unchanged, skipped, before, after } = report
  const logProblem = logPath && added.length + updated.length > 0 ? logImport(logPath, dir, file, report) : ''
  const lines = [
    `${file} → ${dir}: ${added.length} added, ${updated.length} updated, ${unchanged.length} unchanged, ${skipped.length} skipped`,
    `the corpus folder now loads ${after} article${after === 1 ? '' : 's'} (${before} before)`,
  ]
  for (const p of skipped) lines.push(`  skipped ${formatProblem(p)}`)
  if (added.length + updated.length > 0) lines.push('Run npm run reindex (or /reindex in Discord) to answer from them.')
  if (logProblem) lines.push(logProblem)
  return terminalSafe(lines.join('\n'))
}

/** Appends the import to the log; a log that cannot be written does not undo it, and says so. */
function logImport(logPath: string, dir: string, file: string, report: ImportReport): string {
  // Inside the corpus folder, the log would be read as articles.
  if (isInside(resolve(logPath), resolve(dir)))
    return `IMPORT_LOG (${logPath}) is inside the corpus folder; nothing was logged. /remove will not know these articles.`
  try {
    const isFile = statSync(file).isFile()
    const bytes = isFile ? readFileSync(file) : undefined
    appendImportLog(logPath, {
      at: new Date().toISOString(),
      action: 'import',
      userId: 'cli',
      user: shellUser(),
      corpus: corpusFolder(dir),
      file: basename(file),
      ...(bytes ? { bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') } : {}),
      added: report.added,
      updated: report.updated,
      unchanged: report.unchanged.length,
      skipped: report.skipped.length,
      before: report.before,
      after: report.after,
    })
    return ''
  } catch (err) {
    return `The import log (${logPath}) could not be written: ${(err as Error).message}. /remove will not know these articles.`
  }
}

function shellUser(): string {
  try {
    return userInfo().username
  } catch {
    return 'unknown'
  }
}

export function listCorpus(path: string, options: LoadOptions = {}): string {
  const { articles, problems, files } = loadCorpus(path, options)
  const bySource = new Map<string, { n: number; from: string; to: string }>()
  for (const a of articles) {
    const s = bySource.get(a.source) ?? { n: 0, from: '', to: '' }
    s.n++
    if (a.date && (!s.from || a.date < s.from)) s.from = a.date
    if (a.date && (!s.to || a.date > s.to)) s.to = a.date
    bySource.set(a.source, s)
  }
  const rows = [...bySource.entries()].sort((x, y) => y[1].n - x[1].n)
  const lines = [`${path}: ${articles.length} articles from ${rows.length} outlets in ${files.length} file(s)`, '']
  lines.push(`${'outlet'.padEnd(30)} ${'articles'.padStart(8)}  dates`)
  for (const [source, s] of rows) {
    lines.push(
      `${(outletName(source) || '(unknown)').padEnd(30)} ${String(s.n).padStart(8)}  ${s.from ? `${s.from} – ${s.to}` : 'unknown'}`,
    )
  }
  const disagreement = describeDateDisagreement(listedDateDisagreement(articles))
  if (disagreement) lines.push('', disagreement)
  if (problems.length > 0) {
    lines.push('', `not loaded (${problems.length}):`)
    for (const p of problems) lines.push(`  ${formatProblem(p)}`)
  }
  return terminalSafe(lines.join('\n'))
}

if (import.meta.url === `file://${process.argv[1]}`) await runCli(main)
