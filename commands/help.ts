// /help: what the bot does and how to ask. Its text is made from the command registry: every command's usage, summary
// and example, as declared in its own file.

import { InteractionContextType, MessageFlags, SlashCommandBuilder } from 'discord.js'
import type { BotCommand } from '../src/bot/context.js'
import { helpMessage } from '../src/render/discord.js'
import { renderHelp } from '../src/render/text.js'

/** The registry, imported when asked for: it loads this file, so a static import would be a cycle. */
async function registryHelp() {
  return (await import('../src/bot/commands.js')).HELP
}

const command: BotCommand = {
  data: new SlashCommandBuilder()
    .setName('help')
    .setDescription('How to ask, and what the answers mean')
    .setContexts(InteractionContextType.Guild)
    .toJSON(),
  order: 90,
  help: { summary: 'how to ask' },
  noCooldown: true,
  async execute(interaction, ctx) {
    await interaction.reply({
      ...helpMessage(await registryHelp(), await ctx.engine.credits()),
      flags: MessageFlags.Ephemeral,
    })
  },
  async text() {
    return renderHelp(await registryHelp())
  },
}

export default command
