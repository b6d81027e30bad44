// Terminal safety: escape sequences and other control characters in an article's title, body, outlet or link, or in
// a file name, must never reach a terminal as they are (they could retitle, clear or recolour it). terminalSafe shows
// them as placeholders; the text renderer, the console, and `npm run ask` / `npm run eval` go through it. JSON output
// keeps the characters, escaped. The tools themselves run as processes in tests/terminal-safety.e2e.test.ts.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consoleLine, type ConsoleState } from '../src/bot/console.js'
import { EngineClient } from '../src/runtime/client.js'
import type { AnswerResult } from '../src/engine/types.js'
import { renderJson } from '../src/render/json.js'
import { terminalSafe } from '../src/render/safe.js'
import { renderArticle, renderReindex, renderSources, renderStats, renderText } from '../src/render/text.js'
import { BOLD_OFF, BOLD_ON, CLEAR, CONTROL, EVIL, OSC_TITLE, withoutBold } from './terminal-escapes.js'

describe('terminalSafe', () => {
  it('shows ESC, BEL and the other C0 controls as their control pictures', () => {
    expect(terminalSafe('a\x1b[31mred\x1b[0m')).toBe('a␛[31mred␛[0m')
    expect(terminalSafe(OSC_TITLE)).toBe('␛]0;pwned␇')
    expect(terminalSafe('\x00\x08\x0b\x0c\x0d\x1f')).toBe('␀␈␋␌␍␟')
  })

  it('shows DEL as ␡ and the C1 controls (U+0080–U+009F) as U+FFFD', () => {
    expect(terminalSafe('\u007f')).toBe('␡')
    expect(terminalSafe('\u0080 \u009b2J \u009d0;t\u009c \u009f')).toBe('\ufffd \ufffd2J \ufffd0;t\ufffd \ufffd')
  })

  it('keeps line breaks and tabs; a CR before a LF is dropped, a lone CR shown', () => {
    expect(terminalSafe('one\ntwo\tthree')).toBe('one\ntwo\tthree')
    expect(terminalSafe('one\r\ntwo\rthree')).toBe('one\ntwo␍three')
  })

  it('leaves every other character as it is, including U+FFFD, Arabic, emoji and bidi marks', () => {
    const text = 'Raqqa’s “old city” — هجوم على حلب 💥 \ufffd \u202eevil\u202c ␛ é'
    expect(terminalSafe(text)).toBe(text)
  })

  it('never lets a control character through, and is idempotent (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.integer({ min: 0, max: 0x2fff }).map((c) => String.fromCharCode(c)), maxLength: 60 }),
        (s) => {
          const safe = terminalSafe(s)
          expect(safe).not.toMatch(CONTROL)
          expect(terminalSafe(safe)).toBe(safe)
          // One placeholder per character: only CRLF pairs shorten the text.
          expect(safe.length).toBe(s.length - (s.match(/\r\n/g)?.length ?? 0))
        },
      ),
      { numRuns: 500, seed: 7 },
    )
  })
})

function evilResult(): AnswerResult<'search'> {
  const quote = EVIL.body.split('.\r\n')[0]! + '.'
  const start = quote.indexOf('Raqqa')
  return {
    command: 'search',
    query: `Raqqa wall ${OSC_TITLE}`,
    terms: ['raqqa'],
    reason: '',
    answers: [
      {
        quote,
        article: { id: EVIL.id, title: EVIL.title, source: EVIL.source, date: EVIL.date, url: EVIL.url },
        value: {},
        incident: 1,
        highlights: [[start, start + 'Raqqa'.length]],
        headline: false,
        alsoIn: [{ id: 'evil-2', title: `Copy${CLEAR}`, source: `Other${OSC_TITLE}`, date: '2017', url: '' }],
        credit: '',
        score: 1,
      },
    ],
  }
}

