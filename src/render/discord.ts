// Answers and the other replies as Discord messages (content, embeds, buttons), within every Discord limit and with
// allowed_mentions { parse: [] } on each. Builds plain API objects; the bot only sends them.

import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
} from 'discord.js'
import type { EngineStats, ReindexReport, SourceSummary } from '../runtime/api.js'
import type { Answer, AnswerResult, Article, Command } from '../engine/types.js'
import { formatProblem } from '../engine/corpus/loader.js'
import { embedLength, LIMITS, truncate } from '../limits.js'
import {
  attributionOf,
  commandName,
  figuresSideBySide,
  ANOTHER_INCIDENT,
  formatBytes,
  formatCount,
  shortDate,
  valueHeadline,
  withCommandNames,
  type CommandNames,
  type HelpText,
} from './format.js'
import { neutralizeMentions, safeArticleText, safeUserText } from './safe.js'
import type { ImportReport } from '../engine/corpus/importer.js'
import type { ImportPreview } from '../engine/corpus/upload.js'
import type { RemovalReport } from '../engine/corpus/removal.js'
import type { ImportLogEntry } from '../runtime/import-log.js'
import { outletName } from '../engine/text/outlets.js'

export interface DiscordMessage {
  content: string
  embeds: APIEmbed[]
  components: Array<APIActionRowComponent<APIButtonComponent>>
  allowedMentions: { parse: [] }
}

export const ANSWERS_PER_PAGE = 3
// A command without a colour of its own (a new engine command) is shown in the grey of search.
const COLORS: Partial<Record<Command, number>> & Record<'search' | 'casualties' | 'info' | 'error', number> = {
  when: 0x3b82f6,
  who: 0xf59e0b,
  where: 0x10b981,
  casualties: 0xdc2626,
  search: 0x6b7280,
  info: 0x6366f1,
  error: 0x9ca3af,
}

export function message(
  content: string,
  embeds: APIEmbed[] = [],
  components: DiscordMessage['components'] = [],
): DiscordMessage {
  // Mentions are broken once more here, whatever the text: a last guard behind allowed_mentions.
  return {
    content: truncate(neutralizeMentions(content), LIMITS.content),
    embeds: fitEmbeds(embeds),
    components,
    allowedMentions: { parse: [] },
  }
}

/** A short message, e.g. for errors and refusals. */
export function notice(text: string): DiscordMessage {
  return message(text)
}

// ---------------------------------------------------------------------------------------------------------------
// Answers

export interface PageOptions {
  /** Identifies the stored answers for the paging buttons; without it, no paging buttons. */
  session?: string
  /** The names users type for the engine's commands (the registry's): the reply is headed /ask, never /search. */
  names?: CommandNames
}

/** One page of answers: the value as a headline, the quote in a quote block, the attribution; buttons to page and read. */
export function answerPage<C extends Command>(
  result: AnswerResult<C>,
  page: number,
  options: PageOptions = {},
): DiscordMessage {
  const asked = `**/${commandName(result.command, options.names)}** ${safeUserText(result.query)}`
  if (result.answers.length === 0) {
    const reason = withCommandNames(result.reason, options.names)
    return message(truncate(asked, 400), [
      {
        color: COLORS.error,
        title: 'No answer in the corpus',
        description: truncate(safeUserText(reason), LIMITS.embedDescription),
      },
    ])
  }
  const pages = Math.ceil(result.answers.length / ANSWERS_PER_PAGE)
  const p = Math.min(Math.max(0, page), pages - 1)
  const shown = result.answers.slice(p * ANSWERS_PER_PAGE, (p + 1) * ANSWERS_PER_PAGE)
  const embeds: APIEmbed[] = []
  if (result.command === 'casualties') {
    const differ = figuresSideBySide(result.answers as Array<Answer<'casualties'>>)
    if (differ) {
      embeds.push({
        color: COLORS.casualties,
        title: 'Figures differ between outlets',
        description: truncate(safeArticleText(differ), 1000),
      })
    }
  }
  // The fixed parts of each answer first (value, attribution, footer); the quotes share what is left of Discord's
  // 6000 characters, so that nothing has to be cut afterwards and the attribution always shows.
  const parts = shown.map((a, i) =>
    answerParts(result.command, a, p * ANSWERS_PER_PAGE + i + 1, result.answers.length, result.answers[0]!.incident),
  )
  const fixed =
    embeds.reduce((n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0), 0) +
    parts.reduce((n, x) => n + x.title.length + x.tail.length + x.footer.length, 0)
  const share = Math.floor((LIMITS.embedTotal - 50 - fixed) / shown.length)
  shown.forEach((a, i) => {
    const { title, tail, footer } = parts[i]!
    embeds.push({
      color: COLORS[result.command] ?? COLORS.search,
      title,
      description: quoteBlock(a.quote, a.highlights, Math.min(LIMITS.embedDescription - tail.length, share)) + tail,
      footer: { text: footer },
    })
  })
  const components: DiscordMessage['components'] = []
  if (options.session && pages > 1) {
    components.push(
      row([
        button(`page:${options.session}:${p - 1}`, '◀ Previous', p === 0),
        button(
          `page:${options.session}:${p + 1}`,
          `More answers (${Math.min(p + 2, pages)}/${pages}) ▶`,
          p >= pages - 1,
          ButtonStyle.Primary,
        ),
      ]),
    )
  }
  const readButtons = shown.flatMap((a, i) => {
    const id = articleButtonId(a.article.id, 0, 'article')
    return id ? [button(id, `Full article ${p * ANSWERS_PER_PAGE + i + 1}`, false)] : []
  })
  if (readButtons.length > 0) components.push(row(readButtons))
  return message(
    truncate(`${asked} · ${result.answers.length} answer${result.answers.length === 1 ? '' : 's'}`, 400),
    embeds,
    components,
  )
}

