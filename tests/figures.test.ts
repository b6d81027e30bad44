// Casualty figures: vague quantities, the shapes of killing, and the page furniture, ages, labels and money whose
// numbers are never figures. Sentences are modelled on FA-KES and AllSides text (apostrophes stripped in FA-KES).

import { describe, expect, it } from 'vitest'
import { extractCasualties } from '../src/engine/extract/casualties.js'
import { DATELINE_CHARS, extractDates, parseIsoDate } from '../src/engine/extract/dates.js'
import { splitWords } from '../src/engine/text/words.js'
import type { CasualtyFigure } from '../src/engine/types.js'

function figures(text: string, articleDate = '2017-07-04'): CasualtyFigure[] {
  const dates = extractDates(text, parseIsoDate(articleDate), { datelineBefore: DATELINE_CHARS, lead: true })
  const exclude = dates.map((d) => ({ start: d.start, end: d.start + d.text.length }))
  return extractCasualties(text, splitWords(text), exclude)
}

const counts = (text: string) => figures(text).map((f) => [f.count, f.kind])

describe('vague quantities are approximate figures, quoted verbatim', () => {
  it.each([
    ['Dozens of civilians were killed in the raids.', 12, '', 'Dozens of civilians were killed'],
    ['Scores of people died in the fire.', 20, '', 'Scores of people died'],
    ['Hundreds of people were wounded.', 100, '', 'Hundreds of people were wounded'],
    ['Tens of people were killed.', 10, '', 'Tens of people were killed'],
    ['Nearly 2 dozen people were killed.', 24, 'nearly', 'Nearly 2 dozen people were killed'],
    ['Nearly two dozen civilians died.', 24, 'nearly', 'Nearly two dozen civilians died'],
    ['The strike killed dozens.', 12, '', 'killed dozens'],
    ['Several dozen Kurdish fighters were also killed.', 12, '', 'Several dozen Kurdish fighters were also killed'],
    ['The offensive has killed several hundred people.', 100, '', 'killed several hundred people'],
  ])('%j → %d, approximate', (text, count, qualifier, quoted) => {
    const found = figures(text)
    expect(found).toMatchObject([{ count, qualifier, approximate: true }])
    expect(found[0]!.text).toBe(quoted)
    expect(text.slice(found[0]!.start, found[0]!.start + found[0]!.text.length)).toBe(quoted)
  })

  it('"a dozen" is a count: 12, not approximate; "more than a dozen" keeps its qualifier', () => {
    expect(figures('A dozen soldiers were killed.')).toMatchObject([{ count: 12, approximate: false, qualifier: '' }])
    expect(figures('More than a dozen people were killed.')).toMatchObject([
      { count: 12, approximate: false, qualifier: 'more than', text: 'More than a dozen people were killed' },
    ])
  })
})

describe('every verb and noun shape of killing is read as killed', () => {
  it.each([
    ['The death toll of 45 was announced.', 45, 'death toll of 45'],
    ['The death toll climbed to 45 on Monday.', 45, 'death toll climbed to 45'],
    ['The death toll stood at 33.', 33, 'death toll stood at 33'],
    ['The massacre of 250 troops shocked the world.', 250, 'massacre of 250 troops'],
    ['The rebels massacred 250 troops.', 250, 'massacred 250 troops'],
    ['Twelve people lost their lives.', 12, 'Twelve people lost their lives'],
    ['Twelve people were martyred.', 12, 'Twelve people were martyred'],
    ['The bombing left 12 dead.', 12, '12 dead'],
    ['The attack claimed the lives of 12 civilians.', 12, 'lives of 12 civilians'],
    ['Russian raids claimed 17 lives overnight.', 17, 'claimed 17 lives'],
    ['Fighting that cost more than 500 lives.', 500, 'cost more than 500 lives'],
    ['12 bodies were found in the river.', 12, '12 bodies'],
    ['Rescuers uncovered the bodies of 8 people from the rubble.', 8, 'bodies of 8 people'],
    ['Five were killed.', 5, 'Five were killed'],
    ['A car bomb exploded killing at least 15 people.', 15, 'killing at least 15 people'],
  ])('%j → %d killed', (text, count, quoted) => {
    expect(figures(text)).toMatchObject([{ count, kind: 'killed', text: quoted }])
  })

  it('"left 12 people dead and 30 wounded" → 12 killed, 30 wounded; injured and hurt are wounded', () => {
    expect(counts('The bombing left 12 people dead and 30 wounded.')).toEqual([
      [12, 'killed'],
      [30, 'wounded'],
    ])
    expect(counts('Three people were injured and two hurt.')).toEqual([
      [3, 'wounded'],
      [2, 'wounded'],
    ])
  })

  it('"claimed 21 lives and wounded dozens" → 21 killed, 12 wounded', () => {
    expect(counts('Cross-border fire has claimed 21 lives and wounded dozens of others.')).toEqual([
      [21, 'killed'],
      [12, 'wounded'],
    ])
  })

  it('saving lives is not a toll: "saved 12 lives" → none', () => {
    expect(figures('The rescuers saved 12 lives.')).toEqual([])
  })

  it('a toll does not reach a figure after "the": "the death toll was likely to rise given the several dozen wounded"', () => {
    expect(counts('It warned that the death toll was likely to rise given the several dozen wounded.')).toEqual([
      [12, 'wounded'],
    ])
  })

  it('a negated kind counts no one: "Five of the wealthiest countries have taken no Syrian refugees"', () => {
    expect(figures('Five of the wealthiest Muslim countries have taken no Syrian refugees in at all.')).toEqual([])
  })
})

