// What command handlers get besides the interaction: the engine, settings, the logger, stored answers and timelines,
// and how to reindex (in one process, or across shards).

import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js'
import type { Config } from '../config.js'
import type { Command } from '../engine/types.js'
import type { EngineApi, ReindexOptions } from '../runtime/api.js'
import type { ReindexReport } from '../runtime/api.js'
import type { Logger } from '../log.js'
import type { AnswerResult } from '../engine/types.js'
import type { TimelineResult } from '../engine/query/timeline.js'
import type { Sessions } from './sessions.js'
import type { PendingChange } from './corpus-changes.js'

export interface BotContext {
  /** The engine (in a worker thread when the bot runs); its index can be swapped by a reindex at any time. */
  engine: EngineApi
  config: Config
  log: Logger
  /** Answers kept for their paging buttons. */
  sessions: Sessions<AnswerResult>
  /** Timelines kept for their paging buttons and menu. */
  timelines: Sessions<TimelineResult>
  /** Corpus changes (/import, /remove) awaiting their moderator's confirmation, for a few minutes. */
  pending: Sessions<PendingChange>
  /** When the process started (ms since epoch), for /stats. */
  startedAt: number
  /** Rebuilds the index and makes every process answer from the new one. */
  reindex: (options?: ReindexOptions) => Promise<ReindexReport>
}

/**
 * A command of the registry (src/bot/commands.ts): one file of commands/ each, its default export. Everything about
 * the command is here: Discord's definition (sent by `npm run deploy-commands`; its option names and which are
 * required are also what the console reads), its Discord handlers, its console handler, and what /help and the
 * console's help say about it.
 */
export interface BotCommand {
  data: RESTPostAPIChatInputApplicationCommandsJSONBody
  /** Where it comes in /help, the console's help and the registration: lower first (when 10 … help 100). */
  order: number
  help: CommandHelp
  /** Question commands: the engine's command that answers it (/ask → 'search'). Users only ever see `data.name`. */
  engineCommand?: Command
  execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void>
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>
  /** The local console: the same command, its options read from the typed line by their Discord names, as text. */
  text(options: ConsoleOptions, ctx: ConsoleContext): Promise<string>
  /** Commands that cost nothing (help, stats) skip the per-user cooldown. */
  noCooldown?: boolean
}

/** What /help and the console's help say about a command (its usage comes from its required options). */
export interface CommandHelp {
  /** What it does, in a few words: "when something happened". */
  summary: string
  /**
   * A whole line as a user types it: "/when the SDF breached the wall of Raqqa's old city". /help shows it; the
   * console's help shows those of question commands, and its message for a missing question.
   */
  example?: string
}

/** Options read by name, as discord.js's interaction.options reads them: handlers can share code across both. */
export interface OptionReader {
  getString(name: string, required: true): string
  getString(name: string, required?: boolean): string | null
  getBoolean(name: string, required: true): boolean
  getBoolean(name: string, required?: boolean): boolean | null
}

/** A console line's options: a name may be given more than once ("source:BBC source:Reuters"). */
export interface ConsoleOptions extends OptionReader {
  /** Every value given for the option, in order. */
  getAll(name: string): string[]
}

/** What console handlers get: the engine, when the console started, and whether the terminal takes bold. */
export interface ConsoleContext {
  engine: EngineApi
  startedAt: number
  color: boolean
}
