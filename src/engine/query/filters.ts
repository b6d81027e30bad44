// Source and date filters of a question, checked once per question against the articles.

import * as chrono from 'chrono-node'
import type { Article, AnswerOptions } from '../types.js'
import { normaliseDate } from '../corpus/loader.js'
import { outletKey } from '../text/outlets.js'
import { formatIsoDate, isoDaySpan, parseIsoDate } from '../extract/dates.js'

export type DateBound = { ok: true; iso: string } | { ok: false; message: string }

const DATE_EXAMPLE = 'use a year, a month or a day such as 2016, 2016-07 or 2016-07-03'
/** Words that make a date relative to today ("this year", "past month"), beside what chrono tags as relative. */
const RELATIVE_WORDS = /\b(ago|now|today|tonight|yesterday|tomorrow|last|next|this|past|previous|coming)\b/i

/**
 * Reads a date bound as people type it: "2016", "2016-07", "2016-07-03", "7/3/2016", "July 2016", "3 July 2016".
 * A `from` bound is the first day of what it names, a `to` bound the last.
 *
 * Only explicit dates are read: the year must be written in four digits. Expressions relative to today
 * ("yesterday", "last week", "3 days ago", "now", "this year") are refused, and so is a date without a year
 * ("July 3"): read against the current date they would silently become dates of the year the bot runs in. A `from`
 * bound after `today` is refused too (nothing is reported from the future); a `to` bound after it only means "up to
 * now" and is taken as it is.
 */
export function parseDateBound(raw: string, edge: 'from' | 'to', today: Date = new Date()): DateBound {
  const text = raw.trim()
  const quoted = `"${text.slice(0, 40)}"`
  let iso = normaliseDate(text)
  if (!iso && text.length <= 40) {
    const r = chrono.parse(text, { instant: today, timezone: 0 })[0]
    if (r && r.text.trim().length >= text.length - 2) {
      const y = r.start.get('year')!
      // The year as the text writes it, not one chrono took from today.
      const explicitYear = r.start.isCertain('year') && new RegExp(`(^|\\D)${y}(\\D|$)`).test(text)
      const tags = [...(r.tags?.() ?? [])].join(' ')
      if (/relativeDate|casualReference/.test(tags) || RELATIVE_WORDS.test(text)) {
        return { ok: false, message: `${quoted} is not a date; ${DATE_EXAMPLE}` }
      }
      if (!explicitYear) return { ok: false, message: `${quoted} names no year (in four digits); ${DATE_EXAMPLE}` }
      const m = r.start.isCertain('month') ? r.start.get('month')! : undefined
      const d = m !== undefined && r.start.isCertain('day') ? r.start.get('day')! : undefined
      iso = formatIsoDate(y, m, d)
    }
  }
  const date = iso ? parseIsoDate(iso) : undefined
  if (!date || date.year < 1900 || date.year > 2100) {
    return { ok: false, message: `${quoted} is not a date I can read (try 2016, 2016-07 or 2016-07-03)` }
  }
  const span = isoDaySpan(iso!)!
  const bound = edge === 'from' ? span[0] : span[1]
  const now = formatIsoDate(today.getUTCFullYear(), today.getUTCMonth() + 1, today.getUTCDate())
  if (edge === 'from' && bound > now) {
    return {
      ok: false,
      message: `${quoted} is in the future (today is ${now}); use a date up to today, such as 2016, 2016-07 or 2016-07-03`,
    }
  }
  return { ok: true, iso: bound }
}

export interface ArticleFilter {
  /** undefined when nothing is filtered. */
  allows: ((articleIndex: number) => boolean) | undefined
  error: string
}

/** Builds the filter for a question's options; an unreadable option gives an error to show instead of answers. */
export function articleFilter(articles: Article[], options: AnswerOptions): ArticleFilter {
  const sources = (options.sources ?? [])
    .map((s) => s.trim())
    .filter(Boolean)
    .map(outletKey)
  let from: string | undefined
  let to: string | undefined
  if (options.from?.trim()) {
    const b = parseDateBound(options.from, 'from')
    if (!b.ok) return { allows: undefined, error: `from: ${b.message}` }
    from = b.iso
  }
  if (options.to?.trim()) {
    const b = parseDateBound(options.to, 'to')
    if (!b.ok) return { allows: undefined, error: `to: ${b.message}` }
    to = b.iso
  }
  if (from && to && from > to)
    return { allows: undefined, error: `the dates are the wrong way round (from ${from} is after to ${to})` }
  if (sources.length === 0 && !from && !to) return { allows: undefined, error: '' }
  const allowed = new Uint8Array(articles.length)
  articles.forEach((a, i) => {
    if (sources.length > 0 && !sources.includes(outletKey(a.source))) return
    if (from || to) {
      const span = isoDaySpan(a.date)
      if (!span) return
      if (from && span[1] < from) return
      if (to && span[0] > to) return
    }
    allowed[i] = 1
  })
  return { allows: (i) => allowed[i] === 1, error: '' }
}
