// /article id: one article, paged, with its title, outlet, date and link.

import { InteractionContextType, MessageFlags, SlashCommandBuilder } from 'discord.js'
import type { BotCommand } from '../src/bot/context.js'
import { LIMITS, truncate } from '../src/limits.js'
import { articlePage, notice } from '../src/render/discord.js'
import { safeUserText, terminalSafe } from '../src/render/safe.js'
import { renderArticle } from '../src/render/text.js'
import { shortDate } from '../src/render/format.js'
import { outletName } from '../src/engine/text/outlets.js'
import type { Article } from '../src/engine/types.js'
import { daysApart } from '../src/engine/corpus/listed-dates.js'

/**
 * The article's date as /article shows it: "2 April 2017", or, when the dataset lists another date than the text's
 * dateline, both: "2 April 2017 (dateline; listed as 5 April 2015)".
 */
export function articleDateText(article: Pick<Article, 'date' | 'listedDate'>): string {
  const date = shortDate(article.date)
  const listed = article.listedDate
  if (!listed || listed === article.date || daysApart(article.date, listed) === 0) return date
  return `${date} (dateline; listed as ${shortDate(listed)})`
}

/** An article page (articlePage) whose Date field gives both dates when they disagree. */
export function withBothDates<M extends { embeds?: Array<{ fields?: Array<{ name: string; value: string }> }> }>(
  page: M,
  article: Pick<Article, 'date' | 'listedDate'>,
): M {
  const text = articleDateText(article)
  if (text === shortDate(article.date)) return page
  return {
    ...page,
    embeds: page.embeds?.map((e) => ({
      ...e,
      fields: e.fields?.map((f) => (f.name === 'Date' ? { ...f, value: text } : f)),
    })),
  }
}

/** The terminal's article view (renderArticle) with both dates on its attribution line when they disagree. */
export function renderArticleWithDates(article: Article): string {
  const text = renderArticle(article)
  const both = articleDateText(article)
  const date = shortDate(article.date)
  if (both === date) return text
  // The attribution line is the first to hold " · <date>"; the body below is left as it is.
  return text.replace(` · ${date}`, () => ` · ${both}`)
}

const command: BotCommand = {
  data: new SlashCommandBuilder()
    .setName('article')
    .setDescription('Read one article of the corpus')
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) =>
      o
        .setName('id')
        .setDescription('The article id (shown under each answer); type words of a headline to find one')
        .setRequired(true)
        .setAutocomplete(true)
        .setMaxLength(100),
    )
    .addBooleanOption((o) => o.setName('private').setDescription('Reply only to me'))
    .toJSON(),
  order: 60,
  help: { summary: 'one article, paged (the id is under each answer)' },
  noCooldown: true,
  async execute(interaction, ctx) {
    const id = interaction.options.getString('id', true).trim()
    const ephemeral = interaction.options.getBoolean('private') ?? false
    const article = await ctx.engine.article(id)
    if (!article) {
      await interaction.reply({
        ...notice(
          `No article with id “${safeUserText(truncate(id, 80))}”. Answers show each article’s id; autocomplete finds one from its headline.`,
        ),
        flags: MessageFlags.Ephemeral,
      })
      return
    }
    await interaction.reply({
      ...withBothDates(articlePage(article, 0, article.credit), article),
      ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
    })
  },
  async autocomplete(interaction, ctx) {
    const found = await ctx.engine.suggestArticles(interaction.options.getFocused().slice(0, 200))
    await interaction.respond(
      found.slice(0, LIMITS.choices).map((a) => ({
        name: truncate(
          `${a.title || 'untitled'} (${outletName(a.source) || 'unknown outlet'}, ${shortDate(a.date)})`,
          LIMITS.choiceName,
        ),
        value: truncate(a.id, LIMITS.choiceValue),
      })),
    )
  },
  async text(options, ctx) {
    const id = options.getString('id', true).trim()
    const article = await ctx.engine.article(id)
    return article
      ? renderArticleWithDates(article)
      : terminalSafe(`No article with id "${id}". Answers show each article's id.`)
  },
}

export default command
