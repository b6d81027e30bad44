import { describe, expect, it } from 'vitest'
import { findEntities } from '../src/engine/text/entity-match.js'
import { analyze, asTypedNames, questionTerms, termsOf } from '../src/engine/text/normalize.js'
import { fold, splitWords } from '../src/engine/text/words.js'

/** The one term a word or name is reduced to. */
function termOf(text: string): string {
  const terms = termsOf(text)
  expect(terms, text).toHaveLength(1)
  return terms[0]!
}

describe('fold', () => {
  it('lower-cases, removes diacritics and straightens curly apostrophes', () => {
    expect(fold('Ḥalab')).toBe('halab')
    expect(fold('DAMASCUS')).toBe('damascus')
    expect(fold('Ma‘arrat al-Nu‘man')).toBe("ma'arrat al-nu'man")
    expect(fold('Syria’s')).toBe("syria's")
    expect(fold('Syria‘s')).toBe("syria's")
    expect(fold('Şanlıurfa Ömer')).toBe('sanlıurfa omer')
  })
})

describe('terms: the same word however it is written', () => {
  it('"Syria\'s", "Syria’s", "Syrias" and "SYRIA" give the same term', () => {
    const syria = termOf('Syria')
    for (const s of ["Syria's", 'Syria’s', 'Syrias', 'SYRIA']) expect(termOf(s), s).toBe(syria)
  })

  it('diacritics do not matter: "Ḥalab" finds Aleppo', () => {
    expect(termOf('Ḥalab')).toBe(termOf('Aleppo'))
  })

  it('stemming makes "kills", "killed" and "killing" one term', () => {
    const kill = termOf('kill')
    expect(termOf('kills')).toBe(kill)
    expect(termOf('killed')).toBe(kill)
    expect(termOf('killing')).toBe(kill)
  })

  it('a truce that "started", "came into force" or "took effect" is one term; "air base" and "airfield" are "airbase"', () => {
    const start = termOf('start')
    for (const form of ['began', 'came into force', 'took effect', 'went into effect']) expect(termOf(form)).toBe(start)
    const airbase = termOf('airbase')
    for (const form of ['air base', 'airfield']) expect(termOf(form)).toBe(airbase)
  })

  it('a possessive in a sentence is the place itself', () => {
    expect(termsOf("the wall at Raqqa's Old City")).toContain(termOf('Raqqa'))
    expect(termsOf('Syrias Qamishli')).toEqual(termsOf("Syria's Qamishli"))
  })
})

describe('aliases collapse to one term', () => {
  it.each([
    ['Islamic State', ['Daesh', 'ISIL', 'ISIS', 'Islamic State', 'so-called Islamic State', 'IS', 'Da’esh']],
    ['Raqqa', ['Raqqa', 'Raqa', 'Raqqah']],
    ['Deir ez-Zor', ['Deir ez-Zor', 'Deir Ezzor', 'Deir al-Zour', 'Deir el-Zour']],
    ['Hasakeh', ['Hasakeh', 'Hasaka', 'Hassakeh']],
    ['Hezbollah', ['Hezbollah', 'Hizballah']],
    ['Latakia', ['Latakia', 'Lattakia']],
    ['SDF', ['SDF', 'Syrian Democratic Forces']],
    ['United States', ['US', 'U.S.', 'United States']],
  ])('%s', (_name, spellings) => {
    const terms = spellings.map(termOf)
    expect(new Set(terms).size, JSON.stringify(Object.fromEntries(spellings.map((s, i) => [s, terms[i]])))).toBe(1)
  })

  it('aliases in running text become the same term', () => {
    const a = termsOf('Daesh militants shelled Deir ez-Zor')
    const b = termsOf('ISIS militants shelled Deir al-Zour')
    expect(a).toEqual(b)
  })

  it('"IS" is the Islamic State only in upper case; "is" stays a stop word', () => {
    const is = termOf('IS')
    expect(termsOf('IS seized Raqqa in 2014')).toContain(is)
    expect(termsOf('the city is an important hub')).not.toContain(is)
    expect(termsOf('Is Raqqa free?')).not.toContain(is)
    expect(termsOf('is')).toEqual([])
  })

  it('"US" is the United States, "us" is not', () => {
    const us = termOf('United States')
    expect(termsOf('the US military says')).toContain(us)
    expect(termsOf('he told us about the attack')).not.toContain(us)
    expect(termsOf('us')).toEqual([])
  })

  it('the longest alias wins: "Free Syrian Army" is not the Syrian army', () => {
    const fsa = termsOf('the Free Syrian Army attacked')
    expect(fsa).toContain(termOf('FSA'))
    expect(fsa).not.toContain(termOf('Syrian army'))
    expect(fsa).not.toContain(termOf('army'))
  })

  it('in a question, "the us" typed in lower case is the United States', () => {
    expect(questionTerms(asTypedNames('when did the us start airstrikes in syria'))).toContain(termOf('US'))
    expect(asTypedNames('tell us when the us struck')).toBe('tell us when the US struck')
  })

  it('"US-backed Syrian forces" is not the Syrian government (nor the United States)', () => {
    const terms = termsOf('US-backed Syrian forces have breached the wall')
    expect(terms).toContain(termOf('US-backed forces'))
    expect(terms).not.toContain(termOf('Syrian government forces'))
    expect(terms).not.toContain(termOf('United States'))
  })
})

