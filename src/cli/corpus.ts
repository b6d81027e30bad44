// npm run corpus -- import FILE [--corpus DIR]   copies a CSV or JSONL (or any corpus file) into the corpus as
//                                                Markdown files, one per article; idempotent by id
// npm run corpus -- list [--corpus PATH]          counts by outlet and date range, and what could not be loaded

import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { formatProblem, loadCorpus, type LoadedArticle } from '../engine/corpus/loader.js'
import { fileNameForId, toMarkdown } from '../engine/corpus/markdown.js'
import { outletName } from '../engine/outlets.js'
import { corpusChoice, runCli, UsageError } from './common.js'

const USAGE = 'usage:\n  npm run corpus -- import FILE [--corpus DIR]\n  npm run corpus -- list [--corpus PATH]'

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { corpus: { type: 'string' } }, allowPositionals: true })
  const [action, file] = positionals
  const { corpusPath } = corpusChoice({ corpus: values.corpus })
  if (action === 'import') {
    if (!file) throw new UsageError(USAGE)
    process.stdout.write(`${importInto(corpusPath, file)}\n`)
  } else if (action === 'list') {
    process.stdout.write(`${listCorpus(corpusPath)}\n`)
  } else {
    throw new UsageError(USAGE)
  }
}

/** Writes each article of `file` to `dir` as Markdown: new ids are added, changed ones rewritten in place. */
export function importInto(dir: string, file: string): string {
  mkdirSync(dir, { recursive: true })
  const incoming = loadCorpus(file)
  const existing = new Map<string, LoadedArticle>()
  for (const a of loadCorpus(dir).articles) existing.set(a.id, a)
  let added = 0
  let updated = 0
  let unchanged = 0
  for (const article of incoming.articles) {
    const { origin: _origin, ...fields } = article
    const markdown = toMarkdown(fields)
    const before = existing.get(article.id)
    if (before) {
      const { origin, ...old } = before
      if (toMarkdown(old) === markdown) {
        unchanged++
        continue
      }
      // Rewrite the file that holds this id, whatever its name.
      writeFileSync(join(dir, origin.file), markdown)
      updated++
    } else {
      writeFileSync(join(dir, fileNameForId(article.id)), markdown)
      added++
    }
  }
  const lines = [`${file} → ${dir}: ${added} added, ${updated} updated, ${unchanged} unchanged, ${incoming.problems.length} skipped`]
  for (const p of incoming.problems) lines.push(`  skipped ${formatProblem(p)}`)
  if (added + updated > 0) lines.push('Run npm run reindex (or /reindex in Discord) to answer from them.')
  return lines.join('\n')
}

export function listCorpus(path: string): string {
  const { articles, problems, files } = loadCorpus(path)
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
    lines.push(`${(outletName(source) || '(unknown)').padEnd(30)} ${String(s.n).padStart(8)}  ${s.from ? `${s.from} – ${s.to}` : 'unknown'}`)
  }
  if (problems.length > 0) {
    lines.push('', `not loaded (${problems.length}):`)
    for (const p of problems) lines.push(`  ${formatProblem(p)}`)
  }
  return lines.join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) await runCli(main)

