// The event-aware gate: an answer comes from an article about what the question names (its words, most of them
// anywhere in the article and a good part near the answer; its names in whatever spelling the article uses), and a
// question about something the corpus never reported gets no answer, however many common words it shares.

import { beforeAll, describe, expect, it } from 'vitest'
import { answer } from '../src/engine/query/answer.js'
import { buildIndex, type SearchIndex } from '../src/engine/index/build.js'
import { nameSkeleton } from '../src/engine/index/vocabulary.js'
import { newsArticle as article } from './helpers.js'

let index: SearchIndex
beforeAll(() => {
  index = buildIndex(
    [
      article(
        'jayrud',
        'Ahram',
        '2016-07-03',
        'Regime strikes on Syrian town kill 43',
        'Government forces pounded the town of Jayrud on Saturday after rebels killed a captured pilot. ' +
          'The town lies 60 kilometres northeast of Damascus. ' +
          'The death toll in Jayrud rose to 43 civilians, the Syrian Observatory for Human Rights said. ' +
          'Residents of Jayrud said the shelling lasted all night.',
      ),
      article(
        'tadamun',
        'SANA',
        '2014-05-10',
        'Car bomb in Damascus neighbourhood',
        'A car bomb exploded on Nisrin Street in the Tadamun neighbourhood of Damascus on Friday. ' +
          'The explosion killed 7 people and wounded 20, the agency said.',
      ),
      article(
        'adnan',
        'Reuters',
        '2016-05-01',
        'Commander killed in Aleppo',
        'Rebel commander Abu Muhammad Adnan was killed in an air strike in Aleppo on Sunday, activists said. ' +
          'The strike hit a building where fighters gathered.',
      ),
      article(
        'protests',
        'Al-Araby',
        '2017-03-15',
        'Six years of war',
        'Turkey launched a military operation in the north last year. ' +
          'The conflict began in 2011 when the regime met peaceful protests with force, in the wake of the Arab Spring. ' +
          'More than 300,000 people have been killed since then.',
      ),
    ],
    { fingerprint: 'event-gate' },
  )
})

const first = <C extends 'casualties' | 'when' | 'who' | 'where'>(command: C, q: string) =>
  answer(index, command, q).answers[0]

describe('answers questions typed with more words than the article uses', () => {
  it('finds the figure two sentences from the name, and ignores the chat words around it', () => {
    const a = first('casualties', 'how many ppl died when the army shelled jayrud after that pilot got executed')
    expect(a?.value.count).toBe(43)
    expect(a?.article.id).toBe('jayrud')
  })

  it('reads a name in another spelling of the same name (Jayroud / Jayrud, Tadamon / Tadamun)', () => {
    expect(first('casualties', 'jayroud shelling death toll')?.value.count).toBe(43)
    expect(first('when', 'nisrin street car bomb in tadamon, what date was that')?.value.date).toBe('2014-05-09')
  })
})

describe('says nothing answers rather than answering about something else', () => {
  it('a full name whose last part no article has: another man with the same first names is not him', () => {
    expect(answer(index, 'where', 'where was isis spokesman abu muhammad al-adnani killed').answers).toEqual([])
  })

  it('…while the man the article does name is found', () => {
    expect(first('where', 'where was rebel commander abu muhammad adnan killed')?.value.places).toContain('Aleppo')
  })

  it('a named operation is its words together, not "peaceful" in one sentence and the Arab "Spring" in another', () => {
    const r = answer(index, 'when', 'when did turkey launch operation peace spring')
    expect(r.answers).toEqual([])
    expect(r.reason).toMatch(/^Nothing in the corpus/)
  })

  it('a period the question names keeps the reports of that period only, and says when others exist', () => {
    expect(first('casualties', 'jayrud shelling death toll july 2016')?.value.count).toBe(43)
    const r = answer(index, 'casualties', 'jayrud shelling death toll january 2015')
    expect(r.answers).toEqual([])
    expect(r.reason).toBe(
      'Nothing in the corpus from around january 2015 answers this. Reports of other dates share its words, maybe about other events: ask without "january 2015" to read them.',
    )
  })

  it("its reason quotes the user's words, never the index's stems", () => {
    const r = answer(index, 'when', 'when did turkey launch operation peace spring')
    expect(r.reason).not.toMatch(/\b(?:peac|oper)\b/)
  })
})

describe('the answer is near what the question names, and says what the question says happened', () => {
  const kabul = () =>
    buildIndex(
      [
        article(
          'kabul',
          'CNN',
          '2019-06-01',
          'Attacks in Afghanistan',
          'Attacks went on across Afghanistan in the spring, officials said. ' +
            'On the last day of May, a suicide attack in Kabul wounded four US servicemen. ' +
            'The Taliban have stepped up attacks across the country this year.',
        ),
      ],
      { fingerprint: 'kabul' },
    )

  it('"when did the Taliban take Kabul" is not answered by a suicide attack in Kabul', () => {
    expect(answer(kabul(), 'when', 'when did the taliban take kabul').answers).toEqual([])
  })

  it('…while the attack itself is', () => {
    expect(answer(kabul(), 'when', 'when was the suicide attack in kabul').answers[0]?.value.date).toBe('2019-05-31')
  })
})

