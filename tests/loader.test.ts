import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  listCorpusFiles,
  loadCorpus,
  FAKES_CREDIT,
  normaliseDate,
  parseFile,
  type LoadedArticle,
  type LoadResult,
  type Problem,
} from '../src/engine/corpus/loader.js'
import { toMarkdown } from '../src/engine/corpus/markdown.js'
import { FAKES_CSV, HAVE_FAKES, SEEDS_DIR } from './helpers.js'
import type { Article } from '../src/engine/types.js'

const REPO = new URL('..', import.meta.url).pathname
const SEEDS = SEEDS_DIR
const FAKES = FAKES_CSV

const tempDirs: string[] = []
afterAll(() => {
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true })
})

/** A fresh temporary corpus directory holding `files` (relative path → text or raw bytes). */
function corpusDir(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'loader-test-'))
  tempDirs.push(dir)
  for (const [name, content] of Object.entries(files)) {
    const full = join(dir, name)
    mkdirSync(join(full, '..'), { recursive: true })
    writeFileSync(full, content)
  }
  return dir
}

function parse(name: string, content: string | Buffer): { articles: LoadedArticle[]; problems: Problem[] } {
  return parseFile(name, typeof content === 'string' ? Buffer.from(content, 'utf8') : content)
}

function one(name: string, content: string | Buffer): LoadedArticle {
  const r = parse(name, content)
  expect(r.problems).toEqual([])
  expect(r.articles).toHaveLength(1)
  return r.articles[0]!
}

function fieldsOf(a: Article): Article {
  return {
    id: a.id,
    title: a.title,
    source: a.source,
    date: a.date,
    url: a.url,
    body: a.body,
    location: a.location,
    credit: a.credit,
  }
}

function byId(r: LoadResult): Map<string, LoadedArticle> {
  return new Map(r.articles.map((a) => [a.id, a]))
}

// ---------------------------------------------------------------------------------------------------------------

describe('Markdown with front matter', () => {
  it('keeps an id like "0012" and a date as strings, and the body exactly as written', () => {
    const body = '  Two leading spaces.\n\nSecond paragraph, no newline at the end'
    const a = one(
      'x.md',
      `---\nid: 0012\ntitle: Strikes on Raqqa\nsource: BBC\ndate: 2017-07-04\nurl: https://example.org/a\n---\n${body}`,
    )
    expect(a.id).toBe('0012')
    expect(typeof a.id).toBe('string')
    expect(a.date).toBe('2017-07-04')
    expect(typeof a.date).toBe('string')
    expect(a.title).toBe('Strikes on Raqqa')
    expect(a.source).toBe('BBC')
    expect(a.url).toBe('https://example.org/a')
    expect(a.body).toBe(body)
  })

  it('takes the id from the file name when front matter has none, and an empty title when none is given', () => {
    const a = one('raqqa-wall.md', '---\nsource: BBC\n---\nThe SDF breached the wall.\n')
    expect(a.id).toBe('raqqa-wall')
    expect(a.title).toBe('')
    expect(a.date).toBe('')
    expect(a.body).toBe('The SDF breached the wall.\n')
  })

  it('reads a Markdown file without front matter as its body', () => {
    const a = one('plain.md', 'Just a body.\n')
    expect(a.id).toBe('plain')
    expect(a.title).toBe('')
    expect(a.body).toBe('Just a body.\n')
  })
})

describe('plain text', () => {
  it('uses the file stem as id and keeps the whole text as body', () => {
    const text = ' date 2017-07-04 Image copyright Reuters\n\nSecond line'
    const a = one('000_abc.txt', text)
    expect(a.id).toBe('000_abc')
    expect(a.title).toBe('')
    expect(a.source).toBe('')
    expect(a.date).toBe('')
    expect(a.body).toBe(text)
  })
})

