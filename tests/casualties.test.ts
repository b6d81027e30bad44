import { describe, expect, it } from 'vitest'
import { extractCasualties, kindAskedFor } from '../src/engine/extract/casualties.js'
import { DATELINE_CHARS, extractDates, parseIsoDate } from '../src/engine/extract/dates.js'
import { splitWords } from '../src/engine/text/words.js'
import type { CasualtyFigure } from '../src/engine/types.js'

/** Figures of a passage, with its date phrases excluded the way extract/index.ts does it. */
function figures(text: string, articleDate = '2017-07-04'): CasualtyFigure[] {
  const dates = extractDates(text, parseIsoDate(articleDate), { datelineBefore: DATELINE_CHARS, lead: true })
  const exclude = dates.map((d) => ({ start: d.start, end: d.start + d.text.length }))
  return extractCasualties(text, splitWords(text), exclude)
}

type Brief = Pick<CasualtyFigure, 'count' | 'kind'> & Partial<CasualtyFigure>

function brief(
  text: string,
  articleDate?: string,
): Array<Pick<CasualtyFigure, 'count' | 'kind' | 'qualifier' | 'victims' | 'approximate'>> {
  return figures(text, articleDate).map(({ count, kind, qualifier, victims, approximate }) => ({
    count,
    kind,
    qualifier,
    victims,
    approximate,
  }))
}

function only(text: string, expected: Brief): CasualtyFigure {
  const found = figures(text)
  expect(found, text).toHaveLength(1)
  expect(found[0]).toMatchObject(expected)
  return found[0]!
}

describe('figures as reported', () => {
  it('"at least 173 were killed" → 173, "at least", killed', () => {
    const f = only('The UN says that at least 173 were killed in June.', {
      count: 173,
      qualifier: 'at least',
      kind: 'killed',
      approximate: false,
    })
    expect(f.text).toBe('at least 173 were killed')
  })

  it('"the toll was expected to rise because dozens of people had been wounded": wounded, not the toll', () => {
    only(
      'The monitor said the overall toll was expected to rise because dozens of people had been wounded or were still missing after the attack.',
      { count: 12, kind: 'wounded', approximate: true },
    )
    only('Death toll in bomb attack on Syria evacuees rises to 112', { count: 112, kind: 'killed' })
  })

  it('"Eleven million people have been displaced" → 11,000,000 displaced', () => {
    only('Eleven million people have been displaced by the fighting.', {
      count: 11_000_000,
      kind: 'displaced',
      qualifier: '',
      victims: 'people',
    })
  })

  it('"More than 300,000 people have lost their lives" → 300,000 killed, "more than"', () => {
    only('More than 300,000 people have lost their lives in six years of conflict in Syria.', {
      count: 300_000,
      kind: 'killed',
      qualifier: 'more than',
    })
  })

  it('"up to 100,000 people are trapped" → trapped', () => {
    only('It is believed that up to 100,000 people are trapped by the fighting.', {
      count: 100_000,
      kind: 'trapped',
      qualifier: 'up to',
    })
  })

  it('the text and start of a figure point into the passage', () => {
    const text = 'Officials said at least 173 were killed in June.'
    const [f] = figures(text)
    expect(text.slice(f!.start, f!.start + f!.text.length)).toBe(f!.text)
  })
})

describe('numbers in words and vague quantities', () => {
  it('"dozens of civilians were killed" → 12, approximate', () => {
    only('Dozens of civilians were killed in the strikes.', {
      count: 12,
      kind: 'killed',
      approximate: true,
      victims: 'civilians',
    })
  })

  it('"hundreds" → 100, approximate', () => {
    only('Hundreds of people were wounded.', { count: 100, kind: 'wounded', approximate: true })
  })

  it('"tens of thousands" → 10,000, approximate', () => {
    only('Tens of thousands have been displaced.', { count: 10_000, kind: 'displaced', approximate: true })
  })

  it('"1.2 million" → 1,200,000', () => {
    only('1.2 million people have been displaced.', { count: 1_200_000, kind: 'displaced', approximate: false })
  })

  it('"three hundred and twelve" → 312', () => {
    only('Three hundred and twelve people were killed.', { count: 312, kind: 'killed', approximate: false })
  })

  it('"twenty-five" → 25', () => {
    only('Twenty-five people were killed.', { count: 25, kind: 'killed' })
  })
})

