// Incidents: reports of one event by several outlets over days, grouped at index time; other events never join.

import { describe, expect, it } from 'vitest'
import { buildIndex } from '../src/engine/index/build.js'
import { timeline } from '../src/engine/query/timeline.js'
import type { Article } from '../src/engine/types.js'

const article = (id: string, source: string, date: string, title: string, body: string): Article => ({
  id,
  title,
  source,
  date,
  url: `https://example.org/${id}`,
  body,
  location: '',
  credit: '',
})

const index = buildIndex(
  [
    article(
      'ahram-47',
      'Ahram',
      '2016-06-25',
      'Air strikes on Syrian town kill 47',
      'Russian and Syrian regime air strikes on the town of Al-Quriyah in Deir Ezzor province killed 47 civilians on Saturday, a monitor said.',
    ),
    article(
      'trt-58',
      'TRT World',
      '2016-06-26',
      'Death toll from air raids rises to 58',
      'The toll of the Russian and Syrian regime air raids on Al-Quriyah in Deir Ezzor rose to 58 civilians, the monitor said on Sunday.',
    ),
    article(
      'barrage',
      'Sputnik',
      '2015-02-05',
      'Jaysh al-Islam fires rockets at Damascus, kills 3',
      'Jaysh al-Islam fired rockets at Damascus on Thursday, killing 3 people and wounding 30.',
    ),
    article(
      'ghouta',
      'Ahram',
      '2015-02-05',
      'Regime air strikes kill 45 in Eastern Ghouta',
      'Regime air strikes on Eastern Ghouta near Damascus killed 45 people on Thursday after the rebel rocket fire, a monitor said.',
    ),
    article(
      'later',
      'Ahram',
      '2016-07-20',
      'Air strikes on Syrian town kill 11',
      'Air strikes on the town of Al-Quriyah in Deir Ezzor killed 11 people on Wednesday, a monitor said.',
    ),
  ],
  { fingerprint: 'incidents-test' },
)

describe('incidents grouped at index time', () => {
  it('two outlets, two days, a rising toll: one incident; the same town a month later: another', () => {
    const quriyah = index.incidents.filter((i) => i.places.includes('Al-Quriyah'))
    expect(quriyah.map((i) => i.reports.map((r) => index.articles[r.article]!.id))).toEqual([
      ['ahram-47', 'trt-58'],
      ['later'],
    ])
    expect(quriyah[0]!.kind).toBe('air strikes')
    expect(quriyah[0]!.reports.map((r) => r.figure?.count)).toEqual([47, 58])
  })

  it('a rocket barrage and the air strikes in reply, the same day and city: two incidents', () => {
    const day = index.incidents.filter((i) => i.date === '2015-02-05')
    expect(day.map((i) => i.kind).sort()).toEqual(['air strikes', 'shelling'])
  })
})

describe('what keeps reports of one place and kind apart, and what joins them', () => {
  const ids = (idx: typeof index) => idx.incidents.map((i) => i.reports.map((r) => idx.articles[r.article]!.id))

  it('"new mortar attacks" on a city the day after is another incident', () => {
    const idx = buildIndex(
      [
        article(
          'first',
          'Alalam',
          '2016-04-28',
          'Mortar attacks on Aleppo kill 12',
          'Mortar shells fired at the Bustan al-Qasr neighborhood of Aleppo killed 12 civilians on Thursday.',
        ),
        article(
          'again',
          'Alalam',
          '2016-04-29',
          '9 injured in new mortar attacks on Aleppo neighborhood',
          'Mortar shells fired at the Bustan al-Qasr neighborhood of Aleppo injured 9 civilians.',
        ),
      ],
      { fingerprint: 'fresh-test' },
    )
    expect(ids(idx)).toEqual([['first'], ['again']])
  })

  it('shelling of one neighbourhood on two named days, two days apart: two incidents', () => {
    const idx = buildIndex(
      [
        article(
          'mon',
          'SANA',
          '2016-08-15',
          'Rocket attacks on Salah Eddin kill 8',
          'Terrorists fired rockets at the Salah Eddin neighborhood of Aleppo on Monday, killing 8 civilians.',
        ),
        article(
          'wed',
          'SANA',
          '2016-08-17',
          'Rocket attacks on Salah Eddin kill 10',
          'Terrorists fired rockets at the Salah Eddin neighborhood of Aleppo on Wednesday, killing 10 civilians.',
        ),
      ],
      { fingerprint: 'daily-test' },
    )
    expect(ids(idx)).toEqual([['mon'], ['wed']])
  })

  it('a chemical attack reported for days (the WHO on day 3) stays one incident', () => {
    const idx = buildIndex(
      [
        article(
          'day1',
          'TRT',
          '2017-04-04',
          'Chemical attack in Idlib kills 58',
          'A suspected chemical attack on Khan Sheikhoun in Idlib province killed 58 people on Tuesday, a monitor said.',
        ),
        article(
          'day2',
          'NNA',
          '2017-04-05',
          'Chemical attack toll rises in Idlib',
          'The toll of the chemical attack on Khan Sheikhoun rose to 72, the monitor said.',
        ),
        article(
          'day4',
          'Sputnik',
          '2017-04-07',
          'WHO: chemical attack victims show signs of nerve agent',
          'Victims of the chemical attack in Idlib show signs of exposure to a nerve agent, the WHO said.',
        ),
      ],
      { fingerprint: 'rare-test' },
    )
    expect(ids(idx)).toEqual([['day1', 'day2', 'day4']])
  })
})

