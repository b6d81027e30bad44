// The local console: the bot's slash commands typed on a terminal, answered as text from the seed corpus.

import { Readable, Writable } from 'node:stream'
import { beforeAll, describe, expect, it } from 'vitest'
import { CONSOLE_HELP, consoleLine, parseOptions, runConsole, type ConsoleState } from '../src/bot/console.js'
import type { Engine } from '../src/runtime/engine.js'
import { seedEngine } from './helpers.js'

const BBC_ID = '000_43f17e4488e5f64a'
const FOX_ID = '004_db9c0c4a30508cae'

let engine: Engine
let state: ConsoleState

beforeAll(() => {
  engine = seedEngine()
  state = { engine, startedAt: Date.now() - 5000, color: false }
})

async function line(text: string): Promise<string> {
  const reply = await consoleLine(text, state)
  expect(reply, `${text} quit the console`).toBeDefined()
  return reply!
}

describe('parseOptions', () => {
  it('takes source, from and to out of the question', () => {
    expect(parseOptions('killed in June source:BBC')).toEqual({ question: 'killed in June', options: { sources: ['BBC'] } })
    expect(parseOptions('from:2017-07 breached the wall to:2017-07-31')).toEqual({ question: 'breached the wall', options: { from: '2017-07', to: '2017-07-31' } })
  })

  it('reads a quoted value with spaces', () => {
    expect(parseOptions('who breached the wall source:"Fox News"')).toEqual({ question: 'who breached the wall', options: { sources: ['Fox News'] } })
  })

  it('collects repeated sources and reads keys in any case', () => {
    expect(parseOptions('Raqqa SOURCE:BBC source:"Fox News"')).toEqual({ question: 'Raqqa', options: { sources: ['BBC', 'Fox News'] } })
  })

  it('leaves a question without options alone', () => {
    expect(parseOptions('  when did IS   seize Raqqa ')).toEqual({ question: 'when did IS seize Raqqa', options: {} })
  })
})

describe('consoleLine', () => {
  it('answers /when', async () => {
    const reply = await line('/when when did IS seize Raqqa')
    expect(reply.split('\n')[0]).toBe('/when when did IS seize Raqqa')
    expect(reply).toContain('2014')
    expect(reply).toContain('IS seized Raqqa in 2014')
    expect(reply).toContain('BBC')
  })

  it('answers /casualties with a source option', async () => {
    const reply = await line('/casualties killed in June source:BBC')
    expect(reply).toContain('at least 173 killed')
    expect(reply).not.toContain('Fox News')
  })

  it('filters by a quoted source', async () => {
    const reply = await line('/who breached the Old City source:"Fox News"')
    expect(reply).toContain('Fox News')
    expect(reply).not.toContain('— BBC')
    expect(reply.split('\n')[0]).toBe('/who breached the Old City')
  })

  it('says when the source is not in the corpus', async () => {
    const reply = await line('/when when did IS seize Raqqa source:"Al Jazeera"')
    expect(reply).toContain('No answer.')
  })

  it('lists the outlets with /sources', async () => {
    const reply = await line('/sources')
    expect(reply).toContain('Outlets in the corpus (2)')
    expect(reply).toMatch(/BBC\s+1 article /)
    expect(reply).toMatch(/Fox News\s+1 article /)
  })

  it('shows the index with /stats', async () => {
    const reply = await line('/stats')
    expect(reply).toMatch(/^articles\s+2$/m)
    expect(reply).toMatch(/^outlets\s+2$/m)
    expect(reply).toMatch(/^uptime\s+\d+ s$/m)
  })

  it('shows the help with /help', async () => {
    expect(await line('/help')).toBe(CONSOLE_HELP)
    expect(await line('/HELP')).toBe(CONSOLE_HELP)
  })

  it('shows an article with /article <id>', async () => {
    const reply = await line(`/article ${BBC_ID}`)
    expect(reply).toContain(`id ${BBC_ID}`)
    expect(reply).toContain('BBC · 4 July 2017')
    expect(reply).toContain('IS seized Raqqa in 2014, proclaiming it the capital of a "caliphate".')
    expect(reply).toContain('Eleven million people have been displaced by the fighting.')
    expect(await line(`/article   ${FOX_ID}  `)).toContain('Fox News’ Jennifer Griffin and the Associated Press contributed to this report.')
  })

  it('says there is no such article', async () => {
    const reply = await line('/article nope')
    expect(reply).toContain('No article with id "nope"')
  })

  it('says a command is unknown and shows the help', async () => {
    const reply = await line('/unknown stuff')
    expect(reply).toContain('Unknown command /unknown')
    expect(reply).toContain(CONSOLE_HELP)
  })

  it('asks for a question after a question command', async () => {
    expect(await line('/when')).toContain('Ask a question after /when')
    expect(await line('/where source:BBC')).toContain('Ask a question after /where')
  })

  it('quits on /quit and /exit', async () => {
    expect(await consoleLine('/quit', state)).toBeUndefined()
    expect(await consoleLine('  /exit  ', state)).toBeUndefined()
  })

  it('prints nothing for an empty line', async () => {
    expect(await line('   ')).toBe('')
  })

  it('treats a line without a slash as /ask', async () => {
    const bare = await line('Rafiqah Wall')
    expect(bare).toBe(await line('/ask Rafiqah Wall'))
    expect(bare.split('\n')[0]).toBe('/search Rafiqah Wall')
    expect(bare).toContain('Rafiqah Wall')
    expect(bare).not.toContain('No answer.')
    const quit = await line('quit the city')
    expect(quit.split('\n')[0]).toBe('/search quit the city')
  })

  it('colours the question\'s terms only when asked to', async () => {
    const colored = await consoleLine('/when when did IS seize Raqqa', { ...state, color: true })
    expect(colored).toContain('\x1b[1m')
    expect(await line('/when when did IS seize Raqqa')).not.toContain('\x1b[')
  })
})

