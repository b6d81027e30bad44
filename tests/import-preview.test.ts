// The parts of /import and /remove that know nothing of Discord: reading an upload with the corpus loader, what
// importing it would change (src/engine/corpus/upload.ts), writing it by the safe import (importer.ts), removing only
// what the bot's imports wrote (removal.ts), the import log (src/runtime/import-log.ts) and the settings.

import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readConfig } from '../src/config.js'
import { importArticles, importIncoming } from '../src/engine/corpus/importer.js'
import { loadCorpus } from '../src/engine/corpus/loader.js'
import { checkRemoval, removeImported } from '../src/engine/corpus/removal.js'
import { parseUpload, previewImport, uploadName, uploadTypeProblem } from '../src/engine/corpus/upload.js'
import {
  appendImportLog,
  filesWrittenByImports,
  readImportLog,
  recentEntries,
  type ImportLogEntry,
} from '../src/runtime/import-log.js'

let tmp: string
let corpus: string
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'syria-news-bot-import-'))
  corpus = join(tmp, 'corpus')
  mkdirSync(corpus)
})
afterEach(() => rmSync(tmp, { recursive: true, force: true }))

const jsonl = (...rows: object[]) => Buffer.from(rows.map((r) => JSON.stringify(r)).join('\n') + '\n')
const row = (id: string, body: string, extra: object = {}) => ({
  id,
  title: `Title ${id}`,
  source: 'Test Wire',
  date: '2017-07-04',
  body,
  ...extra,
})

describe('the preview of an upload', () => {
  it('counts articles by outlet and date range, tells new ids from updates and unchanged ones, and lists every skipped row', () => {
    writeFileSync(join(corpus, 'hand.md'), '---\nid: "hand"\ntitle: "By hand"\n---\nWritten by hand.\n')
    const earlier = importIncoming(
      corpus,
      parseUpload('old.jsonl', jsonl(row('old', 'Old text.'), row('same', 'Same.'))),
    )
    expect(earlier.added.map((a) => a.id)).toEqual(['old', 'same'])
    const before = readdirSync(corpus).sort()

    const upload = jsonl(
      row('new-1', 'New one.', { source: 'BBC', date: '2017-07-01' }),
      row('new-2', 'New two.', { source: 'BBC', date: '2017-07-09' }),
      row('old', 'Old text, corrected.', { source: 'Reuters', date: '2016-03-02' }),
      row('same', 'Same.'),
      row('hand', 'Overwrite the hand-written one?'),
      { id: 'nobody', title: 'No body' },
      row('bad-date', 'Text.', { date: 'last Tuesday' }),
      row('new-1', 'Another text under a used id.'),
    )
    const preview = previewImport(corpus, 'upload.jsonl', upload)
    expect(preview.articles).toBe(5)
    expect(preview.outlets).toEqual([
      { source: 'BBC', articles: 2, from: '2017-07-01', to: '2017-07-09' },
      { source: 'Test Wire', articles: 2, from: '2017-07-04', to: '2017-07-04' },
      { source: 'Reuters', articles: 1, from: '2016-03-02', to: '2016-03-02' },
    ])
    expect(preview.added).toEqual(['new-1', 'new-2'])
    expect(preview.updated).toEqual([{ id: 'old', file: 'old.md' }])
    expect(preview.unchanged).toEqual(['same'])
    expect(preview.before).toBe(3)
    expect(preview.skipped.map((p) => `${p.line}: ${p.message}`)).toEqual([
      '6: no body',
      '7: unparseable date "last Tuesday" (use YYYY-MM-DD, YYYY-MM, YYYY or M/D/YYYY)',
      '8: id new-1 already used by upload.jsonl:1 (different text); skipped',
      '5: article hand is already in hand.md, a file that import did not write; not changed (edit that file, or give the article another id)',
    ])
    // A preview writes nothing.
    expect(readdirSync(corpus).sort()).toEqual(before)
  })

  it('reads every format the loader reads, and reports a CSV without a header it recognises', () => {
    const md = previewImport(
      corpus,
      'wall.md',
      Buffer.from(
        '---\nid: "wall-1"\ntitle: "The wall"\nsource: "BBC"\ndate: "2017-07-04"\n---\nThe wall was breached.\n',
      ),
    )
    expect(md.added).toEqual(['wall-1'])
    const txt = previewImport(corpus, 'plain-report.txt', Buffer.from('A report without front matter.\n'))
    expect(txt.added).toEqual(['plain-report'])
    const csv = previewImport(corpus, 'rows.csv', Buffer.from('id,title,body,source,date\nc1,T,Text.,BBC,2017-07-04\n'))
    expect(csv.added).toEqual(['c1'])
    const fakes = previewImport(
      corpus,
      'fakes.csv',
      Buffer.from('unit_id,article_title,article_content,source,date,location\n9,T,Text.,SANA,7/4/2017,Raqqa\n'),
    )
    expect(fakes.added).toEqual(['9'])

    const noHeader = previewImport(corpus, 'data.csv', Buffer.from('name,age\nAli,3\n'))
    expect(noHeader.articles).toBe(0)
    expect(noHeader.skipped).toHaveLength(1)
    expect(noHeader.skipped[0]!.message).toContain('the first line is not a header naming the columns')
  })

  it('gives uploads a safe name, and names the types it takes', () => {
    expect(uploadName('../../etc/passwd.md')).toBe('passwd.md')
    expect(uploadName('my articles (2).JSONL')).toBe('my_articles_2_.jsonl')
    expect(uploadName('.hidden.csv')).toBe('hidden.csv')
    expect(uploadName('<@&123>.md')).toBe('123_.md')
    expect(uploadTypeProblem('a.md')).toBeUndefined()
    expect(uploadTypeProblem('a.CSV')).toBeUndefined()
    expect(uploadTypeProblem('a.pdf')).toBe(
      '.pdf files cannot be imported; send Markdown with front matter (.md), text (.txt), JSON Lines (.jsonl) or CSV (.csv)',
    )
    expect(uploadTypeProblem('README')).toMatch(/^it has no file type; send Markdown/)
  })
})

