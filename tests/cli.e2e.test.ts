// The command-line tools as people run them: real child processes (node --import tsx), with the index and every
// file they write in a temporary folder, so that the repository's data/ and corpus/ are untouched.

import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FAKES_CSV, HAVE_FAKES, requireFakes, SEED_CORPUS, TEST_DATA } from './helpers.js'
import { cliEnv, runCli } from './run-cli.js'

const TIMEOUT = 60_000

let tmp: string
let env: NodeJS.ProcessEnv

/** Runs `node --import tsx <script> ...args` in the repository with the test environment (the seed corpus). */
const run = (script: string, args: string[]) => runCli(script, args, env)
const ask = (...args: string[]) => run('src/cli/ask.ts', args)
const corpus = (...args: string[]) => run('src/cli/corpus.ts', args)

interface JsonResult {
  command: string
  query: string
  answers: Array<{
    quote: string
    article: { id: string; title: string; source: string; date: string; url: string }
    value: Record<string, unknown>
    alsoIn: unknown[]
  }>
  reason: string
}

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'syria-news-bot-cli-'))
  // Start from the indexes the global setup built (fresh for this engine); a stale copy is rebuilt in the temp folder.
  for (const [from, to] of [
    ['seeds.index.json', 'seeds.index.json'],
    ['fakes.index.json', 'fakes.index.json'],
  ] as const) {
    if (existsSync(join(TEST_DATA, from))) copyFileSync(join(TEST_DATA, from), join(tmp, to))
  }
  env = cliEnv({ CORPUS_DIR: SEED_CORPUS, INDEX_PATH: join(tmp, 'seeds.index.json') })
})

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true })
})