describe('runConsole', () => {
  it('prints the help, answers each line and stops at /quit', async () => {
    const chunks: string[] = []
    const output = new Writable({
      write(chunk, _encoding, done) {
        chunks.push(String(chunk))
        done()
      },
    })
    const input = Readable.from(['/when when did IS seize Raqqa\n', '\n', '/casualties killed in June source:BBC\n', '/quit\n', '/sources\n'])
    await runConsole(engine, input, output)
    const out = chunks.join('')
    expect(out.startsWith(CONSOLE_HELP)).toBe(true)
    const when = out.indexOf('/when when did IS seize Raqqa')
    const casualties = out.indexOf('at least 173 killed')
    expect(when).toBeGreaterThan(0)
    expect(out).toContain('2014')
    expect(casualties).toBeGreaterThan(when)
    // Nothing after /quit was run.
    expect(out).not.toContain('Outlets in the corpus')
  })

  it('stops at the end of the input without /quit', async () => {
    const chunks: string[] = []
    const output = new Writable({
      write(chunk, _encoding, done) {
        chunks.push(String(chunk))
        done()
      },
    })
    await runConsole(engine, Readable.from(['/sources\n']), output)
    expect(chunks.join('')).toContain('Outlets in the corpus (2)')
  })
})

describe('the answer cache behind the console', () => {
  /** The engine's cache of answers (private; read here to see what it keeps). */
  const cache = () => engine['cache'] as Map<string, { query: string }>

  it('does not keep a refused question of 100,000 characters, neither as a key nor as a result', async () => {
    const huge = `Raqqa ${'wall '.repeat(20_000)}`
    const before = cache().size
    const reply = await line(`/ask ${huge}`)
    expect(reply).toContain('characters long; ask in at most 500.')
    expect(cache().size).toBe(before)
    expect(engine.answer('when', huge).reason).toContain('characters long')
    expect(cache().size).toBe(before)
    for (const [key, result] of cache()) {
      expect((JSON.parse(key) as [string, string])[1].length).toBeLessThanOrEqual(500)
      expect(result.query.length).toBeLessThanOrEqual(500)
    }
  })

  it('still caches a question within the limit', () => {
    const question = `when did IS seize Raqqa ${' '.repeat(470)}`
    expect(question.length).toBeLessThanOrEqual(500)
    const before = cache().size
    const first = engine.answer('when', question)
    expect(cache().size).toBe(before + 1)
    expect(engine.answer('when', question)).toEqual(first)
    expect(cache().size).toBe(before + 1)
  })
})
