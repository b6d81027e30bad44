// The local console: without a Discord token, `npm start` takes the bot's slash commands on the terminal
// ("/when did the SDF breach the wall of Raqqa's old city source:BBC") and prints the same answers as text.

import { createInterface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'
import { ApplicationCommandOptionType } from 'discord.js'
import type { EngineApi } from '../runtime/api.js'
import type { AnswerOptions } from '../engine/types.js'
import { renderHelp } from '../render/text.js'
import { COMMANDS_BY_NAME, freeOption, HELP } from './commands.js'
import type { BotCommand, ConsoleContext, ConsoleOptions } from './context.js'
import { consoleAnswerOptions } from './question-command.js'

/** What a line without a slash asks: any question. */
const BARE_LINE_COMMAND = 'ask'

/** The console's help, made from the registry (commands/): the same commands, usages and examples as /help. */
export const CONSOLE_HELP = renderHelp(HELP)

export type ConsoleState = ConsoleContext

/**
 * Runs one console line; returns the text to print, or undefined to quit. The command is the registry's, by its
 * Discord name; its options are read from the line by their Discord names and its console handler answers. What it
 * prints is safe for a terminal: the renderers pass article text through terminalSafe (keeping only their own bold
 * codes), and so does every message made from what was typed or from an error.
 */
export async function consoleLine(line: string, state: ConsoleState): Promise<string | undefined> {
  const text = line.trim()
  if (text === '') return ''
  const m = /^\/?(\w+)\s*([\s\S]*)$/.exec(text)
  const name = text.startsWith('/') && m ? m[1]!.toLowerCase() : BARE_LINE_COMMAND
  const rest = text.startsWith('/') && m ? m[2]! : text
  if (name === 'quit' || name === 'exit') return undefined
  const command = COMMANDS_BY_NAME.get(name)
  if (!command) return `Unknown command /${name}. ${CONSOLE_HELP}`
  const read = readOptions(command, rest)
  if (typeof read === 'string') return read
  return command.text(read, state)
}

/**
 * Reads a command's options from the rest of a console line, as Discord shows them: `name:value` anywhere in the
 * line for each option the command declares (a value with spaces in double quotes), and the words left for its
 * first required string option ("question", "id"). Returns what is wrong, in a sentence, when a required option is
 * missing or a true/false option has another value.
 */
export function readOptions(command: BotCommand, text: string): ConsoleOptions | string {
  const values = optionValues(command, text)
  for (const o of command.data.options ?? []) {
    const given = values.get(o.name)
    if (o.type === ApplicationCommandOptionType.Boolean && given?.some((v) => toBoolean(v) === undefined)) {
      return `${o.name} takes true or false, e.g. ${o.name}:true`
    }
    if (o.required === true && !given?.length) {
      const example = command.help.example ? `, e.g. ${command.help.example}` : ''
      return `${o.name === 'question' ? 'Ask a question' : `Give the ${o.name}`} after /${command.data.name}${example}`
    }
  }
  return reader(values, command.data.name)
}

/** The values typed for each option of the command, by name (not checked). */
function optionValues(command: BotCommand, text: string): Map<string, string[]> {
  const free = freeOption(command)
  const named = (command.data.options ?? []).filter((o) => o !== free)
  const values = new Map<string, string[]>()
  let rest = text
  if (named.length > 0) {
    const keys = named.map((o) => o.name.replace(/[^a-z0-9_-]/g, '')).join('|')
    rest = rest.replace(new RegExp(`\\b(${keys}):("[^"]*"|\\S+)`, 'gi'), (_, key: string, raw: string) => {
      const k = key.toLowerCase()
      values.set(k, [...(values.get(k) ?? []), raw.replace(/^"|"$/g, '')])
      return ' '
    })
  }
  rest = rest.replace(/\s+/g, ' ').trim()
  if (free && rest) values.set(free.name, [rest])
  return values
}

/** The values read as discord.js reads an interaction's options: the last one given, or null. */
function reader(values: Map<string, string[]>, commandName: string): ConsoleOptions {
  const last = (name: string, required?: boolean): string | null => {
    const value = values.get(name)?.at(-1)
    if (value === undefined && required) throw new Error(`/${commandName} needs its ${name} option`)
    return value ?? null
  }
  return {
    getAll: (name) => values.get(name) ?? [],
    getString: ((name: string, required?: boolean) => last(name, required)) as ConsoleOptions['getString'],
    getBoolean: ((name: string, required?: boolean) => {
      const value = last(name, required)
      return value === null ? null : toBoolean(value)!
    }) as ConsoleOptions['getBoolean'],
  }
}

function toBoolean(value: string): boolean | undefined {
  if (/^(true|yes|on|1)$/i.test(value)) return true
  if (/^(false|no|off|0)$/i.test(value)) return false
  return undefined
}

/** Splits "source:BBC from:2017" style options (as Discord shows them) out of a question. */
export function parseOptions(text: string): { question: string; options: AnswerOptions } {
  const values = optionValues(COMMANDS_BY_NAME.get(BARE_LINE_COMMAND)!, text)
  const read = reader(values, BARE_LINE_COMMAND)
  return { question: read.getString('question') ?? '', options: consoleAnswerOptions(read) }
}

/** Reads lines until /quit or the end of input. */
export async function runConsole(
  engine: EngineApi,
  input: Readable = process.stdin,
  output: Writable = process.stdout,
): Promise<void> {
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
