// The engine in a worker thread (what the bot runs): the same answers as in-process, and a reindex that switches
// to a new worker only once it has loaded, the old one answering meanwhile; a failed one changes nothing.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { EngineClient } from '../src/runtime/client.js'
import { seedCorpusCopy, seedEngine, TEST_DATA } from './helpers.js'

let client: EngineClient
let corpus: string

beforeAll(async () => {
  corpus = seedCorpusCopy()
  client = await EngineClient.open({
    corpusPath: corpus,
    indexPath: join(TEST_DATA, `client-${process.pid}.index.json`),
  })
})
afterAll(() => client.close())

describe('EngineClient', () => {
  it('answers as the engine does in-process, articles with their bodies', async () => {
    const local = seedEngine()
    for (const [command, question] of [
      ['when', 'when did IS seize Raqqa'],
      ['casualties', 'killed in June'],
      ['who', 'who breached the wall'],
    ] as const) {
      expect(await client.answer(command, question)).toEqual(local.answer(command, question))
    }
    const article = await client.article('000_43f17e4488e5f64a')
    expect(article?.body).toBe(local.article('000_43f17e4488e5f64a')!.body)
    expect(await client.sources()).toEqual(local.sources())
    expect(await client.suggestArticles('000_43f')).toEqual([
      { id: '000_43f17e4488e5f64a', title: '', source: 'BBC', date: '2017-07-04', url: '' },
    ])
  })

  it('two reindexes at once share one rebuild; questions asked meanwhile are answered', async () => {
    writeFileSync(
      join(corpus, 'client.md'),
      '---\nid: client-1\nsource: Test Wire\ndate: 2017-07-09\n---\nA ferry crossed the Euphrates near Tabqa on Sunday.\n',
    )
    const first = client.reindex()
    const second = client.reindex()
    expect(second).toBe(first)
    let reindexed = false
    void first.then(() => (reindexed = true))
    const meanwhile = await client.answer('where', 'Rafiqah Wall')
    // Answered while the rebuild still ran (it takes a worker start and a build; an answer takes milliseconds).
    expect(reindexed).toBe(false)
    expect(meanwhile.answers[0]?.value).toEqual({ places: ["Raqqa's Old City", 'Raqqa'] })
    const report = await first
    expect(report).toMatchObject({ before: { articles: 2 }, after: { articles: 3 }, added: ['client-1'], removed: [] })
    expect((await client.answer('when', 'ferry crossed the Euphrates')).answers[0]?.value).toMatchObject({
      date: '2017-07-09',
    })
  })

  it('a reindex that fails leaves the old index answering', async () => {
    renameSync(corpus, `${corpus}-away`)
    try {
      await expect(client.reindex()).rejects.toThrow(/corpus not found/)
      expect((await client.answer('when', 'ferry crossed the Euphrates')).answers[0]?.value).toMatchObject({
        date: '2017-07-09',
      })
    } finally {
      renameSync(`${corpus}-away`, corpus)
    }
  })
})

describe('EngineClient with a standby worker (the bot)', () => {
  let standby: EngineClient
  let standbyCorpus: string
  let indexPath: string

  beforeAll(async () => {
    standbyCorpus = seedCorpusCopy()
    indexPath = join(TEST_DATA, `client-standby-${process.pid}.index.json`)
    standby = await EngineClient.open({ corpusPath: standbyCorpus, indexPath, standby: true })
  })
  afterAll(() => standby.close())

  const article = (n: number) =>
    `---\nid: standby-${n}\nsource: Test Wire\ndate: 2017-07-1${n}\n---\nA convoy number ${n} reached Tabqa on 1${n} July 2017.\n`

  it('reindex after reindex switches to each new index, every question asked meanwhile answered', async () => {
    // The old worker stands by after each switch and loads the next index: two in a row exercise both workers.
    for (const n of [1, 2]) {
      writeFileSync(join(standbyCorpus, `standby-${n}.md`), article(n))
      const reindexed = standby.reindex()
      const meanwhile: Array<Promise<unknown>> = []
      let done = false
      void reindexed.finally(() => (done = true))
      while (!done) {
        meanwhile.push(standby.answer('where', 'Rafiqah Wall'))
        await new Promise((r) => setTimeout(r, 5))
      }
      const report = await reindexed
      expect(report).toMatchObject({ after: { articles: 2 + n }, added: [`standby-${n}`] })
      for (const answer of await Promise.all(meanwhile))
        expect((answer as { answers: Array<{ value: unknown }> }).answers[0]?.value).toEqual({
          places: ["Raqqa's Old City", 'Raqqa'],
        })
      expect((await standby.answer('when', `convoy number ${n} reached Tabqa`)).answers[0]?.value).toMatchObject({
        date: `2017-07-1${n}`,
      })
    }
  })

  it('a new file that cannot be read leaves the index answering, and the next reload still works', async () => {
    const good = readFileSync(indexPath)
    writeFileSync(indexPath, 'not an index')
    await expect(standby.reload()).rejects.toThrow(/could not be read back/)
    expect((await standby.answer('when', 'convoy number 2 reached Tabqa')).answers[0]?.value).toMatchObject({
      date: '2017-07-12',
    })
    writeFileSync(indexPath, good)
    await standby.reload()
    expect((await standby.answer('when', 'convoy number 1 reached Tabqa')).answers[0]?.value).toMatchObject({
      date: '2017-07-11',
    })
  })

  it('closing while a reload loads stops it: it fails, nothing is left running', async () => {
    const reloading = standby.reload()
    await standby.close()
    await expect(reloading).rejects.toThrow(/the engine has stopped/)
    await expect(standby.answer('when', 'convoy number 2 reached Tabqa')).rejects.toThrow(/stopped/)
  })
})