describe('page furniture is never a figure', () => {
  it.each([
    // Sputnik: the counters glued to the date and a topic count.
    ['21.08.2013Get short URL 0 13 The US-led coalitions airstrikes killed 10 civilians', [[10, 'killed']]],
    ['24.07.2016Get short URL 124 At least four people were killed', [[4, 'killed']]],
    ['09.04.2017Get short URL 0 85 12 Daesh terrorists were killed', [[12, 'killed']]],
    [
      '05.10.2017(updated 1935 05.10.2017) Get short URL 101 A mortar attack left three civilians dead',
      [[3, 'killed']],
    ],
    ['Get short URL Topic Battle Against Daesh in Syria (180) 0 54 The SDF killed 23 Daesh members', [[23, 'killed']]],
    // Related stories: other articles' headlines.
    ['Source TRTWorld and agencies Related News Syrian regime attacks kill 16 civilians in Idlib', []],
    ['Tags Syria Related Syrian Forces Deny Killing Dozens of Civilians US Airstrikes Kill 36 Civilians', []],
    ['Related: Intel in doubt, the attack that killed at least 100 people is no slam dunk', []],
    // Photo credits and captions.
    ['Photo: 12 people were killed in Aleppo (AFP Photo)', []],
    ['Smoke over Aleppo on July 21 2015. (AFP Photo) At least 18 civilians were killed on Tuesday', [[18, 'killed']]],
    ['Hide Caption 64 of 222 Photos: Unrest in Syria – A funeral for three Christians killed', [[3, 'killed']]],
    // Counters, times, ages, distances, shares, money, labels, models, ordinals.
    ['1,211 views', []],
    ['23 comments killed in the debate', []],
    ['Print Tweet Views 729 killed', []],
    ['Published 12:34 Five killed', [[5, 'killed']]],
    ['At 12:30 five were killed.', [[5, 'killed']]],
    ['On 2 July 2016 5 people were killed.', [[5, 'killed']]],
    ['Children aged 12 were killed.', []],
    ['Children aged between 5 and 12 were killed.', []],
    ['The boy, aged 12, was killed.', []],
    ['A 12-year-old boy was killed in the strike.', []],
    ['Civilians 60 kilometres away were killed.', []],
    ['About 60% of those killed were civilians.', []],
    ['The militant demands $100 million for each hostage.', []],
    ['Resolution 2254 was adopted after 12 were killed.', [[12, 'killed']]],
    ['The Islamic States No. 2 leader reportedly was killed.', []],
    ['A Sukhoi-34 bomber struck the stronghold to kill another 20 terrorists.', [[20, 'killed']]],
    ['The 17th Division was attacked and 5 soldiers were killed.', [[5, 'killed']]],
  ])('%j', (text, expected) => {
    expect(counts(text)).toEqual(expected)
  })

  it('after "Views 729 Related" the headlines are dropped and the lead that follows them is read', () => {
    const text =
      'Print Tweet Views 1430 Related Syrias Assad says Turkeys Erdogan exploiting coup 43 civilians dead in ' +
      'bombardment of Syria rebel-held areas Monitor UN pleads for weekly 48-hour truce in Syrias Aleppo Nearly 40 ' +
      'Syrian soldiers and pro-regime fighters were killed when rebels blew up a tunnel'
    expect(figures(text)).toMatchObject([{ count: 40, kind: 'killed', qualifier: 'nearly' }])
  })

  it('"Related Video" is only a label: the sentence after it is read', () => {
    expect(counts('Related Video At least 9 civilians were killed in the strike.')).toEqual([[9, 'killed']])
  })
})

describe('a part of a toll is not the toll', () => {
  it('"two medics were among the dead" and "10 of those killed" give no figure; the toll beside them does', async () => {
    const { extractCasualties } = await import('../src/engine/extract/casualties.js')
    const { splitWords } = await import('../src/engine/text/words.js')
    const read = (t: string) => extractCasualties(t, splitWords(t)).map((f) => f.count)
    expect(read('Observatory head Rami Abdel Rahman said two medics were among the dead.')).toEqual([])
    expect(read('Abdel Rahman said 10 of those killed were children.')).toEqual([])
    expect(read('Two medics were among at least 31 people killed on Saturday.')).toEqual([31])
  })
})
