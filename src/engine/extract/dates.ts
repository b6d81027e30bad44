// Dates in a passage, resolved against the article's date with chrono-node, and never after it when the text
// leaves that open: news reports the past, so "on Monday" in an article of Tuesday 2017-07-04 is 2017-07-03 and
// "since November" in an article of October 2016 is November 2015. The precision the text gives is kept:
// "in June" is 2017-06, "last week" is the week of a Monday, never an invented day.

import * as chrono from 'chrono-node'
import type { DateMention, DatePrecision } from '../types.js'
import { splitSentences, type Span } from '../text/sentences.js'

export interface PartialDate {
  year: number
  month?: number
  day?: number
  precision: 'day' | 'month' | 'year'
}

/** Reads "YYYY-MM-DD", "YYYY-MM" or "YYYY"; undefined for anything else (including ""). */
export function parseIsoDate(iso: string): PartialDate | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(iso.trim())
  if (!m) return undefined
  const year = Number(m[1])
  if (!m[2]) return { year, precision: 'year' }
  const month = Number(m[2])
  if (month < 1 || month > 12) return undefined
  if (!m[3]) return { year, month, precision: 'month' }
  const day = Number(m[3])
  const probe = new Date(Date.UTC(year, month - 1, day))
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return undefined
  return { year, month, day, precision: 'day' }
}

/** A month's name or abbreviation as outlets and people write it ("Sept", "June", "apr"), for regular expressions. */
export const MONTH_NAME =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?'

const MONTH_PREFIXES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

/** The month (1–12) a name or abbreviation matched by MONTH_NAME stands for; 0 for anything else. */
export function monthNumber(name: string): number {
  return MONTH_PREFIXES.indexOf(name.slice(0, 3).toLowerCase()) + 1
}

export function formatIsoDate(year: number, month?: number, day?: number): string {
  const y = String(year).padStart(4, '0')
  if (month === undefined) return y
  const m = String(month).padStart(2, '0')
  if (day === undefined) return `${y}-${m}`
  return `${y}-${m}-${String(day).padStart(2, '0')}`
}

/** The first and last day (YYYY-MM-DD) a date of any precision covers ("2017-07": 1 to 31 July); undefined when it is none. */
export function isoDaySpan(iso: string): [string, string] | undefined {
  const d = parseIsoDate(iso)
  if (!d) return undefined
  if (d.precision === 'day') return [iso, iso]
  const month = d.month ?? 12
  const lastDay = new Date(Date.UTC(d.year, month, 0)).getUTCDate()
  return [formatIsoDate(d.year, d.month ?? 1, 1), formatIsoDate(d.year, month, lastDay)]
}

/** Days since 1970 of a day (YYYY-MM-DD): days apart by subtraction. */
export function dayNumber(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS
}

// Bare years ("in 2014", "since 2011") are dates in news text; chrono leaves them alone.
const YEAR_PHRASE_RE =
  /\b(?:in|since|during|throughout|until|till|by|from|early|late|mid-?|before|after|summer|winter|spring|autumn|fall)\s+((?:19|20)\d{2})\b(?![,.]?\d)/i

const parser = chrono.casual.clone()
parser.parsers.push({
  pattern: () => YEAR_PHRASE_RE,
  extract: (_context, match) => ({ year: Number(match[1]) }),
})

const MONTH_OR_NUMERIC_DATE_RE =
  /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b|\b\d{1,2}[/.-]\d{1,2}\b/i
const EXPLICIT_YEAR_RE = /\b(?:19|20)\d{2}\b/
const WEEK_RE = /\bweeks?\b/i
const NOT_A_DATE_RE = /^(?:now|currently|present|the present|right now)$/i

/** Characters from the top of an article within which a date is its dateline ("Sun 16 Apr 2017 …"). */
export const DATELINE_CHARS = 60

