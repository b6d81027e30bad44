// The five question commands (/when, /who, /where, /casualties, /ask) share their options and their handler:
// read the options, ask the engine, render a page of answers. Each lives in commands/ as one line over this.

import { InteractionContextType, MessageFlags, SlashCommandBuilder, type AutocompleteInteraction, type ChatInputCommandInteraction } from 'discord.js'
import type { AnswerOptions, Command } from '../engine/types.js'
import { outletKey } from '../engine/text/outlets.js'
import { LIMITS, truncate } from '../limits.js'
import { answerPage, notice } from '../render/discord.js'
import { safeUserText } from '../render/safe.js'
import type { BotCommand, BotContext } from './context.js'

/** How many answers one question keeps for paging. */
export const ANSWERS_KEPT = 12
export const MAX_QUESTION_LENGTH = 300

export function questionCommand(command: Command, name: string, description: string, questionHelp: string): BotCommand {
  const data = new SlashCommandBuilder()
    .setName(name)
    .setDescription(description)
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) => o.setName('question').setDescription(questionHelp).setRequired(true).setAutocomplete(true).setMaxLength(MAX_QUESTION_LENGTH))
    .addStringOption((o) => o.setName('source').setDescription('Only this outlet').setAutocomplete(true).setMaxLength(100))
    .addStringOption((o) => o.setName('from').setDescription('Articles from this date: 2016, 2016-07 or 2016-07-03').setMaxLength(40))
    .addStringOption((o) => o.setName('to').setDescription('Articles up to this date: 2017, 2017-06 or 2017-06-30').setMaxLength(40))
    .addBooleanOption((o) => o.setName('private').setDescription('Reply only to me'))
    .toJSON()

  return {
    data,
    async execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
      const question = interaction.options.getString('question', true)
      const ephemeral = interaction.options.getBoolean('private') ?? false
      const flags = ephemeral ? MessageFlags.Ephemeral : undefined
      const source = await resolveSource(interaction.options.getString('source'), ctx)
      if (source.error) {
        await interaction.reply({ ...notice(source.error), flags: MessageFlags.Ephemeral })
        return
      }
      const options: AnswerOptions = { limit: ANSWERS_KEPT, sources: source.keys }
      const from = interaction.options.getString('from')
      const to = interaction.options.getString('to')
      if (from) options.from = from
      if (to) options.to = to
      const result = await ctx.engine.answer(command, question, options)
      const session = result.answers.length > 0 ? ctx.sessions.save({ result, userId: interaction.user.id }) : undefined
      await interaction.reply({ ...answerPage(result, 0, session ? { session } : undefined), ...(flags ? { flags } : {}) })
    },
    async autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
      await interaction.respond(await autocompleteChoices(interaction, ctx))
    },
  }
}

/** Choices for the focused option: questions from the corpus's places, actors and headlines; outlets for source. */
export function autocompleteChoices(interaction: AutocompleteInteraction, ctx: BotContext): Promise<Array<{ name: string; value: string }>> {
  const focused = interaction.options.getFocused(true)
  return choicesFor(focused.name, String(focused.value ?? ''), ctx.engine)
}

/** Autocomplete choices within Discord's limits (25, each 1 to 100 characters); what was typed stays the first. */
export async function choicesFor(option: string, typedRaw: string, engine: BotContext['engine']): Promise<Array<{ name: string; value: string }>> {
  const typed = typedRaw.slice(0, 200)
  const suggestions = await (option === 'source' ? engine.suggestSources(typed) : engine.suggestQuestions(typed))
  const clean = (text: string, max: number) => truncate(text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim(), max)
  const choices = suggestions.map((s) => ({ name: clean(s.name, LIMITS.choiceName), value: clean(s.value, LIMITS.choiceValue) })).filter((c) => c.name.length > 0 && c.value.length > 0)
  // What the user typed stays the first choice, so that autocomplete never replaces their question.
  const own = clean(typed, LIMITS.choiceValue)
  if (option === 'question' && own && !choices.some((c) => c.value === own)) choices.unshift({ name: own, value: own })
  return choices.slice(0, LIMITS.choices)
}

/**
 * The source option as the corpus knows it. Clients may send a choice's name ("Al-Ahram (149 articles)") or free
 * text instead of the value, so it is checked here again.
 */
export async function resolveSource(raw: string | null, ctx: Pick<BotContext, 'engine'>): Promise<{ keys: string[]; error?: string }> {
  if (!raw || !raw.trim()) return { keys: [] }
  const cleaned = raw.replace(/\s*\(\d[\d,]* articles?\)\s*$/, '').trim()
  const key = outletKey(cleaned)
  const match = (await ctx.engine.sources()).find((s) => outletKey(s.source) === key || outletKey(s.name) === key)
  if (!match) return { keys: [], error: `No outlet called “${safeUserText(truncate(cleaned, 60))}” in the corpus. /sources lists them.` }
  return { keys: [match.source] }
}
