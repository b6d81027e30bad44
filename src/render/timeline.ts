// Timelines (/timeline, npm run timeline) in three renderers over one TimelineResult: terminal text, JSON, and Discord
// (a page of incidents with page buttons and a select menu that opens the reports of one of them).
// One line per incident: date · what · where · figures (lowest–highest, with outlets) · how many reports.
// Figures are as the outlets reported them, never verified counts.

import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APISelectMenuOption,
  type APIStringSelectComponent,
} from 'discord.js'
import type { TimelineEvent, TimelineFigure, TimelineResult } from '../engine/query/timeline.js'
import { outletName } from '../engine/text/outlets.js'
import { LIMITS, truncate } from '../limits.js'
import { articleButtonId, message, quoteBlock, type DiscordMessage } from './discord.js'
import { formatCount, shortDate } from './format.js'
import { neutralizeMentions, safeArticleText, safeUserText, terminalSafe } from './safe.js'

/** Incidents on one page of a timeline in Discord (and options in its select menu: at most 25). */
export const TIMELINE_EVENTS_PER_PAGE = 8
/** Reports on one page of an incident's reports in Discord (each an embed, with its "Full article" button). */
export const TIMELINE_REPORTS_PER_PAGE = 4
/** How many places of an incident its line names. */
const PLACES_SHOWN = 2

/** Discord's limits on a string select menu, which src/limits.ts does not name. */
export const SELECT_LIMITS = {
  options: 25,
  optionLabel: 100,
  optionValue: 100,
  optionDescription: 100,
  placeholder: 150,
} as const

const COLOR = 0x7c3aed
const COLOR_NONE = 0x9ca3af

// ---------------------------------------------------------------------------------------------------------------
// Words shared by the renderers (plain text: each renderer makes it safe for where it goes)

const outletOf = (source: string) => outletName(source) || 'unknown outlet'

/** "about 12", "at least 45", "58". */
function figureValue(f: Pick<TimelineFigure, 'count' | 'qualifier' | 'approximate'>): string {
  const prefix = f.approximate ? 'about ' : f.qualifier ? `${f.qualifier} ` : ''
  return `${prefix}${formatCount(f.count)}`
}

/**
 * The tolls of an incident, lowest–highest, with the outlets that gave them in the order they published:
 * "25–58 killed (Al-Ahram, TRT World, Al-Araby, Daily Sabah)", "at least 45–70 killed (Al-Ahram)",
 * "about 12 – 30 killed (…)" when a vague figure ("dozens") is an end. "no toll reported" when none gives one.
 */
export function figuresRange(figures: TimelineFigure[]): string {
  if (figures.length === 0) return 'no toll reported'
  let low = figures[0]!
  let high = figures[0]!
  for (const f of figures) {
    if (f.count < low.count) low = f
    if (f.count > high.count) high = f
  }
  const outlets = [...new Set(figures.map((f) => outletOf(f.source)))].join(', ')
  const kind = low.kind
  let range: string
  if (low.count === high.count) {
    // The same toll everywhere: "about" when every report gives it vaguely, the qualifier when all share one.
    const approximate = figures.filter((f) => f.count === low.count).every((f) => f.approximate)
    const qualifiers = new Set(figures.map((f) => f.qualifier))
    range = figureValue({
      count: low.count,
      approximate,
      qualifier: qualifiers.size === 1 ? low.qualifier : '',
    })
  } else {
    const a = figureValue(low)
    const b = figureValue(high)
    const prefixA = a.slice(0, a.length - formatCount(low.count).length)
    const prefixB = b.slice(0, b.length - formatCount(high.count).length)
    range = prefixA === prefixB ? `${prefixA}${formatCount(low.count)}–${formatCount(high.count)}` : `${a} – ${b}` // the qualifiers differ: each end keeps its own
  }
  return `${range} ${kind} (${outlets})`
}

/** Each toll on its own, in the order published: "47 killed (Al-Ahram, 25 June 2016)". */
export function figuresSideBySideOf(figures: TimelineFigure[]): string[] {
  return figures.map(
    (f) =>
      `${figureValue(f)}${f.approximate ? ' (approx.)' : ''} ${f.kind} (${outletOf(f.source)}, ${shortDate(f.date)})`,
  )
}

