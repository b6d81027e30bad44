// Every slash command of the bot, by name: the router dispatches to them, deploy-commands registers their data.

import article from '../../commands/article.js'
import ask from '../../commands/ask.js'
import casualties from '../../commands/casualties.js'
import help from '../../commands/help.js'
import reindex from '../../commands/reindex.js'
import sources from '../../commands/sources.js'
import stats from '../../commands/stats.js'
import when from '../../commands/when.js'
import where from '../../commands/where.js'
import who from '../../commands/who.js'
import type { BotCommand } from './context.js'

export const COMMAND_LIST: readonly BotCommand[] = [when, who, where, casualties, ask, article, sources, stats, help, reindex]

export const COMMANDS_BY_NAME: ReadonlyMap<string, BotCommand> = new Map(COMMAND_LIST.map((c) => [c.data.name, c]))
