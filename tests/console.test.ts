// The local console: the bot's slash commands typed on a terminal, answered as text from the seed corpus.

import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Readable, Writable } from 'node:stream'
import { ApplicationCommandOptionType } from 'discord.js'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  COMMAND_LIST,
  COMMANDS_DIR,
  HELP,
  helpText,
  loadCommands,
  QUESTION_COMMANDS,
  requiredOptions,
  USER_NAMES,
} from '../src/bot/commands.js'
import {
  CONSOLE_HELP,
  consoleLine,
  parseOptions,
  readOptions,
  runConsole,
  type ConsoleState,
} from '../src/bot/console.js'
import { QUESTION_OPTIONS_HELP } from '../src/bot/question-command.js'
import { helpMessage } from '../src/render/discord.js'
import { renderHelp } from '../src/render/text.js'
import type { EngineClient } from '../src/runtime/client.js'
import { seedClient, seedEngine } from './helpers.js'

const BBC_ID = '000_43f17e4488e5f64a'
const FOX_ID = '004_db9c0c4a30508cae'

let engine: EngineClient
let state: ConsoleState

beforeAll(async () => {
  engine = await seedClient()
  state = { engine, startedAt: Date.now() - 5000, color: false }
})
afterAll(() => engine.close())

async function line(text: string): Promise<string> {
  const reply = await consoleLine(text, state)
  expect(reply, `${text} quit the console`).toBeDefined()
  return reply!
}

