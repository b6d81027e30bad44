// How far the dates a dataset lists are from the articles' own datelines: the loader dates an article by its dateline
// and keeps the listed date beside it (`listedDate`); `corpus list` says how often, and how far, the two disagree.

import type { Article } from '../types.js'
import { dayNumber, isoDaySpan } from '../extract/dates.js'

/** The days an ISO date covers, as [first, last] in days since 1970 ("2017-07" is the whole of July). */
function daySpan(iso: string): [number, number] | undefined {
  const span = isoDaySpan(iso)
  return span && [dayNumber(span[0]), dayNumber(span[1])]
}

/**
 * Days between two ISO dates of any precision: 0 when one lies within the other ("2017-07" and "2017-07-04"),
 * otherwise the days between the nearer ends. Undefined when either is not a date.
 */
export function daysApart(a: string, b: string): number | undefined {
  const x = daySpan(a)
  const y = daySpan(b)
  if (!x || !y) return undefined
  return Math.max(0, x[0] - y[1], y[0] - x[1])
}

export interface DateDisagreement {
  /** Articles whose dateline is more than `minDays` from the date listed for them. */
  count: number
  /** Articles looked at. */
  total: number
  /** Median and largest distance, in days, over the disagreeing articles (0 when there are none). */
  medianDays: number
  maxDays: number
}

/** How many articles carry a dateline more than `minDays` days from their listed date, and how far. */
export function listedDateDisagreement(
  articles: ReadonlyArray<Pick<Article, 'date' | 'listedDate'>>,
  minDays = 3,
): DateDisagreement {
  const gaps: number[] = []
  for (const a of articles) {
    if (!a.listedDate) continue
    const days = daysApart(a.date, a.listedDate)
    if (days !== undefined && days > minDays) gaps.push(days)
  }
  gaps.sort((x, y) => x - y)
  const mid = gaps.length >> 1
  const medianDays =
    gaps.length === 0 ? 0 : gaps.length % 2 ? gaps[mid]! : Math.round((gaps[mid - 1]! + gaps[mid]!) / 2)
  return { count: gaps.length, total: articles.length, medianDays, maxDays: gaps[gaps.length - 1] ?? 0 }
}

/** "41 days", "5 months", "6 years": a span of days in the unit that reads best. */
export function formatDays(days: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`
  if (days < 60) return plural(days, 'day')
  if (days < 548) return plural(Math.round(days / 30.44), 'month')
  return plural(Math.round(days / 365.25), 'year')
}

/**
 * "188 of 792 articles: the text's dateline differs from the date listed by more than 3 days (median 41 days, up to
 * 6 years); the dateline is used", or undefined when no article's dateline disagrees.
 */
export function describeDateDisagreement(d: DateDisagreement, minDays = 3): string | undefined {
  if (d.count === 0) return undefined
  const spread =
    d.count === 1 ? formatDays(d.maxDays) : `median ${formatDays(d.medianDays)}, up to ${formatDays(d.maxDays)}`
  return `${d.count} of ${d.total} article${d.total === 1 ? '' : 's'}: the text's dateline differs from the date listed by more than ${minDays} days (${spread}); the dateline is used`
}
