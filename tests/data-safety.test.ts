// Nothing a moderator does with the corpus folder or the index path loses or leaks a file: import writes only new
// files of its own, the loader reads only regular files inside the corpus, one huge article is reported instead of
// stalling the build, and a rebuild never silently replaces a good index with an empty or much smaller one.

import { execFileSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { importArticles } from '../src/engine/corpus/importer.js'
import { loadCorpus } from '../src/engine/corpus/loader.js'
import { fileNameForId } from '../src/engine/corpus/markdown.js'
import { answer } from '../src/engine/query/answer.js'
import { EngineClient } from '../src/runtime/client.js'
import { readIndex } from '../src/engine/index/file-reader.js'
import { saveIndex } from '../src/engine/index/file-writer.js'
import { openIndex, rebuildIndexFile } from '../src/runtime/open-index.js'
import { SEED_CORPUS } from './helpers.js'

let tmp: string
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'syria-news-bot-safety-'))
})
afterEach(() => rmSync(tmp, { recursive: true, force: true }))

const jsonl = (...rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n'
const row = (id: string, body: string, extra: object = {}) => ({
  id,
  title: `Title ${id}`,
  source: 'Test Wire',
  date: '2017-07-04',
  body,
  ...extra,
})
const mdFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()

describe('corpus import writes only new files of its own', () => {
  it('never rewrites a JSONL or CSV that holds the id, nor a hand-written file; the summary counts what is on disk', () => {
    const corpus = join(tmp, 'corpus')
    mkdirSync(corpus)
    const bundle = jsonl(row('j1', 'Body one.'), row('j2', 'Body two.'))
    writeFileSync(join(corpus, 'bundle.jsonl'), bundle)
    writeFileSync(join(corpus, 'a_b.md'), '---\nid: "a_b"\n---\nAn article written by hand.\n')
    const incoming = join(tmp, 'in.jsonl')
    writeFileSync(
      incoming,
      jsonl(
        row('j1', 'Body one, changed.'),
        row('a/b', 'Slash.'),
        row('a_b', 'Underscore, changed.'),
        row('new', 'New.'),
      ),
    )

    const report = importArticles(corpus, incoming)
    expect(readFileSync(join(corpus, 'bundle.jsonl'), 'utf8')).toBe(bundle)
    expect(readFileSync(join(corpus, 'a_b.md'), 'utf8')).toContain('An article written by hand.')
    expect(report.added.map((a) => a.id)).toEqual(['a/b', 'new'])
    expect(report.updated).toEqual([])
    expect(report.skipped.map((p) => p.message)).toEqual([
      'article j1 is already in bundle.jsonl:1, a file that import did not write; not changed (edit that file, or give the article another id)',
      'article a_b is already in a_b.md, a file that import did not write; not changed (edit that file, or give the article another id)',
    ])
    expect({ before: report.before, after: report.after }).toEqual({ before: 3, after: 5 })
    expect(
      loadCorpus(corpus)
        .articles.map((a) => a.id)
        .sort(),
    ).toEqual(['a/b', 'a_b', 'j1', 'j2', 'new'])
  })

  it('ids that map to one file name get distinct names; an imported file is updated in place, unchanged ones left', () => {
    const corpus = join(tmp, 'corpus')
    const incoming = join(tmp, 'in.jsonl')
    writeFileSync(incoming, jsonl(row('a/b', 'Slash.'), row('a_b', 'Underscore.'), row('A_B', 'Upper case.')))
    const first = importArticles(corpus, incoming)
    expect(first.added).toHaveLength(3)
    expect(new Set(first.added.map((a) => a.file.toLowerCase())).size).toBe(3)
    expect(first.after).toBe(3)

    writeFileSync(
      incoming,
      jsonl(row('a/b', 'Slash, corrected.'), row('a_b', 'Underscore.'), row('A_B', 'Upper case.')),
    )
    const second = importArticles(corpus, incoming)
    expect(second.updated.map((u) => u.id)).toEqual(['a/b'])
    // In place: the same three files, no new one for the changed article.
    expect(mdFiles(corpus)).toEqual(first.added.map((a) => a.file).sort())
    expect(second.unchanged.sort()).toEqual(['A_B', 'a_b'])
    expect(second.after).toBe(3)
    expect(loadCorpus(corpus).articles.find((a) => a.id === 'a/b')?.body).toBe('Slash, corrected.')
    expect(readdirSync(corpus).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it('never writes through a symbolic link, even one named as the new file would be', () => {
    const corpus = join(tmp, 'corpus')
    mkdirSync(corpus)
    const outside = join(tmp, 'outside.txt')
    writeFileSync(outside, 'outside the corpus')
    symlinkSync(outside, join(corpus, 'victim.md'))
    symlinkSync(join(tmp, 'nowhere'), join(corpus, 'dangling.md'))
    const incoming = join(tmp, 'in.jsonl')
    writeFileSync(incoming, jsonl(row('victim', 'Overwrite?'), row('dangling', 'Create through?')))
    const report = importArticles(corpus, incoming)
    expect(readFileSync(outside, 'utf8')).toBe('outside the corpus')
    expect(existsSync(join(tmp, 'nowhere'))).toBe(false)
    expect(report.added.map((a) => a.file)).toEqual([
      fileNameForId('victim', () => true),
      fileNameForId('dangling', () => true),
    ])
  })

  it('refuses to import into a file, naming it', () => {
    const file = join(tmp, 'corpus.csv')
    writeFileSync(file, 'id,body\n1,text\n')
    writeFileSync(join(tmp, 'in.jsonl'), jsonl(row('x', 'X.')))
    expect(() => importArticles(file, join(tmp, 'in.jsonl'))).toThrow(`${file} is not a folder`)
    expect(readFileSync(file, 'utf8')).toBe('id,body\n1,text\n')
  })
})

describe('the loader reads only regular files inside the corpus', () => {
  it('a link leaving the corpus is reported and skipped; a link inside it is read; a FIFO is reported without blocking', () => {
    const corpus = join(tmp, 'corpus')
    mkdirSync(join(corpus, 'sub'), { recursive: true })
    writeFileSync(join(tmp, 'secret.txt'), 'root:x:0:0:root:/root:/bin/bash')
    symlinkSync(join(tmp, 'secret.txt'), join(corpus, 'leak.txt'))
    writeFileSync(join(corpus, 'sub', 'real.md'), '---\nid: real\n---\nThe wall was breached.\n')
    symlinkSync(join(corpus, 'sub', 'real.md'), join(corpus, 'alias.md'))
    execFileSync('mkfifo', [join(corpus, 'pipe.txt')])
    const { articles, problems } = loadCorpus(corpus)
    expect(articles.map((a) => a.body)).not.toContain('root:x:0:0:root:/root:/bin/bash')
    expect(problems.map((p) => `${p.file}: ${p.message}`)).toEqual(
      expect.arrayContaining([
        'leak.txt: a symbolic link to a file outside the corpus folder; skipped',
        'pipe.txt: not a regular file (a FIFO, socket or device); skipped',
      ]),
    )
    // The link inside the corpus is read (and, being the same article, reported as a duplicate of it).
    expect(articles.map((a) => a.id)).toEqual(['real'])
  })

  it('one article over MAX_ARTICLE_MB is reported and skipped, whatever its format; the rest loads', () => {
    const corpus = join(tmp, 'corpus')
    mkdirSync(corpus)
    const big = 'The shelling killed 12 people. '.repeat(2_000_000) // 62 MB
    writeFileSync(join(corpus, 'huge.txt'), big)
    writeFileSync(
      join(corpus, 'bundle.jsonl'),
      jsonl(row('small', 'A small article.'), row('large', 'x '.repeat(300_000))),
    )
    writeFileSync(join(corpus, 'ok.md'), '---\nid: ok\n---\nFine.\n')
    const { articles, problems } = loadCorpus(corpus, { maxArticleBytes: 512 * 1024 })
    expect(articles.map((a) => a.id).sort()).toEqual(['ok', 'small'])
    expect(problems.map((p) => `${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`)).toEqual([
      'bundle.jsonl:2: article large: the body is 0.57 MB long, over the 0.50 MB limit for one article (MAX_ARTICLE_MB); skipped',
      'huge.txt: 59.1 MB long, over the 0.50 MB limit for one article (MAX_ARTICLE_MB); skipped',
    ])
  })

  it('a CSV without a header row is reported, instead of its first article becoming the column names', () => {
    const file = join(tmp, 'noheader.csv')
    writeFileSync(
      file,
      '1,"Strikes on Raqqa","The strikes killed 20 people.",Reuters,2017-07-04\n2,"Second","More text.",AFP,2017-07-05\n',
    )
    const { articles, problems } = loadCorpus(file)
    expect(articles).toEqual([])
    expect(problems).toHaveLength(1)
    expect(problems[0]!.message).toMatch(
      /^the first line is not a header naming the columns \(it needs one of body, content, text, article_content; it reads "1,Strikes on Raqqa,/,
    )
  })
})

describe('the index file is replaced only by a real, not much smaller, index', () => {
  function corpusOf(n: number): string {
    const corpus = join(tmp, 'corpus')
    mkdirSync(corpus, { recursive: true })
    for (let i = 0; i < n; i++)
      writeFileSync(
        join(corpus, `a${i}.md`),
        `---\nid: a${i}\nsource: Test Wire\ndate: 2017-07-0${1 + (i % 9)}\n---\nArticle ${i}: the wall of the old city was breached.\n`,
      )
    return corpus
  }

  it('an emptied corpus is refused with both counts; the old file stays; start-up answers from it and says so', () => {
    const corpus = corpusOf(4)
    const indexPath = join(tmp, 'x.index')
    openIndex({ corpusPath: corpus, indexPath })
    const before = readFileSync(indexPath)
    for (const f of mdFiles(corpus)) rmSync(join(corpus, f))
    expect(() => rebuildIndexFile({ corpusPath: corpus, indexPath })).toThrow(
      `the corpus ${corpus} has no article that loads; the index keeps its 4 articles. Nothing was replaced.`,
    )
    expect(() => openIndex({ corpusPath: corpus, indexPath, rebuild: true, force: true })).toThrow(
      /has no article that loads/,
    )
    expect(readFileSync(indexPath).equals(before)).toBe(true)
    const notices: string[] = []
    const { index, built } = openIndex({ corpusPath: corpus, indexPath, notify: (m) => notices.push(m) })
    expect({ built, articles: index.articles.length }).toEqual({ built: false, articles: 4 })
    expect(notices.at(-1)).toMatch(
      /has no article that loads; the index keeps its 4 articles\. Nothing was replaced\. Answering from the index as it was\.$/,
    )
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it('a first build of an empty corpus fails, naming the corpus', () => {
    const corpus = join(tmp, 'empty')
    mkdirSync(corpus)
    expect(() => openIndex({ corpusPath: corpus, indexPath: join(tmp, 'y.index') })).toThrow(
      `the corpus ${corpus} has no article that loads. Nothing was replaced.`,
    )
    expect(existsSync(join(tmp, 'y.index'))).toBe(false)
  })

  it('losing more than half the articles needs force, and is reported with both counts', () => {
    const corpus = corpusOf(5)
    const indexPath = join(tmp, 'x.index')
    openIndex({ corpusPath: corpus, indexPath })
    for (const f of mdFiles(corpus).slice(2)) rmSync(join(corpus, f))
    expect(() => rebuildIndexFile({ corpusPath: corpus, indexPath })).toThrow(
      `the corpus ${corpus} now loads 2 articles, fewer than half of the 5 indexed. Nothing was replaced; reindex with force`,
    )
    expect(readIndex(indexPath)).toMatchObject({ ok: true, index: { articles: { length: 5 } } })
    rebuildIndexFile({ corpusPath: corpus, indexPath, force: true })
    expect(readIndex(indexPath)).toMatchObject({ ok: true, index: { articles: { length: 2 } } })
  })

  it('the bot’s reindex (in a worker) refuses the same, keeps answering from the old index, and accepts force', async () => {
    const corpus = corpusOf(4)
    const indexPath = join(tmp, 'x.index')
    const engine = await EngineClient.open({ corpusPath: corpus, indexPath })
    try {
      for (const f of mdFiles(corpus).slice(1)) rmSync(join(corpus, f))
      await expect(engine.reindex()).rejects.toThrow(/now loads 1 articles, fewer than half of the 4 indexed/)
      expect((await engine.stats()).articles).toBe(4)
      // Answers still come from the four articles, three of them no longer in the corpus.
      const answeredFrom = async () =>
        new Set(
          (await engine.answer('search', 'wall of the old city breached', { limit: 10 })).answers.map(
            (a) => a.article.id,
          ),
        )
      expect(await answeredFrom()).toEqual(new Set(['a0', 'a1', 'a2', 'a3']))
      const report = await engine.reindex({ force: true })
      expect(report).toMatchObject({ before: { articles: 4 }, after: { articles: 1 } })
      expect(await answeredFrom()).toEqual(new Set(['a0']))
    } finally {
      await engine.close()
    }
  })

  it('a save that fails is an error, leaves no temporary file, and keeps the old index', () => {
    const corpus = corpusOf(2)
    const notAFolder = join(tmp, 'file')
    writeFileSync(notAFolder, 'a file, not a folder')
    expect(() => openIndex({ corpusPath: corpus, indexPath: join(notAFolder, 'x.index'), rebuild: true })).toThrow(
      /names .*file\/x\.index, which is inside something that is not a folder/,
    )
    expect(readFileSync(notAFolder, 'utf8')).toBe('a file, not a folder')
    const folder = join(tmp, 'a-folder')
    mkdirSync(folder)
    writeFileSync(join(folder, 'keep.txt'), 'keep')
    expect(() => openIndex({ corpusPath: corpus, indexPath: folder, rebuild: true })).toThrow(
      /which is a folder; it is left as it is/,
    )
    const { index } = openIndex({ corpusPath: corpus, indexPath: join(tmp, 'good.index') })
    expect(() => saveIndex(folder, index)).toThrow(/which is a folder/)
    expect(readFileSync(join(folder, 'keep.txt'), 'utf8')).toBe('keep')
    // Over an index: a save that fails (an index that cannot be written out) leaves the old file byte for byte.
    const old = readFileSync(join(tmp, 'good.index'))
    const unwritable = {
      ...index,
      miniSearch: {
        toJSON: () => {
          throw new Error('cannot be written out')
        },
      },
    } as unknown as typeof index
    expect(() => saveIndex(join(tmp, 'good.index'), unwritable)).toThrow(/cannot be written out/)
    expect(readFileSync(join(tmp, 'good.index')).equals(old)).toBe(true)
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([])
    expect(statSync(join(tmp, 'good.index')).size).toBeGreaterThan(0)
    // And what is saved answers.
    expect(answer(index, 'search', 'wall of the old city breached').answers.length).toBeGreaterThan(0)
  })
})

it('the seed corpus still loads whole (no regression of the loader on real files)', () => {
  expect(loadCorpus(SEED_CORPUS)).toMatchObject({ problems: [], articles: { length: 2 } })
})
