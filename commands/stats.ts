// /stats: articles, passages, index age and size, uptime.

import { InteractionContextType, SlashCommandBuilder } from 'discord.js'
import type { BotCommand } from '../src/bot/context.js'
import { statsMessage } from '../src/render/discord.js'
import { renderStats } from '../src/render/text.js'

const command: BotCommand = {
  data: new SlashCommandBuilder()
    .setName('stats')
    .setDescription('Articles, passages, index age and size, uptime')
    .setContexts(InteractionContextType.Guild)
    .toJSON(),
  order: 80,
  help: { summary: 'the index' },
  noCooldown: true,
  async execute(interaction, ctx) {
    await interaction.reply(
      statsMessage(await ctx.engine.stats(), (Date.now() - ctx.startedAt) / 1000, await ctx.engine.credits()),
    )
  },
  async text(_options, ctx) {
    return renderStats(await ctx.engine.stats(), (Date.now() - ctx.startedAt) / 1000, await ctx.engine.credits())
  },
}

export default command
