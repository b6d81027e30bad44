// Words for values, dates and attributions, shared by the terminal, JSON and Discord renderers.

import {
  COMMANDS,
  type Answer,
  type ArticleRef,
  type CasualtiesValue,
  type Command,
  type DatePrecision,
  type ValueByCommand,
  type WhenValue,
  type WhereValue,
  type WhoValue,
} from '../engine/types.js'
import { parseIsoDate } from '../engine/extract/dates.js'
import { outletName } from '../engine/text/outlets.js'

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

/** "Monday 3 July 2017", "July 2017", "2017", "the week of 26 June 2017"; "date unknown" for "". */
export function formatDate(iso: string, precision?: DatePrecision): string {
  const d = parseIsoDate(iso)
  if (!d) return 'date unknown'
  if (d.precision === 'year' || precision === 'year') return String(d.year)
  if (d.precision === 'month' || precision === 'month') return `${MONTHS[d.month! - 1]} ${d.year}`
  const weekday = WEEKDAYS[new Date(Date.UTC(d.year, d.month! - 1, d.day)).getUTCDay()]
  const day = `${weekday} ${d.day} ${MONTHS[d.month! - 1]} ${d.year}`
  return precision === 'week' ? `the week of ${day}` : day
}

/** A short date for attributions: "4 July 2017", "July 2017", "date unknown". */
export function shortDate(iso: string): string {
  const d = parseIsoDate(iso)
  if (!d) return 'date unknown'
  if (d.precision === 'year') return String(d.year)
  if (d.precision === 'month') return `${MONTHS[d.month! - 1]} ${d.year}`
  return `${d.day} ${MONTHS[d.month! - 1]} ${d.year}`
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US')
}

/** A when-value's words that are a weekday alone ("Monday", "on Monday", "last Monday"): the day's name. */
const WEEKDAY_TEXT_RE = /^(?:on\s+)?(?:last\s+)?((?:mon|tues|wednes|thurs|fri|satur|sun)day)$/i

/** The answer's value in a few words: the headline of an answer. */
export function valueHeadline<C extends Command>(command: C, value: ValueByCommand[C]): string {
  switch (command) {
    case 'when': {
      const v = value as WhenValue
      if (v.basis === 'article')
        return `Reported ${formatDate(v.date, v.precision)} (the article's date; the quote names no day)`
      if (v.basis === 'incident')
        return `${formatDate(v.date, v.precision)} (the day reports of this incident give; the quote names none)`
      // "on Monday" in an article dated only to its month: the day is named, the month is all that is known.
      const weekday = v.precision === 'month' ? WEEKDAY_TEXT_RE.exec(v.text) : null
      if (weekday)
        return `${weekday[1]![0]!.toUpperCase()}${weekday[1]!.slice(1).toLowerCase()}, in ${formatDate(v.date, v.precision)}`
      return formatDate(v.date, v.precision)
    }
    case 'who': {
      const v = value as WhoValue
      return v.actors
        .map((a) => (v.roles[a] === 'acted' ? a : `${a} (${v.roles[a] === 'hit' ? 'targeted' : 'named'})`))
        .join(' · ')
    }
    case 'where': {
      // The region is the gazetteer's, not the quote's: set apart in brackets ("Tibni (Deir ez-Zor)").
      const { places, regions } = value as WhereValue
      return places.map((p) => (regions?.[p] ? `${p} (${regions[p]})` : p)).join(' · ')
    }
    case 'casualties':
      return casualtyHeadline(value as CasualtiesValue)
    default:
      return ''
  }
}

/** "at least 173 killed", "11,000,000 people displaced", "dozens of civilians killed (about 12)". */
export function casualtyHeadline(v: CasualtiesValue): string {
  const who = v.victims ? ` ${v.victims}` : ''
  if (v.approximate) return `${v.text} (counted as about ${formatCount(v.count)})`
  return `${v.qualifier ? `${v.qualifier} ` : ''}${formatCount(v.count)}${who} ${v.kind}`
}

export interface Attribution {
  outlet: string
  date: string
  title: string
  url: string
}

export function attributionOf(article: ArticleRef): Attribution {
  return {
    outlet: outletName(article.source) || 'unknown outlet',
    date: shortDate(article.date),
    title: article.title || `untitled (id ${article.id})`,
    url: article.url,
  }
}

/** "BBC · 4 July 2017 · Raqqa: US-backed forces breach Old City wall" */
export function attributionLine(article: ArticleRef): string {
  const a = attributionOf(article)
  return `${a.outlet} · ${a.date} · ${a.title}`
}

/** How an answer about another incident than the first answer's is marked. */
export const ANOTHER_INCIDENT = 'another incident'

/**
 * When reports of the best answer's incident give different figures, the figures side by side in the order they
 * were published, each with its outlet: "22 (Reuters, 3 Jul 2016) · at least 43 (Al-Araby, 4 Jul 2016)". Other
 * incidents never join. Undefined when they agree or there is only one.
 */
export function figuresSideBySide(answers: Array<Answer<'casualties'>>): string | undefined {
  const incident = answers[0]?.incident
  const reports = answers
    .filter((a) => a.incident === incident)
    .map((a, i) => ({ a, i }))
    .sort((x, y) => x.a.article.date.localeCompare(y.a.article.date) || x.i - y.i)
    .map((x) => x.a)
  const counts = new Set(reports.map((a) => a.value.count))
  if (reports.length < 2 || counts.size < 2) return undefined
  return reports
    .map(
      (a) =>
        `${a.value.qualifier ? `${a.value.qualifier} ` : ''}${formatCount(a.value.count)}${a.value.approximate ? ' (approx.)' : ''} ${a.value.kind} (${outletsOf([a.article, ...a.alsoIn])}, ${shortDate(a.article.date)})`,
    )
    .join(' · ')
}

/** "TRT World, Al-Araby": each outlet once (a story one outlet ran twice word for word is one report). */
function outletsOf(articles: ArticleRef[]): string {
  return [...new Set(articles.map((r) => outletName(r.source) || 'unknown outlet'))].join(', ')
}

// ---------------------------------------------------------------------------------------------------------------
// Command names as users see them, and help

/**
 * The name users type for each engine command (/ask for 'search'), from the command registry: replies never show
 * the engine's own names. A command missing here is shown by its engine name (the CLI's `npm run ask -- search`).
 */
export type CommandNames = Partial<Record<Command, string>>

/** "ask" for 'search' (given the registry's names), the engine's name otherwise. */
export function commandName(command: Command, names: CommandNames = {}): string {
  return names[command] ?? command
}

const ENGINE_COMMAND_IN_TEXT = new RegExp(`(^|[\\s(“"'])/(${COMMANDS.join('|')})\\b`, 'g')

/** The engine's hints name its commands ("Try /search to read them"): the same text with the names users type. */
export function withCommandNames(text: string, names: CommandNames = {}): string {
  return text.replace(ENGINE_COMMAND_IN_TEXT, (whole, before: string, command: Command) =>
    names[command] ? `${before}/${names[command]}` : whole,
  )
}

/** One command as /help and the console's help list it. */
export interface HelpEntry {
  name: string
  /** Its required options, typed in this order: ["question"], ["id"]. */
  args: string[]
  summary: string
  /** A whole line as typed: "/when the SDF breached the wall of Raqqa's old city". */
  example?: string
  /** A question command: listed one a line, with the options they share explained once under them. */
  question: boolean
}

export interface HelpText {
  /** Every command of the registry, in its order. */
  commands: HelpEntry[]
  /** The options every question command takes besides its question, explained for Discord and for the console. */
  questionOptions: { discord: string; console: string }
}
