// /reindex (moderators): reload the corpus and rebuild the index while answers go on; report what changed.

import { InteractionContextType, MessageFlags, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js'
import type { BotCommand } from '../src/bot/context.js'
import { isModerator } from '../src/bot/moderation.js'
import { notice, reindexMessage } from '../src/render/discord.js'
import { safeUserText, terminalSafe } from '../src/render/safe.js'
import { renderReindex } from '../src/render/text.js'

const command: BotCommand = {
  data: new SlashCommandBuilder()
    .setName('reindex')
    .setDescription('Moderators: reload the articles and rebuild the index')
    .setContexts(InteractionContextType.Guild)
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .addBooleanOption((o) =>
      o
        .setName('force')
        .setDescription('Accept a corpus with fewer than half the articles now indexed (never an empty one)'),
    )
    .toJSON(),
  order: 100,
  help: { summary: 'moderators: reload the articles' },
  noCooldown: true,
  async execute(interaction, ctx) {
    if (!isModerator(interaction, ctx.config.moderatorRoleIds)) {
      ctx.log.warn(
        { userId: interaction.user.id, user: interaction.user.username, guildId: interaction.guildId },
        'reindex refused: not a moderator',
      )
      await interaction.reply({ ...notice('Only moderators can reindex.'), flags: MessageFlags.Ephemeral })
      return
    }
    await interaction.deferReply({ flags: MessageFlags.Ephemeral })
    const before = await ctx.engine.stats()
    ctx.log.info({ userId: interaction.user.id, guildId: interaction.guildId }, 'reindex requested')
    try {
      const report = await ctx.reindex({ force: interaction.options.getBoolean('force') === true })
      ctx.log.info(
        {
          before: report.before,
          after: report.after,
          skipped: report.skipped.length,
          ms: Math.round(report.milliseconds),
        },
        'reindexed',
      )
      await interaction.editReply(reindexMessage(report))
    } catch (err) {
      ctx.log.error({ err }, 'reindex failed; the previous index keeps answering')
      await interaction.editReply(
        notice(
          `The reindex failed: ${safeUserText((err as Error).message).slice(0, 500)}\nThe previous index (${before.articles} articles) is still answering.`,
        ),
      )
    }
  },
  // The console is its own moderator: whoever runs it owns the corpus.
  async text(options, ctx) {
    try {
      return renderReindex(await ctx.engine.reindex({ force: options.getBoolean('force') === true }))
    } catch (err) {
      return terminalSafe(`The reindex failed: ${(err as Error).message}\nThe previous index is still answering.`)
    }
  },
}

export default command