describe('ask', () => {
  it(
    'answers a question as text and as JSON',
    async () => {
      const [text, json, passages] = await Promise.all([
        ask('when', 'when did IS seize Raqqa'),
        ask('when', 'when did IS seize Raqqa', '--json'),
        ask('ask', 'what did the UN say about civilians in Raqqa'),
      ])
      // The CLI names its commands as the bot does: /ask, never the engine's "search".
      expect(passages.code, passages.stderr).toBe(0)
      expect(passages.stdout.split('\n')[0]).toBe('/ask what did the UN say about civilians in Raqqa')
      expect(passages.stdout).toContain('at least 173 were killed in June')

      expect(text.code, text.stderr).toBe(0)
      expect(text.stdout).toContain('/when when did IS seize Raqqa')
      expect(text.stdout).toContain('2014')
      expect(text.stdout).toContain('BBC')
      expect(text.stdout).toContain('IS seized Raqqa in 2014')
      expect(text.stdout).not.toContain('\x1b[') // not a terminal: no colour codes

      expect(json.code, json.stderr).toBe(0)
      const lines = json.stdout.trim().split('\n')
      expect(lines).toHaveLength(1)
      const result = JSON.parse(lines[0]!) as JsonResult
      expect(result.command).toBe('when')
      expect(result.query).toBe('when did IS seize Raqqa')
      expect(result.answers[0]!.value.date).toBe('2014')
      expect(result.answers[0]!.article.source).toBe('BBC')
      expect(result.answers[0]!.quote).toBe('IS seized Raqqa in 2014, proclaiming it the capital of a "caliphate".')
    },
    TIMEOUT,
  )

  it(
    'answers a batch, one JSON line per input line, in order, bad lines named',
    async () => {
      const file = join(tmp, 'batch.jsonl')
      writeFileSync(
        file,
        [
          '{"command":"when","query":"when did IS seize Raqqa"}',
          '{"command": "when", "query": oops',
          '{"command":"why","query":"why Raqqa"}',
          '',
        ].join('\n'),
      )
      const out = await ask('--batch', file, '--json')
      expect(out.code, out.stderr).toBe(0)
      const lines = out.stdout.trim().split('\n')
      expect(lines).toHaveLength(3)
      const [good, invalid, unknown] = lines.map((l) => JSON.parse(l) as JsonResult)
      expect(good!.command).toBe('when')
      expect(good!.answers[0]!.value.date).toBe('2014')
      expect(invalid!.answers).toEqual([])
      expect(invalid!.reason).toMatch(/line 2\b/)
      expect(invalid!.reason).toMatch(/JSON/)
      expect(unknown!.answers).toEqual([])
      expect(unknown!.command).toBe('why')
      expect(unknown!.reason).toMatch(/line 3\b/)
      expect(unknown!.reason).toContain('unknown command "why"')
    },
    TIMEOUT,
  )

  it.skipIf(!HAVE_FAKES)(
    'answers from FA-KES with --corpus, quoting FA-KES ids',
    async () => {
      requireFakes()
      const out = await ask(
        'search',
        'chemical attack',
        '--corpus',
        FAKES_CSV,
        '--index',
        join(tmp, 'fakes.index.json'),
        '--json',
        '--limit',
        '5',
      )
      expect(out.code, out.stderr).toBe(0)
      const result = JSON.parse(out.stdout) as JsonResult
      expect(result.answers.length).toBeGreaterThan(0)
      expect(result.answers.length).toBeLessThanOrEqual(5)
      for (const a of result.answers) {
        expect(a.article.id).toMatch(/^\d+$/)
        expect(a.quote.toLowerCase()).toMatch(/chemical|attack/)
      }
    },
    TIMEOUT,
  )

  it(
    'refuses bad usage with exit code 2 and says why; a missing corpus exits 1 naming it',
    async () => {
      const missing = join(tmp, 'no-such-corpus')
      const [unknown, noQuestion, limit0, noCorpus] = await Promise.all([
        ask('why', 'did it happen'),
        ask('when'),
        ask('when', 'when did IS seize Raqqa', '--limit', '0'),
        ask('when', 'when did IS seize Raqqa', '--corpus', missing, '--index', join(tmp, 'missing.index.json')),
      ])
      expect(unknown.code).toBe(2)
      expect(unknown.stderr).toContain('unknown command "why"')
      expect(unknown.stderr).toMatch(/usage/i)
      expect(unknown.stdout).toBe('')

      expect(noQuestion.code).toBe(2)
      expect(noQuestion.stderr).toMatch(/usage|npm run ask -- when/i)
      expect(noQuestion.stdout).toBe('')

      expect(limit0.code).toBe(2)
      expect(limit0.stderr).toContain('--limit')
      expect(limit0.stdout).toBe('')

      expect(noCorpus.code).toBe(1)
      expect(noCorpus.stderr).toContain(missing)
      expect(noCorpus.stdout).toBe('')
      expect(existsSync(join(tmp, 'missing.index.json'))).toBe(false)
    },
    TIMEOUT,
  )
  it(
    'refuses a date relative to today in --from or --to as bad usage (exit 2), before the index is opened',
    async () => {
      // A corpus that does not exist: had the index been opened first, the tool would exit 1 naming the corpus.
      const nowhere = cliEnv({ CORPUS_DIR: join(tmp, 'no-corpus-here'), INDEX_PATH: join(tmp, 'never-opened.index') })
      const example = 'use a year, a month or a day such as 2016, 2016-07 or 2016-07-03'
      const [from, to] = await Promise.all([
        runCli('src/cli/ask.ts', ['when', 'when did IS seize Raqqa', '--from', 'yesterday'], nowhere),
        runCli('src/cli/ask.ts', ['when', 'when did IS seize Raqqa', '--to', '3 days ago'], nowhere),
      ])
      expect(from.code, from.stderr).toBe(2)
      expect(from.stdout).toBe('')
      expect(from.stderr.trim()).toBe(`--from: "yesterday" is not a date; ${example}`)
      expect(to.code, to.stderr).toBe(2)
      expect(to.stderr.trim()).toBe(`--to: "3 days ago" is not a date; ${example}`)
      expect(existsSync(join(tmp, 'never-opened.index'))).toBe(false)
    },
    TIMEOUT,
  )
})

