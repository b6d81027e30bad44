// The index file: saved whole or not at all, rebuilt with a message when missing, stale, corrupt or of an older
// format, and never lost when a rebuild cannot happen.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  readdirSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readIndex, readIndexAsync } from '../src/engine/index/file-reader.js'
import { saveIndex } from '../src/engine/index/file-writer.js'
import { ALIGN, headerCrc, type Header } from '../src/engine/index/file-format.js'
import { crc32 } from 'node:zlib'
import { openIndex } from '../src/runtime/open-index.js'
import { answer } from '../src/engine/query/answer.js'
import { SEED_CORPUS, seedCorpusCopy } from './helpers.js'

let dir: string
let corpus: string
let indexPath: string

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'syria-news-bot-store-'))
  corpus = seedCorpusCopy()
  indexPath = join(dir, 'index.json')
})
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
  rmSync(join(corpus, '..'), { recursive: true, force: true })
})

/** Opens the index, collecting what it says. */
function open(): { messages: string[]; built: boolean; passages: number } {
  const messages: string[] = []
  const { index, built } = openIndex({ corpusPath: corpus, indexPath, notify: (m) => messages.push(m) })
  // Whatever happened, it answers.
  expect(answer(index, 'casualties', 'killed in June').answers[0]?.value.count).toBe(173)
  return { messages, built, passages: index.passages.count }
}

describe('opening the index', () => {
  it('builds it when there is none, saying so, then loads it quietly', () => {
    const first = open()
    expect(first.built).toBe(true)
    expect(first.messages).toEqual([`index ${indexPath}: no index file yet; building it from ${corpus}`])
    const second = open()
    expect(second).toMatchObject({ built: false, messages: [] })
  })

  it.each([
    ['zero bytes', () => writeFileSync(indexPath, ''), /the file is empty; rebuilding/],
    ['cut in half', () => truncateSync(indexPath, Math.floor(statSync(indexPath).size / 2)), /cut short/],
    ['a damaged byte', () => flipByte(indexPath), /checksum does not match/],
    [
      'an older format',
      () => rewriteHeader(indexPath, (h) => ({ ...h, format: 1 })),
      /written in format 1, this version reads format \d+; rebuilding/,
    ],
    [
      'a header whose averageLength was changed',
      () => rewriteHeader(indexPath, (h) => ({ ...h, averageLength: 1 })),
      /checksum does not match/,
    ],
  ])('a file that is %s is rebuilt with a message naming what is wrong', (_what, damage, message) => {
    open()
    damage()
    const { built, messages } = open()
    expect(built).toBe(true)
    expect(messages).toHaveLength(1)
    expect(messages[0]).toMatch(message)
    expect(readIndex(indexPath).ok).toBe(true)
  })

  it.each([
    ['another program’s file', Buffer.from('{"hello":"world"}\n')],
    ['binary garbage', Buffer.from([0xff, 0x00, 0x13, 0x37, 0x0a, 0x01])],
    ['a corpus file', readFileSync(join(SEED_CORPUS, 'seed-bbc-raqqa-old-city-wall.md'))],
  ])('an index path that holds %s is refused, naming the setting, and the file is left as it was', (_what, content) => {
    writeFileSync(indexPath, content)
    expect(() => openIndex({ corpusPath: corpus, indexPath })).toThrow(
      `INDEX_PATH names ${indexPath}, which is not an index file of this bot; it is left as it is`,
    )
    expect(() => openIndex({ corpusPath: corpus, indexPath, rebuild: true, indexSetting: '--index' })).toThrow(
      /^--index names .* not an index file of this bot/,
    )
    expect(readFileSync(indexPath).equals(content)).toBe(true)
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
    rmSync(indexPath)
  })

  it('a changed corpus makes the index stale; the new article is then found', () => {
    open()
    writeFileSync(
      join(corpus, 'extra.md'),
      '---\nid: extra\nsource: Test Wire\ndate: 2017-07-06\n---\nThe Rafiqah Wall was breached a second time on Thursday.\n',
    )
    const { messages, built } = open()
    expect(built).toBe(true)
    expect(messages[0]).toMatch(/the corpus changed since it was built; rebuilding it/)
    const { index } = openIndex({ corpusPath: corpus, indexPath })
    expect(answer(index, 'when', 'Rafiqah Wall breached a second time').answers[0]?.value).toMatchObject({
      date: '2017-07-06',
      text: 'on Thursday',
    })
    rmSync(join(corpus, 'extra.md'))
  })

  it('when the corpus is gone the error names it, and the saved index is kept', () => {
    open()
    const before = readFileSync(indexPath)
    expect(() => openIndex({ corpusPath: join(dir, 'no-such-corpus'), indexPath })).toThrow(
      `corpus not found: ${join(dir, 'no-such-corpus')} (set CORPUS_DIR or pass --corpus PATH)`,
    )
    expect(readFileSync(indexPath).equals(before)).toBe(true)
  })

  it('saving replaces the file in one step: a reader of the old file still reads it whole, no temporary file is left', () => {
    const { index } = openIndex({ corpusPath: corpus, indexPath })
    const old = readFileSync(indexPath)
    const oldInode = statSync(indexPath).ino
    // A reader that opened the file before the save (a shard loading it, say).
    const reader = openSync(indexPath, 'r')
    try {
      saveIndex(indexPath, { ...index, builtAt: new Date(Date.now() + 1000).toISOString() })
      // Written in place, the open file would now hold (part of) the new bytes; renamed over, it is untouched.
      const seen = Buffer.alloc(old.length)
      readSync(reader, seen, 0, old.length, 0)
      expect(seen.equals(old)).toBe(true)
    } finally {
      closeSync(reader)
    }
    expect(statSync(indexPath).ino).not.toBe(oldInode)
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
    const reread = readIndex(indexPath)
    expect(reread.ok && reread.index.passages.count).toBe(index.passages.count)
  })

  it('a leftover temporary file from a process killed while saving is ignored', () => {
    writeFileSync(`${indexPath}.12345.1.tmp`, 'half of an index')
    const { built } = open()
    expect(built).toBe(false)
  })
})