const TIME_OF_DAY_RE = /\b(?:the\s+)?(?:early\s+|late\s+)?(?:morning|evening|night|afternoon|dawn|dusk)\s+of\b/gi

/**
 * chrono reads the number after a date as its year or hour: "On 16 April, 13 people" (2013), "28 October 2016 13
 * citizens" (1 pm). Such a number belongs to the text after the date: the date is read again without it.
 */
interface Found {
  index: number
  text: string
  start: chrono.ParsedComponents
}

function withoutTrailingNumber(r: Found, text: string, ref: Date): Found {
  // Only after a comma, a year or a weekday: after a month name the number is the day ("June 6").
  const m = /^(.*?)(?:,\s*|(?<=\b(?:19|20)\d{2}|day)\s+)\d{1,3}$/i.exec(r.text)
  if (!m || !m[1]) return r
  const again = parser.parse(
    text.slice(r.index, r.index + m[1].length),
    { instant: ref, timezone: 0 },
    { forwardDate: false },
  )[0]
  if (!again || again.index !== 0) return r
  return { index: r.index, text: again.text, start: again.start }
}

/** "in the past 24 hours", "over the last five days": a stretch of time up to the article's date. */
const UP_TO_NOW_RE = /\b(?:last|past|previous)\s+(?:\S+\s+)?(?:hours?|days)\b/i

export interface DateOptions {
  /** Mentions that start before this offset in the passage are the article's dateline. */
  datelineBefore?: number
  /** The first sentence of the body: a full date with its year there is the dateline too ("… AFP Sunday 26 Nov 2017"). */
  lead?: boolean
}

/**
 * Date mentions of one passage.
 * @param article the article's own date (reference for relative dates), undefined when unknown
 */
/** A weekday with the possessive "s" whose apostrophe is gone, before a lower-case word: "Wednesdays strike". */
const WEEKDAY_POSSESSIVE_RE = /\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)s(?=\s+[a-z])/g

/** Words of saying just before a date: "said Friday", "reported on Monday", "told AFP on Sunday". */
const SAID_BEFORE_RE =
  /\b(?:said|says|say|reported|reports|announced|announces|added|stated|confirmed|told(?:\s+[A-Z][\w.]*){1,3})\s+(?:on\s+)?$/

/**
 * Words of a plan just before a date: "the truce is to start on Monday", "talks will resume on Friday", "a vote
 * scheduled for Tuesday", "a deal that would establish a cease-fire starting on Monday". That day had not come when
 * the article was written: not a day of what happened (and read with the past bias it would be the week before).
 */
const PLANNED_BEFORE_RE =
  /\b(?:(?:will|shall)(?:\s+\w+){1,3}?|to\s+(?:start|begin|take\s+effect|come\s+into\s+(?:force|effect)|go\s+into\s+effect|resume)(?:\s+\w+){0,3}?|(?:scheduled|slated|set|due|planned)(?:\s+(?:for|on))?|\b(?:will|would|shall|to)\b[^.;]{0,60}?\b(?:starting|beginning|effective)(?:\s+(?:on|from))?)\s*$/i

