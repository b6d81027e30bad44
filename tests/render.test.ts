// The presentation layer: Discord messages at Discord's limits, quotes word for word, paging, the text and JSON
// renderers and the words for values and dates.

import { describe, expect, it } from 'vitest'
import { ButtonStyle, type APIButtonComponent } from 'discord.js'
import type { Engine } from '../src/runtime/engine.js'
import type {
  Answer,
  AnswerResult,
  Article,
  ArticleRef,
  CasualtiesValue,
  Command,
  ValueByCommand,
  WhenValue,
} from '../src/engine/types.js'
import {
  answerPage,
  articlePage,
  helpMessage,
  paginate,
  quoteBlock,
  type DiscordMessage,
} from '../src/render/discord.js'
import { casualtyHeadline, formatDate, valueHeadline, withCommandNames, type HelpText } from '../src/render/format.js'
import { renderJson, toJson } from '../src/render/json.js'
import { neutralizeMentions, safeArticleText, safeUserText } from '../src/render/safe.js'
import { renderHelp, renderText } from '../src/render/text.js'
import { expectDiscordSafe, MENTION } from './discord-limits.js'
import { fakesEngine, HAVE_FAKES, seedEngine, rng } from './helpers.js'

// ---------------------------------------------------------------------------------------------------------------
// Building results by hand

const BBC_ID = '000_43f17e4488e5f64a'
const ZWSP = '\u200b'

function ref(over: Partial<ArticleRef> = {}): ArticleRef {
  return {
    id: 'bbc-40486180',
    title: 'Raqqa: US-backed forces breach Old City wall',
    source: 'BBC',
    date: '2017-07-04',
    url: 'https://www.bbc.com/news/world-middle-east-40486180',
    ...over,
  }
}

/** Spans of `quote` where any of `terms` occurs (case-insensitive), in order, for bold. */
function highlightsOf(quote: string, terms: string[]): Array<[number, number]> {
  const spans: Array<[number, number]> = []
  const lower = quote.toLowerCase()
  for (const t of terms) {
    const needle = t.toLowerCase()
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length))
      spans.push([at, at + needle.length])
  }
  spans.sort((a, b) => a[0] - b[0])
  // No overlaps.
  return spans.filter((s, i) => i === 0 || s[0] >= spans[i - 1]![1])
}

function answer<C extends Command>(
  value: ValueByCommand[C],
  over: Partial<Answer<C>> = {},
  terms: string[] = ['Raqqa', 'killed'],
): Answer<C> {
  const quote =
    over.quote ??
    "US-backed Syrian forces have breached the wall at Raqqa's Old City, and at least 173 were killed in June."
  return {
    quote,
    article: ref(),
    value,
    highlights: highlightsOf(quote, terms),
    headline: false,
    alsoIn: [],
    incident: 1,
    credit: '',
    score: 1,
    ...over,
  }
}

function result<C extends Command>(
  command: C,
  answers: Array<Answer<C>>,
  query = 'killed in Raqqa',
  reason = '',
): AnswerResult<C> {
  return { command, query, answers, terms: [], reason }
}

const WHEN: WhenValue = { date: '2017-07-04', precision: 'day', text: 'on Tuesday', basis: 'text' }
const casualties = (count: number, qualifier = 'at least'): CasualtiesValue => ({
  count,
  qualifier,
  kind: 'killed',
  victims: '',
  approximate: false,
  text: `${qualifier} ${count} killed`,
})

/** Markdown as Discord reads it, back to the text: escapes undone, bold markers dropped, zero-width spaces gone. */
function unmark(text: string): string {
  return text.replace(/\\([\s\S])|\*\*/g, (_m, escaped: string | undefined) => escaped ?? '').replaceAll(ZWSP, '')
}

/** The number of bold markers that Discord would see (outside backslash escapes). */
function boldMarkers(text: string): number {
  let n = 0
  text.replace(/\\[\s\S]|\*\*/g, (m) => {
    if (m === '**') n++
    return m
  })
  return n
}

/** The quote block at the top of an answer's description, as the text it shows. */
function quoteOf(description: string): string {
  const lines: string[] = []
  for (const line of description.split('\n')) {
    if (!line.startsWith('>')) break
    lines.push(line.replace(/^> ?/, ''))
  }
  return unmark(lines.join('\n'))
}

function buttons(msg: DiscordMessage): APIButtonComponent[] {
  return msg.components.flatMap((r) => r.components)
}

function customId(b: APIButtonComponent): string {
  return (b as { custom_id: string }).custom_id
}

function label(b: APIButtonComponent): string {
  return (b as { label?: string }).label ?? ''
}

/** Each answer's embed ends its description with where the quote comes from: "— outlet · date · title". */
function expectAttributions(msg: DiscordMessage): void {
  for (const e of msg.embeds.filter((x) => x.footer))
    expect(e.description, 'the attribution was cut off').toMatch(/\n— [^\n]+ · [^\n]+ · \S/)
}

function allPages<C extends Command>(r: AnswerResult<C>): DiscordMessage[] {
  const n = Math.max(1, Math.ceil(r.answers.length / 3))
  return Array.from({ length: n }, (_, p) => answerPage(r, p, { session: 'f3a9c1d2e4b5' }))
}

// Article text that tries everything: markdown, mentions, masked links, odd characters, right-to-left, line breaks.
const HOSTILE_LINES = [
  '**Bold claim** and __underlined__ and ~~struck~~ and *italic* and _also_ and `code` and ```block``` and ||spoiler||.',
  '> a quoted line inside the article',
  '# A heading inside the article',
  '- a bullet and 1. a number',
  'A masked link [click here](http://evil.example/x) and [another](<https://y.example>).',
  'Ping @everyone and @here and @EVERYONE, <@123456789012345678>, <@!123456789012345678>, <@&123456789012345678>, <#123456789012345678> and </ask:123456789012345678>.',
  'Broken \uFFFD\uFFFD bytes, emoji 😀🇸🇾👨‍👩‍👧, and Arabic: سيطر تنظيم الدولة الإسلامية على الرقة عام 2014 وقتل 173 شخصا.',
  'A backslash \\ and an escaped \\* star, killed in Raqqa.',
  '',
  'After a blank line, 300,000 people killed.',
]
const HOSTILE = HOSTILE_LINES.join('\n')
const HOSTILE_TERMS = ['killed', 'Raqqa', 'everyone', 'Bold', 'الرقة', '@here', '[click']