function flipByte(path: string): void {
  const bytes = readFileSync(path)
  const at = bytes.indexOf(0x0a) + Math.floor((bytes.length - bytes.indexOf(0x0a)) / 2)
  bytes[at] = bytes[at]! ^ 0xff
  writeFileSync(path, bytes)
}

function rewriteHeader(path: string, change: (h: Record<string, unknown>) => Record<string, unknown>): void {
  const bytes = readFileSync(path)
  const nl = bytes.indexOf(0x0a)
  const header = change(JSON.parse(bytes.toString('utf8', 0, nl)) as Record<string, unknown>)
  writeFileSync(path, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), bytes.subarray(nl + 1)]))
}

describe('reading without blocking', () => {
  it('readIndexAsync gives the same index as readIndex, and reports damage the same way', async () => {
    openIndex({ corpusPath: corpus, indexPath })
    const sync = readIndex(indexPath)
    const async = await readIndexAsync(indexPath)
    expect(sync.ok && async.ok).toBe(true)
    if (!sync.ok || !async.ok) return
    expect(async.index.passages.count).toBe(sync.index.passages.count)
    expect(async.index.miniSearch.documentCount).toBe(sync.index.miniSearch.documentCount)
    expect(answer(async.index, 'when', 'when did IS seize Raqqa').answers[0]?.value).toEqual(
      answer(sync.index, 'when', 'when did IS seize Raqqa').answers[0]?.value,
    )
    flipByte(indexPath)
    expect(await readIndexAsync(indexPath)).toMatchObject({
      ok: false,
      reason: 'corrupt',
      detail: 'its checksum does not match (the file was damaged)',
    })
    expect(await readIndexAsync(join(dir, 'nothing-here.json'))).toMatchObject({ ok: false, reason: 'missing' })
  })
})