/** A weekday and nothing else that places it: "Monday", "on Monday", "last Monday". */
const WEEKDAY_ONLY_RE = /^(?:on\s+)?(?:last\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day$/i

export function extractDates(text: string, article: PartialDate | undefined, options: DateOptions = {}): DateMention[] {
  const ref = referenceOf(article)
  // "on the evening of 16 April": chrono reads the time of day and loses the date; blanking the words keeps offsets.
  const blanked = text
    .replace(TIME_OF_DAY_RE, (m) => ' '.repeat(m.length))
    // "Wednesdays strike" (an apostrophe the corpus stripped): the day, its "s" blanked so offsets stay.
    .replace(WEEKDAY_POSSESSIVE_RE, (_m, day: string) => `${day} `)
  const results = parser.parse(blanked, { instant: ref, timezone: 0 }, { forwardDate: false })
  const mentions: DateMention[] = []
  for (const found of results) {
    const r = withoutTrailingNumber(found, blanked, ref)
    const c = r.start
    const phrase = r.text.replace(/[\s,.;:]+$/, '')
    if (NOT_A_DATE_RE.test(phrase.trim())) continue
    // "10 warnings in five minutes", "within hours": a stretch of time, not a day.
    if (/^(?:in|within)\s+(?:\S+\s+)?(?:seconds?|minutes?|hours?)$/i.test(phrase.trim())) continue
    // "an aggressive march on Iraq", "it may": a month written in lower case with nothing else is a noun or a verb.
    if (/^(?:(?:in|on|by|of|since|until)\s+)?(?:march|may)$/.test(phrase.trim())) continue
    const absolute = MONTH_OR_NUMERIC_DATE_RE.test(phrase) || EXPLICIT_YEAR_RE.test(phrase)
    const explicitYear = EXPLICIT_YEAR_RE.test(phrase)
    const dateline =
      absolute &&
      (r.index < (options.datelineBefore ?? 0) || (options.lead === true && explicitYear && c.isCertain('day')))
    if (UP_TO_NOW_RE.test(phrase)) {
      // Up to the article's date: that day is the date to give.
      if (article?.precision === 'day') {
        mentions.push({
          date: formatIsoDate(article.year, article.month, article.day),
          precision: 'day',
          text: phrase,
          start: r.index,
          dateline: false,
        })
      }
      continue
    }
    // "the monitor said Friday": the day it was said, not the day of the event.
    // ("said Wednesdays strike …" names the day of the strike.)
    const possessive = /^s\s+[a-z]/.test(text.slice(r.index + phrase.length, r.index + phrase.length + 3))
    if (!absolute && !possessive && SAID_BEFORE_RE.test(blanked.slice(Math.max(0, r.index - 40), r.index))) continue
    if (PLANNED_BEFORE_RE.test(blanked.slice(Math.max(0, r.index - 60), r.index))) continue
    let precision: DatePrecision
    if (WEEK_RE.test(phrase) && !c.isCertain('day')) precision = 'week'
    else if (WEEK_RE.test(phrase) && !absolute) precision = 'week'
    else if (c.isCertain('day') || c.isCertain('weekday')) precision = 'day'
    else if (c.isCertain('month')) precision = 'month'
    else if (c.isCertain('year')) precision = 'year'
    else continue

    // Without a reference day, only what the text itself dates can be placed.
    if (!article && !explicitYear) continue
    // "on Monday" in an article dated only to its month: the day cannot be placed, the month can (the article's).
    if (article?.precision === 'month' && !absolute && WEEKDAY_ONLY_RE.test(phrase) && !c.isCertain('day')) {
      mentions.push({
        date: formatIsoDate(article.year, article.month),
        precision: 'month',
        text: phrase,
        start: r.index,
        dateline: false,
      })
      continue
    }
    if (article && article.precision !== 'day' && !absolute) continue
    if (article?.precision === 'year' && !explicitYear && precision !== 'year') continue

    let year = c.get('year')!
    let month = c.get('month')!
    let day = c.get('day')!
    let utc = Date.UTC(year, month - 1, day)
    if (article && !explicitYear) {
      const limit = endOf(article)
      if (utc > limit) {
        if (c.isCertain('weekday') && !c.isCertain('day'))
          utc -= 7 * DAY_MS // "on Monday" of the week before
        else if (c.isCertain('month') && !c.isCertain('year'))
          utc = Date.UTC(year - 1, month - 1, day) // "in November" of the year before
        else continue // "tomorrow", "next week": not a report of what happened
        if (utc > limit) continue
      }
    }
    const d = new Date(utc)
    year = d.getUTCFullYear()
    month = d.getUTCMonth() + 1
    day = d.getUTCDate()
    let date: string
    if (precision === 'week') {
      const monday = new Date(utc - ((d.getUTCDay() + 6) % 7) * DAY_MS)
      date = formatIsoDate(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate())
    } else if (precision === 'day') date = formatIsoDate(year, month, day)
    else if (precision === 'month') date = formatIsoDate(year, month)
    else date = formatIsoDate(year)
    mentions.push({ date, precision, text: phrase, start: r.index, dateline })
  }
  return [...mentions, ...daysAfterMentions(text, article, mentions, options)].sort((a, b) => a.start - b.start)
}

/** "a day after its ambassador was gunned down", "two days after the attack": what follows is that many days earlier. */
const DAYS_AFTER_RE = /\b(a|one|the|two|three)\s+days?\s+after\b/gi
const DAYS_AFTER_COUNT: Record<string, number> = { a: 1, one: 1, the: 1, two: 2, three: 3 }
/** "a day after it was announced that …", "a day after reports of …": the day of the news, not of the event. */
const NEWS_AFTER_RE =
  /^\s+(?:it\s+was\s+|he\s+|she\s+|they\s+)?(?:announced|reported|said|revealed|confirmed|claimed|reports?\s+(?:that|of)|news\s+(?:that|of))\b/i

/**
 * The day of the event named after "a day after": the sentence's own day minus the days said. That day is the date
 * the sentence gives before these words ("on Tuesday, a day after rebels shelled the city"), or, in an article's
 * first sentence that gives none at all, the article's date ("Russia warned … a day after its ambassador was gunned
 * down", in a report of the next day). Elsewhere the sentence's day is not known, and nothing is said.
 */
function daysAfterMentions(
  text: string,
  article: PartialDate | undefined,
  found: DateMention[],
  options: DateOptions,
): DateMention[] {
  const out: DateMention[] = []
  /** The passage's sentences, split only when it holds "a day after". */
  let sentences: Span[] | undefined
  for (const m of text.matchAll(DAYS_AFTER_RE)) {
    const at = m.index
    // chrono read "a day after Monday" itself: that is the day after, and the event is Monday's.
    if (found.some((d) => d.start <= at && at < d.start + d.text.length)) continue
    if (NEWS_AFTER_RE.test(text.slice(at + m[0].length, at + m[0].length + 40))) continue
    const sentence = (sentences ??= splitSentences(text)).find((s) => s.start <= at && at < s.end) ?? {
      start: 0,
      end: text.length,
    }
    const inSentence = found.filter((d) => !d.dateline && d.start >= sentence.start && d.start < sentence.end)
    const before = inSentence.filter((d) => d.start < at && d.precision === 'day').at(-1)
    let anchor: string | undefined
    if (before) anchor = before.date
    else if (options.lead && inSentence.length === 0 && article?.precision === 'day')
      anchor = formatIsoDate(article.year, article.month, article.day)
    if (anchor === undefined) continue
    const d = new Date((dayNumber(anchor) - DAYS_AFTER_COUNT[m[1]!.toLowerCase()]!) * DAY_MS)
    out.push({
      date: formatIsoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()),
      precision: 'day',
      text: m[0],
      start: at,
      dateline: false,
    })
  }
  return out
}

const DAY_MS = 86_400_000

function referenceOf(article: PartialDate | undefined): Date {
  if (!article) return new Date(Date.UTC(2000, 0, 1, 12))
  if (article.precision === 'day') return new Date(Date.UTC(article.year, article.month! - 1, article.day, 12))
  // Month or year only: the middle of what is known; only absolute mentions are kept then.
  return new Date(Date.UTC(article.year, (article.month ?? 7) - 1, 15, 12))
}

/** The last instant the article's date allows. */
function endOf(article: PartialDate): number {
  if (article.precision === 'day') return Date.UTC(article.year, article.month! - 1, article.day)
  if (article.precision === 'month') return Date.UTC(article.year, article.month, 0)
  return Date.UTC(article.year, 11, 31)
}