describe('JSON Lines', () => {
  it('reads one article a line with the generic columns (body, content or text)', () => {
    const lines = [
      JSON.stringify({
        id: 'a1',
        title: 'T1',
        body: 'Body one',
        source: 'Reuters',
        date: '2016-05-01',
        url: 'http://x/1',
      }),
      '',
      JSON.stringify({ id: 'a2', title: 'T2', content: 'Body two', source: 'BBC', date: '2016-05' }),
      JSON.stringify({ id: 'a3', text: 'Body three', date: '2016' }),
    ].join('\n')
    const r = parse('news.jsonl', lines)
    expect(r.problems).toEqual([])
    expect(r.articles.map((a) => [a.id, a.title, a.body, a.source, a.date, a.url])).toEqual([
      ['a1', 'T1', 'Body one', 'Reuters', '2016-05-01', 'http://x/1'],
      ['a2', 'T2', 'Body two', 'BBC', '2016-05', ''],
      ['a3', '', 'Body three', '', '2016', ''],
    ])
    expect(r.articles.map((a) => a.origin)).toEqual([
      { file: 'news.jsonl', line: 1 },
      { file: 'news.jsonl', line: 3 },
      { file: 'news.jsonl', line: 4 },
    ])
  })

  it('reads the FA-KES column names too', () => {
    const line = JSON.stringify({
      unit_id: 1914947530,
      article_title: 'Syria attack symptoms consistent with nerve agent use WHO',
      article_content: 'Wed 05 Apr 2017 Victims of a suspected chemical attack.',
      source: 'nna',
      date: '4/5/2017',
      location: 'idlib',
      labels: 1,
    })
    const a = one('fakes.jsonl', line)
    expect(a.id).toBe('1914947530')
    expect(a.title).toBe('Syria attack symptoms consistent with nerve agent use WHO')
    expect(a.body).toBe('Wed 05 Apr 2017 Victims of a suspected chemical attack.')
    expect(a.date).toBe('2017-04-05')
    expect(a.location).toBe('idlib')
  })
})

describe('CSV', () => {
  it('reads the generic columns', () => {
    const csv =
      'id,title,body,source,date,url\n' +
      'c1,"Title, with comma","Line one\nline two ""quoted""",Reuters,2016-07-03,http://x/c1\n' +
      'c2,Second,Body two,BBC,2016,\n'
    const r = parse('generic.csv', csv)
    expect(r.problems).toEqual([])
    expect(r.articles.map((a) => [a.id, a.title, a.body, a.source, a.date, a.url])).toEqual([
      ['c1', 'Title, with comma', 'Line one\nline two "quoted"', 'Reuters', '2016-07-03', 'http://x/c1'],
      ['c2', 'Second', 'Body two', 'BBC', '2016', ''],
    ])
    expect(r.articles.map((a) => a.origin.line)).toEqual([2, 4])
    expect(r.articles.map((a) => a.credit)).toEqual(['', ''])
  })

  it('reads FA-KES columns: M/D/YYYY dates become ISO, the outlet is cut from the title of its own articles', () => {
    const csv =
      'unit_id,article_title,article_content,source,date,location,labels\n' +
      '1924058031,Israeli attack on Syria military camp kills three | Jordan Times,Body A,jordantimes,1/13/2017,damascus,1\n' +
      '1924058117,Air strike on Syrian hospital kills 10 monitoring group says - Daily Sabah,Body B,dailysabah,7/3/2016,idlib,0\n' +
      '1924058200,Something | Jordan Times,Body C,reuters,12/31/2016,aleppo,1\n'
    const r = parse('FA-KES.csv', csv)
    expect(r.problems).toEqual([])
    const [a, b, c] = r.articles
    expect(a).toMatchObject({
      id: '1924058031',
      title: 'Israeli attack on Syria military camp kills three',
      date: '2017-01-13',
      source: 'jordantimes',
      location: 'damascus',
      body: 'Body A',
    })
    expect(b).toMatchObject({
      id: '1924058117',
      title: 'Air strike on Syrian hospital kills 10 monitoring group says',
      date: '2016-07-03',
    })
    // Another outlet's name at the end of a title is part of the title.
    expect(c).toMatchObject({ title: 'Something | Jordan Times', date: '2016-12-31' })
    // FA-KES is CC BY 4.0: its rows carry the credit.
    expect(r.articles.map((x) => x.credit)).toEqual([FAKES_CREDIT, FAKES_CREDIT, FAKES_CREDIT])
  })
})