// ---------------------------------------------------------------------------------------------------------------

describe('answerPage within Discord limits', () => {
  const longQuote = Array.from(
    { length: 400 },
    (_, i) => `Sentence ${i} says that ${i} people were killed in Raqqa at the wall.`,
  )
    .join(' ')
    .padEnd(20_000, ' and more.')
    .slice(0, 20_000)
  const longTitle = 'A very long headline about Raqqa '.repeat(40).slice(0, 1000)

  const cases: Array<[string, AnswerResult]> = [
    ['one plain answer', result('when', [answer<'when'>(WHEN)])],
    ['a 20,000-character quote', result('casualties', [answer<'casualties'>(casualties(173), { quote: longQuote })])],
    [
      'a 1,000-character title',
      result('where', [answer<'where'>({ places: ['Raqqa'] }, { article: ref({ title: longTitle }) })]),
    ],
    [
      '12 answers, each long, with long titles and "also in" lists',
      result(
        'casualties',
        Array.from({ length: 12 }, (_, i) =>
          answer<'casualties'>(casualties(100 + i), {
            quote: longQuote,
            article: ref({ id: `a${i}`, title: longTitle, source: i % 2 ? 'Fox News' : 'BBC' }),
            alsoIn: Array.from({ length: 15 }, (_, j) =>
              ref({ id: `b${i}-${j}`, source: `Outlet number ${j} with a long name` }),
            ),
          }),
        ),
      ),
    ],
    [
      'a quote full of markdown, mentions and odd text',
      result(
        'who',
        [
          answer<'who'>(
            { actors: ['Islamic State'], roles: { 'Islamic State': 'acted' } },
            { quote: HOSTILE },
            HOSTILE_TERMS,
          ),
        ],
        '@everyone **who** <@123456789012345678> killed',
      ),
    ],
    [
      '12 hostile answers with hostile titles and values',
      result(
        'where',
        Array.from({ length: 12 }, (_, i) =>
          answer<'where'>(
            { places: ['@everyone', '<#123456789012345678>', `**Raqqa** ${i}`] },
            {
              quote: `${HOSTILE}\n${longQuote}`.slice(0, 5000 + i * 1000),
              article: ref({
                id: `h${i}`,
                title: `@here [t](http://x) <@&123456789012345678> ${longTitle}`,
                source: '@everyone',
              }),
            },
            HOSTILE_TERMS,
          ),
        ),
        `@here ${'x'.repeat(3000)}`,
      ),
    ],
    ['no answers', result('when', [], '@everyone when', 'No article mentions <@123456789012345678> @here.')],
  ]

  it.each(cases)('%s: every page respects every limit', (_name, r) => {
    for (const page of allPages(r)) expectDiscordSafe(page)
  })

  it.each(cases)('%s: every answer keeps its outlet and date and a balanced quote block', (_name, r) => {
    for (const page of allPages(r)) {
      for (const e of page.embeds) {
        if (!e.footer) continue // the "figures differ" and "no answer" embeds
        expect(e.description).toMatch(/^> /)
        expect(e.description).toMatch(/\n— (BBC|Fox News|@\u200beveryone) · 4 July 2017 · /)
        const quoteLines = e.description!.split('\n').filter((l) => l.startsWith('>'))
        expect(boldMarkers(quoteLines.join('\n')) % 2, 'an unclosed ** in the quote').toBe(0)
      }
    }
  })

  it('answers from the seed corpus respect every limit', () => {
    const engine = seedEngine()
    const questions: Array<[Command, string]> = [
      ['when', 'when did IS seize Raqqa'],
      ['who', 'who breached the wall of Raqqa old city'],
      ['where', 'where was the Rafiqah Wall breached'],
      ['casualties', 'killed in June'],
      ['search', 'Rafiqah Wall'],
      ['search', 'Raqqa'],
      ['when', 'zzqx unanswerable'],
    ]
    for (const [command, q] of questions) {
      for (const page of allPages(engine.answer(command, q, { limit: 12 }))) {
        expectDiscordSafe(page)
        expectAttributions(page)
      }
    }
  })

  it.skipIf(!HAVE_FAKES)('answers from FA-KES respect every limit', () => {
    const engine: Engine = fakesEngine()
    const questions: Array<[Command, string]> = [
      ['casualties', 'killed in Aleppo'],
      ['casualties', 'civilians killed in air strikes'],
      ['when', 'when was the chemical attack in Khan Sheikhoun'],
      ['who', 'who bombed the hospital'],
      ['where', 'where were children killed'],
      ['search', 'chemical attack'],
      ['search', 'ceasefire talks Geneva'],
    ]
    for (const [command, q] of questions) {
      const r = engine.answer(command, q, { limit: 12 })
      expect(r.answers.length).toBeGreaterThan(0)
      for (const page of allPages(r)) {
        expectDiscordSafe(page)
        expectAttributions(page)
      }
    }
  })

  it('shortens a long title inside the link, so the link to the article survives', () => {
    const title = 'A very long headline about Raqqa '.repeat(40).slice(0, 1000)
    const url = 'https://www.bbc.com/news/world-middle-east-40486180'
    const r = result(
      'where',
      Array.from({ length: 3 }, (_, i) =>
        answer<'where'>({ places: ['Raqqa'] }, { article: ref({ id: `t${i}`, title, url }) }),
      ),
    )
    for (const e of answerPage(r, 0).embeds) {
      const attribution = e.description!.split('\n').find((l) => l.startsWith('— '))!
      expect(attribution).toMatch(
        /^— BBC · 4 July 2017 · \[A very long headline about Raqqa [^\]]*\]\(https:\/\/www\.bbc\.com\/news\/world-middle-east-40486180\)$/,
      )
    }
  })

  it('corpus metadata that looks like a mention (article id, credit) is neutralised too', () => {
    const r = result('when', [
      answer<'when'>(WHEN, { article: ref({ id: '@everyone' }), credit: 'Credit to @here and <@&123456789012345678>' }),
    ])
    expectDiscordSafe(answerPage(r, 0, { session: 's' }))
  })

  it('stays within 6000 characters with a long credit line, and keeps every attribution', () => {
    const quote = 'Fighters killed dozens of people near Raqqa, officials said. '.repeat(100)
    const credit = `Licence: ${'reproduced under the terms of the dataset licence, with attribution to its authors; '.repeat(6)}`
    const r = result(
      'when',
      Array.from({ length: 3 }, (_, i) =>
        answer<'when'>(WHEN, { quote, article: ref({ id: `article-${i}` }), credit }),
      ),
    )
    const page = answerPage(r, 0, { session: 's' })
    expectDiscordSafe(page)
    for (const e of page.embeds) expect(e.description).toContain('\n— BBC · 4 July 2017 · ')
  })

  it('stays within 6000 characters however long the credit and ids are', () => {
    const r = result(
      'when',
      Array.from({ length: 3 }, (_, i) =>
        answer<'when'>(WHEN, {
          article: ref({ id: `id-${i}-${'x'.repeat(300)}` }),
          credit: `Licence ${i}: ${'words of a licence '.repeat(200)}`,
        }),
      ),
    )
    expectDiscordSafe(answerPage(r, 0, { session: 's' }))
  })
})

