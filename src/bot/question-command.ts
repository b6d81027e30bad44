// The question commands (/when, /who, /where, /casualties, /ask) share their options and their handlers: read the
// options, ask the engine, render the answers (a page of them in Discord, all of them as text in the console). Each
// lives in commands/ as one call of questionCommand, which is where its engine command is named: /ask is answered
// by the engine's 'search', and that name is declared in commands/ask.ts and nowhere else.
//
// This module must not import the registry (src/bot/commands.ts) statically: the registry loads the files of
// commands/, which import this one. The names users type are read from it when an answer is rendered.

import {
  InteractionContextType,
  MessageFlags,
  SlashCommandBuilder,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
} from 'discord.js'
import type { AnswerOptions, Command } from '../engine/types.js'
import { outletKey } from '../engine/text/outlets.js'
import { LIMITS, truncate } from '../limits.js'
import { answerPage, notice } from '../render/discord.js'
import type { CommandNames } from '../render/format.js'
import { safeUserText } from '../render/safe.js'
import { renderText } from '../render/text.js'
import type { BotCommand, BotContext, CommandHelp, ConsoleOptions, OptionReader } from './context.js'

/** How many answers one question keeps for paging. */
export const ANSWERS_KEPT = 12
export const MAX_QUESTION_LENGTH = 300

/** One question command: its name, the engine command that answers it, and what Discord and /help say about it. */
export interface QuestionCommandSpec {
  /** The slash command users type: "ask". */
  name: string
  /** The engine's command that answers it: 'search' for /ask (src/engine/types.ts COMMANDS). */
  engineCommand: Command
  /** Where it comes in the lists of commands (see BotCommand.order). */
  order: number
  /** Discord's description of the command (at most 100 characters). */
  description: string
  /** Discord's description of its `question` option. */
  questionHelp: string
  help: CommandHelp
}

/**
 * The options every question command takes besides `question`, as /help and the console's help explain them. Their
 * definitions are in questionCommand below; tests/console.test.ts checks that each is explained here.
 */
export const QUESTION_OPTIONS_HELP = {
  discord:
    'Options: `source` (an outlet), `from` / `to` (dates such as 2016, 2016-07 or 2016-07-03), `private` (only you see the reply).',
  console: 'options anywhere in the line: source:<outlet> from:<date> to:<date>   e.g. source:BBC from:2017-07',
}

export function questionCommand(spec: QuestionCommandSpec): BotCommand {
  const data = new SlashCommandBuilder()
    .setName(spec.name)
    .setDescription(spec.description)
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) =>
      o
        .setName('question')
        .setDescription(spec.questionHelp)
        .setRequired(true)
        .setAutocomplete(true)
        .setMaxLength(MAX_QUESTION_LENGTH),
    )
    .addStringOption((o) =>
      o.setName('source').setDescription('Only this outlet').setAutocomplete(true).setMaxLength(100),
    )
    .addStringOption((o) =>
      o.setName('from').setDescription('Articles from this date: 2016, 2016-07 or 2016-07-03').setMaxLength(40),
    )
    .addStringOption((o) =>
      o.setName('to').setDescription('Articles up to this date: 2017, 2017-06 or 2017-06-30').setMaxLength(40),
    )
    .addBooleanOption((o) => o.setName('private').setDescription('Reply only to me'))
    .toJSON()

  return {
    data,
    order: spec.order,
    help: spec.help,
    engineCommand: spec.engineCommand,
    async execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
      const question = interaction.options.getString('question', true)
      const ephemeral = interaction.options.getBoolean('private') ?? false
      const flags = ephemeral ? MessageFlags.Ephemeral : undefined
      const source = await resolveSource(interaction.options.getString('source'), ctx)
      if (source.error) {
        await interaction.reply({ ...notice(source.error), flags: MessageFlags.Ephemeral })
        return
      }
      const options: AnswerOptions = { limit: ANSWERS_KEPT, sources: source.keys, ...dateOptions(interaction.options) }
      const result = await ctx.engine.answer(spec.engineCommand, question, options)
      const session = result.answers.length > 0 ? ctx.sessions.save({ result, userId: interaction.user.id }) : undefined
      const names = await userNames(spec)
      await interaction.reply({
        ...answerPage(result, 0, { ...(session ? { session } : {}), names }),
        ...(flags ? { flags } : {}),
      })
    },
    async autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
      await interaction.respond(await autocompleteChoices(interaction, ctx))
    },
    async text(options, ctx) {
      // The console passes outlets as typed (several allowed) and shows every answer kept, not a page.
      const result = await ctx.engine.answer(spec.engineCommand, options.getString('question', true), {
        ...consoleAnswerOptions(options),
        limit: ANSWERS_KEPT,
      })
      return renderText(result, { color: ctx.color, names: await userNames(spec) })
    },
  }
}

