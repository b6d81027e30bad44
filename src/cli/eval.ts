// npm run eval -- FILE.jsonl [--corpus PATH] [--misses]
// Scores the engine on questions with gold answers (rules in ../shared/eval/README.md): hit@1 and hit@3 per command,
// the share of quotes found word for word in the cited article, and abstention on questions it cannot answer.
// The judge reads answers as a user would (names, dates, counts); it does not use the engine's alias table.

import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { answer, warmUp } from '../engine/query/answer.js'
import type { Answer, AnswerResult } from '../engine/types.js'
import { isCommand } from '../engine/types.js'
import type { SearchIndex } from '../engine/index/build.js'
import { fold } from '../engine/text/words.js'
import { terminalSafe } from '../render/safe.js'
import { corpusChoice, openWithProgress, runCli, UsageError } from './common.js'

export interface EvalQuestion {
  kind: string
  command: string
  query: string
  gold: {
    count?: number
    date?: string
    days_before?: number
    actor?: string
    none?: boolean
    /** natural-dev: every toll, date, actor or place that answers it (see ../shared/eval/README.md). */
    count_any?: number[]
    date_any?: string[]
    actor_any?: string[]
    place_any?: string[]
  }
  article?: string
}

/** How a user would read "the answer names the group": by the words of the actor's name. */
const GROUP_NAMES: Record<string, RegExp> = {
  regime: /\b(syrian government|syrian (arab )?army|government forces|regime|assad)\b/i,
  russia: /\brussia/i,
  coalition: /\b(us-led coalition|u\.s\.-led coalition|international coalition|united states|american)\b/i,
  turkey: /\bturk/i,
  israel: /\bisrael/i,
  is: /\b(islamic state|isis|isil|daesh)\b/i,
}

/**
 * natural-dev's rule: a gold term is a substring of the answer's names, lowercased and joined; a term of three
 * characters or fewer must stand as a word; in places, hyphens and apostrophes count as spaces.
 */
