// What command handlers get besides the interaction: the engine, settings, the logger, stored answers for paging,
// and how to reindex (in one process, or across shards).

import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js'
import type { Config } from '../config.js'
import type { EngineApi, ReindexOptions } from '../runtime/api.js'
import type { ReindexReport } from '../runtime/engine.js'
import type { Logger } from '../log.js'
import type { AnswerSessions } from './sessions.js'

export interface BotContext {
  /** The engine (in a worker thread when the bot runs); its index can be swapped by a reindex at any time. */
  engine: EngineApi
  config: Config
  log: Logger
  sessions: AnswerSessions
  /** When the process started (ms since epoch), for /stats. */
  startedAt: number
  /** Rebuilds the index and makes every process answer from the new one. */
  reindex: (options?: ReindexOptions) => Promise<ReindexReport>
}

/** A slash command: its definition (sent by `npm run deploy-commands`) and its handlers. */
export interface BotCommand {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>
  /** Commands that cost nothing (help, stats) skip the per-user cooldown. */
  noCooldown?: boolean
}