describe('answerPage quotes word for word', () => {
  it("shows the seed sentence intact, with the question's terms in bold", () => {
    const r = seedEngine().answer('casualties', 'killed in June')
    expect(r.answers.length).toBeGreaterThan(0)
    const page = answerPage(r, 0)
    const e = page.embeds.find((x) => x.footer?.text.includes(BBC_ID))!
    expect(e).toBeDefined()
    expect(quoteOf(e.description!)).toBe(r.answers[0]!.quote)
    expect(quoteOf(e.description!)).toContain(
      'The UN says that at least 173 were killed in June, and that the actual figure could be far higher',
    )
    expect(e.description).toContain('**killed**')
    expect(e.description).toContain('**June**')
    expect(e.title).toBe('at least 173 killed')
  })

  it("every seed answer is the article's sentence, whole", () => {
    const engine = seedEngine()
    for (const [command, q] of [
      ['when', 'when did IS seize Raqqa'],
      ['who', 'who breached the wall'],
      ['search', 'Rafiqah Wall'],
    ] as Array<[Command, string]>) {
      const r = engine.answer(command, q, { limit: 12 })
      const shown = allPages(r).flatMap((p) => p.embeds.filter((e) => e.footer))
      expect(shown.length).toBe(r.answers.length)
      shown.forEach((e, i) => {
        const quote = r.answers[i]!.quote
        expect(quoteOf(e.description!)).toBe(quote)
        expect(engine.article(r.answers[i]!.article.id)!.body.replace(/\s+/g, ' ')).toContain(
          quote.replace(/\s+/g, ' '),
        )
      })
    }
  })

  it('gives back a quote full of markdown, mentions and odd characters exactly', () => {
    const r = result('who', [
      answer<'who'>(
        { actors: ['Islamic State'], roles: { 'Islamic State': 'acted' } },
        { quote: HOSTILE },
        HOSTILE_TERMS,
      ),
    ])
    const e = answerPage(r, 0).embeds[0]!
    expect(quoteOf(e.description!)).toBe(HOSTILE)
    expect(e.description).toContain('**killed**')
    // Markdown in the article shows as written: no unescaped markers other than the bold of the terms.
    expect(e.description).toContain('\\*\\***Bold** claim\\*\\*')
  })

  it('cuts a long quote at a word, with "…", as a prefix of the original', () => {
    const quote = Array.from(
      { length: 600 },
      (_, i) => `Fighters of group ${i} killed ${i * 3} people near Raqqa.`,
    ).join(' ')
    for (const n of [1, 2, 3]) {
      const r = result(
        'casualties',
        Array.from({ length: n }, (_, i) =>
          answer<'casualties'>(casualties(173 + i), { quote, article: ref({ id: `x${i}` }) }),
        ),
      )
      for (const e of answerPage(r, 0).embeds.filter((x) => x.footer)) {
        const shown = quoteOf(e.description!)
        expect(shown.endsWith('…')).toBe(true)
        const kept = shown.slice(0, -1)
        expect(kept.length).toBeGreaterThan(500)
        expect(quote.startsWith(kept)).toBe(true)
        // At a word: the next character of the original is not a letter or digit.
        expect(quote[kept.length] ?? ' ').toMatch(/[^\p{L}\p{N}]/u)
      }
    }
  })

  it('cuts a long hostile quote as a prefix of the original too', () => {
    const quote = Array.from({ length: 40 }, () => HOSTILE).join('\n')
    const r = result('casualties', [answer<'casualties'>(casualties(1), { quote }, HOSTILE_TERMS)])
    const shown = quoteOf(answerPage(r, 0).embeds[0]!.description!)
    expect(shown.endsWith('…')).toBe(true)
    expect(quote.startsWith(shown.slice(0, -1))).toBe(true)
  })
})

