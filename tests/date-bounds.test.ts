// The `from` and `to` options take explicit dates (2016, 2016-07, 2016-07-03, July 2016, 3 July 2016). Expressions
// relative to today ("yesterday", "last week") used to become dates of the year the bot runs in, silently; they are
// refused now, with a message naming the option and giving an example, and so is a `from` in the future.

import { describe, expect, it } from 'vitest'
import { consoleLine } from '../src/bot/console.js'
import { articleFilter, parseDateBound } from '../src/engine/query/filters.js'
import type { Article } from '../src/engine/types.js'
import { seedClient } from './helpers.js'

const TODAY = new Date(Date.UTC(2026, 4, 15, 12)) // 15 May 2026
const EXAMPLE = 'use a year, a month or a day such as 2016, 2016-07 or 2016-07-03'

describe('parseDateBound: explicit dates', () => {
  it.each([
    ['2016', '2016-01-01', '2016-12-31'],
    ['2016-07', '2016-07-01', '2016-07-31'],
    ['2016-07-03', '2016-07-03', '2016-07-03'],
    ['July 2016', '2016-07-01', '2016-07-31'],
    ['Jul 2016', '2016-07-01', '2016-07-31'],
    ['3 July 2016', '2016-07-03', '2016-07-03'],
    ['3rd July 2016', '2016-07-03', '2016-07-03'],
    ['July 3, 2016', '2016-07-03', '2016-07-03'],
    ['7/3/2016', '2016-07-03', '2016-07-03'],
  ])('%j is read: from %s, to %s', (raw, from, to) => {
    expect(parseDateBound(raw, 'from', TODAY)).toEqual({ ok: true, iso: from })
    expect(parseDateBound(raw, 'to', TODAY)).toEqual({ ok: true, iso: to })
  })
})

describe('parseDateBound: expressions relative to today are refused', () => {
  it.each([
    'yesterday',
    'today',
    'tomorrow',
    'now',
    'last week',
    'last month',
    'last year',
    'this year',
    'next year',
    '3 days ago',
    '2 years ago',
    'the day before yesterday',
  ])('%j is not a date', (raw) => {
    for (const edge of ['from', 'to'] as const) {
      expect(parseDateBound(raw, edge, TODAY)).toEqual({ ok: false, message: `"${raw}" is not a date; ${EXAMPLE}` })
    }
  })

  it('does not depend on the day it runs', () => {
    for (const today of [new Date(Date.UTC(2017, 6, 4)), TODAY, new Date()])
      expect(parseDateBound('yesterday', 'from', today).ok).toBe(false)
  })

  it.each(['July 3', 'June', 'Monday', '7/3/16'])('%j names no year in four digits and is refused', (raw) => {
    const b = parseDateBound(raw, 'from', TODAY)
    expect(b).toEqual({ ok: false, message: `"${raw}" names no year (in four digits); ${EXAMPLE}` })
  })
})

describe('parseDateBound: the future', () => {
  it('refuses a `from` after today, saying so', () => {
    for (const raw of ['2027', '2026-06', '2026-05-16']) {
      const b = parseDateBound(raw, 'from', TODAY)
      expect(b).toEqual({
        ok: false,
        message: `"${raw}" is in the future (today is 2026-05-15); use a date up to today, such as 2016, 2016-07 or 2016-07-03`,
      })
    }
  })

  it('takes a `from` up to today, and a `to` after today (it only means "up to now")', () => {
    expect(parseDateBound('2026-05-15', 'from', TODAY)).toEqual({ ok: true, iso: '2026-05-15' })
    expect(parseDateBound('2026', 'from', TODAY)).toEqual({ ok: true, iso: '2026-01-01' })
    expect(parseDateBound('2030', 'to', TODAY)).toEqual({ ok: true, iso: '2030-12-31' })
  })

  it('measures the future against the real date by default', () => {
    const next = new Date().getUTCFullYear() + 1
    expect(parseDateBound(String(next), 'from').ok).toBe(false)
    expect(parseDateBound(String(next), 'to').ok).toBe(true)
  })
})

describe('the message names the option', () => {
  const articles: Article[] = [
    { id: 'a', title: '', source: 'BBC', date: '2016-07-03', url: '', body: 'text', location: '', credit: '' },
  ]

  it('in the article filter (what Discord and the console show)', () => {
    expect(articleFilter(articles, { from: 'yesterday' }).error).toBe(`from: "yesterday" is not a date; ${EXAMPLE}`)
    expect(articleFilter(articles, { to: 'last week' }).error).toBe(`to: "last week" is not a date; ${EXAMPLE}`)
  })

  it('in the console', async () => {
    const engine = await seedClient()
    const reply = await consoleLine('/when when did IS seize Raqqa from:yesterday', {
      engine,
      startedAt: Date.now(),
      color: false,
    })
    await engine.close()
    expect(reply).toContain(`No answer. from: "yesterday" is not a date; ${EXAMPLE}`)
  })

  // In `npm run ask`, as bad usage (exit 2) before the index is opened: tests/cli.e2e.test.ts (a process).
})