describe('a directory', () => {
  it('loads every format, sorted by path, ignoring hidden files and unsupported extensions', () => {
    const dir = corpusDir({
      'b.txt': 'Text body',
      'a.md': '---\nid: md1\n---\nMarkdown body',
      'c.jsonl': JSON.stringify({ id: 'j1', body: 'Json body' }),
      'sub/d.csv': 'id,body\ncsv1,Csv body\n',
      '.hidden.md': '---\nid: hidden\n---\nHidden body',
      '.git/e.md': '---\nid: inhidden\n---\nHidden dir body',
      'notes.pdf': 'not an article',
      'draft.docx': 'not an article',
    })
    const r = loadCorpus(dir)
    expect(r.problems).toEqual([])
    expect(r.articles.map((a) => a.id)).toEqual(['md1', 'b', 'j1', 'csv1'])
    expect(r.articles.map((a) => a.origin.file)).toEqual(['a.md', 'b.txt', 'c.jsonl', join('sub', 'd.csv')])
    expect(r.files.map((f) => f.path)).toEqual(['a.md', 'b.txt', 'c.jsonl', 'sub/d.csv'].map((p) => join(dir, p)))
    expect(listCorpusFiles(dir).map((f) => f.path)).toEqual(r.files.map((f) => f.path))
  })

  it('loads a single file given as the path', () => {
    const dir = corpusDir({ 'only.md': '---\nid: only\n---\nBody' })
    const r = loadCorpus(join(dir, 'only.md'))
    expect(r.articles.map((a) => a.id)).toEqual(['only'])
    expect(r.articles[0]!.origin.file).toBe('only.md')
  })

  it('throws when the path does not exist', () => {
    const missing = join(tmpdir(), 'no-such-corpus-' + process.pid + '-' + Date.now())
    expect(() => listCorpusFiles(missing)).toThrow()
    expect(() => loadCorpus(missing)).toThrow()
  })
})

