// /help: what the bot does and how to ask.

import { InteractionContextType, MessageFlags, SlashCommandBuilder } from 'discord.js'
import type { BotCommand } from '../src/bot/context.js'
import { helpMessage } from '../src/render/discord.js'

const command: BotCommand = {
  data: new SlashCommandBuilder().setName('help').setDescription('How to ask, and what the answers mean').setContexts(InteractionContextType.Guild).toJSON(),
  noCooldown: true,
  async execute(interaction, ctx) {
    await interaction.reply({ ...helpMessage(await ctx.engine.credits()), flags: MessageFlags.Ephemeral })
  },
}

export default command
