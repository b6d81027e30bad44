// Reading questions as people type them: the period they name, the outlet they cite, what they ask for and their
// chat words come out; what is left is what is searched. And, through answer(), the period and the outlet rank
// articles (never filter them), and a period after the corpus's last article is said so.

import { describe, expect, it } from 'vitest'
import { askedFor, readDates, readQuestion } from '../src/engine/query/question.js'
import { answer, understand } from '../src/engine/query/answer.js'
import { buildIndex } from '../src/engine/index/build.js'
import type { Article } from '../src/engine/types.js'

const words = (text: string) => text.split(/\s+/).filter(Boolean)

describe('readQuestion: dates', () => {
  it('a holy day with its year is a period: "during ramadan 2016", "eid al-adha 2015"; "ramadan" alone is a word', () => {
    expect(readQuestion('idlib market airstrike during ramadan 2016').window).toEqual({
      from: '2016-06-06',
      to: '2016-07-05',
    })
    expect(readQuestion('eid al-adha 2015 car bomb').window).toEqual({ from: '2015-09-24', to: '2015-09-27' })
    const plain = readQuestion('attacks during ramadan prayers')
    expect(plain.window).toBeUndefined()
    expect(plain.searchText).toContain('ramadan')
  })

  it.each([
    ['shelling of homs feb 2015 death toll', { from: '2015-02-01', to: '2015-02-28' }, 'feb 2015'],
    ['who bombed the market in 2013', { from: '2013-01-01', to: '2013-12-31' }, 'in 2013'],
    ['douma air raids sept 11 2014 how many dead', { from: '2014-09-11', to: '2014-09-11' }, 'sept 11 2014'],
    ['car bomb late april 2014', { from: '2014-04-16', to: '2014-04-30' }, 'late april 2014'],
    ['early march 2012 shelling of baba amr', { from: '2012-03-01', to: '2012-03-15' }, 'early march 2012'],
    ['raids over raqqa on 4-5 july 2015', { from: '2015-07-04', to: '2015-07-05' }, 'on 4-5 july 2015'],
    ['strikes on hama mid sept 2016', { from: '2016-09-10', to: '2016-09-20' }, 'mid sept 2016'],
    ['2016 siege of madaya', { from: '2016-01-01', to: '2016-12-31' }, '2016'],
    ['aleppo offensive late 2012', { from: '2012-09-01', to: '2012-12-31' }, 'late 2012'],
    ['strike on a school 3 November 2016', { from: '2016-11-03', to: '2016-11-03' }, '3 November 2016'],
  ])('%s', (question, window, dateWords) => {
    const parts = readQuestion(question)
    expect(parts.window).toEqual(window)
    expect(parts.dateWords).toEqual([dateWords])
    for (const w of words(dateWords)) expect(words(parts.searchText)).not.toContain(w)
  })

  it('names the months typed without a year, for a softer preference', () => {
    expect(readQuestion('talbiseh airstrikes mid sept death toll').months).toEqual([9])
    expect(readQuestion('raids in june and july on douma').months).toEqual([6, 7])
    expect(readQuestion('raids in june 2014').months).toEqual([])
  })

  it('takes out a month without a year, but gives no window for it (it would be guessed against today)', () => {
    for (const q of [
      'talbiseh airstrikes mid sept death toll',
      'car bomb in homs in february',
      'raids on douma 3 june',
    ]) {
      const parts = readQuestion(q)
      expect(parts.window).toBeUndefined()
      expect(parts.searchText).not.toMatch(/sept|february|june|\bmid\b/)
    }
  })

  it('keeps "may" and "march" as words, and weekdays that are not part of a date', () => {
    expect(readQuestion('the march on damascus').searchText).toBe('the march on damascus')
    expect(readQuestion('who may have shelled the camp').searchText).toContain('may')
    const parts = readQuestion('car bomb after friday prayers sept 2013')
    expect(parts.searchText).toContain('friday prayers')
    expect(parts.window).toEqual({ from: '2013-09-01', to: '2013-09-30' })
    expect(readQuestion('regime jets sunday 21 sept 2014 saraqeb').searchText).toBe('regime jets saraqeb')
  })

  it('does not read the start of a word as a month', () => {
    const q = 'the decision to augment the separatist novel about an octopus in marea in feb'
    expect(readQuestion(q).searchText).toBe('the decision to augment the separatist novel about an octopus in marea in')
  })

  it('does not read figures as years, nor the day of a date as a figure', () => {
    expect(readQuestion('2000 people killed in ghouta').window).toBeUndefined()
    expect(readDates('killed 1500 civilians').spans).toEqual([])
    expect(readQuestion('sept 11 2014 how many dead').searchText).not.toMatch(/11/)
  })

  it('reads seasons', () => {
    expect(readQuestion('summer 2013 chemical attack')).toMatchObject({
      searchText: 'chemical attack',
      window: { from: '2013-06-01', to: '2013-08-31' },
    })
  })

  it('spans every period named, first to last', () => {
    expect(readQuestion('from june 2014 to aug 2014 sieges').window).toEqual({ from: '2014-06-01', to: '2014-08-31' })
  })
})

