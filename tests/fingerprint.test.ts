// The index is rebuilt when, and only when, what shapes it changes: normalisation, aliases, extraction, the loader,
// the index format; never for a change to ranking, answering or rendering.

import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { indexCodeVersion } from '../src/engine/index/fingerprint.js'
import { REPO } from './helpers.js'

let engineCopy: string
beforeEach(() => {
  engineCopy = join(mkdtempSync(join(tmpdir(), 'syria-news-bot-fingerprint-')), 'engine')
  cpSync(join(REPO, 'src', 'engine'), engineCopy, { recursive: true })
})
afterEach(() => rmSync(join(engineCopy, '..'), { recursive: true, force: true }))

describe('the code version in the index fingerprint', () => {
  it('is the same for the same code', () => {
    expect(indexCodeVersion(engineCopy)).toBe(indexCodeVersion(engineCopy))
    expect(indexCodeVersion(engineCopy)).toBe(indexCodeVersion())
  })

  it.each(['query/answer.ts', 'query/retrieve.ts', 'query/filters.ts'])(
    'does not change when %s (ranking, answering) changes',
    (file) => {
      const before = indexCodeVersion(engineCopy)
      appendFileSync(join(engineCopy, file), '\n// a ranking tweak\n')
      expect(indexCodeVersion(engineCopy)).toBe(before)
    },
  )

  it.each([
    'text/normalize.ts',
    'text/aliases.ts',
    'text/sentences.ts',
    'extract/casualties.ts',
    'extract/dates.ts',
    'corpus/loader.ts',
    'index/build.ts',
    'index/file-writer.ts',
    'types.ts',
  ])('changes when %s (what an index holds) changes', (file) => {
    const before = indexCodeVersion(engineCopy)
    appendFileSync(join(engineCopy, file), '\n// a change to what is indexed\n')
    expect(indexCodeVersion(engineCopy)).not.toBe(before)
  })
})
