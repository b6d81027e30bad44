// /remove id [reindex] (moderators): removes an article that /import wrote, after a confirmation
// (src/bot/corpus-changes.ts); any other article is reported with its file, never deleted.

import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js'
import type { BotCommand } from '../src/bot/context.js'
import { autocompleteRemove, executeRemove } from '../src/bot/corpus-changes.js'

const command: BotCommand = {
  data: new SlashCommandBuilder()
    .setName('remove')
    .setDescription('Moderators: remove an article that /import added, after a confirmation')
    .setContexts(InteractionContextType.Guild)
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .addStringOption((o) =>
      o
        .setName('id')
        .setDescription('The article id; type words of its headline to find one /import added')
        .setRequired(true)
        .setAutocomplete(true)
        .setMaxLength(100),
    )
    .addBooleanOption((o) => o.setName('reindex').setDescription('Rebuild the index once the article is removed'))
    .toJSON(),
  order: 120,
  help: { summary: 'moderators: remove an article that /import added' },
  noCooldown: true,
  execute: executeRemove,
  autocomplete: autocompleteRemove,
  text: () =>
    Promise.resolve(
      'Articles added with /import are removed with /remove in Discord. Here, delete the file from the corpus folder, then /reindex.',
    ),
}

export default command