describe('answerPage paging and buttons', () => {
  const ids = Array.from({ length: 7 }, (_, i) => `article-${i + 1}`)
  const seven = result(
    'where',
    ids.map((id, i) => answer<'where'>({ places: [`Place ${i + 1}`] }, { article: ref({ id }) })),
    'where',
  )

  function footers(msg: DiscordMessage): string[] {
    return msg.embeds.map((e) => e.footer?.text ?? '')
  }

  function nav(msg: DiscordMessage): { previous: APIButtonComponent; next: APIButtonComponent } {
    const all = buttons(msg)
    const previous = all.find((b) => label(b).includes('Previous'))!
    const next = all.find((b) => customId(b).startsWith('page:') && b !== previous)!
    expect(previous).toBeDefined()
    expect(next).toBeDefined()
    return { previous, next }
  }

  it('page 0 shows answers 1–3, the last page shows answer 7', () => {
    const first = answerPage(seven, 0, { session: 'abc' })
    expect(first.embeds.map((e) => e.title)).toEqual(['Place 1', 'Place 2', 'Place 3'])
    expect(footers(first).map((f) => f.split(' · ')[0])).toEqual(['1 of 7', '2 of 7', '3 of 7'])
    expect(first.content).toContain('7 answers')
    const middle = answerPage(seven, 1, { session: 'abc' })
    expect(middle.embeds.map((e) => e.title)).toEqual(['Place 4', 'Place 5', 'Place 6'])
    const last = answerPage(seven, 2, { session: 'abc' })
    expect(last.embeds.map((e) => e.title)).toEqual(['Place 7'])
    expect(footers(last)[0]).toMatch(/^7 of 7 · article article-7/)
  })

  it('disables Previous on the first page and Next on the last', () => {
    const first = nav(answerPage(seven, 0, { session: 'abc' }))
    expect(first.previous.disabled).toBe(true)
    expect(first.next.disabled).toBe(false)
    expect(customId(first.next)).toBe('page:abc:1')
    const middle = nav(answerPage(seven, 1, { session: 'abc' }))
    expect(middle.previous.disabled).toBe(false)
    expect(middle.next.disabled).toBe(false)
    expect(customId(middle.previous)).toBe('page:abc:0')
    expect(customId(middle.next)).toBe('page:abc:2')
    const last = nav(answerPage(seven, 2, { session: 'abc' }))
    expect(last.previous.disabled).toBe(false)
    expect(customId(last.previous)).toBe('page:abc:1')
    expect(last.next.disabled).toBe(true)
    expect(last.next.style).toBe(ButtonStyle.Primary)
  })

  it('clamps page numbers out of range', () => {
    expect(answerPage(seven, -4, { session: 'abc' })).toEqual(answerPage(seven, 0, { session: 'abc' }))
    expect(answerPage(seven, 3, { session: 'abc' })).toEqual(answerPage(seven, 2, { session: 'abc' }))
    expect(answerPage(seven, 99, { session: 'abc' })).toEqual(answerPage(seven, 2, { session: 'abc' }))
  })

  it('gives each shown answer a "Full article N" button carrying article:0:<id>', () => {
    const read = (msg: DiscordMessage) =>
      buttons(msg)
        .filter((b) => label(b).startsWith('Full article'))
        .map((b) => [label(b), customId(b), b.disabled])
    expect(read(answerPage(seven, 0, { session: 'abc' }))).toEqual([
      ['Full article 1', 'article:0:article-1', false],
      ['Full article 2', 'article:0:article-2', false],
      ['Full article 3', 'article:0:article-3', false],
    ])
    expect(read(answerPage(seven, 2, { session: 'abc' }))).toEqual([['Full article 7', 'article:0:article-7', false]])
    // Seeds: the button opens the article the answer quotes.
    const r = seedEngine().answer('when', 'when did IS seize Raqqa')
    expect(buttons(answerPage(r, 0)).map(customId)).toContain(`article:0:${BBC_ID}`)
  })

  it('has no paging buttons for one page or without a session', () => {
    const three = result('where', seven.answers.slice(0, 3))
    expect(buttons(answerPage(three, 0, { session: 'abc' })).filter((b) => customId(b).startsWith('page:'))).toEqual([])
    expect(buttons(answerPage(seven, 0)).filter((b) => customId(b).startsWith('page:'))).toEqual([])
  })

  it('gives no button for an id too long for a custom_id, and keeps the others', () => {
    const long = 'L'.repeat(120)
    const r = result('where', [
      answer<'where'>({ places: ['A'] }, { article: ref({ id: long }) }),
      answer<'where'>({ places: ['B'] }, { article: ref({ id: 'short' }) }),
    ])
    const msg = answerPage(r, 0, { session: 'abc' })
    expectDiscordSafe(msg)
    expect(buttons(msg).map(customId)).toEqual(['article:0:short'])
  })
})

describe('answerPage for casualties and for no answer', () => {
  it('puts differing figures side by side, each with its outlet, in the first embed', () => {
    const r = result('casualties', [
      answer<'casualties'>(casualties(173), { article: ref({ id: 'b', source: 'BBC' }) }),
      answer<'casualties'>(casualties(200, 'more than'), {
        article: ref({ id: 'f', source: 'foxnews' }),
        alsoIn: [ref({ id: 'r', source: 'reuters' })],
      }),
    ])
    const page = answerPage(r, 0)
    expect(page.embeds).toHaveLength(3)
    const first = page.embeds[0]!
    expect(first.title).toBe('Figures differ between outlets')
    expect(first.description).toContain('at least 173 killed (BBC, 4 July 2017)')
    expect(first.description).toContain('more than 200 killed (Fox News, Reuters, 4 July 2017)')
    expect(first.footer).toBeUndefined()
    expect(page.embeds.slice(1).map((e) => e.title)).toEqual(['at least 173 killed', 'more than 200 killed'])
  })

  it('has no such embed when the figures agree, or for one answer', () => {
    const same = result('casualties', [
      answer<'casualties'>(casualties(173), { article: ref({ id: 'b', source: 'BBC' }) }),
      answer<'casualties'>(casualties(173, ''), { article: ref({ id: 'f', source: 'Fox News' }) }),
    ])
    const page = answerPage(same, 0)
    expect(page.embeds).toHaveLength(2)
    expect(page.embeds.map((e) => e.title)).not.toContain('Figures differ between outlets')
    const one = answerPage(result('casualties', [answer<'casualties'>(casualties(5))]), 0)
    expect(one.embeds.map((e) => e.title)).toEqual(['at least 5 killed'])
  })

  it('says "No answer in the corpus" with the reason', () => {
    const reason = 'No article in the corpus mentions "Atlantis".'
    const page = answerPage(result('where', [], 'where is Atlantis', reason), 0, { session: 'abc' })
    expect(page.embeds).toHaveLength(1)
    expect(page.embeds[0]!.title).toBe('No answer in the corpus')
    expect(unmark(page.embeds[0]!.description!)).toBe(reason)
    expect(page.components).toEqual([])
    expect(page.content).toContain('**/where** where is Atlantis')
    expectDiscordSafe(page)
  })

  it("heads the reply and names commands in the hint as users type them (/ask), given the registry's names", () => {
    const names = { search: 'ask' }
    const hint = 'Articles match the question, but none of their sentences names a place. Try /search to read them.'
    const none = answerPage(result('where', [], 'where is the wall', hint), 0, { names })
    expect(unmark(none.embeds[0]!.description!)).toBe(hint.replace('/search', '/ask'))
    expect(none.content).toContain('**/where** where is the wall')
    const some = answerPage(result('search', [answer<'search'>({})], 'Rafiqah Wall'), 0, { session: 'abc', names })
    expect(some.content).toMatch(/^\*\*\/ask\*\* Rafiqah Wall · 1 answer$/)
    expect(JSON.stringify(some)).not.toContain('/search')
    // Without names (the CLI's `npm run ask -- search`), the engine's own.
    expect(answerPage(result('search', [answer<'search'>({})], 'Rafiqah Wall'), 0).content).toMatch(/^\*\*\/search\*\*/)
  })

  it('says so for an unanswerable question on the seeds', () => {
    const r = seedEngine().answer('when', 'zzqx unanswerable')
    expect(r.answers).toEqual([])
    expect(r.reason).not.toBe('')
    const page = answerPage(r, 0)
    expect(page.embeds[0]!.title).toBe('No answer in the corpus')
    expect(page.embeds[0]!.description!.length).toBeGreaterThan(0)
  })
})