describe('MiniSearch as typed arrays', () => {
  it('the index read back finds what the built one found: the same passages, scores and order', () => {
    const { index: built } = openIndex({ corpusPath: corpus, indexPath, rebuild: true })
    const read = readIndex(indexPath)
    expect(read.ok).toBe(true)
    if (!read.ok) return
    const loaded = read.index.miniSearch
    expect(loaded.documentCount).toBe(built.miniSearch.documentCount)
    expect(loaded.termCount).toBe(built.miniSearch.termCount)
    const terms = [...built.termFrequency.keys()].filter((t) => !built.frequent.slots.has(t))
    expect(terms.length).toBeGreaterThan(50)
    const exact = { tokenize: (s: string) => s.split(' '), processTerm: (t: string) => t }
    const filtered = { ...exact, filter: (r: { id: number }) => r.id % 2 === 0 }
    for (let i = 0; i < 200; i++) {
      const query = [0, 1, 2].map((k) => terms[(i * 31 + k * 97) % terms.length]).join(' ')
      expect(loaded.search(query, exact)).toEqual(built.miniSearch.search(query, exact))
      expect(loaded.search(query, filtered)).toEqual(built.miniSearch.search(query, filtered))
    }
    const fuzzy = { ...exact, prefix: true, fuzzy: 0.2 }
    expect(loaded.search('raqq citadel', fuzzy)).toEqual(built.miniSearch.search('raqq citadel', fuzzy))
    // Read-only: a loaded index is replaced, never changed.
    expect(() => loaded.add({ id: 1e9, t: 'x' })).toThrow(/cannot be changed/)
  })

  it('saving an index read from a file writes the same bytes', () => {
    openIndex({ corpusPath: corpus, indexPath })
    const read = readIndex(indexPath)
    if (!read.ok) throw new Error(read.detail)
    const again = join(dir, 'again.index')
    saveIndex(again, read.index)
    expect(readFileSync(again).equals(readFileSync(indexPath))).toBe(true)
    rmSync(again)
  })

  it.each([
    [
      'a posting past the last document',
      'miniSearchPostings',
      (b: Buffer) => b.writeUInt32LE(0xffff_fff0, 0),
      'its search index does not agree with itself (postings)',
    ],
    [
      'document ids out of order',
      'miniSearchIds',
      (b: Buffer) => b.writeUInt32LE(0xffff_fff0, 0),
      'its search index does not agree with itself (document ids)',
    ],
    [
      'term offsets that do not add up',
      'miniSearchOffsets',
      (b: Buffer) => b.writeUInt32LE(1, 0),
      'its search index does not agree with itself (terms)',
    ],
  ])(
    'a whole file (checksum right) whose MiniSearch has %s is reported, naming it',
    (_what, section, damage, detail) => {
      openIndex({ corpusPath: corpus, indexPath })
      rewriteSection(indexPath, (header, body) => {
        const s = header.sections.find((x) => x.name === section)!
        damage(body.subarray(s.offset, s.offset + s.length))
        return header
      })
      expect(readIndex(indexPath)).toEqual({ ok: false, reason: 'corrupt', detail })
      const { built, messages } = open()
      expect(built).toBe(true)
      expect(messages[0]).toContain(detail)
    },
  )

  it('a whole file without one of its MiniSearch sections names the section', () => {
    openIndex({ corpusPath: corpus, indexPath })
    rewriteSection(indexPath, (header) => ({
      ...header,
      sections: header.sections.filter((x) => x.name !== 'miniSearchFrequencies'),
    }))
    expect(readIndex(indexPath)).toMatchObject({
      ok: false,
      reason: 'corrupt',
      detail: expect.stringContaining('section miniSearchFrequencies is missing'),
    })
  })
})

/** Changes a file's body and header, then writes them back with a right checksum: damage the CRC cannot see. */
function rewriteSection(path: string, change: (header: Header, body: Buffer) => Header): void {
  const bytes = readFileSync(path)
  const nl = bytes.indexOf(0x0a)
  const body = Buffer.from(bytes.subarray(nl + 1))
  const header = change(JSON.parse(bytes.toString('utf8', 0, nl)) as Header, body)
  let crc = headerCrc(header)
  for (const s of header.sections) if (s.length > 0) crc = crc32(body.subarray(s.offset, s.offset + s.length), crc)
  let line = JSON.stringify({ ...header, crc32: crc })
  line += ' '.repeat((ALIGN - ((Buffer.byteLength(line) + 1) % ALIGN)) % ALIGN) + '\n'
  writeFileSync(path, Buffer.concat([Buffer.from(line), body]))
}