describe('the text renderer', () => {
  it('shows every control character of the question, quote, title, outlet, link and copies as a placeholder', () => {
    const text = renderText(evilResult(), { color: false })
    expect(text).not.toMatch(CONTROL)
    expect(text).toContain('/search Raqqa wall ␛]0;pwned␇')
    expect(text).toContain('Raqqa␛[31m old city␛[0m on 4 July 2017')
    expect(text).toContain('Evil␛[5mNews')
    expect(text).toContain('https://example.com/␛]8;;https://other.example␇a')
    expect(text).toContain('Other␛]0;pwned␇')
  })

  it('keeps its own bold codes, and only those, with colour on', () => {
    const text = renderText(evilResult(), { color: true })
    expect(text).toContain(`${BOLD_ON}Raqqa${BOLD_OFF}␛[31m old city`)
    expect(withoutBold(text)).not.toMatch(CONTROL)
  })

  it('makes a highlighted span that holds a control character safe inside the bold codes', () => {
    const result = evilResult()
    const a = result.answers[0]!
    a.quote = `Raqqa\x1b]0;x\x07 wall`
    a.highlights = [[0, a.quote.length]]
    const text = renderText(result, { color: true })
    expect(text).toContain(`${BOLD_ON}Raqqa␛]0;x␇ wall${BOLD_OFF}`)
    expect(withoutBold(text)).not.toMatch(CONTROL)
  })

  it('shows the reason of a refusal safely', () => {
    const text = renderText(
      { command: 'when', query: `x${CLEAR}`, terms: [], answers: [], reason: `no article from${OSC_TITLE}` },
      { color: true },
    )
    expect(text).not.toMatch(CONTROL)
    expect(text).toContain('no article from␛]0;pwned␇')
  })

  it('shows an article, the outlets, the stats and a reindex report safely', () => {
    const article = renderArticle({ ...EVIL, credit: `credit${CLEAR}` })
    expect(article).not.toMatch(CONTROL)
    expect(article).toContain('Raqqa ␛]0;pwned␇wall breached␛[2J␛[H \ufffd2J ␡')
    expect(article).toContain('killing at least 20 fighters␛]0;pwned␇.\nMore text\ufffd0;t\ufffd here␍, over.')
    expect(
      renderSources([
        { source: EVIL.source, name: `Evil${OSC_TITLE}`, articles: 1, from: '2017-07-04', to: '2017-07-04' },
      ]),
    ).not.toMatch(CONTROL)
    const stats = renderStats(
      {
        articles: 1,
        passages: 2,
        sources: 1,
        builtAt: '2017-07-04T00:00:00Z',
        indexBytes: 10,
        indexPath: `data/${OSC_TITLE}.json`,
        corpusPath: `corpus${CLEAR}`,
        problems: 1,
      },
      5,
      `credit${OSC_TITLE}`,
    )
    expect(stats).not.toMatch(CONTROL)
    expect(stats).toContain('corpus␛[2J␛[H')
    const report = renderReindex({
      before: { articles: 1, passages: 1 },
      after: { articles: 1, passages: 1 },
      added: [`id${OSC_TITLE}`],
      removed: [`gone${CLEAR}`],
      skipped: [{ file: `corpus/${OSC_TITLE}.md`, line: 3, message: `bad\x1b[31m front matter` }],
      milliseconds: 10,
    })
    expect(report).not.toMatch(CONTROL)
    expect(report).toContain('corpus/␛]0;pwned␇.md:3: bad␛[31m front matter')
  })

  it('JSON keeps the characters: JSON.stringify escapes C0 controls (ESC as \\u001b) but not DEL or C1', () => {
    const json = renderJson(evilResult())
    expect(json).toContain('\\u001b]0;pwned\\u0007')
    expect(json).not.toMatch(/[\u0000-\u001f]/)
    // DEL and C1 stay raw in JSON.stringify's output: `npm run ask -- --json` escapes them (terminal-safety.e2e).
    expect(JSON.parse(json)).toMatchObject({ query: `Raqqa wall ${OSC_TITLE}` })
  })
})

describe('with a corpus of hostile articles', () => {
  let tmp: string
  let corpus: string
  let engine: EngineClient

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'syria-news-bot-terminal-'))
    corpus = join(tmp, 'hostile.jsonl')
    writeFileSync(
      corpus,
      `${JSON.stringify({ id: EVIL.id, title: EVIL.title, body: EVIL.body, source: EVIL.source, date: EVIL.date, url: EVIL.url })}\n`,
    )
    engine = await EngineClient.open({ corpusPath: corpus, indexPath: join(tmp, 'hostile.index.json') })
  })

  afterAll(async () => {
    await engine.close()
    if (tmp) rmSync(tmp, { recursive: true, force: true })
  })

  describe('the console', () => {
    let state: ConsoleState
    beforeAll(() => {
      state = { engine, startedAt: Date.now(), color: true }
    })

    it('prints an answer with only its own bold codes', async () => {
      const reply = (await consoleLine('/who breached the wall of Raqqa old city', state))!
      expect(reply).toContain('Evil␛[5mNews')
      expect(reply).toContain(BOLD_ON)
      expect(withoutBold(reply)).not.toMatch(CONTROL)
    })

    it('prints /article, /sources and /stats safely', async () => {
      for (const command of [`/article ${EVIL.id}`, '/sources', '/stats']) {
        const reply = (await consoleLine(command, state))!
        expect(reply, command).not.toMatch(CONTROL)
      }
      expect(await consoleLine(`/article ${EVIL.id}`, state)).toContain('Raqqa ␛]0;pwned␇wall breached')
    })

    it('echoes an id typed with escape sequences safely', async () => {
      const reply = (await consoleLine(`/article nope${OSC_TITLE}`, state))!
      expect(reply).not.toMatch(CONTROL)
      expect(reply).toContain('No article with id "nope␛]0;pwned␇"')
    })
  })
})