// ---------------------------------------------------------------------------------------------------------------

const PIECES = [
  'Raqqa',
  'killed',
  'the',
  'SDF',
  ' ',
  ' ',
  ' ',
  '\n',
  ',',
  '.',
  '**',
  '*',
  '_',
  '__',
  '~~',
  '`',
  '\\',
  '> ',
  '# ',
  '[x](http://y)',
  '@everyone',
  '<@123456789012345678>',
  '😀',
  'الرقة',
  '\uFFFD',
  '…',
  '173',
  '||',
]

function randomQuote(next: () => number, pieces: number): string {
  let s = ''
  for (let i = 0; i < pieces; i++) s += PIECES[Math.floor(next() * PIECES.length)]
  return s
}

describe('quoteBlock', () => {
  function randomCases(
    seed: number,
    n: number,
  ): Array<{ quote: string; highlights: Array<[number, number]>; max: number }> {
    const next = rng(seed)
    return Array.from({ length: n }, () => {
      const quote = randomQuote(next, 1 + Math.floor(next() * 300))
      return {
        quote,
        highlights: highlightsOf(quote, ['Raqqa', 'killed', 'SDF', 'الرقة']),
        max: 3 + Math.floor(next() * 1500),
      }
    })
  }

  it('never exceeds max and never leaves an unclosed **', () => {
    for (const { quote, highlights, max } of randomCases(42, 400)) {
      const block = quoteBlock(quote, highlights, max)
      const where = JSON.stringify({ quote, max })
      expect(block.length, where).toBeLessThanOrEqual(max)
      expect(boldMarkers(block) % 2, where).toBe(0)
      expect(block.startsWith('> '), where).toBe(true)
    }
  })

  it('shows the quote word for word, or its beginning and "…", whatever markdown it holds', () => {
    for (const { quote, highlights, max } of randomCases(42, 400)) {
      const block = quoteBlock(quote, highlights, max)
      const where = JSON.stringify({ quote, max, block })
      const shown = unmark(
        block
          .split('\n')
          .map((l) => l.replace(/^> /, ''))
          .join('\n'),
      )
      if (shown !== quote) {
        expect(shown.endsWith('…'), where).toBe(true)
        expect(quote.startsWith(shown.slice(0, -1)), where).toBe(true)
      }
    }
  })

  it('returns a quote that fits unchanged but for the markup', () => {
    const quote = 'IS seized Raqqa in 2014, proclaiming it the capital of a "caliphate".'
    expect(
      quoteBlock(
        quote,
        [
          [0, 2],
          [3, 9],
          [10, 15],
        ],
        4096,
      ),
    ).toBe('> **IS seized Raqqa** in 2014, proclaiming it the capital of a "caliphate".')
    expect(quoteBlock('one\ntwo', [], 100)).toBe('> one\n> two')
  })

  it('cuts to exactly fit a small max', () => {
    const quote = 'The UN says that at least 173 were killed in June, and that the actual figure could be far higher.'
    for (let max = 3; max < quote.length + 10; max++) {
      const block = quoteBlock(quote, highlightsOf(quote, ['killed', 'June']), max)
      expect(block.length).toBeLessThanOrEqual(max)
      expect(boldMarkers(block) % 2).toBe(0)
    }
  })

  it('never exceeds even a max below 3', () => {
    for (const max of [0, 1, 2]) expect(quoteBlock('Raqqa', [[0, 5]], max).length).toBeLessThanOrEqual(max)
  })
})

