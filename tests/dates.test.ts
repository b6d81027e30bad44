import { describe, expect, it } from 'vitest'
import {
  DATELINE_CHARS,
  extractDates,
  formatIsoDate,
  parseIsoDate,
  type DateOptions,
} from '../src/engine/extract/dates.js'
import type { DateMention } from '../src/engine/types.js'

/** Date mentions of `text` in an article dated `articleDate` ("" for unknown). */
function dates(text: string, articleDate: string, options?: DateOptions): DateMention[] {
  const ref = articleDate === '' ? undefined : parseIsoDate(articleDate)
  if (articleDate !== '') expect(ref, `article date ${articleDate}`).toBeDefined()
  return extractDates(text, ref, options)
}

function onlyDate(text: string, articleDate: string): Pick<DateMention, 'date' | 'precision'> {
  const found = dates(text, articleDate)
  expect(found, text).toHaveLength(1)
  return { date: found[0]!.date, precision: found[0]!.precision }
}

describe('extractDates, relative to the article date', () => {
  // 2017-07-04 is a Tuesday.
  const TUESDAY = '2017-07-04'

  it('the day something was said is not the day it happened: "said Friday" is skipped, "on Thursday" read', () => {
    const found = dates(
      'Six were killed, a monitoring group said Friday. The blast struck the dining area on Thursday, the monitor told AFP on Friday.',
      '2013-08-23',
    )
    expect(found.map((d) => d.date)).toEqual(['2013-08-22'])
  })

  it('reads a weekday whose possessive apostrophe the corpus stripped: "Wednesdays strike"', () => {
    expect(onlyDate('The Observatory said Wednesdays strike destroyed a building.', '2014-09-05')).toEqual({
      date: '2014-09-03',
      precision: 'day',
    })
  })

  it('"on Monday" in an article of Tuesday 2017-07-04 is the day before', () => {
    expect(onlyDate('Russian jets struck Idlib on Monday.', TUESDAY)).toEqual({ date: '2017-07-03', precision: 'day' })
  })

  it('"since November" in an article of July 2017 is November 2016', () => {
    expect(onlyDate('The forces have been advancing on the city since November.', TUESDAY)).toEqual({
      date: '2016-11',
      precision: 'month',
    })
  })

  it('"on 6 June" is that day of the article year', () => {
    expect(onlyDate('They launched an offensive to take it on 6 June.', TUESDAY)).toEqual({
      date: '2017-06-06',
      precision: 'day',
    })
  })

  it('"in June" is the month, not an invented day', () => {
    expect(onlyDate('At least 173 were killed in June.', TUESDAY)).toEqual({ date: '2017-06', precision: 'month' })
  })

  it('"in 2014" is the year', () => {
    const [d] = dates('IS seized Raqqa in 2014, proclaiming it the capital.', TUESDAY)
    expect(d).toMatchObject({ date: '2014', precision: 'year' })
    expect(d!.text).toContain('2014')
  })

  it('"last week" is a week, given by its Monday', () => {
    const d = onlyDate('Last week, the SDF said its fighters had fully encircled IS in Raqqa.', TUESDAY)
    expect(d.precision).toBe('week')
    const day = new Date(`${d.date}T00:00:00Z`)
    expect(day.getUTCDay()).toBe(1)
    expect(d.date).toBe('2017-06-26')
  })

  it('a weekday is never after the article: "on Monday" in an article of Saturday 2016-12-31 is 2016-12-26', () => {
    expect(onlyDate('The attack happened on Monday.', '2016-12-31')).toEqual({ date: '2016-12-26', precision: 'day' })
  })

  it('a month is never after the article: "in January" in an article of 2016-12-31 is January 2016', () => {
    expect(onlyDate('Government forces took the town in January.', '2016-12-31')).toEqual({
      date: '2016-01',
      precision: 'month',
    })
  })

  it('"tomorrow" and "next week" are not dates of what happened', () => {
    expect(dates('Talks resume tomorrow in Geneva.', TUESDAY)).toEqual([])
    expect(dates('Talks resume next week in Geneva.', TUESDAY)).toEqual([])
  })

  it('a day planned is not a day of what happened: "to start on Monday", "will resume on Friday", "scheduled for"', () => {
    // 2016-09-09 is a Friday: read with the past bias, "Monday" would be the 5th, before the truce was even agreed.
    for (const text of [
      'After the ceasefire deal announced to start on Monday, a regime air strike in Idlib city killed 30.',
      'Talks will resume on Friday in Geneva.',
      'A vote is scheduled for Tuesday.',
      'The truce is due to begin at sunset on 12 September.',
      'The United States and Russia announced a deal that would establish a nationwide cease-fire starting on Monday.',
    ])
      expect(dates(text, '2016-09-09'), text).toEqual([])
    expect(onlyDate('The ceasefire took effect on Monday.', '2016-09-13')).toEqual({
      date: '2016-09-12',
      precision: 'day',
    })
  })

  it('"after issuing 10 warnings in five minutes" is no date', () => {
    expect(
      dates('After issuing 10 warnings in five minutes, two F-16s shot down a Russian warplane.', '2015-11-24'),
    ).toEqual([])
  })

  it('"an aggressive march on Iraq" is no month; "in March" is', () => {
    expect(dates('ISIS started an aggressive march on Iraq.', '2014-08-26')).toEqual([])
    expect(onlyDate('The offensive began in March.', '2014-08-26')).toEqual({ date: '2014-03', precision: 'month' })
  })

  it('"in the past 24 hours" is the article day', () => {
    expect(onlyDate('At least 20 people were killed in the past 24 hours.', TUESDAY)).toEqual({
      date: TUESDAY,
      precision: 'day',
    })
  })

  it('with an article date of month precision a bare weekday is the article month, and "June 6" is a day', () => {
    // The day cannot be placed (which Monday of July?), the month can: /when shows "Monday, in July 2017".
    expect(dates('The fighting started Monday.', '2017-07')).toEqual([
      { date: '2017-07', precision: 'month', text: 'Monday', start: 21, dateline: false },
    ])
    expect(dates('The strike came on Monday.', '2017-07').map((d) => [d.date, d.precision, d.text])).toEqual([
      ['2017-07', 'month', 'on Monday'],
    ])
    expect(dates('It began last Thursday.', '2017-07').map((d) => [d.date, d.precision, d.text])).toEqual([
      ['2017-07', 'month', 'last Thursday'],
    ])
    // The Fox News seed: the weekday after the militants, before who said it.
    const fox =
      'Syrian Democratic Forces breached the Old City of Raqqa after overcoming heavy push back from Islamic State militants Monday, U.S.-led coalition officials said.'
    expect(dates(fox, '2017-07').map((d) => [d.date, d.precision, d.text])).toEqual([['2017-07', 'month', 'Monday']])
    // The day it was said, a day to come, or an article dated only to its year: still nothing.
    expect(dates('Officials said Monday that it was over.', '2017-07')).toEqual([])
    expect(dates('The talks resume next Monday.', '2017-07')).toEqual([])
    expect(dates('The fighting started Monday.', '2017')).toEqual([])
    expect(onlyDate('The battle for the city began in earnest on June 6.', '2017-07')).toEqual({
      date: '2017-06-06',
      precision: 'day',
    })
  })

  it('with no article date only dates that carry their year are kept', () => {
    expect(dates('The battle began in earnest on June 6, and on Monday IS withdrew.', '')).toEqual([])
    const found = dates('The battle began on June 6, 2017, and IS seized Raqqa in 2014.', '')
    expect(found.map((d) => [d.date, d.precision])).toEqual([
      ['2017-06-06', 'day'],
      ['2014', 'year'],
    ])
  })

  it('a time of day before a date keeps the date: "on the evening of 16 April 2017", "on the morning of June 6"', () => {
    expect(
      dates('Clashes erupted on the evening of 16 April 2017.', TUESDAY).map((d) => [d.date, d.precision]),
    ).toEqual([['2017-04-16', 'day']])
    expect(dates('Clashes erupted on the morning of June 6.', TUESDAY).map((d) => [d.date, d.precision])).toEqual([
      ['2017-06-06', 'day'],
    ])
  })

  it('a number after a date without a year is not its year or hour: "On 16 April, 13 people were killed"', () => {
    const [d] = dates('On 16 April, 13 people were killed in Aleppo.', '2017-04-20')
    expect(d).toMatchObject({ date: '2017-04-16', precision: 'day' })
    expect(d!.text).not.toContain('13')
    const [m] = dates('On Monday 13 people were killed in Aleppo.', '2017-04-20')
    expect(m).toMatchObject({ date: '2017-04-17', precision: 'day' })
    expect(m!.text).not.toContain('13')
  })

  it('"text" and "start" point at the date words in the passage', () => {
    const text = 'They launched an offensive to take it on 6 June, officials said.'
    for (const d of dates(text, TUESDAY)) expect(text.slice(d.start, d.start + d.text.length)).toBe(d.text)
    expect(dates(text, TUESDAY)[0]!.text).toMatch(/6 June$/)
  })
})