describe('timeline', () => {
  it('lists the incidents of a place in date order, each with its tolls, outlets and dates', () => {
    const r = timeline(index, 'Deir Ezzor')
    expect(r.events.map((e) => [e.date, e.kind, e.figures.map((f) => `${f.count} ${f.source} ${f.date}`)])).toEqual([
      ['2016-06-25', 'air strikes', ['47 Ahram 2016-06-25', '58 TRT World 2016-06-26']],
      ['2016-07-20', 'air strikes', ['11 Ahram 2016-07-20']],
    ])
    expect(r.events[0]!.reports[0]!.quote).toContain('killed 47 civilians')
  })

  it('filters by dates and outlets, and finds a place by any spelling', () => {
    expect(timeline(index, 'quriyah', { from: '2016-07', to: '2016-07' }).events.map((e) => e.articles)).toEqual([
      ['later'],
    ])
    expect(timeline(index, 'Deir Ezzor', { sources: ['TRT World'] }).events.map((e) => e.articles)).toEqual([
      ['trt-58'],
    ])
  })

  it('says so when nothing names the place, or a date cannot be read', () => {
    expect(timeline(index, 'Kobani').reason).toMatch(/^No incident in the corpus names "Kobani"/)
    expect(timeline(index, 'Aleppo', { from: 'yesterday' }).reason).toMatch(/^from: /)
  })
})

describe('/when from the incident', () => {
  it("a quote without a day is dated by the day its incident's reports agree on, and says so", async () => {
    const { answer } = await import('../src/engine/query/answer.js')
    const { valueHeadline } = await import('../src/render/format.js')
    const r = answer(index, 'when', 'what date were the al-quriyah air raids that killed 58')
    const trt = r.answers.find((a) => a.article.id === 'trt-58')
    expect(trt?.value).toMatchObject({ date: '2016-06-25', basis: 'incident' })
    expect(valueHeadline('when', trt!.value)).toBe(
      'Saturday 25 June 2016 (the day reports of this incident give; the quote names none)',
    )
  })
})

describe('daily shelling of a city', () => {
  it('shelling of Aleppo on two days, naming no town in common, is two incidents', () => {
    const daily = buildIndex(
      [
        article(
          'mon',
          'SANA',
          '2016-07-06',
          'Terrorists shell Aleppo, 5 killed',
          'Terrorist rocket shells killed 5 civilians in Aleppo city on Wednesday, a source said.',
        ),
        article(
          'fri',
          'SANA',
          '2016-07-08',
          'Rocket shells on Aleppo kill 3',
          'Terrorist rocket shells killed 3 civilians in Aleppo city on Friday, a source said.',
        ),
      ],
      { fingerprint: 'daily' },
    )
    expect(daily.incidents.map((i) => i.reports.length)).toEqual([1, 1])
  })
})