describe('articlePage and paginate', () => {
  const paragraph = (i: number) =>
    `Paragraph ${i}. US-backed Syrian forces advanced on Raqqa, officials said on day ${i}. The coalition struck positions near the Old City wall, and residents fled south across the Euphrates.`
  const body = Array.from({ length: 120 }, (_, i) => paragraph(i)).join('\n\n')
  const article: Article = {
    id: 'long-article',
    title: 'A long article',
    source: 'BBC',
    date: '2017-07-04',
    url: 'https://www.bbc.com/news/x',
    body,
    location: '',
    credit: 'CC BY 4.0',
  }

  it('pages a long body, each page within the description limit, with read: buttons', () => {
    const first = articlePage(article, 0)
    const n = Number(/page 1 of (\d+)/.exec(first.embeds[0]!.footer!.text)![1])
    expect(n).toBeGreaterThan(3)
    const words: string[] = []
    for (let p = 0; p < n; p++) {
      const msg = articlePage(article, p)
      expectDiscordSafe(msg)
      const e = msg.embeds[0]!
      expect(e.description!.length).toBeLessThanOrEqual(4096)
      expect(e.footer!.text).toContain(`article long-article · page ${p + 1} of ${n}`)
      expect(e.title).toBe('A long article')
      const [previous, next] = buttons(msg)
      expect(customId(previous!)).toBe(`read:${p - 1}:long-article`)
      expect(customId(next!)).toBe(`read:${p + 1}:long-article`)
      expect(previous!.disabled).toBe(p === 0)
      expect(next!.disabled).toBe(p === n - 1)
      words.push(...unmark(e.description!).split(/\s+/).filter(Boolean))
    }
    expect(words).toEqual(body.split(/\s+/).filter(Boolean))
    expect(articlePage(article, 999)).toEqual(articlePage(article, n - 1))
    expect(articlePage(article, -1)).toEqual(articlePage(article, 0))
  })

  it('loses no word of an article even when escaping its markdown makes a page longer', () => {
    const marked = Array.from(
      { length: 60 },
      (_, i) => `**Update ${i}**: __snake_case__ ~~x~~ \`code\` *a* _b_ > q # h [l](http://u) ${'*_'.repeat(20)}`,
    ).join('\n\n')
    const a: Article = { ...article, body: marked }
    const n = Number(/page 1 of (\d+)/.exec(articlePage(a, 0).embeds[0]!.footer!.text)![1])
    const words: string[] = []
    for (let p = 0; p < n; p++) {
      const msg = articlePage(a, p)
      expectDiscordSafe(msg)
      words.push(...unmark(msg.embeds[0]!.description!).split(/\s+/).filter(Boolean))
    }
    expect(words).toEqual(marked.split(/\s+/).filter(Boolean))
  })

  it('shows a short article on one page without buttons, with outlet, date and link', () => {
    const msg = articlePage({ ...article, body: 'Short body.' }, 0, 'CC BY 4.0')
    expect(msg.components).toEqual([])
    expect(msg.embeds[0]!.description).toBe('Short body.')
    expect(msg.embeds[0]!.fields!.map((f) => [f.name, f.value])).toEqual([
      ['Outlet', 'BBC'],
      ['Date', '4 July 2017'],
      ['Link', 'https://www.bbc.com/news/x'],
    ])
    expect(msg.embeds[0]!.footer!.text).toContain('CC BY 4.0')
  })

  it('shows each seed article in full over its pages', () => {
    const engine = seedEngine()
    for (const id of [BBC_ID, '004_db9c0c4a30508cae']) {
      const a = engine.article(id)!
      const n = Number(/page 1 of (\d+)/.exec(articlePage(a, 0).embeds[0]!.footer!.text)![1])
      const words: string[] = []
      for (let p = 0; p < n; p++) {
        const msg = articlePage(a, p)
        expectDiscordSafe(msg)
        words.push(...unmark(msg.embeds[0]!.description!).split(/\s+/).filter(Boolean))
      }
      // Every word of the article, in order, and nothing else.
      expect(words, id).toEqual(a.body.split(/\s+/).filter(Boolean))
    }
    expect(unmark(articlePage(engine.article(BBC_ID)!, 0).embeds[0]!.description!)).toContain('IS seized Raqqa in 2014')
  })

  it('paginate splits at boundaries, within the size, and loses no words', () => {
    const next = rng(7)
    const vocabulary = [
      'Raqqa',
      'the',
      'coalition',
      'said.',
      'forces',
      'killed,',
      '173',
      'Old',
      'City',
      'wall',
      '\n\n',
      '\n',
      'الرقة',
      '😀',
      'Euphrates.',
    ]
    for (let i = 0; i < 200; i++) {
      const n = Math.floor(next() * 600)
      const text = Array.from({ length: n }, () => vocabulary[Math.floor(next() * vocabulary.length)]).join(' ')
      const size = 20 + Math.floor(next() * 400)
      const pages = paginate(text, size)
      for (const p of pages) expect(p.length).toBeLessThanOrEqual(size)
      expect(pages.join(' ').split(/\s+/).filter(Boolean)).toEqual(text.split(/\s+/).filter(Boolean))
    }
    // A long word with no boundary is cut at the size rather than overflowing it.
    expect(paginate('x'.repeat(250), 100).map((p) => p.length)).toEqual([100, 100, 50])
  })
})