/** The from and to options, read the same way from an interaction and from a console line. */
function dateOptions(options: OptionReader): Pick<AnswerOptions, 'from' | 'to'> {
  const from = options.getString('from')
  const to = options.getString('to')
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) }
}

/** A console line's options for the engine: every source typed, and the dates. */
export function consoleAnswerOptions(options: ConsoleOptions): AnswerOptions {
  const sources = options.getAll('source')
  return { ...(sources.length > 0 ? { sources } : {}), ...dateOptions(options) }
}

/**
 * The registry, imported when first needed (it imports this module). Kept: a dynamic import on every answer goes
 * through the module loader each time (through tsx's loader thread, from sources), a quarter of a millisecond of
 * the event loop per answer.
 */
let commandsModule: Promise<typeof import('./commands.js')> | undefined

/** The names users type for the engine's commands, from the registry; this command's own name for its engine command. */
async function userNames(spec: QuestionCommandSpec): Promise<CommandNames> {
  const { USER_NAMES } = await (commandsModule ??= import('./commands.js'))
  return { ...USER_NAMES, [spec.engineCommand]: spec.name }
}

/** Choices for the focused option: questions from the corpus's places, actors and headlines; outlets for source. */
export function autocompleteChoices(
  interaction: AutocompleteInteraction,
  ctx: BotContext,
): Promise<Array<{ name: string; value: string }>> {
  const focused = interaction.options.getFocused(true)
  return choicesFor(focused.name, String(focused.value ?? ''), ctx.engine)
}

/** Autocomplete choices within Discord's limits (25, each 1 to 100 characters); what was typed stays the first. */
export async function choicesFor(
  option: string,
  typedRaw: string,
  engine: BotContext['engine'],
): Promise<Array<{ name: string; value: string }>> {
  const typed = typedRaw.slice(0, 200)
  const suggestions = await (option === 'source' ? engine.suggestSources(typed) : engine.suggestQuestions(typed))
  const clean = (text: string, max: number) =>
    truncate(
      text
        .replace(/[\u0000-\u001f\u007f]+/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
      max,
    )
  const choices = suggestions
    .map((s) => ({ name: clean(s.name, LIMITS.choiceName), value: clean(s.value, LIMITS.choiceValue) }))
    .filter((c) => c.name.length > 0 && c.value.length > 0)
  // What the user typed stays the first choice, so that autocomplete never replaces their question.
  const own = clean(typed, LIMITS.choiceValue)
  if (option === 'question' && own && !choices.some((c) => c.value === own)) choices.unshift({ name: own, value: own })
  return choices.slice(0, LIMITS.choices)
}

/**
 * The source option as the corpus knows it. Clients may send a choice's name ("Al-Ahram (149 articles)") or free
 * text instead of the value, so it is checked here again.
 */
export async function resolveSource(
  raw: string | null,
  ctx: Pick<BotContext, 'engine'>,
): Promise<{ keys: string[]; error?: string }> {
  if (!raw || !raw.trim()) return { keys: [] }
  const cleaned = raw.replace(/\s*\(\d[\d,]* articles?\)\s*$/, '').trim()
  const key = outletKey(cleaned)
  const match = (await ctx.engine.sources()).find((s) => outletKey(s.source) === key || outletKey(s.name) === key)
  if (!match)
    return {
      keys: [],
      error: `No outlet called “${safeUserText(truncate(cleaned, 60))}” in the corpus. /sources lists them.`,
    }
  return { keys: [match.source] }
}
