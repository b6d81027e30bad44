// An article's own date, read from the dateline at the top of its text. Datasets get dates wrong (FA-KES's `date`
// column is off for about a quarter of its articles, sometimes by years); the outlet's own stamp is right:
// "Published April 2 2017", "Date of publication 3 October 2017", "AFP Sunday 8 Oct 2017", "Last updated at Apr 232017"
// (a stripped space: 23 April 2017), "Thu Feb 5 2015", "24.08.2013", "07-07-2016", "Saturday 22 July 2016".

import { formatIsoDate, MONTH_NAME, monthNumber, parseIsoDate } from '../extract/dates.js'

/** How far into the body a dateline may start: after a repeated headline and an agency's name, not further. */
const DATELINE_WINDOW = 240

const MONTH = String.raw`(${MONTH_NAME})\.?`
const WEEKDAY = String.raw`(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|rsday|urday)?\.?,?\s+)?`
// A year may run straight into the next word ("21.08.2013Get short URL"), never into more digits.
const YEAR = String.raw`((?:19|20)\d{2})(?!\d)`
/** A clock time right after a date: "16:45", "0742 PM". */
const STAMP_TIME = String.raw`\s+(?:\d{1,2}:\d{2}|\d{3,4}\s*[ap]m)\b`
/** What may stand before a dateline: a label, an agency, the page's own words. */
const LEAD_IN = String.raw`(?:^|\b(?:published(?:\s+on)?|date\s+of\s+publication|print\s+this\s+page|(?:last\s+)?updated(?:\s+at|\s+on)?|posted(?:\s+on)?|AFP|AP|Reuters|SANA|Xinhua|dpa|UPI|Anadolu|TASS|IRNA)[\s:,-]+)`

/** Forms, each giving day, month and year from its groups; tried in order at each candidate place. */
const FORMS: Array<{ re: RegExp; read: (m: RegExpExecArray) => [number, number, number] | undefined }> = [
  // "3 October 2017", "Sunday 8 Oct 2017", "22 July 2016"
  {
    re: new RegExp(String.raw`${LEAD_IN}${WEEKDAY}(\d{1,2})\s+${MONTH},?\s+${YEAR}`, 'i'),
    read: (m) => [Number(m[1]), monthNumber(m[2]!), Number(m[3])],
  },
  // "April 2 2017", "Thu Feb 5 2015", "July 4, 2016"
  {
    re: new RegExp(String.raw`${LEAD_IN}${WEEKDAY}${MONTH}\s+(\d{1,2}),?\s+${YEAR}`, 'i'),
    read: (m) => [Number(m[2]), monthNumber(m[1]!), Number(m[3])],
  },
  // "Apr 232017": the space between day and year stripped by the scraper
  {
    re: new RegExp(String.raw`${LEAD_IN}${WEEKDAY}${MONTH}\s+(\d{1,2})((?:19|20)\d{2})(?!\d)`, 'i'),
    read: (m) => [Number(m[2]), monthNumber(m[1]!), Number(m[3])],
  },
  // "24.08.2013", "07-07-2016", "24/08/2013": day first (these outlets are not American)
  {
    re: new RegExp(String.raw`${LEAD_IN}${WEEKDAY}(\d{1,2})[./-](\d{1,2})[./-]${YEAR}`, 'i'),
    read: (m) => [Number(m[1]), Number(m[2]), Number(m[3])],
  },
  // Anywhere near the top, a date stamped with a time is the page's own stamp: "Security 31-08-2014 0742 PM".
  {
    re: new RegExp(String.raw`\b(\d{1,2})[./-](\d{1,2})[./-]${YEAR}${STAMP_TIME}`, 'i'),
    read: (m) => [Number(m[1]), Number(m[2]), Number(m[3])],
  },
  {
    re: new RegExp(String.raw`\b${WEEKDAY}(\d{1,2})\s+${MONTH},?\s+${YEAR}${STAMP_TIME}`, 'i'),
    read: (m) => [Number(m[1]), monthNumber(m[2]!), Number(m[3])],
  },
]

/**
 * The date (YYYY-MM-DD) of the dateline near the top of `body`, or undefined when it has none. A date inside the
 * story ("on 9 June 2014 the army…") is not a dateline: only one that opens the text, follows a label ("Published",
 * "Date of publication", "Last updated at") or an agency's name ("AP", "AFP"), or follows the article's own headline
 * repeated at the top, counts.
 */
export function datelineDate(body: string, title = ''): string | undefined {
  let top = body.slice(0, DATELINE_WINDOW).replace(/\s+/g, ' ').trimStart()
  // Some pages repeat the headline above the dateline.
  const headline = title.replace(/\s+/g, ' ').trim()
  if (headline.length > 10 && top.toLowerCase().startsWith(headline.toLowerCase().slice(0, 40))) {
    const at = top.toLowerCase().indexOf(headline.toLowerCase())
    if (at === 0) top = top.slice(headline.length).trimStart()
  }
  let best: { at: number; iso: string } | undefined
  for (const form of FORMS) {
    const m = form.re.exec(top)
    if (!m) continue
    const [day, month, year] = form.read(m) ?? []
    if (!day || !month || !year) continue
    const iso = formatIsoDate(year, month, day)
    // parseIsoDate refuses a day the month does not have (30 February).
    if (!parseIsoDate(iso)) continue
    if (!best || m.index < best.at) best = { at: m.index, iso }
  }
  return best?.iso
}
