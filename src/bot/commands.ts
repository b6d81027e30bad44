// The command registry: every file of commands/ is one slash command, its default export a BotCommand (context.ts):
// discord.js's `data` and `execute`, plus `text` for the console, `help` and `order`. Everything that lists, registers,
// dispatches or explains commands reads them from here: deploy-commands (COMMAND_LIST's data), the interaction router
// and the console (COMMANDS_BY_NAME), /help and the console's help (HELP), the renderers' user-facing names
// (USER_NAMES), the bench and the tests. Adding a command is adding its file (README, "Adding a command").
//
// The files of commands/ are imported here, so none of them (nor question-command.ts) may import this module
// statically: that cycle would never finish loading. They import it when they run (see commands/help.ts).

import { readdirSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { ApplicationCommandOptionType } from 'discord.js'
import type { Command } from '../engine/types.js'
import type { CommandNames, HelpText } from '../render/format.js'
import type { BotCommand } from './context.js'
import { QUESTION_OPTIONS_HELP } from './question-command.js'

export const COMMANDS_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../commands')

/**
 * Imports every command file of `dir` (.ts or .js; not .d.ts, nor names starting with "." or "_") and checks its
 * default export; sorted by `order`, then name. A file that is not a command, or a name used twice, is an error
 * naming the file: a command must never silently go missing from Discord, the console or /help.
 */
export async function loadCommands(dir = COMMANDS_DIR): Promise<BotCommand[]> {
  const files = readdirSync(dir)
    .filter((f) => /\.(ts|js|mjs)$/.test(f) && !f.endsWith('.d.ts') && !/^[._]/.test(f))
    .sort()
  const loaded = await Promise.all(
    files.map(async (file) => {
      const path = join(dir, file)
      const command = ((await import(pathToFileURL(path).href)) as { default?: unknown }).default
      const problem = commandProblem(command)
      if (problem)
        throw new Error(`${relative(process.cwd(), path) || path}: ${problem} (see "Adding a command" in README.md)`)
      return { file, command: command as BotCommand }
    }),
  )
  const byName = new Map<string, string>()
  for (const { file, command } of loaded) {
    const other = byName.get(command.data.name)
    if (other) throw new Error(`${file} and ${other} both declare /${command.data.name}`)
    byName.set(command.data.name, file)
  }
  return loaded.map((l) => l.command).sort((a, b) => a.order - b.order || a.data.name.localeCompare(b.data.name))
}

/** Why a module's default export is not a command, or undefined when it is one. */
export function commandProblem(value: unknown): string | undefined {
  const c = value as Partial<BotCommand> | undefined
  if (!c || typeof c !== 'object') return 'its default export is not a command'
  if (!c.data || typeof c.data.name !== 'string' || !/^[a-z0-9_-]{1,32}$/.test(c.data.name))
    return 'data.name must be 1 to 32 lower-case letters, digits, - or _'
  if (typeof c.data.description !== 'string' || c.data.description.length < 1 || c.data.description.length > 100)
    return `/${c.data.name}: data.description must be 1 to 100 characters`
  if (typeof c.execute !== 'function') return `/${c.data.name}: no execute (the Discord handler)`
  if (typeof c.text !== 'function') return `/${c.data.name}: no text (the console handler)`
  if (!c.help || typeof c.help.summary !== 'string' || c.help.summary === '') return `/${c.data.name}: no help.summary`
  if (typeof c.order !== 'number' || !Number.isFinite(c.order)) return `/${c.data.name}: no order`
  return undefined
}

/** Every command, in order. */
export const COMMAND_LIST: readonly BotCommand[] = await loadCommands()

export const COMMANDS_BY_NAME: ReadonlyMap<string, BotCommand> = new Map(COMMAND_LIST.map((c) => [c.data.name, c]))

/** The question commands, in order. */
export const QUESTION_COMMANDS: readonly BotCommand[] = COMMAND_LIST.filter((c) => c.engineCommand !== undefined)

/** Engine command → the name users type ('search' → 'ask'): the first command declaring it. */
export const USER_NAMES: CommandNames = Object.freeze(
  Object.fromEntries(
    [...QUESTION_COMMANDS].reverse().map((c) => [c.engineCommand as Command, c.data.name]),
  ) as CommandNames,
)

/** An option typed without its name in the console: the first required string option ("question", "id"). */
export function freeOption(command: BotCommand) {
  return (command.data.options ?? []).find((o) => o.type === ApplicationCommandOptionType.String && o.required === true)
}

/** The required options of a command, in order, as its usage shows them. */
export function requiredOptions(command: BotCommand): string[] {
  return (command.data.options ?? []).filter((o) => o.required === true).map((o) => o.name)
}

/** What /help and the console's help show, for the given commands (the registry's by default). */
export function helpText(commands: readonly BotCommand[] = COMMAND_LIST): HelpText {
  return {
    commands: commands.map((c) => ({
      name: c.data.name,
      args: requiredOptions(c),
      summary: c.help.summary,
      ...(c.help.example ? { example: c.help.example } : {}),
      question: c.engineCommand !== undefined,
    })),
    questionOptions: QUESTION_OPTIONS_HELP,
  }
}

export const HELP: HelpText = helpText()
