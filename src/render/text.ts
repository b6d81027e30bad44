// Answers as text for a terminal: the value, the quote with the question's terms in bold (ANSI, on a terminal),
// and where it came from. Every piece of text from an article, a corpus file or the user goes through terminalSafe
// before it is put in a line: the only escape sequences in the output are the bold codes added here.

import type { EngineStats, ReindexReport, SourceSummary } from '../runtime/api.js'
import type { Answer, AnswerResult, Article, Command } from '../engine/types.js'
import { formatProblem } from '../engine/corpus/loader.js'
import {
  attributionLine,
  commandName,
  figuresSideBySide,
  ANOTHER_INCIDENT,
  formatBytes,
  formatCount,
  shortDate,
  valueHeadline,
  withCommandNames,
  type CommandNames,
  type HelpText,
} from './format.js'
import { terminalSafe } from './safe.js'

export interface TextOptions {
  /** ANSI bold for the question's terms. */
  color?: boolean
  /** The names users type for the engine's commands (the console's /ask); without them, the engine's (the CLI's). */
  names?: CommandNames
}

export function renderText<C extends Command>(result: AnswerResult<C>, options: TextOptions = {}): string {
  const lines = [`/${commandName(result.command, options.names)} ${terminalSafe(result.query)}`]
  if (result.answers.length === 0) {
    lines.push('', `No answer. ${terminalSafe(withCommandNames(result.reason, options.names))}`)
    return lines.join('\n')
  }
  if (result.command === 'casualties') {
    const differ = figuresSideBySide(result.answers as Array<Answer<'casualties'>>)
    if (differ) lines.push('', `Figures differ between outlets: ${terminalSafe(differ)}`)
  }
  result.answers.forEach((a, i) => {
    const headline = terminalSafe(valueHeadline(result.command, a.value))
    const another = a.incident !== result.answers[0]!.incident ? ` (${ANOTHER_INCIDENT})` : ''
    lines.push('', `${i + 1}. ${headline || (a.headline ? 'Headline' : 'Passage')}${another}`)
    lines.push(`   “${emphasise(a.quote, a.highlights, options.color === true)}”`)
    lines.push(`   — ${terminalSafe(attributionLine(a.article))}${a.headline ? ' (headline)' : ''}`)
    if (a.article.url) lines.push(`     ${terminalSafe(a.article.url)}`)
    if (a.alsoIn.length > 0)
      lines.push(`     also, word for word: ${terminalSafe(a.alsoIn.map(attributionLine).join('; '))}`)
  })
  return lines.join('\n')
}

function emphasise(quote: string, highlights: Array<[number, number]>, color: boolean): string {
  // One line per quote; replacing line breaks keeps every offset of the highlights. The article's text is made
  // safe piece by piece, before the bold codes go around the highlighted pieces.
  const flat = quote.replace(/[\r\n]/g, ' ')
  if (!color) return terminalSafe(flat)
  let out = ''
  let at = 0
  for (const [s, e] of highlights) {
    out += terminalSafe(flat.slice(at, s)) + `\x1b[1m${terminalSafe(flat.slice(s, e))}\x1b[22m`
    at = e
  }
  return out + terminalSafe(flat.slice(at))
}

// ---------------------------------------------------------------------------------------------------------------
// The other replies, as text for the local console (no escape codes of their own: made safe whole).

/**
 * The console's help: the question commands one a line (usage, summary, example), the options they share, then the
 * other commands and /quit on one line.
 */
export function renderHelp(help: HelpText): string {
  const usage = (c: HelpText['commands'][number]) => `/${c.name}${c.args.map((a) => ` <${a}>`).join('')}`
  const questions = help.commands.filter((c) => c.question)
  const others = help.commands.filter((c) => !c.question)
  const usageWidth = Math.max(0, ...questions.map((c) => usage(c).length)) + 2
  const summaryWidth = Math.max(0, ...questions.map((c) => c.summary.length)) + 2
  const lines = [
    'Ask as you would in Discord:',
    ...questions.map(
      (c) =>
        `  ${usage(c).padEnd(usageWidth)}${c.example ? `${c.summary.padEnd(summaryWidth)}${c.example}` : c.summary}`,
    ),
    ...(questions.length > 0 ? [`  ${help.questionOptions.console}`] : []),
    `  ${[...others.map(usage), '/quit'].join('   ')}`,
  ]
  return terminalSafe(lines.join('\n'))
}

export function renderSources(sources: SourceSummary[]): string {
  if (sources.length === 0) return 'The corpus is empty.'
  return terminalSafe(
    [
      `Outlets in the corpus (${sources.length}):`,
      ...sources.map(
        (s) =>
          `  ${s.name.padEnd(28)} ${String(s.articles).padStart(6)} article${s.articles === 1 ? ' ' : 's'}  ${s.from ? `${shortDate(s.from)} – ${shortDate(s.to)}` : 'dates unknown'}`,
      ),
    ].join('\n'),
  )
}

export function renderStats(stats: EngineStats, uptimeSeconds: number, credit: string): string {
  const lines = [
    `articles  ${formatCount(stats.articles)}`,
    `passages  ${formatCount(stats.passages)}`,
    `outlets   ${stats.sources}`,
    `index     built ${stats.builtAt}, ${stats.indexBytes > 0 ? `${formatBytes(stats.indexBytes)} at ${stats.indexPath}` : 'not saved'}`,
    `corpus    ${stats.corpusPath}${stats.problems > 0 ? ` (${stats.problems} file(s) or row(s) skipped)` : ''}`,
    `uptime    ${Math.round(uptimeSeconds)} s`,
  ]
  if (credit) lines.push(`credit    ${credit}`)
  return terminalSafe(lines.join('\n'))
}

export function renderArticle(article: Article): string {
  const lines = [
    article.title || `untitled (id ${article.id})`,
    `${article.source || 'unknown outlet'} · ${shortDate(article.date)}${article.url ? ` · ${article.url}` : ''} · id ${article.id}`,
  ]
  if (article.credit) lines.push(article.credit)
  return terminalSafe([...lines, '', article.body.trim()].join('\n'))
}

export function renderReindex(report: ReindexReport): string {
  const lines = [
    `Reindexed in ${(report.milliseconds / 1000).toFixed(1)} s: articles ${report.before.articles} → ${report.after.articles}, passages ${report.before.passages} → ${report.after.passages}`,
    ...(report.sharedBuild
      ? ['(another process was already rebuilding the index: this one switched to its build)']
      : []),
    `added (${report.added.length}): ${report.added.slice(0, 20).join(', ') || 'none'}${report.added.length > 20 ? ', …' : ''}`,
    `removed (${report.removed.length}): ${report.removed.slice(0, 20).join(', ') || 'none'}${report.removed.length > 20 ? ', …' : ''}`,
    `skipped (${report.skipped.length}):`,
    ...report.skipped.slice(0, 50).map((p) => `  ${formatProblem(p)}`),
  ]
  return terminalSafe(lines.join('\n'))
}
