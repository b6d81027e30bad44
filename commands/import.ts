// /import file [reindex] (moderators): a file of articles attached to the command, checked and previewed privately,
// then written into the corpus folder when its moderator presses Add (src/bot/corpus-changes.ts).

import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js'
import type { BotCommand } from '../src/bot/context.js'
import { executeImport } from '../src/bot/corpus-changes.js'

const command: BotCommand = {
  data: new SlashCommandBuilder()
    .setName('import')
    .setDescription('Moderators: add the articles of a file (.md, .txt, .jsonl, .csv), after a preview')
    .setContexts(InteractionContextType.Guild)
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .addAttachmentOption((o) =>
      o
        .setName('file')
        .setDescription('Markdown with front matter, text, JSON Lines or CSV, as the corpus folder takes them')
        .setRequired(true),
    )
    .addBooleanOption((o) => o.setName('reindex').setDescription('Rebuild the index once the articles are added'))
    .toJSON(),
  order: 110,
  help: { summary: 'moderators: add a file of articles, after a preview', example: '/import file:articles.jsonl' },
  noCooldown: true,
  execute: executeImport,
  // A file is attached in Discord; on the bot's own machine the CLI imports one.
  text: () =>
    Promise.resolve(
      'Attach the file to /import in Discord. Here, add it with npm run corpus -- import FILE, then /reindex.',
    ),
}

export default command
