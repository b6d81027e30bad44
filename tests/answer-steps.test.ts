// The named steps of answer(): what the question is understood as, how much of it a candidate covers, one answer per
// wire copy, and no-answer reasons that quote the user's words, never the stems the index searches for.

import { beforeAll, describe, expect, it } from 'vitest'
import { answer, coverageOf, MIN_COVERAGE, understand, type Question } from '../src/engine/query/answer.js'
import { buildIndex, type SearchIndex } from '../src/engine/index/build.js'
import type { Article, Command } from '../src/engine/types.js'
import type { Engine } from '../src/runtime/engine.js'
import { seedEngine } from './helpers.js'

/** Stems and entity keys a user must never read in a message. */
const STEMS = /\b(?:citi|fridai|di|rankou|usa|islamicstate|cathedr|prayer)\b/

const article = (id: string, source: string, title: string, body: string): Article => ({
  id,
  title,
  source,
  date: '2013-09-20',
  url: '',
  body,
  location: '',
  credit: '',
})
const WIRE =
  'A car bomb killed 12 people near a mosque in Rankous on Friday, a monitor said. The blast hit as worshippers left prayers.'

let small: SearchIndex
let engine: Engine
beforeAll(() => {
  small = buildIndex(
    [
      article('a1', 'Wire One', 'Car bomb kills 12 in Rankous', WIRE),
      article('a2', 'Wire Two', 'Car bomb kills 12 in Rankous', WIRE),
      article(
        'a3',
        'Other Paper',
        'Shelling kills 5 in Douma',
        'Shelling killed five people in Douma on Saturday, activists said. Government forces shelled the town.',
      ),
      article(
        'a4',
        'Other Paper',
        'Children return to school in Homs',
        'Children returned to school in Homs on Sunday after months of fighting.',
      ),
    ],
    { fingerprint: 'answer-steps' },
  )
  engine = seedEngine()
})

function understood(question: string, options = {}): Question {
  const asked = understand(small, question, options)
  if ('refusal' in asked) throw new Error(`refused: ${asked.refusal}`)
  return asked
}

describe('no-answer reasons show the words as the user typed them', () => {
  it.each(['casualties', 'when', 'search'] as Command[])(
    '/%s on the seed articles: "cities", "Friday", "died", "Rankous", never their stems',
    (command) => {
      const result = engine.answer(command, 'how many cities were hit on Friday and how many died in Rankous')
      expect(result.answers).toEqual([])
      expect(result.reason).toContain('(cities, hit, Friday, died, Rankous)')
      expect(result.reason).not.toMatch(STEMS)
    },
  )

  it('a question no passage matches names what was searched for, as typed', () => {
    const { reason } = answer(small, 'casualties', 'Qwzxvk Plmbrq')
    expect(reason).toBe(
      'Nothing in the corpus matches this question (searched for: Qwzxvk, Plmbrq). Try other words or a place name.',
    )
  })

  it('the coverage gate: articles that share a word or two are no answer, and the reason lists the question’s words', () => {
    const { answers, reason } = answer(small, 'casualties', 'Friday prayers in Damascus cathedral bombing cities')
    expect(answers).toEqual([])
    expect(reason).toContain('(Friday, prayers, Damascus, cathedral, bombing, cities)')
    expect(reason).not.toMatch(STEMS)
  })

  it('names of groups and states as typed, not the alias table’s keys', () => {
    const { reason } = answer(small, 'who', 'did the U.S. strike Islamic State cities on Friday')
    expect(reason).toMatch(/U\.S\., strike, Islamic State, cities, Friday/)
    expect(reason).not.toMatch(STEMS)
  })
})