describe('importing an upload writes through the same safe import as the CLI', () => {
  it('writes one Markdown file per article, marked as imported, and the CLI import reads the folder the same way', () => {
    const report = importIncoming(corpus, parseUpload('in.jsonl', jsonl(row('a/b', 'Slash.'), row('x', 'X.'))))
    expect(report.added.map((a) => a.id)).toEqual(['a/b', 'x'])
    expect(report.after).toBe(2)
    const text = readFileSync(join(corpus, report.added[1]!.file), 'utf8')
    expect(text).toMatch(/^---\nid: "x"\n[\s\S]*imported: "\d{4}-\d{2}-\d{2}T[\d:.]+Z"\n---\nX\.$/)
    const file = join(tmp, 'again.jsonl')
    writeFileSync(file, jsonl(row('x', 'X, corrected.')))
    const cli = importArticles(corpus, file)
    expect(cli.updated).toEqual([{ id: 'x', file: 'x.md' }])
    expect(loadCorpus(corpus).articles.find((a) => a.id === 'x')?.body).toBe('X, corrected.')
  })
})

describe('removing an article', () => {
  const entry = (over: Partial<ImportLogEntry>): ImportLogEntry => ({
    at: '2024-05-01T10:00:00.000Z',
    action: 'import',
    userId: '111111111111111111',
    user: 'mod',
    corpus,
    file: 'in.jsonl',
    ...over,
  })

  it('removes only a file that an import of the bot wrote; anything else is reported, never deleted', () => {
    writeFileSync(join(corpus, 'hand.md'), '---\nid: "hand"\n---\nWritten by hand.\n')
    writeFileSync(join(corpus, 'bundle.jsonl'), jsonl(row('j1', 'In a bundle.')))
    const ours = importIncoming(corpus, parseUpload('in.jsonl', jsonl(row('ours', 'Ours.'))))
    // Imported from the command line: marked as imported, but not by the bot.
    const cliFile = join(tmp, 'cli.jsonl')
    writeFileSync(cliFile, jsonl(row('cli', 'From the CLI.')))
    importArticles(corpus, cliFile)

    const log = join(tmp, 'imports.jsonl')
    appendImportLog(log, entry({ added: ours.added }))
    const written = filesWrittenByImports(readImportLog(log), corpus)
    expect([...written.keys()]).toEqual(['ours.md'])

    expect(checkRemoval(corpus, 'hand', written)).toMatchObject({
      ok: false,
      reason:
        "article hand is in hand.md, which /import did not write; it is not removed (edit or delete that file on the bot's host)",
    })
    expect(checkRemoval(corpus, 'j1', written)).toMatchObject({
      ok: false,
      reason: expect.stringContaining('bundle.jsonl:1'),
    })
    expect(checkRemoval(corpus, 'cli', written)).toMatchObject({ ok: false })
    expect(checkRemoval(corpus, 'nothing', written)).toEqual({
      ok: false,
      reason: 'no article with id nothing is in the corpus folder',
    })
    expect(() => removeImported(corpus, 'hand', written)).toThrow('which /import did not write')

    const removed = removeImported(corpus, 'ours', written)
    expect(removed).toEqual({ id: 'ours', file: 'ours.md', title: 'Title ours', before: 4, after: 3 })
    expect(existsSync(join(corpus, 'ours.md'))).toBe(false)
    expect(readdirSync(corpus).sort()).toEqual(['bundle.jsonl', 'cli.md', 'hand.md'])
  })

  it('never removes through a symbolic link, nor what it points to', () => {
    const ours = importIncoming(corpus, parseUpload('in.jsonl', jsonl(row('ours', 'Ours.'))))
    const real = join(corpus, 'ours.md')
    const kept = join(corpus, 'sub')
    mkdirSync(kept)
    writeFileSync(join(kept, 'ours-real.md'), readFileSync(real))
    rmSync(real)
    symlinkSync(join(kept, 'ours-real.md'), real)
    // The link loads (it stays inside the corpus) and is the file the log names, but it is a link: not removed.
    const written = new Set(ours.added.map((a) => a.file))
    expect(checkRemoval(corpus, 'ours', written)).toMatchObject({
      ok: false,
      reason: 'ours.md is a symbolic link, which is never removed; not removed',
    })
    expect(() => removeImported(corpus, 'ours', written)).toThrow('symbolic link')
    expect(existsSync(real)).toBe(true)
    expect(existsSync(join(kept, 'ours-real.md'))).toBe(true)
  })
})

