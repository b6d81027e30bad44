// The renderers of /timeline and `npm run timeline` (src/render/timeline.ts) over made-up timelines: one line per
// incident, the JSON of the issue, and Discord messages within every limit, with nothing that pings.

import { describe, expect, it } from 'vitest'
import { ComponentType } from 'discord.js'
import type { TimelineEvent, TimelineFigure, TimelineResult } from '../src/engine/query/timeline.js'
import {
  eventLine,
  figuresRange,
  renderTimelineJson,
  renderTimelineText,
  SELECT_LIMITS,
  TIMELINE_EVENTS_PER_PAGE,
  timelinePage,
  timelineReportsPage,
  type TimelineMessage,
} from '../src/render/timeline.js'
import { LIMITS } from '../src/limits.js'
import { expectDiscordSafe, MENTION } from './discord-limits.js'

const figure = (count: number, source: string, date: string, article: string, extra: Partial<TimelineFigure> = {}) =>
  ({ count, qualifier: '', kind: 'killed', approximate: false, source, date, article, ...extra }) as TimelineFigure

const QURIYAH: TimelineEvent = {
  date: '2016-06-25',
  kind: 'air strikes',
  places: ['Al-Quriyah', 'Deir ez-Zor'],
  actors: ['Russia', 'Syrian government forces'],
  figures: [
    figure(47, 'ahram', '2016-06-25', 'a1'),
    figure(58, 'trt', '2016-06-26', 'a2'),
    figure(25, 'alaraby', '2016-06-27', 'a3'),
    figure(58, 'dailysabah', '2016-06-27', 'a4'),
  ],
  articles: ['a3', 'a1', 'a2', 'a4'],
  reports: [
    {
      article: 'a3',
      title: 'Unicef: 25 children',
      source: 'alaraby',
      date: '2016-06-27',
      url: '',
      quote: 'Strikes killed 25 children.',
    },
    {
      article: 'a1',
      title: 'Strikes kill 47',
      source: 'ahram',
      date: '2016-06-25',
      url: '',
      quote: 'Air strikes killed 47 people.',
    },
    {
      article: 'a2',
      title: 'Strikes kill 58',
      source: 'trt',
      date: '2016-06-26',
      url: 'https://example.org/a2',
      quote: 'Raids killed 58 civilians.',
    },
    {
      article: 'a4',
      title: 'UNICEF says',
      source: 'dailysabah',
      date: '2016-06-27',
      url: '',
      quote: 'Airstrikes killed 58 civilians.',
    },
  ],
}

const HOSTILE = '@everyone <@123456789012345678> <@&123456789012345678> <#123456789012345678> </cmd:1> @here'

/** An incident whose every text is hostile or long: mentions, markdown, control characters, 5000-character quotes. */
function hostileEvent(i: number): TimelineEvent {
  const long = `${HOSTILE} **bold** \u001b]0;title\u0007 ${'word '.repeat(1000)}`
  return {
    date: `2017-04-${String((i % 28) + 1).padStart(2, '0')}`,
    kind: `${HOSTILE} bombing`,
    places: [`${HOSTILE} ${'Aleppo '.repeat(40)}`, '@here town', 'third'],
    actors: [HOSTILE],
    figures: [figure(10 + i, `${HOSTILE} outlet`, '2017-04-15', `x${i}`, { approximate: true, qualifier: 'dozens' })],
    articles: Array.from({ length: 14 }, (_, j) => `art${i}-${j}`),
    reports: Array.from({ length: 14 }, (_, j) => ({
      article: `art${i}-${j}`,
      title: `@everyone ${HOSTILE} ${'title '.repeat(80)}`,
      source: `${HOSTILE} outlet`,
      date: '2017-04-15',
      url: j % 2 ? 'https://example.org/(x) y' : 'javascript:alert(1)',
      quote: long,
    })),
  }
}