function placesOf(event: TimelineEvent): string {
  return event.places.slice(0, PLACES_SHOWN).join(', ') || 'place not named'
}

function reportsCount(event: TimelineEvent): string {
  const n = event.reports.length || event.articles.length
  return `${formatCount(n)} report${n === 1 ? '' : 's'}`
}

/** "25 June 2016 · air strikes · Deir ez-Zor, Al-Quriyah · 25–58 killed (Al-Ahram, TRT World, …) · 4 reports" */
export function eventLine(event: TimelineEvent): string {
  return [
    shortDate(event.date),
    event.kind || 'incident',
    placesOf(event),
    figuresRange(event.figures),
    reportsCount(event),
  ].join(' · ')
}

function incidents(n: number): string {
  return `${formatCount(n)} incident${n === 1 ? '' : 's'}`
}

/** A line of text on one line: line breaks and runs of spaces as one space. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

// ---------------------------------------------------------------------------------------------------------------
// Terminal

/**
 * A timeline for a terminal: a header, then one line per incident, each followed by its reports' quotes (indented),
 * each with its outlet, date and article id. Every piece of text from the user or the articles is terminal-safe.
 */
export function renderTimelineText(result: TimelineResult): string {
  const header = `Timeline: ${terminalSafe(oneLine(result.query))}`
  if (result.events.length === 0) return `${header}\n\nNo incident. ${terminalSafe(result.reason)}`
  const lines = [`${header} · ${incidents(result.events.length)}, in date order (figures as the outlets reported them)`]
  for (const event of result.events) {
    lines.push('', terminalSafe(eventLine(event)))
    for (const r of event.reports) {
      lines.push(`    “${terminalSafe(oneLine(r.quote))}”`)
      lines.push(`      — ${terminalSafe(`${outletOf(r.source)}, ${shortDate(r.date)} · article ${r.article}`)}`)
    }
  }
  return lines.join('\n')
}

// ---------------------------------------------------------------------------------------------------------------
// JSON

/**
 * {"query","events":[{"date","kind","places","actors","figures":[{"count","qualifier","kind","source","date",
 * "article"}],"articles":[ids],"reports":[{"article","title","source","date","url","quote"}]}]}
 */
export function toTimelineJson(result: TimelineResult): object {
  return {
    query: result.query,
    events: result.events.map((e) => ({
      date: e.date,
      kind: e.kind,
      places: e.places,
      actors: e.actors,
      figures: e.figures.map((f) => ({
        count: f.count,
        qualifier: f.qualifier,
        kind: f.kind,
        source: f.source,
        date: f.date,
        article: f.article,
      })),
      articles: e.articles,
      reports: e.reports.map((r) => ({
        article: r.article,
        title: r.title,
        source: r.source,
        date: r.date,
        url: r.url,
        quote: r.quote,
      })),
    })),
  }
}

export function renderTimelineJson(result: TimelineResult): string {
  return JSON.stringify(toTimelineJson(result))
}

// ---------------------------------------------------------------------------------------------------------------
// Discord

/** A message whose action rows may hold a select menu as well as buttons. */
export interface TimelineMessage extends Omit<DiscordMessage, 'components'> {
  components: Array<APIActionRowComponent<APIComponentInMessageActionRow>>
}

export interface TimelinePageOptions {
  /** Identifies the stored timeline for the buttons and the select menu; without it, neither. */
  session?: string
  /** What else was asked, as typed ("from 2016-06 · source Al-Ahram"): shown after the place, made safe here. */
  filters?: string
}

/**
 * Button and select-menu ids: "tl:p:<session>:<page>" turns the timeline's pages, "tl:s:<session>:<page>" is the
 * select menu of a page (its values are incident numbers, from 0), "tl:r:<session>:<incident>:<page>" turns the
 * pages of an incident's reports.
 */
export const TIMELINE_ID_PREFIX = 'tl'

export function timelinePageId(session: string, page: number): string {
  return `${TIMELINE_ID_PREFIX}:p:${session}:${page}`
}