describe('"a day after …": the day of what follows', () => {
  const found = (text: string, articleDate: string, options?: DateOptions) =>
    dates(text, articleDate, options).map((d) => [d.text, d.date])

  it('counts back from the day the sentence gives before the words', () => {
    // 2016-10-27 is a Thursday.
    expect(
      found(
        'Rebel rockets killed six children in west Aleppo on Thursday just a day after deadly airstrikes on a school complex in Idlib.',
        '2016-10-28',
      ),
    ).toEqual([
      ['on Thursday', '2016-10-27'],
      ['a day after', '2016-10-26'],
    ])
    expect(found('But on Monday, three days after the strike, officials would not say more.', '2017-04-11')).toEqual([
      ['on Monday', '2017-04-10'],
      ['three days after', '2017-04-07'],
    ])
  })

  it("in an article's first sentence naming no day, counts back from the article's date", () => {
    const lead =
      '(CNN) Russia warned it will not make "concessions to terrorists" a day after its ambassador was gunned down in the Turkish capital, Ankara.  Russian Foreign Minister Sergey Lavrov spoke after a meeting Tuesday in Moscow.'
    expect(found(lead, '2016-12-20', { lead: true })).toEqual([
      ['a day after', '2016-12-19'],
      ['Tuesday', '2016-12-20'],
    ])
    // Anywhere else the sentence's own day is unknown: nothing is said.
    expect(found('Russia warned a day after its ambassador was gunned down.', '2016-12-20')).toEqual([])
  })

  it('not the day of the news: "a day after it was announced that …"', () => {
    expect(
      found(
        'A day after it was announced that air strikes killed 58 civilians UNICEF said 25 were children.',
        '2016-06-27',
        { lead: true },
      ),
    ).toEqual([])
  })
})