describe('understand', () => {
  it('keeps the search terms, and for each the word of the question it came from', () => {
    const asked = understood('How many cities were hit on Friday? Dozens died in Rankous, U.S. officials said')
    expect(asked.terms).toEqual(['citi', 'hit', 'fridai', 'dozen', 'kill', 'rankou', 'usa', 'offici'])
    expect(Object.fromEntries(asked.wordOf)).toEqual({
      citi: 'cities',
      hit: 'hit',
      fridai: 'Friday',
      dozen: 'Dozens',
      kill: 'died',
      rankou: 'Rankous',
      usa: 'U.S.',
      offici: 'officials',
    })
    expect(asked.value.kind).toBe('killed')
  })

  it('the first word of a term wins; question words are not what a term stands for', () => {
    expect(understood('report on the reporter reports').wordOf.get('report')).toBe('reporter')
    expect(understood('Raqqa raqqa RAQQA').wordOf.get('raqqa')).toBe('Raqqa')
  })

  it('a limit is a whole number from 1 to 25', () => {
    expect(understood('Rankous', { limit: 0 }).limit).toBe(1)
    expect(understood('Rankous', { limit: 99 }).limit).toBe(25)
    expect(understood('Rankous', { limit: 2.7 }).limit).toBe(2)
    expect(understood('Rankous', { limit: Number.NaN }).limit).toBe(5)
  })

  it('refuses, with a reason, what cannot be searched', () => {
    expect(understand(small, ' \u0000 ', {})).toMatchObject({
      refusal: expect.stringMatching(/^Ask a question/),
      terms: [],
    })
    expect(understand(small, 'when did it happen?', {})).toMatchObject({
      refusal: expect.stringMatching(/no words to search for/),
      terms: [],
    })
    expect(understand(small, 'Rankous', { from: '31/02' })).toEqual({
      refusal: 'from: "31/02" is not a date I can read (try 2016, 2016-07 or 2016-07-03)',
      terms: ['rankou'],
    })
  })
})

describe('coverageOf', () => {
  const weights: Record<string, number> = { rankou: 3, mosqu: 2, bomb: 1 }
  const asked = { weightOf: (t: string) => weights[t] ?? 0, totalWeight: 6 }

  it('is the share of the question’s weight a passage and its headline cover, each term once', () => {
    expect(coverageOf(asked, { queryTerms: ['rankou', 'mosqu', 'bomb'] }, undefined)).toBe(1)
    expect(coverageOf(asked, { queryTerms: ['mosqu', 'bomb'] }, { queryTerms: ['rankou', 'bomb'] })).toBe(1)
    expect(coverageOf(asked, { queryTerms: ['rankou'] }, { queryTerms: ['rankou'] })).toBe(0.5)
  })

  it('rare terms weigh more: the place alone covers more than two common words', () => {
    expect(coverageOf(asked, { queryTerms: ['mosqu', 'bomb'] }, undefined)).toBeLessThan(MIN_COVERAGE)
    expect(coverageOf(asked, { queryTerms: ['rankou', 'bomb'] }, undefined)).toBeGreaterThanOrEqual(MIN_COVERAGE)
  })
})

describe('grouping', () => {
  it('outlets carrying the same wire copy give one answer that names them all', () => {
    const { answers } = answer(small, 'casualties', 'car bomb Rankous mosque')
    expect(answers).toHaveLength(1)
    expect(answers[0]).toMatchObject({
      quote: 'A car bomb killed 12 people near a mosque in Rankous on Friday, a monitor said.',
      value: { count: 12 },
      article: { source: 'Wire One' },
    })
    expect(answers[0]!.alsoIn.map((a) => a.source)).toEqual(['Wire Two'])
  })

  it('the value may come from the next sentence, quoted with the one that matched', () => {
    const [first] = answer(small, 'who', 'who shelled Douma').answers
    expect(first?.quote).toBe(
      'Shelling killed five people in Douma on Saturday, activists said. Government forces shelled the town.',
    )
    expect(first?.value.actors).toEqual(['Syrian government forces'])
  })
})

describe('"who shot …" asks who did it', () => {
  it('answers with the gunman the article names, never the minister who spoke after', () => {
    const idx = buildIndex(
      [
        article(
          'cnn',
          'CNN',
          "Russia 'determined to fight terror' after envoy's assassination",
          'Russia warned it will not make concessions a day after its ambassador was gunned down in Ankara. Foreign Minister Sergey Lavrov said his country remained determined to fight terrorism. Interior Minister Suleyman Soylu said that the gunman was Mevlut Mert Altintas, a Turkish police officer.',
        ),
      ],
      { fingerprint: 'who-acted' },
    )
    const { answers } = answer(idx, 'who', 'who shot the russian ambassador')
    expect(answers.map((a) => (a.value as { actors: string[] }).actors[0])).toEqual(['Mevlut Mert Altintas'])
  })

  it('"who used chemical weapons" asks who did it too: not the country that condemned the attack', () => {
    const idx = buildIndex(
      [
        article(
          'usatoday',
          'USA TODAY',
          'Allies condemn chemical attack',
          'Canada condemns in the strongest possible terms the use of chemical weapons in last week’s attack in eastern Ghouta, the minister said. The attack was carried out by Syrian government forces, the inspectors found.',
        ),
      ],
      { fingerprint: 'who-used' },
    )
    const { answers } = answer(idx, 'who', 'who used chemical weapons in ghouta')
    expect((answers[0]?.value as { actors: string[] } | undefined)?.actors[0]).toBe('Syrian government forces')
  })
})
