import { describe, expect, it } from 'vitest'
import { articleFilter, parseDateBound } from '../src/engine/query/filters.js'
import type { AnswerOptions, Article } from '../src/engine/types.js'

describe('parseDateBound', () => {
  it.each([
    ['2016', 'from', '2016-01-01'],
    ['2016', 'to', '2016-12-31'],
    ['2016-02', 'from', '2016-02-01'],
    ['2016-02', 'to', '2016-02-29'],
    ['2017-02', 'to', '2017-02-28'],
    ['2016-07-03', 'from', '2016-07-03'],
    ['2016-07-03', 'to', '2016-07-03'],
    ['July 2016', 'from', '2016-07-01'],
    ['July 2016', 'to', '2016-07-31'],
    ['7/3/2016', 'from', '2016-07-03'],
    ['3 July 2016', 'to', '2016-07-03'],
    ['  2016 ', 'from', '2016-01-01'],
  ] as const)('%j as %s → %s', (raw, edge, iso) => {
    expect(parseDateBound(raw, edge)).toEqual({ ok: true, iso })
  })

  it.each(['31/02', '99999', 'banana', '2017-02-30', '1850'])('%j is refused with a message quoting it', (raw) => {
    for (const edge of ['from', 'to'] as const) {
      const b = parseDateBound(raw, edge)
      expect(b.ok).toBe(false)
      if (!b.ok) expect(b.message).toContain(`"${raw}"`)
    }
  })
})

function article(id: string, source: string, date: string): Article {
  return { id, title: '', source, date, url: '', body: 'text', location: '', credit: '' }
}

const ARTICLES: Article[] = [
  article('ahram-day', 'ahram', '2016-07-03'),
  article('ahram-month', 'Al-Ahram', '2017-07'),
  article('bbc-undated', 'BBC', ''),
  article('reuters-year', 'reuters', '2017'),
  article('sabah', 'dailysabah', '2017-07-20'),
  article('fox', 'Fox News', '2017-07'),
]

/** The ids an option set lets through; "all" when nothing is filtered. */
function allowed(options: AnswerOptions): string[] | 'all' {
  const f = articleFilter(ARTICLES, options)
  expect(f.error).toBe('')
  if (!f.allows) return 'all'
  return ARTICLES.filter((_, i) => f.allows!(i)).map((a) => a.id)
}

describe('articleFilter', () => {
  it('filters nothing when no option is set', () => {
    expect(allowed({})).toBe('all')
    expect(allowed({ sources: [], from: '', to: '  ' })).toBe('all')
    expect(allowed({ sources: ['  '] })).toBe('all')
  })

  it.each(['Al-Ahram', 'ahram', 'AL AHRAM', 'al ahram', 'Al Ahram'])(
    'source %j finds the articles of Al-Ahram however the corpus writes it',
    (s) => {
      expect(allowed({ sources: [s] })).toEqual(['ahram-day', 'ahram-month'])
    },
  )

  it('matches other outlets however written, and several sources at once', () => {
    expect(allowed({ sources: ['Daily Sabah'] })).toEqual(['sabah'])
    expect(allowed({ sources: ['foxnews'] })).toEqual(['fox'])
    expect(allowed({ sources: ['bbc', 'Reuters'] })).toEqual(['bbc-undated', 'reuters-year'])
    expect(allowed({ sources: ['Sputnik'] })).toEqual([])
  })

  it('refuses dates the wrong way round', () => {
    const f = articleFilter(ARTICLES, { from: '2018', to: '2017' })
    expect(f.allows).toBeUndefined()
    expect(f.error).toMatch(/wrong way round/)
  })

  it('reports an unreadable bound, naming which one', () => {
    const f = articleFilter(ARTICLES, { from: 'banana' })
    expect(f.allows).toBeUndefined()
    expect(f.error).toMatch(/^from: /)
    expect(f.error).toContain('"banana"')
    expect(articleFilter(ARTICLES, { to: '31/02' }).error).toMatch(/^to: .*"31\/02"/)
  })

  it('excludes articles of unknown date only when a date bound is set', () => {
    expect(allowed({ sources: ['BBC'] })).toEqual(['bbc-undated'])
    expect(allowed({ sources: ['BBC'], from: '2010' })).toEqual([])
    expect(allowed({ to: '2030' })).not.toContain('bbc-undated')
  })

  it('an article dated by month or year matches a bound inside that month or year', () => {
    expect(allowed({ from: '2017-07-15' })).toEqual(['ahram-month', 'reuters-year', 'sabah', 'fox'])
    expect(allowed({ to: '2017-07-01' })).toEqual(['ahram-day', 'ahram-month', 'reuters-year', 'fox'])
    expect(allowed({ from: '2017-07-21', to: '2017-07-31' })).toEqual(['ahram-month', 'reuters-year', 'fox'])
  })

  it('bounds are inclusive', () => {
    expect(allowed({ from: '2016-07-03', to: '2016-07-03' })).toEqual(['ahram-day'])
    expect(allowed({ from: 'July 2016', to: 'July 2016' })).toEqual(['ahram-day'])
    expect(allowed({ from: '2016-07-04', to: '2016-12-31' })).toEqual([])
  })

  it('combines sources and dates', () => {
    expect(allowed({ sources: ['ahram'], from: '2017' })).toEqual(['ahram-month'])
  })
})
