// /sources: the outlets of the corpus with their article counts and date ranges.

import { InteractionContextType, SlashCommandBuilder } from 'discord.js'
import type { BotCommand } from '../src/bot/context.js'
import { sourcesMessage } from '../src/render/discord.js'
import { renderSources } from '../src/render/text.js'

const command: BotCommand = {
  data: new SlashCommandBuilder()
    .setName('sources')
    .setDescription('The outlets of the corpus, with counts and dates')
    .setContexts(InteractionContextType.Guild)
    .toJSON(),
  order: 70,
  help: { summary: 'the outlets' },
  noCooldown: true,
  async execute(interaction, ctx) {
    await interaction.reply(sourcesMessage(await ctx.engine.sources()))
  },
  async text(_options, ctx) {
    return renderSources(await ctx.engine.sources())
  },
}

export default command