describe('who was counted, and several figures in one sentence', () => {
  it('"killed at least 22 civilians" → 22, victims "civilians"', () => {
    only('Regime air strikes killed at least 22 civilians in Idlib.', {
      count: 22,
      kind: 'killed',
      qualifier: 'at least',
      victims: 'civilians',
    })
  })

  it('"Three killed over 70 injured" → 3 killed and 70 wounded', () => {
    expect(brief('Three killed over 70 injured in Aleppo shelling').map((f) => [f.count, f.kind])).toEqual([
      [3, 'killed'],
      [70, 'wounded'],
    ])
  })

  it('"At least 20 people including 13 civilians were killed and over 30 people were wounded" → 20 killed first, 13 killed, 30 wounded', () => {
    expect(
      brief('At least 20 people including 13 civilians were killed and over 30 people were wounded').map((f) => [
        f.count,
        f.kind,
        f.qualifier,
      ]),
    ).toEqual([
      [20, 'killed', 'at least'],
      [13, 'killed', ''],
      [30, 'wounded', 'over'],
    ])
  })

  it('"raids killed 16 civilians including at least one child and wounded 22" → 16 killed, 1 killed, 22 wounded', () => {
    expect(
      brief('Russian raids killed 16 civilians including at least one child and wounded 22').map((f) => [
        f.count,
        f.kind,
        f.victims,
      ]),
    ).toEqual([
      [16, 'killed', 'civilians'],
      [1, 'killed', 'child'],
      [22, 'wounded', ''],
    ])
  })

  it('"Death toll from Aleppo bomb attack at least 112" → 112 killed', () => {
    only('Death toll from Aleppo bomb attack at least 112', { count: 112, kind: 'killed', qualifier: 'at least' })
  })

  it('"A car bombing killed at least 26 displaced people" → 26 killed (not displaced), victims "displaced people"', () => {
    only('A car bombing killed at least 26 displaced people', {
      count: 26,
      kind: 'killed',
      victims: 'displaced people',
    })
  })

  it('"US-led raids kill 35 ISIS militants" → 35, victims "ISIS militants"', () => {
    only('US-led raids kill 35 ISIS militants', { count: 35, kind: 'killed', victims: 'ISIS militants' })
  })
})

describe('numbers that are not casualties', () => {
  it('figures of an excluded date are not casualties: "Sun 16 Apr 2017 Death toll …"', () => {
    const text = 'Sun 16 Apr 2017 Death toll from Aleppo bomb attack at least 112'
    expect(brief(text, '2017-04-16').map((f) => f.count)).toEqual([112])
    expect(brief('Sun 16 Apr 2017 Seven killed in Idlib', '2017-04-16').map((f) => [f.count, f.kind])).toEqual([
      [7, 'killed'],
    ])
  })

  it('a date inside a figure phrase is skipped, not read: "The death toll rose on 16 April 2017 to 112"', () => {
    const text = 'The death toll rose on 16 April 2017 to 112'
    // Without the date excluded, its day would be read as the toll.
    expect(extractCasualties(text, splitWords(text)).map((f) => f.count)).toEqual([16])
    expect(brief(text, '2017-04-17').map((f) => [f.count, f.kind])).toEqual([[112, 'killed']])
  })

  it('"28 October 2016 13 citizens killed" → 13 killed, not 2016', () => {
    expect(
      brief('28 October 2016 13 citizens killed in Aleppo', '2016-10-28').map((f) => [f.count, f.kind, f.victims]),
    ).toEqual([[13, 'killed', 'citizens']])
  })

  it('a number right after a date without a year is still a figure: "On 16 April, 13 people were killed"', () => {
    expect(brief('On 16 April, 13 people were killed in Aleppo', '2017-04-20').map((f) => [f.count, f.kind])).toEqual([
      [13, 'killed'],
    ])
    expect(brief('On Monday 13 people were killed in Aleppo', '2017-04-20').map((f) => [f.count, f.kind])).toEqual([
      [13, 'killed'],
    ])
  })

  it('"defended by up to 4,000 fighters" → none', () => {
    expect(figures('The city is reportedly defended by up to 4,000 fighters.')).toEqual([])
  })

  it('"39 sorties", "5 km", "24 hours" → none', () => {
    expect(figures('Russian jets carried out 39 sorties over Idlib.')).toEqual([])
    expect(figures('The town is 5 km from the Turkish border.')).toEqual([])
    expect(figures('The fighting lasted 24 hours.')).toEqual([])
    expect(brief('Clashes killed 12 ISIS fighters in 24 hours').map((f) => f.count)).toEqual([12])
  })
})

describe('kindAskedFor', () => {
  const kind = (q: string) => kindAskedFor(splitWords(q))

  it.each([
    ['how many were wounded in Aleppo', 'wounded'],
    ['how many injured', 'wounded'],
    ['Russian strikes kills and wounds dozens', 'killed'],
    ['how many displaced from Raqqa', 'displaced'],
    ['how many people fled Aleppo', 'displaced'],
    ['how many in Raqqa', 'killed'],
    ['death toll in Douma', 'killed'],
    ['Eight civilians killed, how many injured in Damascus', 'wounded'],
    ['how many died in the attack that wounded 20', 'killed'],
    ['killed, dozens injured in Qamishli', 'killed'],
    ['Five killed in Idlib', 'killed'],
  ])('%j → %s', (q, expected) => {
    expect(kind(q)).toBe(expected)
  })
})