describe('a bombing in one city on one day', () => {
  it('is one incident whichever neighbourhoods the reports name', () => {
    const bus = buildIndex(
      [
        article(
          'a',
          'Ahram',
          '2015-02-01',
          'Bomb hits bus of pilgrims in Damascus',
          'A bomb hit a bus carrying Lebanese pilgrims in the Kallaseh district of Damascus on Sunday, killing 6 people.',
        ),
        article(
          'b',
          'Al-Manar',
          '2015-02-01',
          'Terrorist bombing in Damascus kills 4',
          'A terrorist bombing near the Souq al-Hamadiyeh in Damascus killed 4 people on Sunday, SANA said.',
        ),
      ],
      { fingerprint: 'bus' },
    )
    expect(bus.incidents.map((i) => i.reports.length)).toEqual([2])
  })
})

describe('one day of strikes on a city, or two strikes', () => {
  const ids = (idx: ReturnType<typeof buildIndex>) =>
    idx.incidents.map((i) => i.reports.map((r) => idx.articles[r.article]!.id))

  it('barrel bombs on two districts of one city the same day, by outlets naming a different district: one incident', () => {
    const idx = buildIndex(
      [
        article(
          'ahram',
          'Ahram',
          '2016-08-27',
          'Barrel bombs kill at least 15 civilians in Aleppo',
          'At least 15 civilians were killed in a barrel bomb attack on the Maadi district in eastern Aleppo on Saturday, a monitor said.',
        ),
        article(
          'sabah',
          'Daily Sabah',
          '2016-08-27',
          'Regime helicopter kills 20 people with barrel bombs in Aleppo',
          'A regime helicopter dropped barrel bombs on the Bab al-Nairab district of Aleppo on Saturday, killing 20 people.',
        ),
      ],
      { fingerprint: 'districts' },
    )
    expect(ids(idx)).toEqual([['ahram', 'sabah']])
  })

  it('the same day and province, a mosque hit in one report and a rescuers centre in the other: two incidents', () => {
    const idx = buildIndex(
      [
        article(
          'rescuers',
          'Daily Sabah',
          '2017-04-29',
          'Eight White Helmets rescuers killed in airstrike in Hama',
          'Airstrikes struck a centre of the White Helmets rescuers in Hama province on Saturday, killing eight volunteers.',
        ),
        article(
          'mosque',
          'Daily Sabah',
          '2017-04-29',
          'Airstrikes destroy mosque in Hama',
          'Regime airstrikes destroyed a mosque in Hama province on Saturday, killing four people.',
        ),
      ],
      { fingerprint: 'targets' },
    )
    expect(ids(idx)).toEqual([['rescuers'], ['mosque']])
  })

  it('Russian warplanes in one outlet, regime warplanes in another, on one convoy: one incident', () => {
    const idx = buildIndex(
      [
        article(
          'russia',
          'Al-Araby',
          '2016-09-19',
          'Russian airstrikes hit UN aid convoy near Aleppo',
          'Russian warplanes struck a UN aid convoy at Urum al-Kubra near Aleppo on Monday, killing 20 people.',
        ),
        article(
          'regime',
          'Al-Araby',
          '2016-09-21',
          'Regime warplanes attacked aid convoy',
          'Regime warplanes were behind the air strikes that targeted an aid convoy at Urum al-Kubra on Monday night.',
        ),
      ],
      { fingerprint: 'allies' },
    )
    expect(ids(idx)).toEqual([['russia', 'regime']])
  })

  it('"forces bombard the suburbs after gas attack" the next day is a bombardment, not the chemical attack', () => {
    const idx = buildIndex(
      [
        article(
          'gas',
          'Reuters',
          '2013-08-21',
          'Hundreds killed in gas attack near Damascus',
          'More than 200 people were killed in a chemical attack on Eastern Ghouta near Damascus on Wednesday, activists said.',
        ),
        article(
          'bombard',
          'Reuters',
          '2013-08-22',
          "Assad's forces bombard Damascus suburbs after gas attack",
          "Assad's forces bombarded the rebel-held suburbs of Eastern Ghouta on Thursday, a day after the chemical attack.",
        ),
      ],
      { fingerprint: 'after' },
    )
    expect(idx.incidents.map((i) => i.kind)).toEqual(['chemical attack', 'bombardment'])
  })
})
