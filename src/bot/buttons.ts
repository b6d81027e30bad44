// Buttons: "page:<answers>:<n>" turns the pages of an answer, "article:<page>:<id>" opens an article privately,
// "read:<page>:<id>" turns the pages of an open article; /timeline's ("tl:…") and /import's and /remove's ("cc:…")
// have their own modules. A button whose answers or article are gone says so.

import { MessageFlags, type ButtonInteraction } from 'discord.js'
import { answerPage, articlePage, notice } from '../render/discord.js'
import { USER_NAMES } from './commands.js'
import type { BotContext } from './context.js'
import { withBothDates } from '../../commands/article.js'
import { handleTimelineButton, isTimelineId } from './timeline-buttons.js'
import { handleCorpusChangeButton, isCorpusChangeId } from './corpus-changes.js'

export async function handleButton(interaction: ButtonInteraction, ctx: BotContext): Promise<void> {
  if (isTimelineId(interaction.customId)) return handleTimelineButton(interaction, ctx)
  if (isCorpusChangeId(interaction.customId)) return handleCorpusChangeButton(interaction, ctx)
  const [action, a, ...rest] = interaction.customId.split(':')
  const b = rest.join(':')
  if (action === 'page') {
    const stored = ctx.sessions.get(a ?? '')
    if (!stored) {
      await interaction.reply({
        ...notice('These answers have expired (they are kept for 15 minutes). Ask the question again.'),
        flags: MessageFlags.Ephemeral,
      })
      return
    }
    if (stored.userId !== interaction.user.id) {
      await interaction.reply({
        ...notice('Only the person who asked can turn these pages. Ask the same question to get your own copy.'),
        flags: MessageFlags.Ephemeral,
      })
      return
    }
    await interaction.update(answerPage(stored.result, Number(b) || 0, { session: a!, names: USER_NAMES }))
    return
  }
  if (action === 'article' || action === 'read') {
    const article = await ctx.engine.article(b)
    if (!article) {
      await interaction.reply({ ...notice('That article is no longer in the corpus.'), flags: MessageFlags.Ephemeral })
      return
    }
    const page = withBothDates(articlePage(article, Number(a) || 0, article.credit), article)
    if (action === 'read') await interaction.update(page)
    else await interaction.reply({ ...page, flags: MessageFlags.Ephemeral })
    return
  }
  await interaction.reply({
    ...notice('This button belongs to an older message that can no longer be answered. Ask again.'),
    flags: MessageFlags.Ephemeral,
  })
}
