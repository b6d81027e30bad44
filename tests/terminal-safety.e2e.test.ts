// Terminal safety of the command-line tools, run as processes: `npm run ask` and `npm run eval` print an article's
// control characters as placeholders, and `--json` keeps them, escaped. (tests/terminal-safety.test.ts tests
// terminalSafe, the text renderer and the console in-process.)

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openIndex } from '../src/runtime/open-index.js'
import { runCli } from './run-cli.js'
import { CONTROL, EVIL, OSC_TITLE } from './terminal-escapes.js'

const TIMEOUT = 60_000

let tmp: string
let corpus: string
let indexPath: string

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'syria-news-bot-terminal-'))
  corpus = join(tmp, 'hostile.jsonl')
  indexPath = join(tmp, 'hostile.index.json')
  writeFileSync(
    corpus,
    `${JSON.stringify({ id: EVIL.id, title: EVIL.title, body: EVIL.body, source: EVIL.source, date: EVIL.date, url: EVIL.url })}\n`,
  )
  // Built once here, so that the tools only load it (and print nothing about building it).
  openIndex({ corpusPath: corpus, indexPath })
})

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true })
})

const where = () => ['--corpus', corpus, '--index', indexPath]

describe('the command line', () => {
  it(
    'npm run ask prints the answer with its control characters as placeholders',
    async () => {
      const r = await runCli('src/cli/ask.ts', ['who', 'who breached the wall of Raqqa old city', ...where()])
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
      expect(r.stdout).toContain('Raqqa␛[31m old city␛[0m')
      expect(r.stdout).toContain('Evil␛[5mNews')
      expect(r.stdout).not.toMatch(CONTROL)
    },
    TIMEOUT,
  )

  it(
    'npm run ask --json keeps the characters, every control character escaped (C1 and DEL too)',
    async () => {
      const r = await runCli('src/cli/ask.ts', ['who', 'who breached the wall of Raqqa old city', '--json', ...where()])
      expect(r.code).toBe(0)
      expect(r.stdout).not.toMatch(CONTROL)
      expect(r.stdout).toContain('\\u009b2J \\u007f')
      const result = JSON.parse(r.stdout) as {
        answers: Array<{ quote: string; article: { title: string; source: string; url: string } }>
      }
      expect(result.answers[0]!.article).toMatchObject({ title: EVIL.title, source: EVIL.source, url: EVIL.url })
      expect(result.answers[0]!.quote).toContain('\x1b[31m old city')
    },
    TIMEOUT,
  )

  it(
    'npm run ask --batch escapes them as well, and a bad command name is shown safely',
    async () => {
      const batch = join(tmp, 'batch.jsonl')
      writeFileSync(
        batch,
        `${JSON.stringify({ command: 'who', query: `wall of Raqqa ${OSC_TITLE}` })}\n${JSON.stringify({ command: `x\u009b2J`, query: 'q' })}\n`,
      )
      const [r, bad] = await Promise.all([
        runCli('src/cli/ask.ts', ['--batch', batch, '--json', ...where()]),
        runCli('src/cli/ask.ts', [`wh${OSC_TITLE}`, 'Raqqa', ...where()]),
      ])
      expect(r.code).toBe(0)
      expect(r.stdout).not.toMatch(CONTROL)
      const lines = r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { query: string; command: string })
      expect(lines[0]!.query).toBe(`wall of Raqqa ${OSC_TITLE}`)
      expect(lines[1]!.command).toBe('x\u009b2J')
      expect(bad.code).toBe(2)
      expect(bad.stderr).toContain('unknown command "wh␛]0;pwned␇"')
      expect(bad.stderr).not.toMatch(CONTROL)
    },
    TIMEOUT,
  )

  it(
    'npm run eval prints its report and misses with the control characters as placeholders',
    async () => {
      const questions = join(tmp, `questions${'\x1b[2J'}.jsonl`)
      writeFileSync(
        questions,
        `${JSON.stringify({ kind: 'negative', command: 'who', query: `who breached the wall of Raqqa old city ${OSC_TITLE}`, gold: { none: true } })}\n`,
      )
      const broken = join(tmp, `broken${'\x1b[2J'}.jsonl`)
      writeFileSync(broken, 'not json\n')
      const [r, bad] = await Promise.all([
        runCli('src/cli/eval.ts', [questions, '--misses', ...where()]),
        runCli('src/cli/eval.ts', [broken, ...where()]),
      ])
      expect(r.code).toBe(0)
      expect(r.stdout).toContain('MISS who "who breached the wall of Raqqa old city ␛]0;pwned␇"')
      expect(r.stdout).toContain('Evil␛[5mNews')
      expect(r.stdout).not.toMatch(CONTROL)
      expect(bad.code).toBe(2)
      expect(bad.stderr).toContain('broken␛[2J.jsonl:1: not valid JSON')
      expect(bad.stderr).not.toMatch(CONTROL)
    },
    TIMEOUT,
  )
})