export function timelineSelectId(session: string, page: number): string {
  return `${TIMELINE_ID_PREFIX}:s:${session}:${page}`
}

export function timelineReportsId(session: string, event: number, page: number): string {
  return `${TIMELINE_ID_PREFIX}:r:${session}:${event}:${page}`
}

/** Text for a select menu's label or description: one line, no ping (select menus do not render markdown). */
function selectText(text: string, max: number): string {
  return truncate(neutralizeMentions(oneLine(text.replace(/[\u0000-\u001f\u007f]+/g, ' '))), max) || '…'
}

/** One page of a timeline: its incidents one a line, page buttons, and "Read the reports of…" for the page's incidents. */
export function timelinePage(result: TimelineResult, page: number, options: TimelinePageOptions = {}): TimelineMessage {
  const filters = options.filters ? ` · ${safeUserText(options.filters)}` : ''
  const asked = truncate(`**/timeline** ${safeUserText(result.query)}${filters}`, 400)
  if (result.events.length === 0) {
    return {
      ...message(asked, [
        {
          color: COLOR_NONE,
          title: 'No incident in the corpus',
          description: truncate(safeUserText(result.reason), LIMITS.embedDescription),
        },
      ]),
      components: [],
    }
  }
  const total = result.events.length
  const pages = Math.ceil(total / TIMELINE_EVENTS_PER_PAGE)
  const p = Math.min(Math.max(0, Math.trunc(page) || 0), pages - 1)
  const first = p * TIMELINE_EVENTS_PER_PAGE
  const shown = result.events.slice(first, first + TIMELINE_EVENTS_PER_PAGE)
  // Every line gets an equal share of the description, so that a long one is cut rather than the page.
  const share = Math.floor((LIMITS.embedDescription - 200) / shown.length) - 1
  const description = shown
    .map((e, i) => truncate(`**${first + i + 1}.** ${safeArticleText(eventLine(e))}`, share))
    .join('\n')
  const hint = options.session ? ' · choose one below to read its reports' : ''
  const embed: APIEmbed = {
    color: COLOR,
    title: truncate(`Timeline: ${safeUserText(result.query)}`, LIMITS.embedTitle),
    description,
    footer: {
      text: truncate(
        `Incidents ${first + 1}–${first + shown.length} of ${total} · page ${p + 1} of ${pages}${hint} · figures as the outlets reported them`,
        LIMITS.footer,
      ),
    },
  }
  const components: TimelineMessage['components'] = []
  if (options.session) {
    const select: APIStringSelectComponent = {
      type: ComponentType.StringSelect,
      custom_id: timelineSelectId(options.session, p),
      placeholder: 'Read the reports of…',
      min_values: 1,
      max_values: 1,
      options: shown.slice(0, SELECT_LIMITS.options).map((e, i): APISelectMenuOption => ({
        label: selectText(`${first + i + 1}. ${shortDate(e.date)} · ${e.kind || 'incident'} · ${placesOf(e)}`, 100),
        value: String(first + i),
        description: selectText(`${figuresRange(e.figures)} · ${reportsCount(e)}`, SELECT_LIMITS.optionDescription),
      })),
    }
    components.push({ type: ComponentType.ActionRow, components: [select] })
    if (pages > 1) {
      components.push(
        buttonRow([
          button(timelinePageId(options.session, p - 1), '◀ Earlier', p === 0),
          button(
            timelinePageId(options.session, p + 1),
            `Later (${Math.min(p + 2, pages)}/${pages}) ▶`,
            p >= pages - 1,
          ),
        ]),
      )
    }
  }
  return {
    ...message(`${asked} · ${incidents(total)}`, [embed]),
    components,
  }
}

/**
 * The reports of one incident, a page of them: a header with its tolls side by side (each with its outlet and date),
 * then each report's quote, word for word, with its outlet, date and title; "Full article" buttons, and buttons to
 * turn the pages when there are more reports than fit.
 */
