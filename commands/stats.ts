// /stats: articles, passages, index age and size, uptime.

import { InteractionContextType, SlashCommandBuilder } from 'discord.js'
import type { BotCommand } from '../src/bot/context.js'
import { statsMessage } from '../src/render/discord.js'
import { creditsOf } from '../src/bot/credits.js'

const command: BotCommand = {
  data: new SlashCommandBuilder().setName('stats').setDescription('Articles, passages, index age and size, uptime').setContexts(InteractionContextType.Guild).toJSON(),
  noCooldown: true,
  async execute(interaction, ctx) {
    await interaction.reply(statsMessage(ctx.engine.stats(), (Date.now() - ctx.startedAt) / 1000, creditsOf(ctx.engine)))
  },
}

export default command
