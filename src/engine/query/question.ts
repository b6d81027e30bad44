// What a question typed as people type it says besides what it is about: the period it names ("feb 2015",
// "sept 11 2014", "late april 2014"), the outlet it cites ("sputnik said …", "according to al manar"), what it asks
// for (how many, when, who, where), and the chat words around it ("guys", "ppl", "anyone know"). Pure: the text in,
// the parts out. The search text keeps every other word where the user typed it (what is taken out is blanked), so
// that the words shown back to the user are theirs.

import * as chrono from 'chrono-node'
import { formatIsoDate, MONTH_NAME, monthNumber } from '../extract/dates.js'
import { outletKey, outletName } from '../text/outlets.js'

/** The period a question names, as inclusive ISO day bounds on the event. */
export interface DateWindow {
  from: string
  to: string
}

/** What a question asks for, read from its question words. */
export type Asked = 'casualties' | 'when' | 'who' | 'where'

export interface QuestionParts {
  /** The question without its dates, outlets and chat words (blanked or rewritten to the news word): what is searched. */
  searchText: string
  /** The period the question names, when it names one with a year. */
  window: DateWindow | undefined
  /** The words read as dates, as typed ("feb 2015", "late april 2014"). */
  dateWords: string[]
  /** Months named without a year ("mid sept"), 1–12, when there is no window: a preference for dates in them. */
  months: number[]
  /** Outlets the question cites, as keys (outletKey): a preference for their reports. */
  outlets: string[]
  /** What the question asks for; undefined when its words do not say. */
  asks: Asked | undefined
}

const MONTH = `(?:${MONTH_NAME})(?![a-z])\\.?`
const PART_OF_PERIOD = '(?:early|mid|late|end\\s+of|beginning\\s+of|start\\s+of|middle\\s+of|the\\s+end\\s+of)'
/** A month name with what sits around it: "late april", "mid-sept", "in march", "4-5 july". */
const MONTH_PHRASE_RE = new RegExp(
  `\\b(?:(?:in|during|on|of)\\s+)?(?:(?:${PART_OF_PERIOD})[\\s-]+)?(?:\\d{1,2}(?:st|nd|rd|th)?(?:\\s*[-–]\\s*\\d{1,2}(?:st|nd|rd|th)?)?\\s+(?:of\\s+)?)?${MONTH}(?:\\s+\\d{1,2}(?:st|nd|rd|th)?\\b)?`,
  'gi',
)
/** A month name that is also a common word is a date only next to a day, a year or a part of a period. */
const AMBIGUOUS_MONTH = /^(?:may|march|mar|jan|sat|sun)$/i
/** A bare year: 1990–2039, not a figure ("2000 people"). */
const YEAR_RE =
  /\b(?:(?:in|during|since|of|from|by|until)\s+)?(?:(?:early|mid|late|end\s+of|spring|summer|autumn|fall|winter)(?:\s+of)?[\s-]+)?((?:199|20[0-3])\d)\b(?!\s*(?:people|civilians|persons|dead|killed|fighters|soldiers|troops|children|kids|men|women|families|refugees|militants|rebels|members|residents|of\s+them))/gi
const NUMERIC_DATE_RE = /\b(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d{2})\b/g
/** Parts of a period: how a month narrows. */
const PART_DAYS: Array<[RegExp, number, number]> = [
  [/\b(?:early|beginning\s+of|start\s+of)\b/i, 1, 15],
  [/\b(?:mid|middle\s+of)\b/i, 10, 20],
  [/\b(?:late|end\s+of)\b/i, 16, 31],
]

/** Seasons of a year, as months (northern hemisphere; winter as its first two months). */
const SEASONS: Array<[RegExp, number, number]> = [
  [/\bspring\b/i, 3, 5],
  [/\bsummer\b/i, 6, 8],
  [/\b(?:autumn|fall)\b/i, 9, 11],
  [/\bwinter\b/i, 1, 2],
]

