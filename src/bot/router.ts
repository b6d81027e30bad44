// The one interactionCreate path: commands (the registry's, by name), autocomplete and buttons are dispatched here,
// a per-user cooldown is applied, and every error ends the same way: a short private message for the user, the
// details in the log.

import {
  DiscordAPIError,
  MessageFlags,
  RESTJSONErrorCodes,
  type Interaction,
  type RepliableInteraction,
} from 'discord.js'
import { notice } from '../render/discord.js'
import { safeUserText } from '../render/safe.js'
import { handleButton } from './buttons.js'
import { handleTimelineSelect } from './timeline-buttons.js'
import { COMMANDS_BY_NAME } from './commands.js'
import type { BotContext } from './context.js'
import { Cooldown } from './cooldown.js'

/** How an interaction ended, as the metrics count it (src/bot/metrics.ts). */
export type Outcome = 'answered' | 'failed' | 'too_late' | 'cooldown' | 'unknown_command' | 'restarting' | 'unsupported'

export interface RouterOptions {
  /** Told of every interaction once it is handled: how it ended and the seconds since the router took it. */
  onHandled?: (interaction: Interaction, outcome: Outcome, seconds: number) => void
}

export class InteractionRouter {
  private readonly cooldown: Cooldown
  private readonly inFlight = new Set<Promise<void>>()
  private readonly queue: Array<() => Promise<void>> = []
  private pumping = false
  private closing = false

  constructor(
    private readonly ctx: BotContext,
    private readonly options: RouterOptions = {},
  ) {
    this.cooldown = new Cooldown(ctx.config.cooldownSeconds)
  }

  /**
   * Handles one interaction; never throws. Interactions are taken one per turn of the event loop, in order, so that
   * a burst of them does not hold the loop: the replies of the first go out while the next are being answered.
   */
  handle(interaction: Interaction): Promise<void> {
    const received = performance.now()
    const work = new Promise<void>((resolve) => {
      this.queue.push(() =>
        this.dispatch(interaction)
          .catch((err) => this.fail(interaction, err))
          .then((outcome) => this.report(interaction, outcome, received))
          .then(resolve),
      )
      if (!this.pumping) {
        this.pumping = true
        setImmediate(() => this.pump())
      }
    })
    this.inFlight.add(work)
    void work.finally(() => this.inFlight.delete(work))
    return work
  }

  private pump(): void {
    const job = this.queue.shift()
    if (!job) {
      this.pumping = false
      return
    }
    void job()
    setImmediate(() => this.pump())
  }

  /** Stops taking interactions and waits (at most `ms`) for those being answered. */
  async drain(ms = 5_000): Promise<void> {
    this.closing = true
    await Promise.race([Promise.allSettled([...this.inFlight]), new Promise((r) => setTimeout(r, ms).unref())])
  }

  get pending(): number {
    return this.inFlight.size
  }

  private report(interaction: Interaction, outcome: Outcome, received: number): void {
    try {
      this.options.onHandled?.(interaction, outcome, (performance.now() - received) / 1000)
    } catch (err) {
      this.ctx.log.debug({ err }, 'interaction metrics failed')
    }
  }

  private async dispatch(interaction: Interaction): Promise<Outcome> {
    if (interaction.isAutocomplete()) {
      const command = COMMANDS_BY_NAME.get(interaction.commandName)
      try {
        if (this.closing || !command?.autocomplete) await interaction.respond([])
        else await command.autocomplete(interaction, this.ctx)
      } catch (err) {
        // Autocomplete is a convenience: its failures are not the user's business.
        this.ctx.log.debug({ err, command: interaction.commandName }, 'autocomplete failed')
        return 'failed'
      }
      return this.closing ? 'restarting' : 'answered'
    }
    if (!interaction.isRepliable()) return 'unsupported'
    if (this.closing) {
      await interaction.reply({
        ...notice('The bot is restarting; ask again in a moment.'),
        flags: MessageFlags.Ephemeral,
      })
      return 'restarting'
    }
    if (interaction.isChatInputCommand()) {
      const command = COMMANDS_BY_NAME.get(interaction.commandName)
      if (!command) {
        this.ctx.log.warn(
          { command: interaction.commandName },
          'unknown command (are the registered commands out of date?)',
        )
        await interaction.reply({
          ...notice(
            `I do not know /${safeUserText(interaction.commandName)} (any more). A moderator can refresh the commands with npm run deploy-commands.`,
          ),
          flags: MessageFlags.Ephemeral,
        })
        return 'unknown_command'
      }
      if (!command.noCooldown) {
        const wait = this.cooldown.take(interaction.user.id)
        if (wait > 0) {
          await interaction.reply({
            ...notice(`One moment: you can ask again in ${wait} s.`),
            flags: MessageFlags.Ephemeral,
          })
          return 'cooldown'
        }
      }
      const started = performance.now()
      await command.execute(interaction, this.ctx)
      this.ctx.log.debug(
        { command: interaction.commandName, ms: +(performance.now() - started).toFixed(2) },
        'answered',
      )
      return 'answered'
    }
    if (interaction.isButton()) {
      await handleButton(interaction, this.ctx)
      return 'answered'
    }
    if (interaction.isStringSelectMenu()) {
      await handleTimelineSelect(interaction, this.ctx)
      return 'answered'
    }
    await interaction.reply({ ...notice('I cannot handle that kind of interaction.'), flags: MessageFlags.Ephemeral })
    return 'unsupported'
  }

  private async fail(interaction: Interaction, err: unknown): Promise<Outcome> {
    const code = err instanceof DiscordAPIError ? err.code : undefined
    if (
      code === RESTJSONErrorCodes.UnknownInteraction ||
      code === RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged
    ) {
      // Too late (over 3 s) or answered elsewhere: Discord will not take another reply, so none is tried.
      this.ctx.log.warn(
        { code, interactionId: interaction.id, kind: interaction.type },
        'interaction could not be answered (too late or already answered)',
      )
      return 'too_late'
    }
    this.ctx.log.error(
      {
        err,
        interactionId: interaction.id,
        kind: interaction.type,
        command: 'commandName' in interaction ? interaction.commandName : undefined,
        userId: interaction.user.id,
      },
      'interaction failed',
    )
    if (!interaction.isRepliable()) return 'failed'
    const reply = {
      ...notice('Something went wrong while answering. It has been logged; please try again.'),
      flags: MessageFlags.Ephemeral as const,
    }
    try {
      if (interaction.deferred || interaction.replied) await (interaction as RepliableInteraction).followUp(reply)
      else await interaction.reply(reply)
    } catch (second) {
      this.ctx.log.warn({ err: second, interactionId: interaction.id }, 'could not tell the user about the failure')
    }
    return 'failed'
  }
}