describe('the import log', () => {
  const entry = (over: Partial<ImportLogEntry>): ImportLogEntry => ({
    at: '2024-05-01T10:00:00.000Z',
    action: 'import',
    userId: '111111111111111111',
    user: 'mod',
    corpus,
    file: 'in.jsonl',
    ...over,
  })

  it('appends one line per change, survives a line cut short, and tells the files written from those removed', () => {
    const log = join(tmp, 'data', 'imports.jsonl')
    expect(readImportLog(log)).toEqual([])
    appendImportLog(
      log,
      entry({
        added: [
          { id: 'a', file: 'a.md' },
          { id: 'b', file: 'b.md' },
        ],
      }),
    )
    appendFileSync(log, '{"at":"2024-05-01T10:01:00.000Z","action":"imp') // a crash mid-line
    appendImportLog(
      log,
      entry({ at: '2024-05-01T10:02:00.000Z', action: 'remove', file: 'a.md', removed: { id: 'a', file: 'a.md' } }),
    )
    appendImportLog(log, entry({ corpus: join(tmp, 'another'), added: [{ id: 'c', file: 'c.md' }] }))
    const lines = readFileSync(log, 'utf8').split('\n')
    expect(lines).toHaveLength(5) // 3 entries, the torn line, and what follows the last newline
    const entries = readImportLog(log)
    expect(entries).toHaveLength(3)
    expect([...filesWrittenByImports(entries, corpus).keys()]).toEqual(['b.md'])
    expect(recentEntries(entries, corpus).map((e) => e.action)).toEqual(['remove', 'import'])
    expect(recentEntries(entries, corpus, 1)).toHaveLength(1)
  })

  it('is never written through a symbolic link', () => {
    const target = join(tmp, 'target.txt')
    writeFileSync(target, 'keep me')
    const log = join(tmp, 'link.jsonl')
    symlinkSync(target, log)
    expect(() => appendImportLog(log, entry({}))).toThrow(/cannot be written/)
    expect(readFileSync(target, 'utf8')).toBe('keep me')
  })
})

describe('the settings of /import', () => {
  it('take IMPORT_MAX_BYTES in bytes or with a unit, 5 MB by default, and refuse a bad one naming it', () => {
    expect(readConfig({}).importMaxBytes).toBe(5 * 1024 * 1024)
    expect(readConfig({ IMPORT_MAX_BYTES: '500 KB' }).importMaxBytes).toBe(500 * 1024)
    expect(readConfig({ IMPORT_MAX_BYTES: '1048576' }).importMaxBytes).toBe(1048576)
    expect(readConfig({ IMPORT_MAX_BYTES: '2MB' }).importMaxBytes).toBe(2 * 1024 * 1024)
    for (const bad of ['lots', '0', '-5', '1 GB', '200 MB'])
      expect(() => readConfig({ IMPORT_MAX_BYTES: bad }), bad).toThrow(
        `IMPORT_MAX_BYTES must be a size from 1 byte to 100 MB, in bytes or with a unit (5242880, 500 KB, 5 MB), got "${bad}"`,
      )
  })

  it('keep the import log out of the corpus folder, and the timeout positive', () => {
    expect(readConfig({}).importLogPath).toMatch(/^data\/corpus-[0-9a-f]{8}\.imports\.jsonl$/)
    expect(readConfig({}).importTimeoutMs).toBe(30_000)
    expect(readConfig({ IMPORT_TIMEOUT_SECONDS: '2.5' }).importTimeoutMs).toBe(2_500)
    expect(() => readConfig({ CORPUS_DIR: corpus, IMPORT_LOG: join(corpus, '.imports.jsonl') })).toThrow(
      'IMPORT_LOG must be outside the corpus folder (CORPUS_DIR)',
    )
    expect(() => readConfig({ IMPORT_TIMEOUT_SECONDS: '0' })).toThrow('IMPORT_TIMEOUT_SECONDS must be a number')
  })
})