/** Chat words: greetings, asks for help, hedges. Blanked. */
const CHAT_RE = new RegExp(
  [
    '\\b(?:hey|hi|hello|yo)\\s+(?:guys|all|everyone|folks|bot)\\b',
    '\\b(?:guys|folks|pls|plz|please|thx|thanks|thank\\s+you|lol|btw|fyi|idk|iirc|afaik|tbh|imo|ty)\\b',
    '\\b(?:does\\s+)?(?:any\\s*(?:one|body)|some\\s*(?:one|body))\\s+(?:know|knows|remember|remembers|recall)s?\\b',
    "\\b(?:i\\s+(?:think|believe|heard|read|remember|recall)(?:\\s+that)?|i'?m\\s+(?:looking|trying)\\s+(?:for|to\\s+find))\\b",
    '\\b(?:can|could|would)\\s+(?:you|u|someone|anyone)\\s+(?:tell|show|find|give)(?:\\s+me)?\\b',
    '\\b(?:do|does)\\s+(?:you|u)\\s+know\\b',
    '\\bthe\\s+one\\s+(?:that|where|when|with|in\\s+which)\\b',
    '\\b(?:that|this|the)\\s+(?:thing|time|incident|event|story|one)\\s+(?:that|where|when)\\b',
    '\\bwhat\\s+(?:day|date|time|year|month)\\s+(?:was|were|did|is|it\\s+was)\\b',
    '\\b(?:what|which)\\s+(?:day|date)\\b',
    '\\b(?:date|day)\\s+of\\b',
    '\\bname\\s+of\\b',
    '\\bwhat\\s+was\\s+that\\b',
    '\\baccording\\s+to\\b',
    // Question words mistyped, and "got" of "got hit", "got executed".
    '\\b(?:wich|whch|wat|wen|whn|wher|hw|whos)\\b',
    '\\bgot(?:ten)?\\b',
    '\\b(?:total|overall)\\b(?=\\s+(?:killed|dead|deaths?|toll|casualties))',
  ].join('|'),
  'gi',
)

/** Chat spellings of news words: rewritten to the word the articles use. */
const SPELLINGS: Record<string, string> = {
  ppl: 'people',
  ppls: 'people',
  peeps: 'people',
  kids: 'children',
  kid: 'child',
  incl: 'including',
  approx: 'about',
  govt: 'government',
  gov: 'government',
  killd: 'killed',
  hapen: 'happen',
  hq: 'headquarters',
  civillians: 'civilians',
  civilans: 'civilians',
  casulties: 'casualties',
  casualities: 'casualties',
  massacare: 'massacre',
}

/** Verbs that say an outlet reported (after the outlet's name, or after "did … "). */
const REPORTING =
  '(?:said|says|say|reported|reports|report|claimed|claims|claim|wrote|write|writes|gave|give|put|quoted)'
/** Words after an outlet's name that make it part of the story ("a Reuters journalist"). */
const STAFF_RE =
  /^\s+(?:journalists?|reporters?|correspondents?|photographers?|cameram[ae]n|crews?|staff|offices?|bureaus?|teams?|employees?|drivers?|stringers?)\b/i
/** Outlet names of one to three words. */
const MAX_OUTLET_WORDS = 3