describe('readQuestion: outlets', () => {
  it.each([
    ['sputnik said the strikes on al bukamal killed how many?', ['sputnik']],
    ['what did SANA report about the opera house', ['sana']],
    ['according to al manar, the tel abyad car bomb', ['manar']],
    ['reuters: who attacked the camp', ['reuters']],
    ['the BBC reported dead in aleppo', ['bbc']],
    ['who did trt say claimed the bombing', ['trt']],
    ['al-ahram and daily sabah on the ghouta strikes', ['ahram', 'dailysabah']],
  ])('%s', (question, outlets) => {
    const parts = readQuestion(question)
    expect(parts.outlets).toEqual(outlets)
    expect(parts.searchText).not.toMatch(/sputnik|sana|manar|reuters|bbc|trt|ahram|sabah|according|\bsaid\b|report/i)
  })

  it('leaves an outlet that is part of the story', () => {
    expect(readQuestion('when was the reuters journalist killed in aleppo')).toMatchObject({
      outlets: [],
      searchText: 'when was the reuters journalist killed in aleppo',
    })
  })

  it('leaves places and groups that are not outlets', () => {
    for (const q of ['aleppo shelling', 'al qaeda in idlib', 'the alawite villages', 'almehemdiya village']) {
      expect(readQuestion(q).outlets).toEqual([])
      expect(readQuestion(q).searchText).toBe(q)
    }
  })
})

describe('readQuestion: chat words and what is asked', () => {
  it('takes out chat words and rewrites chat spellings to the news words', () => {
    expect(readQuestion('guys, how many ppl died in the shelling of jayroud pls').searchText).toBe(
      ', how many people died in the shelling of jayroud',
    )
    expect(readQuestion('anyone know the date of the khattab massacre').searchText).not.toMatch(/anyone|know|date/)
    expect(readQuestion('what day was the truck bomb in hama').searchText).toBe('the truck bomb in hama')
    expect(readQuestion('the one that killed 5 kids in douma').searchText).toBe('killed 5 children in douma')
    expect(readQuestion('death toll of the raids').searchText).toBe('death toll of the raids')
    expect(readQuestion('wich group stormed the hq near azaz')).toMatchObject({
      searchText: 'group stormed the headquarters near azaz',
      asks: 'who',
    })
    expect(readQuestion('how many got killed in douma').searchText).toBe('how many killed in douma')
  })

  it.each([
    ['how many ppl died when the army shelled jayroud', 'casualties'],
    ['army of islam rocket barrage on damascus death toll', 'casualties'],
    ['karm al luz double car bombing casualties', 'casualties'],
    ['when was the mogambo restaurant bombing', 'when'],
    ['what day did isis raid tal shamiram', 'when'],
    ['nisreen street car bomb, what date was that', 'when'],
    ['who fired the rockets on damascus', 'who'],
    ['which group executed the pilot', 'who'],
    ['where was the training camp hit', 'where'],
    ['which district of latakia was bombed', 'where'],
    ['the opera house mortar', undefined],
  ])('%s asks %s', (question, asks) => {
    expect(askedFor(question)).toBe(asks)
  })
})

const article = (id: string, source: string, date: string, body: string): Article => ({
  id,
  title: '',
  source,
  date,
  url: '',
  body,
  location: '',
  credit: '',
})

