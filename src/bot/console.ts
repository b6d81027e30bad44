// The local console: without a Discord token, `npm start` takes the bot's slash commands on the terminal
// ("/when did the SDF breach the wall of Raqqa's old city source:BBC") and prints the same answers as text.

import { createInterface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'
import type { EngineApi } from '../runtime/api.js'
import type { AnswerOptions, Command } from '../engine/types.js'
import { terminalSafe } from '../render/safe.js'
import { renderArticle, renderReindex, renderSources, renderStats, renderText } from '../render/text.js'
import { ANSWERS_KEPT } from './question-command.js'

const QUESTION_COMMANDS: Record<string, Command> = { when: 'when', who: 'who', where: 'where', casualties: 'casualties', ask: 'search' }

export const CONSOLE_HELP = `Ask as you would in Discord:
  /when <question>        when something happened        /when the SDF breached the wall of Raqqa's old city
  /who <question>         who did it                     /who breached the wall of Raqqa's old city
  /where <question>       where it happened              /where was the Rafiqah Wall breached
  /casualties <question>  reported figures               /casualties killed in Raqqa in June
  /ask <question>         passages that best match       /ask Rafiqah Wall
  options anywhere in the line: source:<outlet> from:<date> to:<date>   e.g. source:BBC from:2017-07
  /article <id>   /sources   /stats   /reindex   /help   /quit`

export interface ConsoleState {
  engine: EngineApi
  startedAt: number
  color: boolean
}

/**
 * Runs one console line; returns the text to print, or undefined to quit. What it prints is safe for a terminal:
 * the renderers pass article text through terminalSafe (keeping only their own bold codes), and so does every
 * message made here from what was typed or from an error.
 */
export async function consoleLine(line: string, state: ConsoleState): Promise<string | undefined> {
  const text = line.trim()
  if (text === '') return ''
  const m = /^\/?(\w+)\s*([\s\S]*)$/.exec(text)
  const name = text.startsWith('/') && m ? m[1]!.toLowerCase() : 'ask'
  const rest = text.startsWith('/') && m ? m[2]! : text
  if (name === 'quit' || name === 'exit') return undefined
  if (name === 'help') return CONSOLE_HELP
  if (name === 'sources') return renderSources(await state.engine.sources())
  if (name === 'stats') return renderStats(await state.engine.stats(), (Date.now() - state.startedAt) / 1000, await state.engine.credits())
  if (name === 'article') {
    const article = await state.engine.article(rest.trim())
    return article ? renderArticle(article) : terminalSafe(`No article with id "${rest.trim()}". Answers show each article's id.`)
  }
  if (name === 'reindex') {
    try {
      return renderReindex(await state.engine.reindex())
    } catch (err) {
      return terminalSafe(`The reindex failed: ${(err as Error).message}\nThe previous index is still answering.`)
    }
  }
  const command = QUESTION_COMMANDS[name]
  if (!command) return `Unknown command /${name}. ${CONSOLE_HELP}`
  const { question, options } = parseOptions(rest)
  if (!question) return `Ask a question after /${name}, e.g. /${name} Raqqa`
  return renderText(await state.engine.answer(command, question, { ...options, limit: options.limit ?? ANSWERS_KEPT }), { color: state.color })
}

/** Splits "source:BBC from:2017" style options (as Discord shows them) out of the question. */
export function parseOptions(text: string): { question: string; options: AnswerOptions } {
  const options: AnswerOptions = {}
  const question = text
    .replace(/\b(source|from|to):("[^"]*"|\S+)/gi, (_, key: string, raw: string) => {
      const value = raw.replace(/^"|"$/g, '')
      const k = key.toLowerCase()
      if (k === 'source') options.sources = [...(options.sources ?? []), value]
      else if (k === 'from') options.from = value
      else options.to = value
      return ' '
    })
    .replace(/\s+/g, ' ')
    .trim()
  return { question, options }
}

/** Reads lines until /quit or the end of input. */
export async function runConsole(engine: EngineApi, input: Readable = process.stdin, output: Writable = process.stdout): Promise<void> {
  const state: ConsoleState = { engine, startedAt: Date.now(), color: (output as NodeJS.WriteStream).isTTY === true }
  const rl = createInterface({ input, output, terminal: (input as NodeJS.ReadStream).isTTY === true, prompt: '> ' })
  output.write(`${CONSOLE_HELP}\n`)
  rl.prompt()
  for await (const line of rl) {
    const reply = await consoleLine(line, state)
    if (reply === undefined) break
    if (reply) output.write(`${reply}\n`)
    rl.prompt()
  }
  rl.close()
}