function answerParts<C extends Command>(
  command: C,
  a: Answer<C>,
  n: number,
  total: number,
  firstIncident: number,
): { title: string; tail: string; footer: string } {
  const source = attributionOf(a.article)
  const url = /^https?:\/\//i.test(source.url) ? source.url.replace(/[()\s]/g, (c) => encodeURIComponent(c)) : ''
  const title = safeArticleText(truncate(url ? source.title.replace(/[[\]]/g, '') : source.title, 150))
  const link = url && url.length <= 500 ? `[${title}](${url})` : title
  const attribution = `— ${safeArticleText(truncate(source.outlet, 80))} · ${source.date} · ${link}${a.headline ? ' (headline)' : ''}`
  const also =
    a.alsoIn.length > 0
      ? `\nAlso, word for word: ${safeArticleText(truncate(a.alsoIn.map((r) => attributionOf(r).outlet).join(', '), 300))}`
      : ''
  return {
    title: truncate(
      safeArticleText(valueHeadline(command, a.value)) || (command === 'search' ? `Passage ${n}` : `Answer ${n}`),
      LIMITS.embedTitle,
    ),
    tail: `\n${attribution}${also}`,
    footer: neutralizeMentions(
      truncate(
        `${n} of ${total}${a.incident !== firstIncident ? ` · ${ANOTHER_INCIDENT}` : ''} · article ${a.article.id}${a.credit ? ` · ${a.credit}` : ''}`,
        300,
      ),
    ),
  }
}

/**
 * The quote in a quote block, every word as the article has it, the question's terms in bold; cut at a word with
 * "…" when it does not fit in `max` characters (markup included).
 */
export function quoteBlock(quote: string, highlights: Array<[number, number]>, max: number): string {
  let keep = quote.length
  for (let attempt = 0; attempt < 40; attempt++) {
    const cut = keep < quote.length ? truncate(quote, keep) : quote
    const kept = cut.endsWith('…') && cut !== quote ? cut.slice(0, -1) : cut
    const rendered = renderQuote(kept, highlights) + (kept.length < quote.length ? '…' : '')
    const block = rendered
      .split('\n')
      .map((line) => `> ${line}`)
      .join('\n')
    if (block.length <= max) return block
    keep = Math.floor(keep * Math.min(0.95, max / block.length))
    if (keep < 1) break
  }
  return truncate('> …', max)
}

function renderQuote(text: string, highlights: Array<[number, number]>): string {
  // Neighbouring terms ("Old City") are bolded together.
  const spans: Array<[number, number]> = []
  for (const [s, e] of highlights) {
    if (s >= text.length) break
    const end = Math.min(e, text.length)
    const last = spans[spans.length - 1]
    if (last && /^[ \t]*$/.test(text.slice(last[1], s))) last[1] = end
    else spans.push([s, end])
  }
  let out = ''
  let at = 0
  for (const [s, e] of spans) {
    out += safeArticleText(text.slice(at, s)) + `**${safeArticleText(text.slice(s, e))}**`
    at = e
  }
  return out + safeArticleText(text.slice(at))
}