function namesInclude(names: string[], terms: string[], place: boolean): boolean {
  const clean = (s: string) => (place ? s.toLowerCase().replace(/[-'’]/g, ' ') : s.toLowerCase())
  const joined = clean(names.join(' '))
  return terms.some((term) => {
    const t = clean(term)
    if (t.length > 3) return joined.includes(t)
    return new RegExp(`(^|[^a-z0-9])${t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^a-z0-9])`).test(joined)
  })
}

/** The natural-dev judge: any of the gold values (see ../shared/eval/README.md). */
function judgeAny(q: EvalQuestion, v: Record<string, unknown>): boolean | undefined {
  const g = q.gold
  if (g.count_any) return typeof v.count === 'number' && g.count_any.includes(v.count)
  if (g.date_any) {
    const date = typeof v.date === 'string' ? v.date : ''
    return date !== '' && g.date_any.some((d) => date === d || (d.length === 7 && date.startsWith(d)))
  }
  if (g.actor_any) return namesInclude((v.actors as string[] | undefined) ?? [], g.actor_any, false)
  if (g.place_any) return namesInclude((v.places as string[] | undefined) ?? [], g.place_any, true)
  return undefined
}

export function judge(q: EvalQuestion, a: Answer): boolean {
  const v = a.value as Record<string, unknown>
  const any = judgeAny(q, v)
  if (any !== undefined) return any
  switch (q.command) {
    case 'casualties':
      return v.count === q.gold.count
    case 'when': {
      const date = typeof v.date === 'string' ? v.date : ''
      if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !q.gold.date) return false
      const diff = (Date.parse(q.gold.date) - Date.parse(date)) / 86_400_000
      return diff >= 0 && diff <= (q.gold.days_before ?? 0)
    }
    case 'who': {
      const re = GROUP_NAMES[q.gold.actor ?? '']
      return !!re && ((v.actors as string[] | undefined) ?? []).some((name) => re.test(name))
    }
    default:
      return false
  }
}

/** The quote appears word for word in the article (whitespace and quote marks aside). */
export function isVerbatim(index: SearchIndex, a: Answer): boolean {
  const article = index.articles[index.articleIndexById.get(a.article.id) ?? -1]
  if (!article) return false
  const norm = (s: string) =>
    fold(s)
      .replace(/["'“”‘’«»]/g, '')
      .replace(/\s+/g, ' ')
      .trim()
  const quote = norm(a.quote)
  return (
    quote.length > 0 &&
    (norm(article.body).includes(quote) || norm(article.title).includes(quote)) &&
    !!(a.article.source && (a.article.title || a.article.id))
  )
}

export interface EvalReport {
  byCommand: Record<string, { n: number; hit1: number; hit3: number; answered: number }>
  negatives: { n: number; abstained: number }
  quotes: { n: number; verbatim: number }
  misses: Array<{ q: EvalQuestion; result: AnswerResult }>
  millis: number[]
}

export function evaluate(index: SearchIndex, questions: EvalQuestion[]): EvalReport {
  const report: EvalReport = {
    byCommand: {},
    negatives: { n: 0, abstained: 0 },
    quotes: { n: 0, verbatim: 0 },
    misses: [],
    millis: [],
  }
  warmUp(index)
  for (const q of questions) {
    if (!isCommand(q.command)) throw new UsageError(terminalSafe(`unknown command "${q.command}" in the question file`))
    const started = performance.now()
    const result = answer(index, q.command, q.query, { limit: 5 })
    report.millis.push(performance.now() - started)
    for (const a of result.answers) {
      report.quotes.n++
      if (isVerbatim(index, a)) report.quotes.verbatim++
    }
    if (q.kind === 'negative' || q.gold.none) {
      report.negatives.n++
      if (result.answers.length === 0) report.negatives.abstained++
      else report.misses.push({ q, result })
      continue
    }
    const row = (report.byCommand[q.command] ??= { n: 0, hit1: 0, hit3: 0, answered: 0 })
    row.n++
    if (result.answers.length > 0) row.answered++
    const hits = result.answers.slice(0, 3).map((a) => judge(q, a))
    if (hits[0]) row.hit1++
    if (hits.some(Boolean)) row.hit3++
    if (!hits[0]) report.misses.push({ q, result })
  }
  return report
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}

function main(): void {
  const { values, positionals } = parseArgs({
    options: { corpus: { type: 'string' }, index: { type: 'string' }, misses: { type: 'boolean', default: false } },
    allowPositionals: true,
  })
  const file = positionals[0]
  if (!file) throw new UsageError('usage: npm run eval -- QUESTIONS.jsonl [--corpus PATH] [--misses]')
  const questions = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      try {
        return JSON.parse(l) as EvalQuestion
      } catch {
        throw new UsageError(terminalSafe(`${file}:${i + 1}: not valid JSON`))
      }
    })
  const corpus = values.corpus ?? '../shared/corpora/fa-kes/FA-KES-Dataset.csv'
  const { index } = openWithProgress(corpusChoice({ corpus, index: values.index }))
  const report = evaluate(index, questions)
  const pct = (x: number, n: number) => (n === 0 ? '   -' : (x / n).toFixed(2))
  const lines = [
    `questions: ${questions.length}   corpus: ${corpus} (${index.articles.length} articles, ${index.passages.count} passages)`,
    '',
    'command      n   hit@1  hit@3  answered',
  ]
  const total = { n: 0, hit1: 0, hit3: 0, answered: 0 }
  for (const [command, r] of Object.entries(report.byCommand)) {
    lines.push(
      `${command.padEnd(11)} ${String(r.n).padStart(3)}   ${pct(r.hit1, r.n)}   ${pct(r.hit3, r.n)}   ${pct(r.answered, r.n)}`,
    )
    for (const k of ['n', 'hit1', 'hit3', 'answered'] as const) total[k] += r[k]
  }
  lines.push(
    `all         ${String(total.n).padStart(3)}   ${pct(total.hit1, total.n)}   ${pct(total.hit3, total.n)}   ${pct(total.answered, total.n)}   (abstained on answerable: ${pct(total.n - total.answered, total.n)})`,
  )
  lines.push(
    `negatives   ${String(report.negatives.n).padStart(3)}   abstained ${pct(report.negatives.abstained, report.negatives.n)}`,
  )
  lines.push(
    `quotes      ${String(report.quotes.n).padStart(3)}   verbatim ${pct(report.quotes.verbatim, report.quotes.n)}`,
  )
  lines.push(
    `latency     p50 ${percentile(report.millis, 50).toFixed(2)} ms   p99 ${percentile(report.millis, 99).toFixed(2)} ms (in process, warm)`,
  )
  // Paths, queries, quotes, outlets and ids come from files: shown with their control characters made visible.
  process.stdout.write(`${terminalSafe(lines.join('\n'))}\n`)
  if (values.misses) {
    for (const { q, result } of report.misses) {
      const first = result.answers[0]
      process.stdout.write(
        terminalSafe(
          `\nMISS ${q.command} "${q.query}" gold=${JSON.stringify(q.gold)} article=${q.article ?? ''}\n` +
            (first
              ? result.answers
                  .slice(0, 3)
                  .map(
                    (a) =>
                      `  -> ${JSON.stringify(a.value)} [${a.article.id} ${a.article.source}] ${a.quote.slice(0, 160)}`,
                  )
                  .join('\n') + '\n'
              : `  -> no answer: ${result.reason}\n`),
        ),
      )
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runCli(main)