describe('questionTerms', () => {
  it('drops question words and filler', () => {
    const terms = questionTerms("when did the SDF breach the wall of Raqqa's old city?")
    for (const w of ['when', 'did', 'the', 'of']) expect(terms).not.toContain(w)
    expect(terms).toEqual([
      termOf('SDF'),
      termOf('breach'),
      termOf('wall'),
      termOf('Raqqa'),
      termOf('old'),
      termOf('city'),
    ])
  })

  it('gives the same terms however a name is spelled', () => {
    expect(questionTerms('how many people did Daesh kill in Raqqah?')).toEqual(
      questionTerms('how many people did ISIS kill in Raqqa?'),
    )
    expect(questionTerms("who attacked Syria's Hasaka?")).toEqual(questionTerms('who attacked Syrias Hassakeh?'))
  })

  it('keeps each term once, in order', () => {
    expect(questionTerms('Raqqa Raqa Raqqah killed kills')).toEqual([termOf('Raqqa'), termOf('kill')])
  })

  it('keeps "IS" (the group) while dropping "is" (the verb)', () => {
    expect(questionTerms('where is IS?')).toEqual([termOf('Islamic State')])
  })
})

describe('findEntities', () => {
  it('returns offsets that slice back to the words in the text', () => {
    const text =
      'Daesh fighters attacked Deir ez-Zor, said the Syrian Observatory for Human Rights; Syria’s army replied.'
    const found = findEntities(text).map((m) => [m.entity.name, text.slice(m.start, m.end)])
    expect(found).toEqual([
      ['Islamic State', 'Daesh fighters'],
      ['Deir ez-Zor', 'Deir ez-Zor'],
      ['Syrian Observatory for Human Rights', 'Syrian Observatory for Human Rights'],
      ['Syria', 'Syria’s'],
      ['Syrian government forces', 'army'],
    ])
  })

  it('word offsets and token offsets slice back to the text', () => {
    const text = '  Ḥalab’s 300,000 residents fled; "IS" retreated.'
    for (const w of splitWords(text)) expect(text.slice(w.start, w.end)).toBe(w.raw)
    const { tokens } = analyze(text)
    expect(tokens.map((t) => text.slice(t.start, t.end))).toEqual([
      'Ḥalab’s',
      '300,000',
      'residents',
      'fled',
      'IS',
      'retreated',
    ])
    expect(tokens[1]!.term).toBe('300000')
  })

  it('does not join an alias across other punctuation', () => {
    const text = 'They were Islamic, State officials said; Syrian; army units'
    const names = findEntities(text).map((m) => m.entity.name)
    expect(names).not.toContain('Islamic State')
    expect(names).toEqual(['Syrian government forces'])
  })
})