describe('parseOptions', () => {
  it('takes source, from and to out of the question', () => {
    expect(parseOptions('killed in June source:BBC')).toEqual({
      question: 'killed in June',
      options: { sources: ['BBC'] },
    })
    expect(parseOptions('from:2017-07 breached the wall to:2017-07-31')).toEqual({
      question: 'breached the wall',
      options: { from: '2017-07', to: '2017-07-31' },
    })
  })

  it('reads a quoted value with spaces', () => {
    expect(parseOptions('who breached the wall source:"Fox News"')).toEqual({
      question: 'who breached the wall',
      options: { sources: ['Fox News'] },
    })
  })

  it('collects repeated sources and reads keys in any case', () => {
    expect(parseOptions('Raqqa SOURCE:BBC source:"Fox News"')).toEqual({
      question: 'Raqqa',
      options: { sources: ['BBC', 'Fox News'] },
    })
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
    expect(await line(`/article   ${FOX_ID}  `)).toContain(
      'Fox News’ Jennifer Griffin and the Associated Press contributed to this report.',
    )
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
    expect(bare.split('\n')[0]).toBe('/ask Rafiqah Wall')
    expect(bare).toContain('Rafiqah Wall')
    expect(bare).not.toContain('No answer.')
    const quit = await line('quit the city')
    expect(quit.split('\n')[0]).toBe('/ask quit the city')
  })

  it("names the engine's commands as users type them in its no-answer hints: /ask, never /search", async () => {
    const reply = await line('/casualties Rafiqah Wall')
    expect(reply).toContain('No answer.')
    expect(reply).toContain('Try /ask to read them.')
    expect(reply).not.toContain('/search')
  })

  it('says which option is missing or wrong, for any command of the registry', async () => {
    expect(await line('/article')).toBe('Give the id after /article')
    expect(await line('/reindex force:maybe')).toBe('force takes true or false, e.g. force:true')
  })

  it("colours the question's terms only when asked to", async () => {
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
    const input = Readable.from([
      '/when when did IS seize Raqqa\n',
      '\n',
      '/casualties killed in June source:BBC\n',
      '/quit\n',
      '/sources\n',
    ])
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
  // The console's engine runs in a worker thread, out of the test's reach: its cache is looked at in an Engine of the
  // same class, in-process, given the same questions.
  /** An engine's cache of answers (private; read here to see what it keeps). */
  const local = seedEngine()
  const cache = () => local['cache'] as Map<string, { query: string }>

  it('does not keep a refused question of 100,000 characters, neither as a key nor as a result', async () => {
    const huge = `Raqqa ${'wall '.repeat(20_000)}`
    expect(await line(`/ask ${huge}`)).toContain('characters long; ask in at most 500.')
    const before = cache().size
    expect(local.answer('search', huge).reason).toContain('characters long')
    expect(local.answer('when', huge).reason).toContain('characters long')
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
    const first = local.answer('when', question)
    expect(cache().size).toBe(before + 1)
    expect(local.answer('when', question)).toEqual(first)
    expect(cache().size).toBe(before + 1)
  })
})

describe('the command registry (src/bot/commands.ts)', () => {
  const names = COMMAND_LIST.map((c) => c.data.name)

  it('is the files of commands/, one command each, named as its file, in their declared order', () => {
    const files = readdirSync(COMMANDS_DIR)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.replace(/\.ts$/, ''))
    expect([...names].sort()).toEqual([...files].sort())
    const known = ['when', 'who', 'where', 'casualties', 'ask', 'article', 'sources', 'stats', 'help', 'reindex']
    expect(names.filter((n) => known.includes(n))).toEqual(known)
    const orders = COMMAND_LIST.map((c) => c.order)
    expect(orders).toEqual([...orders].sort((a, b) => a - b))
    expect(new Set(orders).size).toBe(orders.length)
  })

  it("maps each question command to its engine command in its own file, and the engine's names back to what users type", () => {
    // (Written to hold as commands are added: a new file must not have to touch this test.)
    expect(Object.fromEntries(QUESTION_COMMANDS.map((c) => [c.data.name, c.engineCommand]))).toMatchObject({
      when: 'when',
      who: 'who',
      where: 'where',
      casualties: 'casualties',
      ask: 'search',
    })
    expect(USER_NAMES).toMatchObject({
      when: 'when',
      who: 'who',
      where: 'where',
      casualties: 'casualties',
      search: 'ask',
    })
  })

  it("every command is in /help, in the console's help, and in what deploy-commands registers", () => {
    const discord = helpMessage(HELP, '').embeds[0]!.description!
    for (const c of COMMAND_LIST) {
      const name = c.data.name
      const args = requiredOptions(c)
      expect(discord, `/help lists /${name}`).toContain(
        `**/${name}**${args.map((a) => ` \`${a}\``).join('')} — ${c.help.summary}`,
      )
      expect(CONSOLE_HELP, `the console's help lists /${name}`).toMatch(
        new RegExp(`(^|\\s)/${name}${args.map((a) => ` <${a}>`).join('')}(\\s|$)`, 'm'),
      )
      if (c.help.example) {
        expect(discord).toContain(`\`${c.help.example}\``)
        if (c.engineCommand) expect(CONSOLE_HELP).toContain(c.help.example)
      }
    }
    // deploy-commands sends COMMAND_LIST's data, in order (tests/process.e2e.test.ts checks what reaches Discord).
    expect(COMMAND_LIST.map((c) => c.data.name)).toEqual(names)
    expect(CONSOLE_HELP).toContain('/quit')
  })

  it("the options every question command shares are explained once, in /help and in the console's help", () => {
    const occurrences = (text: string, part: string) => text.split(part).length - 1
    expect(occurrences(helpMessage(HELP, '').embeds[0]!.description!, QUESTION_OPTIONS_HELP.discord)).toBe(1)
    expect(occurrences(CONSOLE_HELP, QUESTION_OPTIONS_HELP.console)).toBe(1)
    for (const c of QUESTION_COMMANDS) {
      for (const o of c.data.options ?? []) {
        if (o.name === 'question') continue
        expect(QUESTION_OPTIONS_HELP.discord).toContain(`\`${o.name}\``)
        // A reply on a terminal is always private: the console takes private: and ignores it.
        if (o.name !== 'private') expect(QUESTION_OPTIONS_HELP.console).toContain(`${o.name}:`)
      }
    }
  })

  it("the console reads each command's options by their Discord names", () => {
    for (const c of COMMAND_LIST) {
      for (const o of c.data.options ?? []) {
        if (o.type !== ApplicationCommandOptionType.String || o.required) continue
        const read = readOptions(
          c,
          `${requiredOptions(c)
            .map(() => 'x')
            .join(' ')} ${o.name}:"two words"`,
        )
        expect(typeof read, `/${c.data.name} ${o.name}:`).toBe('object')
        expect((read as Exclude<typeof read, string>).getString(o.name)).toBe('two words')
      }
    }
  })

  it('every example of the help answers on the seed corpus, in the console, under its own command', async () => {
    for (const c of COMMAND_LIST) {
      if (!c.help.example) continue
      const reply = await line(c.help.example)
      expect(reply, c.help.example).not.toMatch(/No answer|No article|Unknown command|Ask a question/)
      if (c.engineCommand) expect(reply.split('\n')[0]).toBe(c.help.example)
    }
  })

  it('every command but /reindex answers in the console through its own handler', async () => {
    for (const c of COMMAND_LIST) {
      if (c.data.name === 'reindex') continue
      const handlers = COMMAND_LIST.map((other) => vi.spyOn(other, 'text'))
      try {
        // A command without an example is given its required options (an article id), else it is refused before
        // its handler runs ("Give the id after /article").
        const reply = await line(
          c.help.example ?? [`/${c.data.name}`, ...requiredOptions(c).map(() => BBC_ID)].join(' '),
        )
        expect(reply, c.data.name).not.toMatch(/^Unknown command/)
        expect(reply.length).toBeGreaterThan(0)
        // Its own console handler answered, once, and no other command's.
        expect(
          handlers.map((h) => h.mock.calls.length),
          `/${c.data.name}`,
        ).toEqual(COMMAND_LIST.map((other) => (other === c ? 1 : 0)))
      } finally {
        for (const h of handlers) h.mockRestore()
      }
    }
  })
})