// ---------------------------------------------------------------------------------------------------------------
// Articles, outlets, stats, help, reindex

const ARTICLE_PAGE_CHARS = 3500

/**
 * Button ids for articles: "article:" opens one (privately) from an answer, "read:" turns the pages of an open one.
 * Ids longer than fit in a button's 100 characters are not given buttons.
 */
export function articleButtonId(id: string, page: number, action: 'article' | 'read'): string | undefined {
  const customId = `${action}:${page}:${id}`
  return customId.length <= LIMITS.customId ? customId : undefined
}

/** An article's text, paged, with its title, outlet, date and link. */
export function articlePage(article: Article, page: number, credit = ''): DiscordMessage {
  // Pages are cut so that each, once its markdown is escaped, fits in an embed: no word is lost between pages.
  const pages = paginate(
    article.body,
    ARTICLE_PAGE_CHARS,
    (text) => safeArticleText(text).length <= LIMITS.embedDescription,
  )
  const p = Math.min(Math.max(0, page), pages.length - 1)
  const a = attributionOf(article)
  const embed: APIEmbed = {
    color: COLORS.info,
    title: truncate(safeArticleText(a.title), LIMITS.embedTitle),
    description: safeArticleText(pages[p] ?? ''),
    fields: [
      { name: 'Outlet', value: truncate(safeArticleText(a.outlet), LIMITS.fieldValue), inline: true },
      { name: 'Date', value: shortDate(article.date), inline: true },
      { name: 'Link', value: article.url ? truncate(article.url, LIMITS.fieldValue) : 'not known', inline: true },
    ],
    footer: {
      text: neutralizeMentions(
        truncate(
          `article ${article.id} · page ${p + 1} of ${pages.length}${credit ? ` · ${credit}` : ''}`,
          LIMITS.footer,
        ),
      ),
    },
  }
  if (/^https?:\/\//.test(article.url)) embed.url = article.url
  const components: DiscordMessage['components'] = []
  const previous = articleButtonId(article.id, p - 1, 'read')
  const next = articleButtonId(article.id, p + 1, 'read')
  if (pages.length > 1 && previous && next) {
    components.push(
      row([
        button(previous, '◀ Previous page', p === 0),
        button(next, 'Next page ▶', p >= pages.length - 1, ButtonStyle.Primary),
      ]),
    )
  }
  return message('', [embed], components)
}

/**
 * Splits text into pages of at most `size` characters at paragraph, sentence or word boundaries; a page is made
 * shorter still until `fits` accepts it. Joined with spaces, the pages hold every word of the text.
 */
export function paginate(text: string, size: number, fits: (page: string) => boolean = () => true): string[] {
  const pages: string[] = []
  let rest = text.trim()
  while (rest.length > 0) {
    let limit = size
    let cut: number
    for (;;) {
      if (rest.length > limit) {
        const window = rest.slice(0, limit)
        cut = Math.max(window.lastIndexOf('\n\n'), window.lastIndexOf('. ') + 1, window.lastIndexOf(' '))
        if (cut < limit * 0.5) cut = limit
      } else cut = rest.length
      if (fits(rest.slice(0, cut)) || limit < 100) break
      limit = Math.floor(limit * 0.9)
    }
    pages.push(rest.slice(0, cut).trim())
    rest = rest.slice(cut).trim()
  }
  return pages.length > 0 ? pages : ['']
}

export function sourcesMessage(sources: SourceSummary[]): DiscordMessage {
  const lines = sources.map(
    (s) =>
      `**${safeArticleText(s.name)}** · ${formatCount(s.articles)} article${s.articles === 1 ? '' : 's'} · ${s.from ? `${shortDate(s.from)} – ${shortDate(s.to)}` : 'dates unknown'}`,
  )
  return message('', [
    {
      color: COLORS.info,
      title: `Outlets in the corpus (${sources.length})`,
      description: truncate(lines.join('\n') || 'The corpus is empty.', LIMITS.embedDescription),
    },
  ])
}

export function statsMessage(stats: EngineStats, uptimeSeconds: number, credit: string): DiscordMessage {
  const fields = [
    { name: 'Articles', value: formatCount(stats.articles), inline: true },
    { name: 'Passages', value: formatCount(stats.passages), inline: true },
    { name: 'Outlets', value: formatCount(stats.sources), inline: true },
    {
      name: 'Index built',
      value: `${shortDate(stats.builtAt.slice(0, 10))} (${duration((Date.now() - Date.parse(stats.builtAt)) / 1000)} ago)`,
      inline: true,
    },
    { name: 'Index size', value: stats.indexBytes > 0 ? formatBytes(stats.indexBytes) : 'not saved', inline: true },
    { name: 'Uptime', value: duration(uptimeSeconds), inline: true },
  ]
  if (stats.problems > 0)
    fields.push({
      name: 'Skipped when loading',
      value: `${stats.problems} file(s) or row(s); /reindex lists them`,
      inline: false,
    })
  return message('', [
    { color: COLORS.info, title: 'Bot statistics', fields, ...(credit ? { footer: { text: credit } } : {}) },
  ])
}

export function duration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds))
  if (s < 60) return `${s} s`
  if (s < 3600) return `${Math.floor(s / 60)} min`
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`
  return `${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h`
}

/** /help: every command of the registry, the question commands one a line with an example, the others on one line. */
export function helpMessage(help: HelpText, credit: string): DiscordMessage {
  const usage = (c: HelpText['commands'][number]) =>
    `**/${c.name}**${c.args.map((a) => ` \`${a}\``).join('')} — ${c.summary}`
  const questions = help.commands.filter((c) => c.question)
  const others = help.commands.filter((c) => !c.question)
  const description = [
    'I answer questions about the war in Syria by quoting news articles word for word, each with its outlet, date and title. When nothing in the articles answers, I say so.',
    '',
    ...questions.map((c) => `${usage(c)}${c.example ? ` · e.g. \`${c.example}\`` : ''}`),
    ...(questions.length > 0 ? [help.questionOptions.discord] : []),
    '',
    others.map((c) => `${usage(c)}${c.example ? ` (e.g. \`${c.example}\`)` : ''}`).join(' · '),
    '',
    'Numbers are figures as the outlets reported them, not verified counts.',
  ].join('\n')
  return message('', [
    {
      color: COLORS.info,
      title: 'How to ask',
      description: truncate(description, LIMITS.embedDescription),
      ...(credit ? { footer: { text: truncate(credit, LIMITS.footer) } } : {}),
    },
  ])
}

export function reindexMessage(report: ReindexReport): DiscordMessage {
  const list = (ids: string[]) => (ids.length === 0 ? 'none' : truncate(ids.join(', '), 900))
  const skipped =
    report.skipped.length === 0
      ? 'none'
      : truncate(report.skipped.map((p) => `• ${safeArticleText(formatProblem(p))}`).join('\n'), LIMITS.fieldValue)
  return message('', [
    {
      color: COLORS.info,
      title: 'Reindexed',
      description:
        `Articles ${formatCount(report.before.articles)} → ${formatCount(report.after.articles)} · passages ${formatCount(report.before.passages)} → ${formatCount(report.after.passages)} · ${(report.milliseconds / 1000).toFixed(1)} s` +
        (report.sharedBuild
          ? '\nAnother replica or shard was already rebuilding the index: this one waited and switched to its build.'
          : ''),
      fields: [
        { name: `Added (${report.added.length})`, value: safeArticleText(list(report.added)) },
        { name: `Removed (${report.removed.length})`, value: safeArticleText(list(report.removed)) },
        { name: `Skipped (${report.skipped.length})`, value: skipped },
      ],
    },
  ])
}

// ---------------------------------------------------------------------------------------------------------------
// Moderating the corpus: /import's preview and result, /remove's confirmation and result, /imports.

/** The custom ids of /import's and /remove's buttons: "cc:<action>:<session>" (src/bot/corpus-changes.ts). */
export const CORPUS_CHANGE_PREFIX = 'cc'
export type CorpusChangeAction = 'add' | 'remove' | 'cancel'

export function corpusChangeId(action: CorpusChangeAction, session: string): string {
  return `${CORPUS_CHANGE_PREFIX}:${action}:${session}`
}

const plural = (n: number, word: string) => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`

/**
 * Whole lines, as many as fit in `max` characters, then "… and N more" (with `more`, what to read them in); and
 * how many were shown.
 */
function linesWithin(lines: string[], max: number, more = ''): { text: string; shown: number } {
  const out: string[] = []
  let length = 0
  for (const [i, line] of lines.entries()) {
    const rest = lines.length - i - 1
    const tail = rest > 0 ? `\n… and ${rest} more${more}`.length : 0
    const next = length + (out.length > 0 ? 1 : 0) + line.length
    if (next + tail > max) break
    out.push(line)
    length = next
  }
  if (out.length === 0 && lines.length > 0) {
    out.push(truncate(lines[0]!, Math.max(1, max - 40)))
  }
  const left = lines.length - out.length
  return { text: left > 0 ? `${out.join('\n')}\n… and ${left} more${more}` : out.join('\n'), shown: out.length }
}

function dateRange(from: string, to: string): string {
  if (!from) return 'dates unknown'
  return from === to ? shortDate(from) : `${shortDate(from)} – ${shortDate(to)}`
}

export interface ImportPreviewOptions {
  /** The stored preview, for the Add and Cancel buttons; without it, no buttons. */
  session?: string
  /** Whether Add also rebuilds the index. */
  reindex: boolean
  /** How long the buttons work, in ms. */
  expiresInMs: number
}

/** The name the file of skipped rows is sent as, when they do not all fit in the preview. */
export const SKIPPED_FILE_NAME = 'skipped.txt'

/**
 * /import's private preview: what the file holds (by outlet and date range) and what Add would do (new ids, ids
 * that would update an earlier import, those already there, every skipped row with its reason). When the skipped rows
 * do not all fit, `skippedFile` is the full list, to be sent with the message as skipped.txt.
 */
export function importPreviewMessage(
  preview: ImportPreview,
  options: ImportPreviewOptions,
): { message: DiscordMessage; skippedFile?: string } {
  const name = safeArticleText(preview.file)
  const writes = preview.added.length + preview.updated.length
  const minutes = Math.max(1, Math.round(options.expiresInMs / 60_000))
  const description = [
    `${plural(preview.articles, 'article')} in the file: **${formatCount(preview.added.length)}** new, **${formatCount(preview.updated.length)}** would update an earlier import, ${formatCount(preview.unchanged.length)} already in the corpus unchanged, ${formatCount(preview.skipped.length)} skipped.`,
    `The corpus folder loads ${plural(preview.before, 'article')} now.`,
    '',
    writes > 0
      ? `**Add** writes them${options.reindex ? ' and rebuilds the index' : ' (then /reindex answers from them)'}; **Cancel** writes nothing. These buttons work for ${plural(minutes, 'minute')}.`
      : 'Nothing would change: every article is already in the corpus or skipped.',
  ].join('\n')
  const fields: Array<{ name: string; value: string }> = []
  const outlets = preview.outlets.map(
    (o) =>
      `**${safeArticleText(outletName(o.source) || 'unknown outlet')}** · ${plural(o.articles, 'article')} · ${dateRange(o.from, o.to)}`,
  )
  if (outlets.length > 0)
    fields.push({ name: `Outlets (${outlets.length})`, value: linesWithin(outlets, LIMITS.fieldValue).text })
  const ids = (list: string[]) => linesWithin([safeArticleText(list.join(', '))], LIMITS.fieldValue).text
  if (preview.added.length > 0) fields.push({ name: `New (${preview.added.length})`, value: ids(preview.added) })
  if (preview.updated.length > 0)
    fields.push({
      name: `Would update an earlier import (${preview.updated.length})`,
      value: ids(preview.updated.map((u) => `${u.id} (${u.file})`)),
    })
  if (preview.unchanged.length > 0)
    fields.push({ name: `Already there, unchanged (${preview.unchanged.length})`, value: ids(preview.unchanged) })
  let skippedFile: string | undefined
  if (preview.skipped.length > 0) {
    const lines = preview.skipped.map((p) => `• ${safeArticleText(formatProblem(p))}`)
    const listed = linesWithin(lines, LIMITS.fieldValue, `, all in ${SKIPPED_FILE_NAME}`)
    if (listed.shown < lines.length) skippedFile = `${preview.skipped.map((p) => formatProblem(p)).join('\n')}\n`
    fields.push({ name: `Skipped (${preview.skipped.length})`, value: listed.text })
  }
  const components: DiscordMessage['components'] = []
  if (options.session && writes > 0) {
    components.push(
      row([
        button(
          corpusChangeId('add', options.session),
          `Add ${plural(writes, 'article')}${options.reindex ? ' and reindex' : ''}`,
          false,
          ButtonStyle.Success,
        ),
        button(corpusChangeId('cancel', options.session), 'Cancel', false),
      ]),
    )
  }
  return {
    message: message(
      '',
      [{ color: COLORS.info, title: truncate(`Import ${name}?`, LIMITS.embedTitle), description, fields }],
      components,
    ),
    ...(skippedFile !== undefined ? { skippedFile } : {}),
  }
}

/** What an import wrote, read back from the corpus folder; with the reindex that followed, when asked for. */
export function importResultMessage(
  file: string,
  report: ImportReport,
  reindex?: { report: ReindexReport } | { error: string; articles: number },
): DiscordMessage {
  const { added, updated, unchanged, skipped, before, after } = report
  const next = reindex === undefined && added.length + updated.length > 0 ? '\nRun /reindex to answer from them.' : ''
  const fields: Array<{ name: string; value: string }> = []
  const ids = (list: string[]) => linesWithin([safeArticleText(list.join(', '))], LIMITS.fieldValue).text
  if (added.length > 0) fields.push({ name: `Added (${added.length})`, value: ids(added.map((a) => a.id)) })
  if (updated.length > 0) fields.push({ name: `Updated (${updated.length})`, value: ids(updated.map((a) => a.id)) })
  if (skipped.length > 0)
    fields.push({
      name: `Skipped (${skipped.length})`,
      value: linesWithin(
        skipped.map((p) => `• ${safeArticleText(formatProblem(p))}`),
        LIMITS.fieldValue,
      ).text,
    })
  const embeds: APIEmbed[] = [
    {
      color: COLORS.info,
      title: truncate(`Imported ${safeArticleText(file)}`, LIMITS.embedTitle),
      description: `${formatCount(added.length)} added, ${formatCount(updated.length)} updated, ${formatCount(unchanged.length)} unchanged, ${formatCount(skipped.length)} skipped; the corpus folder now loads ${plural(after, 'article')} (${formatCount(before)} before).${next}`,
      fields,
    },
  ]
  return message('', [...embeds, ...reindexEmbeds(reindex)])
}

function reindexEmbeds(reindex?: { report: ReindexReport } | { error: string; articles: number }): APIEmbed[] {
  if (reindex === undefined) return []
  if ('report' in reindex) return reindexMessage(reindex.report).embeds
  return [
    {
      color: COLORS.error,
      title: 'The reindex failed',
      description: truncate(
        `${safeUserText(reindex.error)}\nThe previous index (${plural(reindex.articles, 'article')}) is still answering; run /reindex once the corpus is right.`,
        LIMITS.embedDescription,
      ),
    },
  ]
}

/** A short line of an article for moderators: "“Title” · BBC · 4 July 2017". */
function articleLine(article: { title: string; source: string; date: string }): string {
  return `“${safeArticleText(article.title || 'untitled')}” · ${safeArticleText(outletName(article.source) || 'unknown outlet')} · ${shortDate(article.date)}`
}

/** /remove's private confirmation: which article, from which file, with Remove and Cancel. */
export function removeConfirmMessage(
  article: { id: string; title: string; source: string; date: string },
  file: string,
  options: { session: string; reindex: boolean; expiresInMs: number },
): DiscordMessage {
  const minutes = Math.max(1, Math.round(options.expiresInMs / 60_000))
  return message(
    '',
    [
      {
        color: COLORS.error,
        title: truncate(`Remove article ${safeArticleText(article.id)}?`, LIMITS.embedTitle),
        description: truncate(
          `${articleLine(article)}\nIts file, ${safeArticleText(file)}, was written by /import and will be deleted${options.reindex ? ', and the index rebuilt' : '; /reindex then stops answering from it'}. These buttons work for ${plural(minutes, 'minute')}.`,
          LIMITS.embedDescription,
        ),
      },
    ],
    [
      row([
        button(corpusChangeId('remove', options.session), 'Remove', false, ButtonStyle.Danger),
        button(corpusChangeId('cancel', options.session), 'Cancel', false),
      ]),
    ],
  )
}

/** What /remove did, with the reindex that followed, when asked for. */
export function removeResultMessage(
  report: RemovalReport,
  reindex?: { report: ReindexReport } | { error: string; articles: number },
): DiscordMessage {
  return message('', [
    {
      color: COLORS.info,
      title: truncate(`Removed article ${safeArticleText(report.id)}`, LIMITS.embedTitle),
      description: truncate(
        `${safeArticleText(report.file)} was deleted; the corpus folder now loads ${plural(report.after, 'article')} (${formatCount(report.before)} before).${reindex === undefined ? '\nRun /reindex to stop answering from it.' : ''}`,
        LIMITS.embedDescription,
      ),
    },
    ...reindexEmbeds(reindex),
  ])
}

/** One line of /imports: when (in the reader's time zone), who, what file, what changed. */
function logLine(e: ImportLogEntry): string {
  const seconds = Math.floor(Date.parse(e.at) / 1000)
  const when = Number.isFinite(seconds) ? `<t:${seconds}:f>` : 'at an unknown time'
  const who = `**${safeUserText(e.user || e.userId)}**`
  const reindexed =
    e.reindex === undefined
      ? ''
      : 'error' in e.reindex
        ? ' · the reindex failed'
        : ` · reindexed ${formatCount(e.reindex.before)} → ${formatCount(e.reindex.after)}`
  if (e.action === 'remove') {
    const id = e.removed ? safeArticleText(e.removed.id) : 'an article'
    return truncate(`${when} · ${who} removed ${id} (${safeArticleText(e.file)})${reindexed}`, 300)
  }
  const changes = [
    `${formatCount(e.added?.length ?? 0)} added`,
    `${formatCount(e.updated?.length ?? 0)} updated`,
    ...(e.skipped ? [`${formatCount(e.skipped)} skipped`] : []),
  ].join(', ')
  const ids = [...(e.added ?? []), ...(e.updated ?? [])].map((a) => a.id)
  const shown = ids.length > 0 ? ` (${safeArticleText(truncate(ids.join(', '), 80))})` : ''
  return truncate(`${when} · ${who} imported ${safeArticleText(e.file)}: ${changes}${shown}${reindexed}`, 300)
}

/** /imports: the last imports and removals, newest first. */
export function importsListMessage(entries: ImportLogEntry[], total: number): DiscordMessage {
  const description =
    entries.length === 0
      ? 'No article has been imported or removed from Discord yet. /import adds a file of articles.'
      : linesWithin(entries.map(logLine), LIMITS.embedDescription).text
  return message('', [
    {
      color: COLORS.info,
      title: `Imports and removals (${entries.length === total ? formatCount(total) : `the last ${entries.length} of ${formatCount(total)}`})`,
      description,
    },
  ])
}

// ---------------------------------------------------------------------------------------------------------------

function button(
  customId: string,
  label: string,
  disabled: boolean,
  style: ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger = ButtonStyle.Secondary,
): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style,
    custom_id: customId,
    label: truncate(label, LIMITS.buttonLabel),
    disabled,
  }
}

function row(components: APIButtonComponent[]): APIActionRowComponent<APIButtonComponent> {
  return { type: ComponentType.ActionRow, components: components.slice(0, 5) }
}

/** Keeps a message's embeds within Discord's count and 6000-character total by shortening the longest descriptions. */
export function fitEmbeds(embeds: APIEmbed[]): APIEmbed[] {
  const out = embeds
    .slice(0, LIMITS.embedsPerMessage)
    .map((e) => ({ ...e, ...(e.fields ? { fields: e.fields.slice(0, LIMITS.embedFields) } : {}) }))
  let total = out.reduce((n, e) => n + embedLength(e as Parameters<typeof embedLength>[0]), 0)
  while (total > LIMITS.embedTotal) {
    const longest = out.reduce((a, b) => ((b.description?.length ?? 0) > (a.description?.length ?? 0) ? b : a))
    const len = longest.description?.length ?? 0
    if (len === 0) break
    const target = Math.max(0, len - (total - LIMITS.embedTotal) - 1)
    longest.description = truncate(longest.description!, target)
    total = out.reduce((n, e) => n + embedLength(e as Parameters<typeof embedLength>[0]), 0)
  }
  return out
}
