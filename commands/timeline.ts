// /timeline place: the incidents of a place or a group in date order, one line each (date · what · where · figures,
// lowest–highest with their outlets · how many reports), paged, each leading to its reports' quotes.

import { InteractionContextType, MessageFlags, SlashCommandBuilder } from 'discord.js'
import type { BotCommand, OptionReader } from '../src/bot/context.js'
import { choicesFor, resolveSource } from '../src/bot/question-command.js'
import type { TimelineOptions } from '../src/engine/query/timeline.js'
import { outletName } from '../src/engine/text/outlets.js'
import { notice } from '../src/render/discord.js'
import { renderTimelineText, timelinePage } from '../src/render/timeline.js'

/** The from and to options, read the same way from an interaction and from a console line. */
function dates(options: OptionReader): Pick<TimelineOptions, 'from' | 'to'> {
  const from = options.getString('from')?.trim()
  const to = options.getString('to')?.trim()
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) }
}

/** "from 2016-06 · to 2016-07 · source Al-Ahram": what was asked besides the place, for the reply's first line. */
function filtersText(options: TimelineOptions): string {
  return [
    options.from ? `from ${options.from}` : '',
    options.to ? `to ${options.to}` : '',
    options.sources?.length ? `source ${options.sources.join(', ')}` : '',
  ]
    .filter(Boolean)
    .join(' · ')
}

const command: BotCommand = {
  data: new SlashCommandBuilder()
    .setName('timeline')
    .setDescription('The incidents of a place or a group, in date order, with their reported tolls')
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) =>
      o
        .setName('place')
        .setDescription('A place or a group, e.g. Aleppo or Islamic State')
        .setRequired(true)
        .setAutocomplete(true)
        .setMaxLength(100),
    )
    .addStringOption((o) =>
      o.setName('from').setDescription('Incidents from this date: 2016, 2016-07 or 2016-07-03').setMaxLength(40),
    )
    .addStringOption((o) =>
      o.setName('to').setDescription('Incidents up to this date: 2017, 2017-06 or 2017-06-30').setMaxLength(40),
    )
    .addStringOption((o) =>
      o.setName('source').setDescription('Only the reports of this outlet').setAutocomplete(true).setMaxLength(100),
    )
    .addBooleanOption((o) => o.setName('private').setDescription('Reply only to me'))
    .toJSON(),
  order: 58,
  help: { summary: 'the incidents of a place or a group, in date order, with their tolls and reports' },
  async execute(interaction, ctx) {
    const place = interaction.options.getString('place', true)
    const ephemeral = interaction.options.getBoolean('private') ?? false
    const source = await resolveSource(interaction.options.getString('source'), ctx)
    if (source.error) {
      await interaction.reply({ ...notice(source.error), flags: MessageFlags.Ephemeral })
      return
    }
    const options: TimelineOptions = { ...dates(interaction.options), sources: source.keys }
    const result = await ctx.engine.timeline(place, options)
    const session = result.events.length > 0 ? ctx.timelines.save({ result, userId: interaction.user.id }) : undefined
    await interaction.reply({
      ...timelinePage(result, 0, {
        ...(session ? { session } : {}),
        filters: filtersText({ ...options, sources: source.keys.map(outletName) }),
      }),
      ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
    })
  },
  async autocomplete(interaction, ctx) {
    const focused = interaction.options.getFocused(true)
    const typed = String(focused.value ?? '')
    if (focused.name === 'source') {
      await interaction.respond(await choicesFor('source', typed, ctx.engine))
      return
    }
    // Places and groups of the corpus (headlines, also suggested for questions, are not places): short names only.
    const choices = await choicesFor('question', typed, ctx.engine)
    await interaction.respond(choices.filter((c, i) => (i === 0 && c.value === typed.trim()) || isName(c.value)))
  },
  async text(options, ctx) {
    const sources = options.getAll('source')
    const result = await ctx.engine.timeline(options.getString('place', true), {
      ...dates(options),
      ...(sources.length > 0 ? { sources } : {}),
    })
    return renderTimelineText(result)
  },
}

/** A place's or a group's name rather than a headline: a few words, no sentence punctuation. */
function isName(text: string): boolean {
  return text.length <= 40 && text.split(/\s+/).length <= 5 && !/[.!?:;]/.test(text)
}

export default command