export function timelineReportsPage(
  result: TimelineResult,
  eventIndex: number,
  page: number,
  options: { session?: string } = {},
): TimelineMessage {
  const event = result.events[eventIndex]
  if (!event)
    return { ...message('That incident is not in this timeline any more. Run /timeline again.'), components: [] }
  const reports = event.reports
  const pages = Math.max(1, Math.ceil(reports.length / TIMELINE_REPORTS_PER_PAGE))
  const p = Math.min(Math.max(0, Math.trunc(page) || 0), pages - 1)
  const first = p * TIMELINE_REPORTS_PER_PAGE
  const shown = reports.slice(first, first + TIMELINE_REPORTS_PER_PAGE)
  const tolls = figuresSideBySideOf(event.figures)
  const header: APIEmbed = {
    color: COLOR,
    title: truncate(
      safeArticleText(`${shortDate(event.date)} · ${event.kind || 'incident'} · ${placesOf(event)}`),
      LIMITS.embedTitle,
    ),
    description: truncate(
      safeArticleText(
        [
          `Figures: ${figuresRange(event.figures)}`,
          ...(tolls.length > 1 ? [`As reported: ${tolls.join(' · ')}`] : []),
          ...(event.actors.length > 0 ? [`Named: ${event.actors.join(', ')}`] : []),
          ...(event.places.length > PLACES_SHOWN ? [`Places: ${event.places.join(', ')}`] : []),
        ].join('\n'),
      ),
      1200,
    ),
    footer: {
      text: truncate(
        `Incident ${eventIndex + 1} of ${result.events.length} · ${reportsCount(event)}${pages > 1 ? ` · page ${p + 1} of ${pages}` : ''} · figures as the outlets reported them`,
        LIMITS.footer,
      ),
    },
  }
  const parts = shown.map((r) => {
    const url = /^https?:\/\//i.test(r.url) ? r.url.replace(/[()\s]/g, (c) => encodeURIComponent(c)) : ''
    const title = truncate(safeArticleText(r.title || `untitled (id ${r.article})`), LIMITS.embedTitle)
    return {
      r,
      title,
      url: url.length <= 500 ? url : '',
      tail: `\n— ${safeArticleText(truncate(outletOf(r.source), 80))} · ${shortDate(r.date)}`,
      footer: neutralizeMentions(truncate(`article ${r.article}`, 200)),
    }
  })
  const fixed =
    (header.title?.length ?? 0) +
    (header.description?.length ?? 0) +
    (header.footer?.text.length ?? 0) +
    parts.reduce((n, x) => n + x.title.length + x.tail.length + x.footer.length, 0)
  const share = Math.floor((LIMITS.embedTotal - 50 - fixed) / Math.max(1, parts.length))
  const embeds: APIEmbed[] = [header]
  for (const x of parts) {
    embeds.push({
      color: COLOR,
      title: x.title,
      ...(x.url ? { url: x.url } : {}),
      description:
        quoteBlock(oneLine(x.r.quote), [], Math.max(10, Math.min(LIMITS.embedDescription - x.tail.length, share))) +
        x.tail,
      footer: { text: x.footer },
    })
  }
  const components: TimelineMessage['components'] = []
  if (options.session && pages > 1) {
    components.push(
      buttonRow([
        button(timelineReportsId(options.session, eventIndex, p - 1), '◀ Previous reports', p === 0),
        button(timelineReportsId(options.session, eventIndex, p + 1), 'More reports ▶', p >= pages - 1),
      ]),
    )
  }
  const seen = new Set<string>()
  const read = shown.flatMap((r, i) => {
    const id = articleButtonId(r.article, 0, 'article')
    if (!id || seen.has(id)) return []
    seen.add(id)
    return [button(id, `Full article ${first + i + 1}`, false)]
  })
  if (read.length > 0) components.push(buttonRow(read))
  return { ...message('', embeds), components }
}

function button(customId: string, label: string, disabled: boolean): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    custom_id: customId,
    label: truncate(label, LIMITS.buttonLabel),
    disabled,
  }
}

function buttonRow(components: APIButtonComponent[]): APIActionRowComponent<APIButtonComponent> {
  return { type: ComponentType.ActionRow, components: components.slice(0, 5) }
}