describe('datelines', () => {
  const text = 'Sun 16 Apr 2017 Death toll from Aleppo bomb attack at least 112'

  it('a date within the datelineBefore offset is the dateline', () => {
    const [d] = dates(text, '2017-04-16', { datelineBefore: DATELINE_CHARS })
    expect(d).toMatchObject({ date: '2017-04-16', precision: 'day', text: 'Sun 16 Apr 2017', start: 0, dateline: true })
  })

  it('the same date later in the text, or without the option, is not', () => {
    expect(dates(text, '2017-04-16')[0]!.dateline).toBe(false)
    const later = 'The monitor said the death toll from the attack had risen to 112 on Sun 16 Apr 2017.'
    const [d] = dates(later, '2017-04-16', { datelineBefore: 20 })
    expect(d).toMatchObject({ date: '2017-04-16', dateline: false })
  })

  it('a number right after a date is not part of it: "28 October 2016 13 citizens killed"', () => {
    const [d] = dates('28 October 2016 13 citizens killed in shelling', '2016-10-28')
    expect(d).toMatchObject({ date: '2016-10-28', precision: 'day', text: '28 October 2016', start: 0 })
  })
})

describe('parseIsoDate and formatIsoDate', () => {
  it('reads ISO dates of each precision', () => {
    expect(parseIsoDate('2016-02-29')).toEqual({ year: 2016, month: 2, day: 29, precision: 'day' })
    expect(parseIsoDate('2017-07')).toEqual({ year: 2017, month: 7, precision: 'month' })
    expect(parseIsoDate('2017')).toEqual({ year: 2017, precision: 'year' })
  })

  it.each(['2017-02-30', '2017-02-29', '2017-13-01', '2017-00', '2017-7-4', '', 'July 2017'])('rejects %j', (s) => {
    expect(parseIsoDate(s)).toBeUndefined()
  })

  it('pads', () => {
    expect(formatIsoDate(2017, 7, 4)).toBe('2017-07-04')
    expect(formatIsoDate(2017, 12)).toBe('2017-12')
    expect(formatIsoDate(2017)).toBe('2017')
    expect(formatIsoDate(7, 3, 4)).toBe('0007-03-04')
  })
})