/** The checks of tests/discord-limits.ts on buttons and embeds, and Discord's limits on string select menus here. */
function expectTimelineMessageSafe(msg: TimelineMessage): void {
  const selects = msg.components.flatMap((row) => row.components.filter((c) => c.type === ComponentType.StringSelect))
  const buttonRows = msg.components.filter((row) => row.components.every((c) => c.type === ComponentType.Button))
  expect(buttonRows.length + selects.length).toBe(msg.components.length)
  expect(msg.components.length).toBeLessThanOrEqual(5)
  expectDiscordSafe({ ...msg, components: buttonRows })
  const ids = msg.components.flatMap((row) => row.components.map((c) => ('custom_id' in c ? c.custom_id : '')))
  expect(new Set(ids).size).toBe(ids.length)
  for (const s of selects) {
    expect(s.custom_id.length).toBeGreaterThan(0)
    expect(s.custom_id.length).toBeLessThanOrEqual(LIMITS.customId)
    expect((s.placeholder ?? '').length).toBeLessThanOrEqual(SELECT_LIMITS.placeholder)
    expect(s.options.length).toBeGreaterThan(0)
    expect(s.options.length).toBeLessThanOrEqual(SELECT_LIMITS.options)
    expect(new Set(s.options.map((o) => o.value)).size).toBe(s.options.length)
    for (const o of s.options) {
      expect(o.label.length).toBeGreaterThan(0)
      expect(o.label.length).toBeLessThanOrEqual(SELECT_LIMITS.optionLabel)
      expect(o.value.length).toBeGreaterThan(0)
      expect(o.value.length).toBeLessThanOrEqual(SELECT_LIMITS.optionValue)
      expect((o.description ?? '').length).toBeLessThanOrEqual(SELECT_LIMITS.optionDescription)
      expect(o.label).not.toMatch(MENTION)
      expect(o.description ?? '').not.toMatch(MENTION)
    }
  }
}

describe('a timeline as text', () => {
  const result: TimelineResult = { query: 'Deir Ezzor', events: [QURIYAH], reason: '' }

  it('gives one line per incident: date · what · where · figures lowest–highest with outlets · reports', () => {
    expect(eventLine(QURIYAH)).toBe(
      '25 June 2016 · air strikes · Al-Quriyah, Deir ez-Zor · 25–58 killed (Al-Ahram, TRT World, Al-Araby, Daily Sabah) · 4 reports',
    )
    const lines = renderTimelineText(result).split('\n')
    expect(lines[0]).toMatch(/^Timeline: Deir Ezzor · 1 incident/)
    expect(lines).toContain(eventLine(QURIYAH))
    // Each report's quote follows, indented, with its outlet and date.
    const at = lines.indexOf(eventLine(QURIYAH))
    expect(lines[at + 1]).toBe('    “Strikes killed 25 children.”')
    expect(lines[at + 2]).toBe('      — Al-Araby, 27 June 2016 · article a3')
    expect(lines.filter((l) => l.startsWith('    “'))).toHaveLength(4)
  })

  it('marks vague figures, keeps a shared qualifier, and says when no toll is given', () => {
    expect(figuresRange([figure(12, 'bbc', '2017-01-01', 'a', { approximate: true, qualifier: 'dozens' })])).toBe(
      'about 12 killed (BBC)',
    )
    expect(
      figuresRange([
        figure(45, 'ahram', '2015-02-05', 'a', { qualifier: 'at least' }),
        figure(70, 'ahram', '2015-02-06', 'b', { qualifier: 'at least' }),
      ]),
    ).toBe('at least 45–70 killed (Al-Ahram)')
    expect(
      figuresRange([
        figure(12, 'bbc', '2017-01-01', 'a', { approximate: true }),
        figure(30, 'reuters', '2017-01-02', 'b'),
      ]),
    ).toBe('about 12 – 30 killed (BBC, Reuters)')
    expect(figuresRange([])).toBe('no toll reported')
  })

  it('says why there is no incident, and keeps control characters of the articles off the terminal', () => {
    expect(renderTimelineText({ query: 'Atlantis', events: [], reason: 'No incident names "Atlantis".' })).toBe(
      'Timeline: Atlantis\n\nNo incident. No incident names "Atlantis".',
    )
    const text = renderTimelineText({ query: 'x\u001b[2J', events: [hostileEvent(1)], reason: '' })
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/)
    expect(text).toContain('␛]0;title␇')
  })
})

describe('a timeline as JSON', () => {
  it('has the shape of the issue, with the reports added', () => {
    const json = JSON.parse(renderTimelineJson({ query: 'Deir Ezzor', events: [QURIYAH], reason: '' })) as {
      query: string
      events: Array<Record<string, unknown> & { figures: Array<Record<string, unknown>>; reports: unknown[] }>
    }
    expect(Object.keys(json)).toEqual(['query', 'events'])
    expect(json.query).toBe('Deir Ezzor')
    const [event] = json.events
    expect(Object.keys(event!)).toEqual(['date', 'kind', 'places', 'actors', 'figures', 'articles', 'reports'])
    expect(Object.keys(event!.figures[0]!)).toEqual(['count', 'qualifier', 'kind', 'source', 'date', 'article'])
    expect(event!.figures.map((f) => f.count)).toEqual([47, 58, 25, 58])
    expect(event!.articles).toEqual(['a3', 'a1', 'a2', 'a4'])
    expect(event!.reports[1]).toEqual(QURIYAH.reports[1])
  })
})

