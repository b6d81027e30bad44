// Several processes on one index file (replicas behind a load balancer, shards on several hosts): a build takes the
// index's lock, so two reindexes at once build once; every replica notices a new file and switches to it without
// losing a question.

import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EngineClient } from '../src/runtime/client.js'
import { isIndexLocked, lockPathOf, tryLockIndex } from '../src/runtime/index-lock.js'
import { seedCorpusCopy } from './helpers.js'

const ARTICLE = `---
id: "tabqa-dam"
title: "SDF take the Tabqa Dam"
source: "Test Wire"
date: "2017-05-10"
url: ""
---
The Syrian Democratic Forces captured the Tabqa Dam from Islamic State on Wednesday, the coalition said.
`

/** Waits for `done` (checked every 50 ms), failing after `limitMs`: the test is about what happens, not how fast. */
async function until(done: () => Promise<boolean>, limitMs = 60_000): Promise<void> {
  const end = Date.now() + limitMs
  while (!(await done())) {
    if (Date.now() > end) throw new Error('gave up waiting')
    await new Promise((r) => setTimeout(r, 50))
  }
}

describe('the index lock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'syria-news-bot-lock-'))
  const index = join(dir, 'corpus.index')

  it('is held by one at a time, and released', () => {
    const release = tryLockIndex(index)
    expect(release).toBeDefined()
    expect(isIndexLocked(index)).toBe(true)
    expect(tryLockIndex(index)).toBeUndefined()
    release!()
    expect(isIndexLocked(index)).toBe(false)
    const again = tryLockIndex(index)
    expect(again).toBeDefined()
    again!()
  })

  it('takes over a lock left by a process that died, or one too old; not a live one of another host', () => {
    writeFileSync(
      lockPathOf(index),
      JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), at: new Date().toISOString() }),
    )
    const taken = tryLockIndex(index)
    expect(taken).toBeDefined()
    taken!()
    const hoursAgo = new Date(Date.now() - 3 * 3600_000).toISOString()
    writeFileSync(lockPathOf(index), JSON.stringify({ pid: 1, host: 'another-host', at: hoursAgo }))
    const old = tryLockIndex(index)
    expect(old).toBeDefined()
    old!()
    writeFileSync(lockPathOf(index), JSON.stringify({ pid: 1, host: 'another-host', at: new Date().toISOString() }))
    expect(tryLockIndex(index)).toBeUndefined()
  })
})

describe('two replicas on one index file', () => {
  let corpus: string
  let indexPath: string
  let a: EngineClient
  let b: EngineClient
  const reloads: string[] = []

  beforeAll(async () => {
    corpus = seedCorpusCopy()
    indexPath = join(mkdtempSync(join(tmpdir(), 'syria-news-bot-replicas-')), 'shared.index')
    const open = (name: string) =>
      EngineClient.open({
        corpusPath: corpus,
        indexPath,
        watchIntervalMs: 100,
        onExternalReload: () => reloads.push(name),
      })
    // Started together: one builds the missing index, the other waits for it and reads it.
    ;[a, b] = await Promise.all([open('a'), open('b')])
  }, 120_000)
  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()])
  })

  it('start from the same build', async () => {
    const [sa, sb] = await Promise.all([a.stats(), b.stats()])
    expect(sa.articles).toBeGreaterThan(0)
    expect(sb.builtAt).toBe(sa.builtAt)
  })

  it('a reindex in one reaches the other, which answers every question meanwhile', async () => {
    const before = (await b.stats()).articles
    writeFileSync(join(corpus, 'tabqa-dam.md'), ARTICLE)
    // Questions to B all along, from before the reindex until B has switched.
    let asked = 0
    let failed = 0
    let switched = false
    const asking = (async () => {
      while (!switched) {
        asked++
        await b.answer('when', 'when did the SDF breach the Old City wall of Raqqa').catch(() => failed++)
      }
    })()
    const report = await a.reindex()
    expect(report.after.articles).toBe(before + 1)
    await until(async () => (await b.stats()).articles === before + 1)
    switched = true
    await asking
    expect(reloads).toContain('b')
    expect(asked).toBeGreaterThan(0)
    expect(failed).toBe(0)
    const answers = await b.answer('when', 'when did the SDF capture the Tabqa Dam')
    expect(answers.answers[0]?.article.id).toBe('tabqa-dam')
  }, 120_000)

  it('two reindexes at once, one in each, build once', async () => {
    appendFileSync(join(corpus, 'tabqa-dam.md'), 'The dam was damaged in the fighting, engineers said.\n')
    const [ra, rb] = await Promise.all([a.reindex(), b.reindex()])
    expect(ra.after.articles).toBe(rb.after.articles)
    const [sa, sb] = await Promise.all([a.stats(), b.stats()])
    // Had both built, the file would have been written twice, at two different moments.
    expect(sb.builtAt).toBe(sa.builtAt)
    expect(isIndexLocked(indexPath)).toBe(false)
  }, 120_000)
})