describe('name skeletons: spellings of one transliterated name meet, other names do not', () => {
  it.each([
    ['jasim', 'jassem'],
    ['khattab', 'khatab'],
    ['jayroud', 'jayrud'],
    ['hasakah', 'hasakeh'],
    ['shagour', 'shaghour'],
    ['ehsim', 'ihsim'],
  ])('%s ~ %s', (a, b) => expect(nameSkeleton(a)).toBe(nameSkeleton(b)))

  it.each([
    ['adnani', 'adnan'],
    ['raqqa', 'rakka'],
  ])('%s ≁ %s', (a, b) => expect(nameSkeleton(a)).not.toBe(nameSkeleton(b)))
})

describe('who: the group the article names, not "rebels" nor the group the question asks about', () => {
  it('reads the sentence after a generic "rebels" for the group behind it', () => {
    const dumayr = buildIndex(
      [
        article(
          'dumayr',
          'Al-Araby',
          '2016-07-10',
          'Rebel fighters killed in suicide bomb attack',
          'A suicide bomb blast struck al-Dumayr on Sunday, killing 14 fighters from Jaish al-Islam in the latest violence between rebels. ' +
            'The Islamic State group is believed to be behind the suicide attack that struck the town.',
        ),
      ],
      { fingerprint: 'who-generic' },
    )
    const a = answer(dumayr, 'who', 'who was responsible for the suicide bomb on jaish al-islam in al-dumayr')
      .answers[0]
    expect(a?.value.actors[0]).toBe('Islamic State')
    expect(a?.value.actors).not.toContain('Jaish al-Islam')
  })
})

describe('who: the group named in the sentence before, and monitors last', () => {
  it('"militants sneaked into the village" gives way to "a Daesh attack" just before it', () => {
    const camp = buildIndex(
      [
        article(
          'camp',
          'TRT World',
          '2017-05-02',
          'Attack near camp kills 24',
          'At least 24 people were killed on Tuesday in a Daesh attack near a refugee camp on the border, a monitor said. ' +
            'The Syrian Observatory for Human Rights said militants sneaked into the village of Rajm Sleibi which houses the camp.',
        ),
      ],
      { fingerprint: 'who-before' },
    )
    const a = answer(camp, 'who', 'who attacked the rajm sleibi displaced camp').answers[0]
    expect(a?.value.actors[0]).toBe('Islamic State')
  })
})

describe('reports of one incident go together; other incidents never join them', () => {
  it('numbers answers by incident: days apart and the same town is one, a year earlier is another', () => {
    const reports = buildIndex(
      [
        article(
          'first',
          'Daily Sabah',
          '2016-07-02',
          'Shelling kills 31 in Jayrud',
          'Regime shelling on the town of Jayrud killed 31 civilians on Saturday, the monitor said.',
        ),
        article(
          'revised',
          'Al-Araby',
          '2016-07-03',
          'Jayrud toll rises to 43',
          'The toll of the regime shelling on Jayrud rose to 43 civilians, the monitor said.',
        ),
        article(
          'older',
          'Ahram',
          '2015-03-10',
          'Shelling on Jayrud',
          'Regime shelling on Jayrud killed one civilian and wounded four, the monitor said.',
        ),
      ],
      { fingerprint: 'incidents' },
    )
    const answers = answer(reports, 'casualties', 'how many civilians did regime shelling kill in jayrud').answers
    const byId = new Map(answers.map((a) => [a.article.id, a.incident]))
    expect(byId.get('first')).toBe(byId.get('revised'))
    expect(byId.get('older')).not.toBe(byId.get('first'))
    // The first answer's incident comes first, whole.
    expect(answers.map((a) => a.incident)).toEqual([...answers.map((a) => a.incident)].sort((x, y) => x - y))
  })
})

describe('figures: the explicit toll of the incident first', () => {
  const figures = () =>
    buildIndex(
      [
        article(
          'vague',
          'Daily Sabah',
          '2016-06-26',
          'Air strikes hit Quriyah',
          'Air strikes on the town of Quriyah in Deir Ezzor killed dozens of people on Saturday, the monitor said.',
        ),
        article(
          'explicit',
          'Al-Araby',
          '2016-06-26',
          'Air strikes hit Quriyah',
          'Air strikes on the town of Quriyah in Deir Ezzor killed 47 people on Saturday, the monitor said.',
        ),
        article(
          'war',
          'Ahram',
          '2016-06-27',
          'Quriyah air strikes',
          'Air strikes on the town of Quriyah in Deir Ezzor came as the war that has killed 280,000 people went on.',
        ),
      ],
      { fingerprint: 'figures' },
    )

  it('a vague figure ("dozens") never outranks an explicit count of the same incident', () => {
    const answers = answer(figures(), 'casualties', 'how many were killed in the air strikes on quriyah').answers
    expect(answers[0]?.value).toMatchObject({ count: 47, approximate: false })
    expect(answers.map((a) => a.value.count)).toContain(12)
  })

  it("the war's whole toll is no incident's toll, unless the question asks about the war", () => {
    const answers = answer(figures(), 'casualties', 'quriyah air strikes death toll').answers
    expect(answers[0]?.value.count).not.toBe(280_000)
  })

  it('a figure the /when question states tells which report it means', () => {
    const reports = buildIndex(
      [
        article('other', 'Ahram', '2015-02-10', 'Jets hit Jasim', 'Regime jets hit Jasim in Daraa on Monday.'),
        article(
          'this',
          'Ahram',
          '2015-02-03',
          'Jets hit Jasim',
          'Regime jets hit Jasim in Daraa on Monday, killing 15 civilians, a monitor said.',
        ),
      ],
      { fingerprint: 'stated' },
    )
    expect(
      answer(reports, 'when', 'when did regime jets hit jasim in daraa killing 15 civilians').answers[0]?.value.date,
    ).toBe('2015-02-02')
  })
})