describe('what is not a count of the dead', () => {
  it('a participle after a noun starts what it did: "two besieged towns killing at least 100 people" → 100', () => {
    expect(
      brief(
        'A car bomb hit a convoy of buses carrying civilians out of two besieged Syrian towns killing at least 100 people.',
      ).map((f) => f.count),
    ).toEqual([100])
  })

  it('digits glued to a dateline are no figure: "Last updated at Oct 262016 BEIRUT Air strikes killed up to 22 people" → 22', () => {
    expect(
      brief(
        'Last updated at Oct 262016 BEIRUT Air strikes in Syria killed up to 22 people mostly children on Wednesday.',
        '2016-10-26',
      ).map((f) => f.count),
    ).toEqual([22])
  })
})

describe('vague quantities and dozens', () => {
  it.each([
    ['Dozens of civilians were killed.', 12],
    ['Scores of people died.', 20],
    ['Hundreds of fighters were wounded.', 100],
    ['Tens of thousands of people have been displaced.', 10_000],
  ])('%j is marked approximate (%d)', (text, count) => {
    expect(brief(text)).toMatchObject([{ count, approximate: true }])
  })

  it.each([
    ['Nearly 2 dozen people were killed in the attack.', 'nearly'],
    ['Two dozen civilians were killed.', ''],
    ['Nearly two dozen civilians died.', 'nearly'],
  ])('%j → about 24', (text, qualifier) => {
    expect(brief(text)).toMatchObject([{ count: 24, kind: 'killed', approximate: true, qualifier }])
  })

  it('"half a dozen" → about 6', () => {
    expect(brief('Half a dozen children were wounded.')).toMatchObject([
      { count: 6, kind: 'wounded', approximate: true, victims: 'children' },
    ])
  })

  it('an exact figure stays exact', () => {
    expect(brief('Twelve soldiers were killed.')).toMatchObject([{ count: 12, approximate: false }])
  })
})

describe('every shape of killing counts deaths', () => {
  it.each([
    ['The blast killed five.', 5],
    ['Rebels kill 14 soldiers.', 14],
    ['Killing 7 people, the strike hit a school.', 7],
    ['The rebels massacre 250 troops near Hama.', 250],
    ['Gunmen massacred 30 villagers.', 30],
    ['Five civilians perished in the fire.', 5],
    ['Twelve people were martyred in the shelling.', 12],
    ['Four children lost their lives.', 4],
    ['At least 9 dead after the car bomb.', 9],
    ['Seven died in hospital.', 7],
    ['The death toll rose to 40.', 40],
    ['Deaths have risen to 40.', 40],
    ['There were 40 deaths.', 40],
    ['The massacre of 250 troops.', 250],
  ])('%j → %d killed', (text, count) => {
    expect(brief(text)).toMatchObject([{ count, kind: 'killed' }])
  })

  it('"deaths" counts only through words of a toll: "denied any deaths, saying it hit 40 targets" is no figure', () => {
    expect(figures('Russia denied any civilian deaths saying it hit 40 targets.')).toEqual([])
  })
})

describe('numbers of things are not people', () => {
  it('"Three Terrorist Attacks ... Kill 50" → 50, not 3', () => {
    expect(
      brief('Three Terrorist Attacks Target Sayyeda Zeinab Area in Rural Damascus Kill 50').map((f) => f.count),
    ).toEqual([50])
  })

  it('"Two car bombs killed 12 people" → 12', () => {
    expect(brief('Two car bombs killed 12 people.').map((f) => f.count)).toEqual([12])
  })

  it('"Three terrorists were killed" still counts the terrorists', () => {
    expect(brief('Three terrorists were killed.')).toMatchObject([{ count: 3, victims: 'terrorists' }])
  })
})

describe('page furniture is never a figure', () => {
  it.each([
    'Get short URL 2510 people killed in the city',
    'Get short URL 0 13 killed',
    'Print Tweet Views 1430 killed in Aleppo',
    'Share 120 Tweet 45 killed',
    'Photo 2 of 6 killed in the raid',
    'Hide Caption 2 of 6 Photos killed in the raid',
    '12 photos killed',
  ])('%j', (text) => {
    expect(figures(text)).toEqual([])
  })

  it('the figure after the furniture is still read: "Photo 2 of 6 Five people were killed" → 5', () => {
    expect(brief('Photo 2 of 6 Five people were killed.').map((f) => f.count)).toEqual([5])
    expect(brief('Get short URL 4016 At least 12 civilians were killed.').map((f) => f.count)).toEqual([12])
  })
})

describe('who was counted ends at a quote mark or a comma', () => {
  it("'killing 22 volunteers\" local activist Mohammad said' counts volunteers, not the activist", () => {
    const [f] = figures(
      '"Russian warplanes targeted a convoy killing 22 volunteers" local activist Mohammad al-Halabi said.',
    )
    expect(f).toMatchObject({ count: 22, victims: 'volunteers' })
  })
})
