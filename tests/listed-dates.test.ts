// The dataset's own date kept beside the dateline's: loaded, stored in the index file, listed by `corpus list`,
// shown by /article.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { loadCorpus, parseFile } from '../src/engine/corpus/loader.js'
import { toMarkdown } from '../src/engine/corpus/markdown.js'
import {
  daysApart,
  describeDateDisagreement,
  formatDays,
  listedDateDisagreement,
} from '../src/engine/corpus/listed-dates.js'
import { metadataOf, StoredArticle, StoredBodies } from '../src/engine/index/stored-articles.js'
import { listCorpus } from '../src/cli/corpus.js'
import { articlePage } from '../src/render/discord.js'
import { articleDateText, renderArticleWithDates, withBothDates } from '../commands/article.js'
import type { Article } from '../src/engine/types.js'
import { FAKES_CSV, HAVE_FAKES } from './helpers.js'

const tempDirs: string[] = []
afterAll(() => {
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true })
})

function loadOne(name: string, content: string) {
  const r = parseFile(name, Buffer.from(content, 'utf8'))
  expect(r.problems).toEqual([])
  return r.articles[0]!
}

const CSV_HEADER = 'id,title,body,source,date,url\n'

describe('listedDate: the date the dataset lists, kept when the dateline disagrees', () => {
  it('is set to the listed date (as ISO) when the dateline gives another', () => {
    const a = loadOne('a.csv', `${CSV_HEADER}x,T,"Published April 2 2017 Raqqa was shelled.",src,4/5/2015,\n`)
    expect(a.date).toBe('2017-04-02')
    expect(a.listedDate).toBe('2015-04-05')
  })

  it('is absent when they agree, when there is no dateline, and when nothing is listed', () => {
    const same = loadOne('a.csv', `${CSV_HEADER}x,T,"Published April 2 2017 Raqqa was shelled.",src,2017-04-02,\n`)
    expect(same.date).toBe('2017-04-02')
    expect('listedDate' in same).toBe(false)
    const none = loadOne('b.csv', `${CSV_HEADER}x,T,"Raqqa was shelled.",src,2015-04-05,\n`)
    expect(none.date).toBe('2015-04-05')
    expect('listedDate' in none).toBe(false)
    const unlisted = loadOne('c.csv', `${CSV_HEADER}x,T,"Published April 2 2017 Raqqa was shelled.",src,,\n`)
    expect(unlisted.date).toBe('2017-04-02')
    expect('listedDate' in unlisted).toBe(false)
  })

  it('survives an index file (metadataOf → StoredArticle)', () => {
    const a = loadOne('a.csv', `${CSV_HEADER}x,T,"Published April 2 2017 Raqqa was shelled.",src,4/5/2015,\n`)
    const bytes = Buffer.from(a.body, 'utf8')
    const stored = new StoredArticle(
      JSON.parse(JSON.stringify(metadataOf(a))),
      new StoredBodies(bytes, Uint32Array.from([0, bytes.length])),
      0,
    )
    expect([stored.date, stored.listedDate, stored.body]).toEqual(['2017-04-02', '2015-04-05', a.body])
    const plain = loadOne('b.csv', `${CSV_HEADER}x,T,"Raqqa was shelled.",src,2015-04-05,\n`)
    expect('listedDate' in metadataOf(plain)).toBe(false)
  })

  it('survives a Markdown file written by import: the front matter keeps the listed date', () => {
    const a = loadOne('a.csv', `${CSV_HEADER}x,T,"Published April 2 2017 Raqqa was shelled.",src,4/5/2015,\n`)
    const md = toMarkdown(a)
    expect(md).toContain('date: "2015-04-05"')
    const back = loadOne('x.md', md)
    expect([back.date, back.listedDate]).toEqual(['2017-04-02', '2015-04-05'])
  })
})