const ASKS: Array<[Asked, RegExp]> = [
  [
    'casualties',
    /\b(?:how\s+many|death\s+toll|toll|casualt(?:y|ies)|number\s+of\s+(?:dead|deaths|people|victims|civilians)|how\s+much\s+(?:dead|died))\b/i,
  ],
  ['when', /\b(?:when|what\s+(?:day|date|time|year|month)|which\s+(?:day|date|year|month)|date\s+of|since\s+when)\b/i],
  [
    'where',
    /\b(?:where|which\s+(?:town|city|village|district|neighbou?rhood|suburb|area|place|province|governorate|region|country|camp))\b/i,
  ],
  [
    'who',
    /\b(?:who|whom|whose|who'?s|wh?ich\s+(?:group|groups|side|faction|country|countries|rebel|army|militia|spokesman|official|operation|\w+\s+group))\b/i,
  ],
]

/** Reads a question: its dates, outlets, chat words and what it asks, and the text left to search. */
export function readQuestion(question: string): QuestionParts {
  // Work on a copy of the same length (offsets kept): what is taken out is blanked.
  let text = question
  const blank = (start: number, end: number) => {
    text = text.slice(0, start) + ' '.repeat(end - start) + text.slice(end)
  }

  const { window, spans } = readDates(text)
  const dateWords: string[] = []
  for (const [s, e] of spans) {
    dateWords.push(question.slice(s, e).trim())
    blank(s, e)
  }

  const outlets: string[] = []
  for (const [s, e, key] of findOutlets(text)) {
    if (!outlets.includes(key)) outlets.push(key)
    blank(s, e)
  }

  const asks = askedFor(question)

  text = text.replace(CHAT_RE, (m) => ' '.repeat(m.length))
  // A word on its own: not a letter of an abbreviation ("U.S.").
  text = text.replace(/(?<![\p{L}.])\p{L}+(?!\p{L}|\.\p{L})/gu, (w) => {
    const better = SPELLINGS[w.toLowerCase()]
    return better ?? w
  })
  const months = window ? [] : monthsNamed(dateWords.join(' '))
  return { searchText: text.replace(/\s+/g, ' ').trim(), window, dateWords, months, outlets, asks }
}

/** The months a text names, 1–12, each once. */
function monthsNamed(text: string): number[] {
  const out: number[] = []
  for (const m of text.matchAll(new RegExp(MONTH, 'gi'))) {
    const n = monthNumber(m[0])
    if (n && !out.includes(n)) out.push(n)
  }
  return out
}

/** What the question asks for: the first question word's kind, "how many" before "when" ("how many died when …"). */
export function askedFor(question: string): Asked | undefined {
  let best: { asks: Asked; at: number } | undefined
  for (const [asks, re] of ASKS) {
    const m = re.exec(question)
    if (!m) continue
    // "how many … when the army shelled" asks how many: a count word anywhere wins over a later "when".
    if (asks === 'casualties') return asks
    if (!best || m.index < best.at) best = { asks, at: m.index }
  }
  return best?.asks
}

// ---------------------------------------------------------------------------------------------------------------
// Dates

interface DatesRead {
  window: DateWindow | undefined
  /** Spans of the text that are dates, to take out of the search. */
  spans: Array<[number, number]>
}

const REFERENCE = new Date(Date.UTC(2100, 0, 1))

/** The Muslim holy days people date events by, with their year: the month of Ramadan and the two Eids. */
const HOLY_DAYS_RE =
  /\b(ramadan|ramadhan|eid(?:\s+|-)al(?:\s+|-)?fitr|eid(?:\s+|-)al(?:\s+|-)?adha)\s+(?:of\s+)?(20\d\d)\b/gi

function holyDayKey(name: string): 'ramadan' | 'fitr' | 'adha' {
  const n = name.toLowerCase()
  return n.startsWith('ram') ? 'ramadan' : n.includes('fitr') ? 'fitr' : 'adha'
}

/** First and last day (as observed in Syria, give or take a day) by year. */
const HOLY_DAYS: Record<'ramadan' | 'fitr' | 'adha', Record<number, [string, string]>> = {
  ramadan: {
    2011: ['2011-08-01', '2011-08-29'],
    2012: ['2012-07-20', '2012-08-18'],
    2013: ['2013-07-09', '2013-08-07'],
    2014: ['2014-06-28', '2014-07-27'],
    2015: ['2015-06-18', '2015-07-16'],
    2016: ['2016-06-06', '2016-07-05'],
    2017: ['2017-05-27', '2017-06-24'],
    2018: ['2018-05-16', '2018-06-14'],
    2019: ['2019-05-06', '2019-06-03'],
  },
  fitr: {
    2011: ['2011-08-30', '2011-09-01'],
    2012: ['2012-08-19', '2012-08-21'],
    2013: ['2013-08-08', '2013-08-10'],
    2014: ['2014-07-28', '2014-07-30'],
    2015: ['2015-07-17', '2015-07-19'],
    2016: ['2016-07-06', '2016-07-08'],
    2017: ['2017-06-25', '2017-06-27'],
    2018: ['2018-06-15', '2018-06-17'],
    2019: ['2019-06-04', '2019-06-06'],
  },
  adha: {
    2011: ['2011-11-06', '2011-11-09'],
    2012: ['2012-10-26', '2012-10-29'],
    2013: ['2013-10-15', '2013-10-18'],
    2014: ['2014-10-04', '2014-10-07'],
    2015: ['2015-09-24', '2015-09-27'],
    2016: ['2016-09-12', '2016-09-15'],
    2017: ['2017-09-01', '2017-09-04'],
    2018: ['2018-08-21', '2018-08-24'],
    2019: ['2019-08-11', '2019-08-14'],
  },
}

/**
 * The dates a question names. chrono reads the ones with a month; a bare year ("in 2013", "2016") and a month
 * without a year ("mid sept") are read here. Only a date with a year in four digits gives a window (a month alone
 * would be guessed against today); every date's words are taken out of the search all the same.
 */
export function readDates(text: string): DatesRead {
  const spans: Array<[number, number]> = []
  const windows: DateWindow[] = []
  const taken = new Uint8Array(text.length)
  const take = (s: number, e: number) => {
    spans.push([s, e])
    taken.fill(1, s, e)
  }
  const free = (s: number, e: number) => !taken.subarray(s, e).some((x) => x === 1)

  // chrono only when there is a month or a numeric date to read (the rest it would find is skipped below).
  const dated = new RegExp(`\\b${MONTH}|\\d{1,2}[/.]\\d{1,2}`, 'i').test(text)
  const parsed = dated ? chrono.casual.parse(text, { instant: REFERENCE, timezone: 0 }, { forwardDate: false }) : []
  for (const r of parsed) {
    const year = r.start.get('year')
    const yearTyped = year !== null && new RegExp(`(^|\\D)${year}(\\D|$)`).test(r.text)
    const hasMonth = new RegExp(`\\b${MONTH}`, 'i').test(r.text) || /\d{1,2}[/.]\d{1,2}/.test(r.text)
    if (!hasMonth) continue // "friday" alone, "tonight": not a period, and often meaningful ("friday prayers")
    const month = /^\s*(may|march)\s*$/i.exec(r.text)
    if (month) continue
    let s = r.index
    const e = r.index + r.text.length
    // The part of the period typed before it: "late april 2014", "mid-sept 2014".
    const before = new RegExp(`(${PART_OF_PERIOD})[\\s-]+$`, 'i').exec(text.slice(Math.max(0, s - 20), s))
    if (before) s -= before[0].length
    if (!free(s, e)) continue
    take(s, e)
    if (!yearTyped || year === null) continue
    const m = r.start.get('month')!
    const certainDay = r.start.isCertain('day') && !/end\s+of/i.test(text.slice(s, e))
    if (certainDay) {
      const from = formatIsoDate(year, m, r.start.get('day')!)
      const end = r.end
      const to = end ? formatIsoDate(end.get('year')!, end.get('month')!, end.get('day')!) : from
      windows.push({ from, to: to < from ? from : to })
    } else {
      const w = monthWindow(year, m, text.slice(s, e))
      // A range of months ("june 2014 to aug 2014") ends with its last month.
      const end = r.end
      const to = end?.get('year') && end.get('month') ? monthWindow(end.get('year')!, end.get('month')!, '').to : w.to
      windows.push({ from: w.from, to: to < w.from ? w.to : to })
    }
  }

  for (const m of text.matchAll(MONTH_PHRASE_RE)) {
    const s = m.index
    const e = s + m[0].length
    if (!free(s, e)) continue
    // "may", "march" alone are words: a date only after "in" or with a day or a part of a period ("early march").
    if (AMBIGUOUS_MONTH.test(m[0].trim())) continue
    take(s, e)
  }

  for (const m of text.matchAll(NUMERIC_DATE_RE)) {
    const s = m.index
    const e = s + m[0].length
    if (!free(s, e)) continue
    take(s, e)
  }

  // Holy days of the year named: "during ramadan 2016", "eid al-adha 2015".
  for (const m of text.matchAll(HOLY_DAYS_RE)) {
    const s = m.index
    const e = s + m[0].length
    const days = HOLY_DAYS[holyDayKey(m[1]!)]?.[Number(m[2])]
    if (!days || !free(s, e)) continue
    take(s, e)
    windows.push({ from: days[0], to: days[1] })
  }

  for (const m of text.matchAll(YEAR_RE)) {
    const s = m.index
    const e = s + m[0].length
    if (!free(s + m[0].length - m[1]!.length, e)) continue
    take(s, e)
    const year = Number(m[1])
    const season = SEASONS.find(([re]) => re.test(m[0]))
    const part = PART_DAYS.find(([re]) => re.test(m[0]))
    if (season) windows.push({ from: formatIsoDate(year, season[1], 1), to: monthWindow(year, season[2], '').to })
    else if (part) {
      const [, first] = part
      windows.push(
        first === 1
          ? { from: formatIsoDate(year, 1, 1), to: formatIsoDate(year, 4, 30) }
          : first === 10
            ? { from: formatIsoDate(year, 5, 1), to: formatIsoDate(year, 8, 31) }
            : { from: formatIsoDate(year, 9, 1), to: formatIsoDate(year, 12, 31) },
      )
    } else windows.push({ from: formatIsoDate(year, 1, 1), to: formatIsoDate(year, 12, 31) })
  }

  spans.sort((x, y) => x[0] - y[0])
  return { window: union(windows), spans }
}

/** A month's days, narrowed by the part of it the text names ("late april": 16–30 April). */
function monthWindow(year: number, month: number, words: string): DateWindow {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  const part = PART_DAYS.find(([re]) => re.test(words))
  const from = part ? part[1] : 1
  const to = part ? Math.min(part[2], last) : last
  return { from: formatIsoDate(year, month, from), to: formatIsoDate(year, month, to) }
}

/** One window over every period named: from the first to the last. */
function union(windows: DateWindow[]): DateWindow | undefined {
  if (windows.length === 0) return undefined
  return {
    from: windows.reduce((m, w) => (w.from < m ? w.from : m), windows[0]!.from),
    to: windows.reduce((m, w) => (w.to > m ? w.to : m), windows[0]!.to),
  }
}

/** Days between two ISO days (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000)
}

/** An ISO day moved by `days`. */
export function shiftDay(iso: string, days: number): string {
  const d = new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000)
  return formatIsoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate())
}

