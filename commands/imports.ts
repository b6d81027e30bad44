// /imports (moderators): the last 25 imports and removals made from Discord, with who, when, what file and what
// changed (the import log, IMPORT_LOG; src/bot/corpus-changes.ts).

import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js'
import type { BotCommand } from '../src/bot/context.js'
import { executeImports } from '../src/bot/corpus-changes.js'

const command: BotCommand = {
  data: new SlashCommandBuilder()
    .setName('imports')
    .setDescription('Moderators: the last 25 imports and removals, with who, when and what changed')
    .setContexts(InteractionContextType.Guild)
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .toJSON(),
  order: 130,
  help: { summary: 'moderators: the last imports and removals' },
  noCooldown: true,
  execute: executeImports,
  text: () =>
    Promise.resolve(
      'Imports and removals made from Discord are logged, one JSON line each, in the file IMPORT_LOG names (by default in data/, beside the index); /imports in Discord shows the last 25.',
    ),
}

export default command