describe('adding a command: one file in commands/', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'syria-news-bot-commands-'))
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  const factory = pathToFileURL(join(COMMANDS_DIR, '../src/bot/question-command.ts')).href

  it("a new question command file is loaded, and is in /help, the console's help and the deploy payload", async () => {
    writeFileSync(
      join(dir, 'passages.ts'),
      `import { questionCommand } from '${factory}'
export default questionCommand({
  name: 'passages',
  engineCommand: 'search',
  order: 55,
  description: 'Passages of the articles',
  questionHelp: 'Your question',
  help: { summary: 'passages, again', example: '/passages Rafiqah Wall' },
})
`,
    )
    const loaded = await loadCommands(dir)
    expect(loaded.map((c) => c.data.name)).toEqual(['passages'])
    const all = [...COMMAND_LIST, ...loaded].sort((a, b) => a.order - b.order)
    const help = helpText(all)
    expect(helpMessage(help, '').embeds[0]!.description).toContain(
      '**/passages** `question` — passages, again · e.g. `/passages Rafiqah Wall`',
    )
    expect(renderHelp(help)).toMatch(/^ {2}\/passages <question> +passages, again +\/passages Rafiqah Wall$/m)
    expect(all.map((c) => c.data.name).indexOf('passages')).toBe(all.map((c) => c.data.name).indexOf('ask') + 1)
    expect(
      all
        .map((c) => c.data)
        .find((d) => d.name === 'passages')!
        .options!.map((o) => o.name),
    ).toEqual(['question', 'source', 'from', 'to', 'private'])
    const read = readOptions(loaded[0]!, 'Rafiqah Wall source:BBC')
    expect(typeof read === 'string' ? read : await loaded[0]!.text(read, state)).toMatch(/^\/passages Rafiqah Wall\n/)
  })

  it('a file that is not a command is an error naming the file', async () => {
    writeFileSync(join(dir, 'broken.ts'), 'export default { data: { name: "broken", description: "no handlers" } }\n')
    await expect(loadCommands(dir)).rejects.toThrow(/broken\.ts: \/broken: no execute/)
  })
})