describe('the question in answer()', () => {
  // The same event told twice, a year apart, and by two outlets: the question's period and outlet choose.
  const index = buildIndex(
    [
      article(
        'a',
        'Reuters',
        '2014-03-02',
        'A barrel bomb attack on the market of Jasim killed 12 people, a monitor said.',
      ),
      article(
        'b',
        'sputnik',
        '2015-03-05',
        'A barrel bomb attack on the market of Jasim killed 20 people, a monitor said.',
      ),
      article(
        'c',
        'Reuters',
        '2015-06-20',
        'A barrel bomb attack on the market of Jasim killed 31 people, a monitor said.',
      ),
    ],
    { fingerprint: 'question' },
  )

  it('searches the question without its date, outlet and chat words', () => {
    const asked = understand(index, 'guys, what did sputnik say about the barrel bomb on jasim market in feb 2015', {})
    expect('terms' in asked && asked.terms).toEqual(understand(index, 'barrel bomb on jasim market', {}).terms)
  })

  it('answers from the reports of the period named, not from the same words a year apart', () => {
    const feb2015 = answer(index, 'casualties', 'jasim market barrel bomb feb 2015 how many killed')
    expect(feb2015.answers.map((a) => a.article.id)).toEqual(['b'])
    const march2014 = answer(index, 'casualties', 'jasim market barrel bomb march 2014 death toll')
    expect(march2014.answers.map((a) => a.article.id)).toEqual(['a'])
    // Without a period, all three.
    expect(answer(index, 'casualties', 'jasim market barrel bomb death toll').answers).toHaveLength(3)
  })

  it('a later report counts when its sentence names a date in the period', () => {
    const later = buildIndex(
      [
        article('old', 'Reuters', '2014-03-02', 'A barrel bomb attack on the market of Jasim killed 12 people.'),
        article(
          'anniversary',
          'Reuters',
          '2017-03-02',
          'Three years on, residents recall the barrel bomb attack on the market of Jasim in March 2014 that killed 12.',
        ),
      ],
      { fingerprint: 'question-later' },
    )
    const ids = answer(later, 'casualties', 'jasim market barrel bomb march 2014 death toll').answers.map(
      (a) => a.article.id,
    )
    expect(ids.sort()).toEqual(['anniversary', 'old'])
  })

  it('prefers the outlet the question cites', () => {
    expect(answer(index, 'casualties', 'jasim market barrel bomb how many killed').answers[0]!.article.id).not.toBe('b')
    expect(
      answer(index, 'casualties', 'sputnik said the jasim market barrel bomb killed how many').answers[0]!.article.id,
    ).toBe('b')
  })

  // A first sentence long enough that the dates after it are not read as the article's dateline.
  const LEAD = 'Activists reported new attacks across the south of the country in the past few days. '
  it('a month without a year prefers passages that name a date in it, and is shown in bold', () => {
    const months = buildIndex(
      [
        article(
          'm1',
          'Reuters',
          '2015-08-02',
          LEAD + 'An air strike on the Jasim market killed 9 people in March, a monitor said.',
        ),
        article(
          'm2',
          'Reuters',
          '2015-08-02',
          LEAD + 'An air strike on the Jasim market killed 14 people in July, a monitor said.',
        ),
      ],
      { fingerprint: 'question-months' },
    )
    for (const [q, id] of [
      ['jasim market air strike in march how many killed', 'm1'],
      ['jasim market air strike in july how many killed', 'm2'],
    ] as const) {
      const r = answer(months, 'casualties', q)
      expect(r.answers).toHaveLength(2)
      expect(r.answers[0]!.article.id).toBe(id)
      const quote = r.answers[0]!.quote
      expect(r.answers[0]!.highlights.map(([s, e]) => quote.slice(s, e))).toContain(id === 'm1' ? 'March' : 'July')
    }
  })

  it('searches a month without a year when the rest of the question is one word', () => {
    const asked = understand(index, 'killed in June', {})
    expect('terms' in asked && asked.terms.length).toBe(2)
  })

  it('keeps the user-given filters hard', () => {
    const r = answer(index, 'casualties', 'jasim market barrel bomb feb 2015', { from: '2014', to: '2014' })
    expect(r.answers.map((a) => a.article.id)).toEqual(['a'])
    const s = answer(index, 'casualties', 'sputnik: jasim market barrel bomb', { sources: ['Reuters'] })
    expect(s.answers.map((a) => a.article.source).sort()).toEqual(['Reuters', 'Reuters'])
  })

  it('says so when the period is after the corpus, instead of quoting an older event', () => {
    const r = answer(index, 'casualties', 'jasim market barrel bomb march 2021 death toll')
    expect(r.answers).toEqual([])
    expect(r.reason).toContain('march 2021')
    expect(r.reason).toContain('2015-06-20')
    // A user-given date filter is the user's own: it replaces the question's period, which then only ranks.
    expect(answer(index, 'casualties', 'jasim market barrel bomb 2021', { from: '2015' }).answers.length).toBe(2)
  })
})