// ---------------------------------------------------------------------------------------------------------------
// Outlets

/** A known outlet: its name typed in lower case gives its display name (every display name is capitalised). */
function knownOutlet(words: string): string | undefined {
  const lower = words.toLowerCase()
  if (!/[a-z]/.test(lower)) return undefined
  const name = outletName(lower)
  return name !== lower ? outletKey(name) : undefined
}

/**
 * Outlets named in a question, with the words that say so: "sputnik said", "what did SANA report", "according to
 * al manar", "(reuters)". The outlet's name and a reporting verb right after it are taken out.
 */
function findOutlets(text: string): Array<[number, number, string]> {
  const words = [...text.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu)].map((m) => ({
    text: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }))
  const found: Array<[number, number, string]> = []
  for (let i = 0; i < words.length; i++) {
    for (let n = Math.min(MAX_OUTLET_WORDS, words.length - i); n >= 1; n--) {
      const run = words.slice(i, i + n)
      // Words of one name: separated by spaces or hyphens only.
      const gaps = run.slice(1).map((w, k) => text.slice(run[k]!.end, w.start))
      if (gaps.some((g) => !/^[\s-]+$/.test(g))) continue
      const key = knownOutlet(run.map((w) => w.text).join(' '))
      if (!key) continue
      // "the Reuters photographer": the outlet is part of the story, not who told it.
      if (STAFF_RE.test(text.slice(run[n - 1]!.end))) break
      // "the" before a name is part of it ("the BBC").
      let start = run[0]!.start
      const the = /\bthe\s+$/i.exec(text.slice(Math.max(0, start - 4), start))
      if (the) start -= the[0].length
      let end = run[n - 1]!.end
      const verb = new RegExp(`^(?:'s)?\\s+${REPORTING}\\b`, 'i').exec(text.slice(end))
      if (verb) end += verb[0].length
      found.push([start, end, key])
      i += n - 1
      break
    }
  }
  return found
}