describe('corpus', () => {
  const article = (id: string, date: string, body: string) =>
    JSON.stringify({ id, title: `Article ${id}`, source: 'BBC', date, url: `https://example.com/${id}`, body })

  it(
    'imports a JSONL file as Markdown, idempotently, rewrites a changed article and lists the corpus',
    async () => {
      const dir = join(tmp, 'imported')
      const file = join(tmp, 'two.jsonl')
      const first = 'Fighters advanced on Raqqa on Monday, officials said.\n\nThe coalition struck the wall.'
      writeFileSync(
        file,
        `${article('raqqa-1', '2017-07-03', first)}\n${article('raqqa-2', '2017-07-10', 'The SDF entered the Old City.')}\n`,
      )

      const log = join(tmp, 'imports.jsonl')
      const added = await runCli('src/cli/corpus.ts', ['import', file, '--corpus', dir], { ...env, IMPORT_LOG: log })
      expect(added.code, added.stderr).toBe(0)
      expect(added.stdout).toMatch(/2 added, 0 updated, 0 unchanged, 0 skipped/)
      // Logged as the bot logs its imports, so that /imports lists it and /remove may take its articles out.
      const [entry] = readFileSync(log, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>)
      expect(entry).toMatchObject({
        action: 'import',
        userId: 'cli',
        file: 'two.jsonl',
        added: [
          { id: 'raqqa-1', file: 'raqqa-1.md' },
          { id: 'raqqa-2', file: 'raqqa-2.md' },
        ],
      })
      expect(readdirSync(dir).sort()).toEqual(['raqqa-1.md', 'raqqa-2.md'])
      const markdown = readFileSync(join(dir, 'raqqa-1.md'), 'utf8')
      expect(markdown).toMatch(/^---\n/)
      expect(markdown).toContain('id: "raqqa-1"')
      expect(markdown.endsWith(first)).toBe(true)

      const again = await corpus('import', file, '--corpus', dir)
      expect(again.code, again.stderr).toBe(0)
      expect(again.stdout).toMatch(/0 added, 0 updated, 2 unchanged/)
      expect(readFileSync(join(dir, 'raqqa-1.md'), 'utf8')).toBe(markdown)

      const changed = 'Fighters advanced on Raqqa on Tuesday, officials said.'
      writeFileSync(
        file,
        `${article('raqqa-1', '2017-07-03', changed)}\n${article('raqqa-2', '2017-07-10', 'The SDF entered the Old City.')}\n`,
      )
      const updated = await corpus('import', file, '--corpus', dir)
      expect(updated.code, updated.stderr).toBe(0)
      expect(updated.stdout).toMatch(/0 added, 1 updated, 1 unchanged/)
      expect(readdirSync(dir).sort()).toEqual(['raqqa-1.md', 'raqqa-2.md'])
      expect(readFileSync(join(dir, 'raqqa-1.md'), 'utf8').endsWith(changed)).toBe(true)

      // Another outlet, and a file that cannot be loaded.
      writeFileSync(
        join(dir, 'fox.md'),
        '---\nid: "fox-1"\ntitle: "Fox article"\nsource: "Fox News"\ndate: "2017-07"\nurl: ""\n---\nSyrian Democratic Forces breached the Old City of Raqqa.',
      )
      writeFileSync(join(dir, 'broken.md'), '---\nid: "broken"\ntitle: never closed\n')
      const list = await corpus('list', '--corpus', dir)
      expect(list.code, list.stderr).toBe(0)
      expect(list.stdout).toContain('3 articles from 2 outlets')
      const bbc = list.stdout.split('\n').find((l) => l.startsWith('BBC'))
      expect(bbc).toMatch(/^BBC\s+2\s+2017-07-03 – 2017-07-10$/)
      const fox = list.stdout.split('\n').find((l) => l.startsWith('Fox News'))
      expect(fox).toMatch(/^Fox News\s+1\s+2017-07 – 2017-07$/)
      expect(list.stdout).toContain('not loaded (1):')
      expect(list.stdout).toMatch(/broken\.md(:\d+)?: front matter/)
    },
    TIMEOUT,
  )
})

describe('reindex', () => {
  const reindex = (...args: string[]) => run('src/cli/reindex.ts', args)

  it(
    'refuses an index path that holds another file, exits 1 and leaves the file as it was',
    async () => {
      const csv = join(tmp, 'articles.csv')
      writeFileSync(csv, 'id,title,body\n1,One,The wall was breached.\n')
      const refused = await reindex('--index', csv)
      expect(refused.code).toBe(1)
      expect(refused.stderr).toContain(
        `--index names ${csv}, which is not an index file of this bot; it is left as it is.`,
      )
      expect(refused.stdout).not.toContain('saved')
      expect(readFileSync(csv, 'utf8')).toBe('id,title,body\n1,One,The wall was breached.\n')
      expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([])
    },
    TIMEOUT,
  )

  it(
    'an emptied corpus exits 1 with both counts and keeps the index; --force cannot make it accept nothing',
    async () => {
      const dir = join(tmp, 'emptied')
      const indexPath = join(tmp, 'emptied.index')
      mkdirSync(dir)
      writeFileSync(join(dir, 'one.md'), '---\nid: one\nsource: BBC\ndate: 2017-07-04\n---\nThe wall was breached.\n')
      const built = await reindex('--corpus', dir, '--index', indexPath)
      expect(built.code, built.stderr).toBe(0)
      expect(built.stdout).toMatch(/^indexed 1 articles/)
      const before = readFileSync(indexPath)
      rmSync(join(dir, 'one.md'))
      const refusals = await Promise.all(
        [[], ['--force']].map((args) => reindex('--corpus', dir, '--index', indexPath, ...args)),
      )
      for (const emptied of refusals) {
        expect(emptied.code, emptied.stderr).toBe(1)
        expect(emptied.stderr).toContain(
          `the corpus ${dir} has no article that loads; the index keeps its 1 articles. Nothing was replaced.`,
        )
      }
      expect(readFileSync(indexPath).equals(before)).toBe(true)
    },
    TIMEOUT,
  )
})