describe('broken input is reported with its file and line and skipped, the rest loads', () => {
  function problemsFor(files: Record<string, string | Buffer>): LoadResult {
    return loadCorpus(corpusDir({ ...files, 'zz-good.md': '---\nid: good\n---\nA good article.' }))
  }
  function expectOnlyGoodLoaded(r: LoadResult, ...moreIds: string[]): void {
    expect(r.articles.map((a) => a.id).sort()).toEqual(['good', ...moreIds].sort())
  }

  it('no body (JSON Lines and CSV rows)', () => {
    const r = problemsFor({
      'a.jsonl': [
        JSON.stringify({ id: 'j1', body: 'ok' }),
        JSON.stringify({ id: 'j2', body: '   ' }),
        JSON.stringify({ id: 'j3', title: 'no body' }),
      ].join('\n'),
      'b.csv': 'id,title,body\nc1,T,ok\nc2,T,\n',
    })
    expectOnlyGoodLoaded(r, 'j1', 'c1')
    expect(r.problems).toEqual([
      { file: 'a.jsonl', line: 2, message: 'no body' },
      { file: 'a.jsonl', line: 3, message: 'no body' },
      { file: 'b.csv', line: 3, message: 'no body' },
    ])
  })

  it('no body (Markdown)', () => {
    const r = problemsFor({ 'empty.md': '---\nid: e\ntitle: Empty\n---\n\n   \n' })
    expectOnlyGoodLoaded(r)
    expect(r.problems).toHaveLength(1)
    expect(r.problems[0]).toMatchObject({ file: 'empty.md', message: 'no body' })
  })

  it('an unparseable date, in a row', () => {
    const r = problemsFor({
      'a.jsonl': [
        JSON.stringify({ id: 'j1', body: 'x', date: '31/02/2017' }),
        JSON.stringify({ id: 'j2', body: 'y', date: 'yesterday' }),
      ].join('\n'),
      'b.csv': 'id,body,date\nc1,x,31/02/2017\nc2,y,2017-07-04\n',
    })
    expectOnlyGoodLoaded(r, 'c2')
    expect(r.problems.map((p) => [p.file, p.line])).toEqual([
      ['a.jsonl', 1],
      ['a.jsonl', 2],
      ['b.csv', 2],
    ])
    expect(r.problems[0]!.message).toContain('unparseable date "31/02/2017"')
    expect(r.problems[1]!.message).toContain('unparseable date "yesterday"')
  })

  it('an unparseable date in Markdown front matter names the line of the date', () => {
    const r = problemsFor({ 'bad-date.md': '---\nid: d\ntitle: T\ndate: yesterday\n---\nBody' })
    expectOnlyGoodLoaded(r)
    expect(r.problems).toHaveLength(1)
    expect(r.problems[0]!.message).toContain('unparseable date "yesterday"')
    expect(r.problems[0]).toMatchObject({ file: 'bad-date.md', line: 4 })
  })

  it('front matter that is not closed', () => {
    const r = problemsFor({ 'open.md': '---\nid: open\ntitle: Never closed\nBody text\n' })
    expectOnlyGoodLoaded(r)
    expect(r.problems).toHaveLength(1)
    expect(r.problems[0]).toMatchObject({ file: 'open.md', line: 1 })
    expect(r.problems[0]!.message).toMatch(/not closed/)
  })

  it('front matter that is not valid YAML', () => {
    const r = problemsFor({ 'yaml.md': '---\nid: y\ntitle: "unterminated\nsource: [BBC\n---\nBody' })
    expectOnlyGoodLoaded(r)
    expect(r.problems).toHaveLength(1)
    expect(r.problems[0]!.file).toBe('yaml.md')
    expect(r.problems[0]!.line).toBeGreaterThanOrEqual(2)
    expect(r.problems[0]!.message).toMatch(/not valid YAML/)
  })

  it('front matter that is a list', () => {
    const r = problemsFor({ 'list.md': '---\n- id\n- title\n---\nBody' })
    expectOnlyGoodLoaded(r)
    expect(r.problems).toHaveLength(1)
    expect(r.problems[0]).toMatchObject({ file: 'list.md', line: 2 })
    expect(r.problems[0]!.message).toMatch(/mapping/)
  })

  it('a JSON Lines line that is not JSON, or is an array', () => {
    const r = problemsFor({
      'a.jsonl': [
        JSON.stringify({ id: 'j1', body: 'ok' }),
        '{"id": "j2", "body": ',
        '["j3", "body"]',
        JSON.stringify({ id: 'j4', body: 'ok too' }),
      ].join('\n'),
    })
    expectOnlyGoodLoaded(r, 'j1', 'j4')
    expect(r.problems.map((p) => [p.file, p.line])).toEqual([
      ['a.jsonl', 2],
      ['a.jsonl', 3],
    ])
    expect(r.problems[0]!.message).toMatch(/not valid JSON/)
    expect(r.problems[1]!.message).toMatch(/one JSON object/)
  })

  it('a CSV row with bytes that are not UTF-8: only that row is skipped', () => {
    const csv = Buffer.concat([
      Buffer.from('id,title,body\nc1,First,"Body one\nspans two lines"\nc2,Second,Bad ', 'utf8'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from(' bytes\nc3,Third,Body three with a real \uFFFD kept\n', 'utf8'),
    ])
    const r = problemsFor({ 'enc.csv': csv })
    expectOnlyGoodLoaded(r, 'c1', 'c3')
    expect(r.problems).toHaveLength(1)
    expect(r.problems[0]).toMatchObject({ file: 'enc.csv', line: 4 })
    expect(r.problems[0]!.message).toMatch(/broken encoding/)
    expect(byId(r).get('c3')!.body).toBe('Body three with a real \uFFFD kept')
  })

  it('a Markdown file that is not UTF-8 is skipped', () => {
    const md = Buffer.concat([
      Buffer.from('---\nid: enc\n---\nLine one\nLine ', 'utf8'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from(' two\n', 'utf8'),
    ])
    const r = problemsFor({ 'enc.md': md })
    expectOnlyGoodLoaded(r)
    expect(r.problems).toHaveLength(1)
    expect(r.problems[0]).toMatchObject({ file: 'enc.md', line: 5 })
    expect(r.problems[0]!.message).toMatch(/broken encoding/)
  })

  it('a duplicate id: the first is kept, the later one reported naming the first', () => {
    const r = problemsFor({
      'a.md': '---\nid: dup\ntitle: Same\n---\nSame text',
      'b.jsonl': [
        JSON.stringify({ id: 'dup', title: 'Same', body: 'Same text' }),
        JSON.stringify({ id: 'dup', title: 'Other', body: 'Other text' }),
      ].join('\n'),
    })
    expectOnlyGoodLoaded(r, 'dup')
    expect(byId(r).get('dup')!.origin.file).toBe('a.md')
    expect(r.problems.map((p) => [p.file, p.line])).toEqual([
      ['b.jsonl', 1],
      ['b.jsonl', 2],
    ])
    expect(r.problems[0]!.message).toContain('duplicate of')
    expect(r.problems[0]!.message).toContain('a.md')
    expect(r.problems[1]!.message).toContain('already used by')
    expect(r.problems[1]!.message).toContain('a.md')
  })

  it('an unsupported extension is not listed and not reported', () => {
    const dir = corpusDir({ 'a.md': 'Body', 'b.html': '<p>x</p>', 'c.json': '{}', 'd.MD': 'Upper-case extension' })
    expect(listCorpusFiles(dir).map((f) => f.path)).toEqual([join(dir, 'a.md'), join(dir, 'd.MD')])
    const r = loadCorpus(dir)
    expect(r.problems).toEqual([])
    expect(r.articles.map((a) => a.id)).toEqual(['a', 'd'])
  })
})

describe.skipIf(!existsSync(SEEDS_DIR))('the seed articles in corpus/', () => {
  let r: LoadResult
  let seeds: Map<string, LoadedArticle>
  beforeAll(() => {
    r = loadCorpus(join(REPO, 'corpus'))
    seeds = byId(r)
  })

  it('load without problems', () => {
    expect(r.problems).toEqual([])
    expect([...seeds.keys()].sort()).toEqual(['000_43f17e4488e5f64a', '004_db9c0c4a30508cae'])
  })

  it.each([
    ['000_43f17e4488e5f64a', 'BBC', '2017-07-04'],
    ['004_db9c0c4a30508cae', 'Fox News', '2017-07'],
  ])('%s has the seed text byte for byte, source %s, date %s', (id, source, date) => {
    const a = seeds.get(id)!
    const seed = readFileSync(join(SEEDS, `${id}.txt`))
    expect(Buffer.from(a.body, 'utf8').equals(seed)).toBe(true)
    expect(a.body).toBe(seed.toString('utf8'))
    expect(a.source).toBe(source)
    expect(a.date).toBe(date)
    expect(a.title).toBe('')
    expect(a.url).toBe('')
    expect(a.credit).toBe('')
  })
})

describe.skipIf(!HAVE_FAKES)('the FA-KES CSV', () => {
  let r: LoadResult
  beforeAll(() => {
    r = loadCorpus(FAKES)
  })

  it('loads 792 articles and reports the 12 repeated unit_ids, naming the first', () => {
    expect(r.articles).toHaveLength(792)
    expect(r.problems).toHaveLength(12)
    const ids = byId(r)
    for (const p of r.problems) {
      expect(p.file).toBe('FA-KES-Dataset.csv')
      expect(p.line).toBeGreaterThan(1)
      const id = /article (\d+)|id (\d+)/.exec(p.message)
      expect(id).not.toBeNull()
      const first = ids.get(id![1] ?? id![2]!)!
      expect(first).toBeDefined()
      expect(p.message).toContain(`FA-KES-Dataset.csv:${first.origin.line}`)
      expect(first.origin.line).toBeLessThan(p.line!)
    }
  })

  it('gives every article a non-empty body and an ISO date, keeping U+FFFD characters as they are', () => {
    expect(r.articles.filter((a) => a.body.trim() === '').map((a) => a.id)).toEqual([])
    expect(r.articles.filter((a) => !/^\d{4}-\d{2}-\d{2}$/.test(a.date)).map((a) => [a.id, a.date])).toEqual([])
    expect(r.articles.some((a) => a.body.includes('\uFFFD'))).toBe(true)
    expect(new Set(r.articles.map((a) => a.id)).size).toBe(792)
    expect(r.articles.every((a) => a.credit === FAKES_CREDIT)).toBe(true)
  })

  it('cuts the outlet from its own titles', () => {
    const a = byId(r).get('1924058031')!
    expect(a.source).toBe('jordantimes')
    expect(a.title).toBe('Israeli attack on Syria military camp kills three')
    expect(r.articles.some((x) => / \| Jordan Times$| - Daily Sabah$/.test(x.title))).toBe(false)
  })
})

describe('normaliseDate', () => {
  it.each([
    ['2017-07-04', '2017-07-04'],
    ['2017-07', '2017-07'],
    ['2017', '2017'],
    ['  2017-07-04  ', '2017-07-04'],
    ['2017-07-04T10:30:00Z', '2017-07-04'],
    ['2017-07-04T10:30:00.123+02:00', '2017-07-04'],
    ['2017-07-04 10:30:00', '2017-07-04'],
    ['7/4/2017', '2017-07-04'],
    ['12/31/2016', '2016-12-31'],
    ['2/29/2016', '2016-02-29'],
    ['', ''],
    ['   ', ''],
  ])('%j → %j', (raw, iso) => {
    expect(normaliseDate(raw)).toBe(iso)
  })

  it.each(['2017-02-30', '2017-13', '13/1/2017', '2/29/2017', '31/02/2017', 'yesterday', 'July 2017', '17-07-04'])(
    '%j is not a date',
    (raw) => {
      expect(normaliseDate(raw)).toBeUndefined()
    },
  )
})

describe('toMarkdown round trip', () => {
  const cases: Array<[string, Article]> = [
    [
      'plain',
      {
        id: 'a1',
        title: 'Strike on Raqqa',
        source: 'BBC',
        date: '2017-07-04',
        url: 'https://bbc.co.uk/x',
        body: 'Body.\n',
        location: '',
        credit: '',
      },
    ],
    [
      'an id like 0012',
      { id: '0012', title: '', source: '', date: '2017', url: '', body: 'Body', location: '', credit: '' },
    ],
    [
      'a title with quotes and colons',
      {
        id: 'q',
        title: `"Decisive blow": it's 'over' # not a comment: yes`,
        source: 'Fox News',
        date: '2017-07',
        url: '',
        body: 'x',
        location: 'raqqa',
        credit: '',
      },
    ],
    [
      'a body starting with ---',
      {
        id: 'dash',
        title: 'T',
        source: 'S',
        date: '',
        url: '',
        body: '---\nnot: front matter\n---\n  body\n',
        location: '',
        credit: '',
      },
    ],
    [
      'a body with leading spaces and no final newline',
      { id: 'sp', title: 'T', source: '', date: '', url: '', body: '  indented\n\ntail', location: '', credit: '' },
    ],
  ]

  cases.push([
    'a credit and a location',
    {
      id: 'c',
      title: 'T',
      source: 'ahram',
      date: '2016-02-29',
      url: '',
      body: 'x',
      location: 'aleppo',
      credit: 'FA-KES dataset, CC BY 4.0: see "README"',
    },
  ])

  it.each(cases)('%s', (_label, article) => {
    const md = toMarkdown(article)
    const back = one('anything.md', md)
    expect(fieldsOf(back)).toEqual(article)
  })

  it('survives writing to disk and loading the directory', () => {
    const article: Article = {
      id: '0012',
      title: 'A: "b"',
      source: 'ahram',
      date: '2016-02-29',
      url: '',
      body: '---\nx',
      location: 'aleppo',
      credit: 'FA-KES dataset (Abu Salem et al., ICWSM 2019), CC BY 4.0',
    }
    const dir = corpusDir({ '0012.md': toMarkdown(article) })
    const r = loadCorpus(dir)
    expect(r.problems).toEqual([])
    expect(r.articles.map(fieldsOf)).toEqual([article])
  })
})