describe('a timeline in Discord', () => {
  const many: TimelineResult = {
    query: 'Aleppo @everyone',
    events: Array.from({ length: 20 }, (_, i) => hostileEvent(i)),
    reason: '',
  }

  it('shows a page of incidents, one a line, with a select menu of them and buttons to turn the pages', () => {
    const msg = timelinePage({ query: 'Deir Ezzor', events: [QURIYAH], reason: '' }, 0, {
      session: 'abc',
      filters: 'from 2016-06-20 · to 2016-06-30',
    })
    expectTimelineMessageSafe(msg)
    expect(msg.content).toBe('**/timeline** Deir Ezzor · from 2016-06-20 · to 2016-06-30 · 1 incident')
    expect(msg.embeds[0]!.description).toContain(
      '**1.** 25 June 2016 · air strikes · Al-Quriyah, Deir ez-Zor · 25–58 killed (Al-Ahram, TRT World, Al-Araby, Daily Sabah) · 4 reports',
    )
    // One incident: a select menu, no page buttons.
    expect(msg.components).toHaveLength(1)
    const select = msg.components[0]!.components[0]!
    expect(select).toMatchObject({
      type: ComponentType.StringSelect,
      custom_id: 'tl:s:abc:0',
      placeholder: 'Read the reports of…',
    })
  })

  it('keeps every page within the limits, turns pages, and never lets a title, place or outlet ping', () => {
    const pages = Math.ceil(many.events.length / TIMELINE_EVENTS_PER_PAGE)
    for (let p = 0; p < pages; p++) {
      const msg = timelinePage(many, p, { session: 'sess1', filters: '@everyone <@1>' })
      expectTimelineMessageSafe(msg)
      const buttons = msg.components[1]!.components
      expect(buttons.map((b) => ('custom_id' in b ? b.custom_id : ''))).toEqual([
        `tl:p:sess1:${p - 1}`,
        `tl:p:sess1:${p + 1}`,
      ])
      const select = msg.components[0]!.components[0]!
      expect('options' in select && select.options.map((o) => o.value)).toEqual(
        many.events
          .slice(p * TIMELINE_EVENTS_PER_PAGE, (p + 1) * TIMELINE_EVENTS_PER_PAGE)
          .map((_, i) => String(p * TIMELINE_EVENTS_PER_PAGE + i)),
      )
    }
    // Out-of-range pages show the first or the last.
    expect(timelinePage(many, 99, { session: 's' }).embeds[0]!.footer!.text).toMatch(/page 3 of 3/)
    expect(timelinePage(many, -5, { session: 's' }).embeds[0]!.footer!.text).toMatch(/page 1 of 3/)
  })

  it('shows the reports of an incident, quotes and outlets, paged, within the limits; an @everyone title never pings', () => {
    for (let p = 0; p < 4; p++) {
      const msg = timelineReportsPage(many, 3, p, { session: 'sess1' })
      expectTimelineMessageSafe(msg)
      expect(msg.embeds.length).toBeGreaterThan(1)
      for (const e of msg.embeds.slice(1)) {
        expect(e.title).toContain('@\u200beveryone')
        expect(e.description).toMatch(/^> /)
        expect(e.url ?? 'https://').toMatch(/^https:\/\//)
      }
      expect(msg.allowedMentions).toEqual({ parse: [] })
    }
    const quriyah = timelineReportsPage({ query: 'Deir Ezzor', events: [QURIYAH], reason: '' }, 0, 0, { session: 's' })
    expectTimelineMessageSafe(quriyah)
    expect(quriyah.embeds[0]!.description).toContain(
      'Figures: 25–58 killed (Al-Ahram, TRT World, Al-Araby, Daily Sabah)',
    )
    expect(quriyah.embeds[0]!.description).toContain('47 killed (Al-Ahram, 25 June 2016)')
    expect(quriyah.embeds.slice(1).map((e) => e.description)).toEqual([
      '> Strikes killed 25 children.\n— Al-Araby · 27 June 2016',
      '> Air strikes killed 47 people.\n— Al-Ahram · 25 June 2016',
      '> Raids killed 58 civilians.\n— TRT World · 26 June 2016',
      '> Airstrikes killed 58 civilians.\n— Daily Sabah · 27 June 2016',
    ])
    expect(quriyah.components.at(-1)!.components.map((b) => ('custom_id' in b ? b.custom_id : ''))).toEqual([
      'article:0:a3',
      'article:0:a1',
      'article:0:a2',
      'article:0:a4',
    ])
  })

  it('says why when there is no incident, and echoes what was typed without pinging', () => {
    const msg = timelinePage({ query: '@everyone **x**', events: [], reason: 'No incident names "@everyone".' }, 0)
    expectTimelineMessageSafe(msg)
    expect(msg.embeds[0]!.title).toBe('No incident in the corpus')
    expect(msg.components).toEqual([])
    expect(msg.content).toContain('@\u200beveryone \\*\\*x\\*\\*')
  })
})