describe('how far listed dates are from datelines', () => {
  it('daysApart counts from the nearer ends; a month holds its days', () => {
    expect(daysApart('2017-04-02', '2015-04-05')).toBe(728)
    expect(daysApart('2017-07-04', '2017-07')).toBe(0)
    expect(daysApart('2017-08-03', '2017-07')).toBe(3)
    expect(daysApart('2017', '2016-12-30')).toBe(2)
    expect(daysApart('', '2017')).toBeUndefined()
  })

  it('formatDays picks the unit that reads best', () => {
    expect([formatDays(1), formatDays(41), formatDays(200), formatDays(1740)]).toEqual([
      '1 day',
      '41 days',
      '7 months',
      '5 years',
    ])
  })

  it('counts only gaps of more than 3 days, with their median and largest', () => {
    const d = listedDateDisagreement([
      { date: '2017-04-02', listedDate: '2017-04-05' },
      { date: '2017-04-02', listedDate: '2017-04-12' },
      { date: '2017-04-02', listedDate: '2017-05-12' },
      { date: '2017-04-02', listedDate: '2015-04-02' },
      { date: '2017-04-02' },
    ])
    expect(d).toEqual({ count: 3, total: 5, medianDays: 40, maxDays: 731 })
    expect(describeDateDisagreement(d)).toBe(
      "3 of 5 articles: the text's dateline differs from the date listed by more than 3 days (median 40 days, up to 2 years); the dateline is used",
    )
    expect(describeDateDisagreement(listedDateDisagreement([{ date: '2017-04-02' }]))).toBeUndefined()
  })

  it('corpus list says how many articles disagree, and how far', () => {
    const dir = mkdtempSync(join(tmpdir(), 'listed-dates-'))
    tempDirs.push(dir)
    writeFileSync(
      join(dir, 'a.csv'),
      `${CSV_HEADER}a,T,"Published April 2 2017 Raqqa was shelled.",src,4/5/2015,\nb,T,"Raqqa was shelled.",src,2016-01-01,\nc,T,"Published 9 May 2016 Homs.",src,2016-05-10,\n`,
    )
    const out = listCorpus(dir)
    expect(out).toContain(
      "1 of 3 articles: the text's dateline differs from the date listed by more than 3 days (2 years); the dateline is used",
    )
    writeFileSync(join(dir, 'a.csv'), `${CSV_HEADER}b,T,"Raqqa was shelled.",src,2016-01-01,\n`)
    expect(listCorpus(dir)).not.toContain('dateline')
  })

  it.skipIf(!HAVE_FAKES)('FA-KES: about a quarter of its articles carry a dateline far from the date column', () => {
    const { articles } = loadCorpus(FAKES_CSV)
    const d = listedDateDisagreement(articles)
    expect(d.total).toBe(792)
    expect(d.count).toBe(188)
    expect(describeDateDisagreement(d)).toBe(
      "188 of 792 articles: the text's dateline differs from the date listed by more than 3 days (median 15 days, up to 5 years); the dateline is used",
    )
  })
})

describe('/article shows both dates when they disagree', () => {
  const article: Article = {
    id: 'x',
    title: 'Raqqa shelled',
    source: 'src',
    date: '2017-04-02',
    listedDate: '2015-04-05',
    url: '',
    body: 'Raqqa was shelled.',
    location: '',
    credit: '',
  }

  it('the date text', () => {
    expect(articleDateText(article)).toBe('2 April 2017 (dateline; listed as 5 April 2015)')
    expect(articleDateText({ date: '2017-04-02' })).toBe('2 April 2017')
    expect(articleDateText({ date: '2017-07-04', listedDate: '2017-07' })).toBe('4 July 2017')
  })

  it("the embed's Date field, and the terminal's attribution line", () => {
    const page = withBothDates(articlePage(article, 0), article)
    expect(page.embeds[0]!.fields!.find((f) => f.name === 'Date')!.value).toBe(
      '2 April 2017 (dateline; listed as 5 April 2015)',
    )
    const { listedDate: _, ...plain } = article
    expect(withBothDates(articlePage(plain, 0), plain)).toEqual(articlePage(plain, 0))
    expect(renderArticleWithDates(article).split('\n')[1]).toBe(
      'src · 2 April 2017 (dateline; listed as 5 April 2015) · id x',
    )
  })
})
