// The buttons and the select menu of /timeline (ids from src/render/timeline.ts): "tl:p:<session>:<page>" turns the
// pages of the shared timeline (for the person who asked only), "tl:s:<session>:<page>" opens the reports of the
// incident chosen, privately, and "tl:r:<session>:<incident>:<page>" turns the pages of those reports.

import { MessageFlags, type ButtonInteraction, type StringSelectMenuInteraction } from 'discord.js'
import { notice } from '../render/discord.js'
import { TIMELINE_ID_PREFIX, timelinePage, timelineReportsPage } from '../render/timeline.js'
import type { BotContext } from './context.js'
import type { StoredTimeline } from './sessions.js'

const EXPIRED = 'This timeline has expired (timelines are kept for 15 minutes). Run /timeline again.'

/** Whether a custom id is one of /timeline's. */
export function isTimelineId(customId: string): boolean {
  return customId.startsWith(`${TIMELINE_ID_PREFIX}:`)
}

export async function handleTimelineButton(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  const [, action, session = '', a = '', b = ''] = interaction.customId.split(':')
  const stored = await storedOrSay(interaction, ctx, session)
  if (!stored) return
  if (action === 'p') {
    if (stored.userId !== interaction.user.id) {
      await interaction.reply({
        ...notice('Only the person who asked can turn these pages. Run /timeline to get your own copy.'),
        flags: MessageFlags.Ephemeral,
      })
      return
    }
    await interaction.update(timelinePage(stored.result, Number(a) || 0, { session }))
    return
  }
  if (action === 'r') {
    await interaction.update(timelineReportsPage(stored.result, Number(a) || 0, Number(b) || 0, { session }))
    return
  }
  await interaction.reply({
    ...notice('This button belongs to an older message that can no longer be answered. Run /timeline again.'),
    flags: MessageFlags.Ephemeral,
  })
}

/** The select menu: the reports of the chosen incident, privately (anyone who sees the timeline may read them). */
export async function handleTimelineSelect(interaction: StringSelectMenuInteraction, ctx: BotContext): Promise<void> {
  const [prefix, action, session = ''] = interaction.customId.split(':')
  if (prefix !== TIMELINE_ID_PREFIX || action !== 's') {
    await interaction.reply({
      ...notice('This menu belongs to an older message that can no longer be answered.'),
      flags: MessageFlags.Ephemeral,
    })
    return
  }
  const stored = await storedOrSay(interaction, ctx, session)
  if (!stored) return
  const index = Number(interaction.values[0])
  if (!Number.isInteger(index) || !stored.result.events[index]) {
    await interaction.reply({
      ...notice('That incident is not in this timeline. Run /timeline again.'),
      flags: MessageFlags.Ephemeral,
    })
    return
  }
  await interaction.reply({
    ...timelineReportsPage(stored.result, index, 0, { session }),
    flags: MessageFlags.Ephemeral,
  })
}

async function storedOrSay(
  interaction: ButtonInteraction | StringSelectMenuInteraction,
  ctx: BotContext,
  session: string,
): Promise<StoredTimeline | undefined> {
  const stored = ctx.timelines.get(session)
  if (!stored) await interaction.reply({ ...notice(EXPIRED), flags: MessageFlags.Ephemeral })
  return stored
}