describe('safe text', () => {
  it('shows article markdown as written', () => {
    expect(safeArticleText('**x**')).toBe('\\*\\*x\\*\\*')
    for (const s of [
      '**x**',
      '__u__',
      '~~s~~',
      '`c`',
      '```b```',
      '||s||',
      '# H',
      '- b',
      '1. n',
      '[x](http://y)',
      'a\\b',
      '*i* _j_',
    ]) {
      const safe = safeArticleText(s)
      expect(unmark(safe)).toBe(s)
      // Nothing left that Discord reads as markup: every marker character is escaped.
      expect(safe.replace(/\\[\s\S]/g, '')).not.toMatch(/[*_~`|\\[]|^#|^-|^\d+\./)
    }
  })

  it('escapes runs of four or more markers too ("f**** off", "____")', () => {
    for (const s of ['****', 'f**** off', '____', 'a____b', '*****', '__**__**']) {
      const safe = safeArticleText(s)
      expect(unmark(safe), JSON.stringify({ s, safe })).toBe(s)
      expect(safe.replace(/\\[\s\S]/g, ''), JSON.stringify({ s, safe })).not.toMatch(/[*_]/)
    }
  })

  it('breaks every form of mention', () => {
    const text =
      '@everyone @here @Everyone <@123456789012345678> <@!123456789012345678> <@&123456789012345678> <#123456789012345678> </ask:123456789012345678>'
    const safe = neutralizeMentions(text)
    expect(safe).not.toMatch(MENTION)
    expect(safe.replaceAll(ZWSP, '')).toBe(text)
    expect(safeArticleText(text)).not.toMatch(MENTION)
    expect(safeUserText(text)).not.toMatch(MENTION)
  })

  it('drops control and bidi-override characters from user text and keeps it on one line', () => {
    const typed =
      'when did\u0000 IS\u0007 seize\nRaqqa\r\n\u202Egnp.exe\u202C \u2066iso\u2069 \u200Fmark\u200E \u200Bzw\u007F'
    const safe = safeUserText(typed)
    expect(safe).not.toMatch(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/)
    expect(safe).toBe('when did IS seize Raqqa gnp.exe iso mark zw')
    expect(safeUserText('  **bold**  @here ')).toBe(`\\*\\*bold\\*\\* @${ZWSP}here`)
  })
})

// ---------------------------------------------------------------------------------------------------------------

describe('text and JSON renderers', () => {
  it('renderText of no answer starts with the command line and says "No answer."', () => {
    const r = result('when', [], 'when did Atlantis sink', 'No article mentions Atlantis.')
    const text = renderText(r)
    expect(text.split('\n')[0]).toBe('/when when did Atlantis sink')
    expect(text).toContain('No answer. No article mentions Atlantis.')
    const seeds = renderText(seedEngine().answer('who', 'zzqx unanswerable'))
    expect(seeds.startsWith('/who zzqx unanswerable\n')).toBe(true)
    expect(seeds).toContain('No answer.')
  })

  it('renderText shows the value, the quote on one line and the attribution', () => {
    const r = seedEngine().answer('when', 'when did IS seize Raqqa')
    const text = renderText(r)
    expect(text.split('\n')[0]).toBe('/when when did IS seize Raqqa')
    expect(text).toContain('1. 2014')
    expect(text).toContain('“IS seized Raqqa in 2014, proclaiming it the capital of a "caliphate".”')
    expect(text).toContain(`— BBC · 4 July 2017 · untitled (id ${BBC_ID})`)
    expect(text).not.toContain('\x1b[')
    const colored = renderText(r, { color: true })
    expect(colored).toContain('\x1b[1m')
    expect(colored.replace(/\x1b\[\d+m/g, '')).toBe(text)
    const multi = renderText(
      result('where', [
        answer<'where'>(
          { places: ['Raqqa'] },
          { quote: 'one\ntwo', alsoIn: [ref({ source: 'reuters', date: '2017-07' })] },
        ),
      ]),
    )
    expect(multi).toContain('“one two”')
    expect(multi).toContain('also, word for word: Reuters · July 2017 ·')
  })

  it('renderText heads the answer and names commands in the hint as users type them, given the names', () => {
    const names = { search: 'ask' }
    expect(renderText(result('search', [answer<'search'>({})], 'Rafiqah Wall'), { names }).split('\n')[0]).toBe(
      '/ask Rafiqah Wall',
    )
    const none = renderText(result('who', [], 'killed in June', 'Articles match. Try /search to read them.'), { names })
    expect(none).toBe('/who killed in June\n\nNo answer. Articles match. Try /ask to read them.')
    expect(renderText(result('search', [], 'x', 'none'))).toBe('/search x\n\nNo answer. none')
  })

  it('withCommandNames changes only whole command names after a space, a bracket or a quote', () => {
    const names = { search: 'ask' }
    expect(withCommandNames('Try /search to read them. (/search) “/search”', names)).toBe(
      'Try /ask to read them. (/ask) “/ask”',
    )
    expect(withCommandNames('/search first', names)).toBe('/ask first')
    expect(withCommandNames('a/search /searching /when', names)).toBe('a/search /searching /when')
    expect(withCommandNames('Try /search', {})).toBe('Try /search')
  })

  it('the help, for Discord and the console, lists what it is given: question commands with examples, then the others', () => {
    const help: HelpText = {
      commands: [
        {
          name: 'when',
          args: ['question'],
          summary: 'when something happened',
          example: '/when the wall was breached',
          question: true,
        },
        {
          name: 'ask',
          args: ['question'],
          summary: 'passages that best match',
          example: '/ask Rafiqah Wall',
          question: true,
        },
        { name: 'article', args: ['id'], summary: 'one article', question: false },
        { name: 'stats', args: [], summary: 'the index', question: false },
      ],
      questionOptions: { discord: 'Options: `source`.', console: 'options: source:<outlet>' },
    }
    const discord = helpMessage(help, 'credit')
    expect(discord.embeds[0]!.description).toContain(
      [
        '**/when** `question` — when something happened · e.g. `/when the wall was breached`',
        '**/ask** `question` — passages that best match · e.g. `/ask Rafiqah Wall`',
        'Options: `source`.',
        '',
        '**/article** `id` — one article · **/stats** — the index',
      ].join('\n'),
    )
    expect(discord.embeds[0]!.footer!.text).toBe('credit')
    expectDiscordSafe(discord)
    expect(renderHelp(help)).toBe(
      [
        'Ask as you would in Discord:',
        '  /when <question>  when something happened   /when the wall was breached',
        '  /ask <question>   passages that best match  /ask Rafiqah Wall',
        '  options: source:<outlet>',
        '  /article <id>   /stats   /quit',
      ].join('\n'),
    )
  })

  it('renderText puts differing figures side by side', () => {
    const r = result('casualties', [
      answer<'casualties'>(casualties(173)),
      answer<'casualties'>(casualties(200), { article: ref({ id: 'f', source: 'Fox News' }) }),
    ])
    expect(renderText(r)).toContain(
      'Figures differ between outlets: at least 173 killed (BBC, 4 July 2017) · at least 200 killed (Fox News, 4 July 2017)',
    )
  })

  it('names an outlet once when it ran the same story twice', () => {
    const r = result('casualties', [
      answer<'casualties'>(casualties(100), {
        article: ref({ id: 't1', source: 'TRT World' }),
        alsoIn: [ref({ id: 't2', source: 'TRT World' }), ref({ id: 'r', source: 'reuters' })],
      }),
      answer<'casualties'>(casualties(24), { article: ref({ id: 'a', source: 'Al-Arabiya' }) }),
    ])
    expect(renderText(r)).toContain('at least 100 killed (TRT World, Reuters, 4 July 2017)')
  })

  it('compares the figures of one incident only, in the order they were published', () => {
    const r = result('casualties', [
      answer<'casualties'>(casualties(43), { article: ref({ id: 'a', source: 'Al-Araby', date: '2016-07-04' }) }),
      answer<'casualties'>(casualties(31), { article: ref({ id: 'd', source: 'Daily Sabah', date: '2016-07-03' }) }),
      answer<'casualties'>(casualties(1), {
        article: ref({ id: 'x', source: 'Ahram', date: '2015-01-10' }),
        incident: 2,
      }),
    ])
    expect(renderText(r)).toContain('3. at least 1 killed (another incident)')
    expect(answerPage(r, 0).embeds.at(-1)?.footer?.text).toContain('3 of 3 · another incident')
    const line = renderText(r)
      .split('\n')
      .find((l) => l.startsWith('Figures differ'))
    expect(line).toBe(
      'Figures differ between outlets: at least 31 killed (Daily Sabah, 3 July 2016) · at least 43 killed (Al-Araby, 4 July 2016)',
    )
  })

  it('JSON has exactly command, query, answers, reason; answers quote, article, value, alsoIn', () => {
    const engine = seedEngine()
    for (const [command, q] of [
      ['when', 'when did IS seize Raqqa'],
      ['casualties', 'killed in June'],
      ['search', 'Rafiqah Wall'],
      ['where', 'zzqx unanswerable'],
    ] as Array<[Command, string]>) {
      const r = engine.answer(command, q)
      const json = toJson(r) as Record<string, unknown>
      expect(Object.keys(json).sort()).toEqual(['answers', 'command', 'query', 'reason'])
      expect(json.command).toBe(command)
      expect(json.query).toBe(q)
      expect(JSON.parse(renderJson(r))).toEqual(json)
      expect(renderJson(r)).not.toContain('\n')
      const answers = json.answers as Array<Record<string, unknown>>
      expect(answers).toHaveLength(r.answers.length)
      answers.forEach((a, i) => {
        expect(Object.keys(a).sort()).toEqual(['alsoIn', 'article', 'quote', 'value'])
        expect(a.quote).toBe(r.answers[i]!.quote)
        expect(Object.keys(a.article as object).sort()).toEqual(['date', 'id', 'source', 'title', 'url'])
        for (const also of a.alsoIn as object[])
          expect(Object.keys(also).sort()).toEqual(['date', 'id', 'source', 'title', 'url'])
      })
    }
    const parsed = JSON.parse(renderJson(engine.answer('when', 'when did IS seize Raqqa'))) as {
      answers: Array<{ value: WhenValue; article: ArticleRef }>
    }
    expect(parsed.answers[0]!.value).toEqual({ date: '2014', precision: 'year', text: 'in 2014', basis: 'text' })
    expect(parsed.answers[0]!.article).toEqual({ id: BBC_ID, title: '', source: 'BBC', date: '2017-07-04', url: '' })
  })
})

describe('format', () => {
  it.each([
    ['2017-07-03', undefined, 'Monday 3 July 2017'],
    ['2017-07', undefined, 'July 2017'],
    ['2017', undefined, '2017'],
    ['2017-06-26', 'week', 'the week of Monday 26 June 2017'],
    ['2017-07-03', 'month', 'July 2017'],
    ['2017-07-03', 'year', '2017'],
    ['2016-02-29', 'day', 'Monday 29 February 2016'],
    ['', undefined, 'date unknown'],
    ['not a date', undefined, 'date unknown'],
  ] as const)('formatDate(%j, %j) = %j', (iso, precision, expected) => {
    expect(formatDate(iso, precision)).toBe(expected)
  })

  it('valueHeadline for when', () => {
    expect(valueHeadline('when', { date: '2014', precision: 'year', text: 'in 2014', basis: 'text' })).toBe('2014')
    expect(valueHeadline('when', { date: '2017-07-03', precision: 'day', text: 'Monday', basis: 'text' })).toBe(
      'Monday 3 July 2017',
    )
    expect(valueHeadline('when', { date: '2017-07', precision: 'month', text: '', basis: 'article' })).toBe(
      "Reported July 2017 (the article's date; the quote names no day)",
    )
    // A weekday in an article dated only to its month: the day named, the month known.
    expect(valueHeadline('when', { date: '2017-07', precision: 'month', text: 'Monday', basis: 'text' })).toBe(
      'Monday, in July 2017',
    )
    expect(valueHeadline('when', { date: '2017-07', precision: 'month', text: 'on thursday', basis: 'text' })).toBe(
      'Thursday, in July 2017',
    )
    expect(valueHeadline('when', { date: '2017-06', precision: 'month', text: 'in June', basis: 'text' })).toBe(
      'June 2017',
    )
    expect(valueHeadline('when', { date: '2017-07-04', precision: 'day', text: '', basis: 'article' })).toBe(
      "Reported Tuesday 4 July 2017 (the article's date; the quote names no day)",
    )
  })

  it('valueHeadline for who marks roles', () => {
    const v = {
      actors: ['Syrian Democratic Forces', 'Islamic State', 'civilians'],
      roles: { 'Syrian Democratic Forces': 'acted', 'Islamic State': 'mentioned', civilians: 'hit' },
    } as const
    expect(valueHeadline('who', { actors: [...v.actors], roles: { ...v.roles } })).toBe(
      'Syrian Democratic Forces · Islamic State (named) · civilians (targeted)',
    )
  })

  it('valueHeadline for where, casualties and search', () => {
    expect(valueHeadline('where', { places: ['Old City', 'Raqqa', 'Syria'] })).toBe('Old City · Raqqa · Syria')
    expect(valueHeadline('casualties', casualties(173))).toBe('at least 173 killed')
    expect(
      valueHeadline('casualties', {
        count: 11_000_000,
        qualifier: '',
        kind: 'displaced',
        victims: 'people',
        approximate: false,
        text: 'Eleven million people have been displaced',
      }),
    ).toBe('11,000,000 people displaced')
    const dozens: CasualtiesValue = {
      count: 12,
      qualifier: '',
      kind: 'killed',
      victims: 'civilians',
      approximate: true,
      text: 'dozens of civilians killed',
    }
    expect(valueHeadline('casualties', dozens)).toBe('dozens of civilians killed (counted as about 12)')
    expect(casualtyHeadline(dozens)).toContain('dozens of civilians killed')
    expect(valueHeadline('search', {})).toBe('')
  })

  it('valueHeadline matches what the seeds answer', () => {
    const engine = seedEngine()
    expect(valueHeadline('casualties', engine.answer('casualties', 'killed in June').answers[0]!.value)).toBe(
      'at least 173 killed',
    )
    const when = engine.answer('when', 'when did IS seize Raqqa').answers
    expect(valueHeadline('when', when[0]!.value)).toBe('2014')
    const reported = when.find((a) => a.value.basis === 'article')
    if (reported)
      expect(valueHeadline('when', reported.value)).toMatch(
        /^Reported .+ \(the article's date; the quote names no day\)$/,
      )
    const who = engine.answer('who', 'who breached the wall of Raqqa old city').answers[0]!.value
    const headline = valueHeadline('who', who)
    for (const actor of who.actors) {
      const role = who.roles[actor]
      expect(headline).toContain(role === 'acted' ? actor : `${actor} (${role === 'hit' ? 'targeted' : 'named'})`)
    }
  })
})
