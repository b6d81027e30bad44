import { describe, expect, it } from 'vitest'
import { VOCABULARY } from '../src/engine/text/aliases.js'
import { analyze, questionTerms, termsOf } from '../src/engine/text/normalize.js'
import { fakesEngine, HAVE_FAKES } from './helpers.js'

/** The one term a word or phrase is reduced to. */
function termOf(text: string): string {
  const terms = termsOf(text)
  expect(terms, text).toHaveLength(1)
  return terms[0]!
}

/** Every form of a group gives the same term, whichever form comes first. */
function sameTerm(forms: string[]): void {
  const term = termOf(forms[0]!)
  for (const f of forms) expect(termOf(f), f).toBe(term)
}

/** A question's terms all appear among a passage's terms. */
function found(question: string, passage: string): boolean {
  const passageTerms = new Set(termsOf(passage))
  return questionTerms(question).every((t) => passageTerms.has(t))
}

describe('the conflict vocabulary: one term per synonym group', () => {
  it('death: died, killed, dead, perished, martyred, "lost their lives", death toll, deaths', () => {
    sameTerm(['killed', 'died', 'dead', 'perished', 'martyred', 'lost their lives', 'death toll', 'deaths', 'kills'])
  })

  it('injury: injured, wounded, hurt', () => {
    sameTerm(['injured', 'wounded', 'hurt', 'injuries', 'wounding'])
  })

  it('air strikes: jets, warplanes, "air strikes", airstrikes, "air raids", "bombing raids"', () => {
    sameTerm(['jets', 'warplanes', 'air strikes', 'airstrikes', 'air raids', 'bombing raids', 'air-strike'])
  })

  it('chemical weapons: gas, chemical, sarin, chlorine, toxic', () => {
    sameTerm(['gas', 'chemical', 'sarin', 'chlorine', 'toxic'])
  })

  it('explosion: blast, explosion, bombing, bomb', () => {
    sameTerm(['blast', 'explosion', 'bombing', 'bomb', 'explosions'])
  })

  it('shelling: shelling, artillery, mortar, rockets, barrage', () => {
    sameTerm(['shelling', 'artillery', 'mortar', 'rockets', 'barrage'])
  })

  it('children: kids, children', () => {
    sameTerm(['kids', 'children', 'child'])
  })

  it('the groups are apart: dying is not wounding, an air raid is not shelling', () => {
    const keys = VOCABULARY.map((c) => c.key)
    expect(new Set(keys).size).toBe(keys.length)
    expect(termOf('died')).not.toBe(termOf('wounded'))
    expect(termOf('air raids')).not.toBe(termOf('shelling'))
    expect(termOf('bombing raids')).not.toBe(termOf('bombing'))
  })

  it('every form of the table reduces to its own group', () => {
    for (const concept of VOCABULARY)
      for (const form of concept.forms) expect(termsOf(form), form).toEqual([concept.key])
  })
})

describe('synonyms match both ways, in questions and passages alike', () => {
  it('"how many died in the car bomb" finds "the car bomb killed 12", and the reverse', () => {
    expect(found('how many died in the car bomb', 'A car bomb in the town killed 12 people.')).toBe(true)
    expect(found('how many were killed in the car bomb', 'Twelve people died when a car bomb exploded.')).toBe(true)
  })

  it('"lost their lives" and "death toll" find "killed"', () => {
    expect(found('how many lost their lives in the market attack', 'The attack on the market killed 30.')).toBe(true)
    expect(found('death toll of the market attack', 'Thirty people were killed in the attack on the market.')).toBe(
      true,
    )
    expect(found('how many were killed in the market attack', 'The death toll of the market attack rose to 30.')).toBe(
      true,
    )
  })

  it('"kids hurt" finds "children wounded"; "children wounded" finds "kids hurt"', () => {
    expect(found('how many kids were hurt', 'Four children were wounded.')).toBe(true)
    expect(found('how many children were wounded', 'Four kids were hurt.')).toBe(true)
  })

  it('"air raids" finds "airstrikes" and "warplanes"; "jets" finds "air strikes"', () => {
    expect(found('air raids on the market', 'Airstrikes hit the market.')).toBe(true)
    expect(found('air raids on the market', 'Warplanes struck the market.')).toBe(true)
    expect(found('jets hit the market', 'Air strikes on the market.')).toBe(false) // "hit" is a word of its own
    expect(questionTerms('jets over the market')).toEqual(questionTerms('air strikes over the market'))
  })

  it('"gas attack" finds "sarin attack" and "chemical attack"', () => {
    expect(found('the gas attack', 'The sarin attack.')).toBe(true)
    expect(found('the chlorine attack', 'A chemical attack.')).toBe(true)
  })

  it('"blast" finds "explosion"; "shelling" finds "mortar rounds" and "rockets"', () => {
    expect(found('the blast at the bus station', 'An explosion at the bus station.')).toBe(true)
    expect(found('mortar fire on the old city', 'Shelling of the old city, with rockets and artillery.')).toBe(
      false, // "fire" is a word of its own
    )
    expect(found('shelling on the old city', 'Mortars fell on the old city.')).toBe(true)
  })

  it('a phrase keeps its place in the text, for bold in quotes', () => {
    const text = 'Four people lost their lives in air-strikes.'
    const tokens = analyze(text).tokens.map((t) => [t.term, text.slice(t.start, t.end)])
    expect(tokens).toEqual([
      ['four', 'Four'],
      ['peopl', 'people'],
      [termOf('killed'), 'lost their lives'],
      [termOf('airstrikes'), 'air-strikes'],
    ])
  })

  it('the words of a phrase alone stay ordinary words: "lost" is not a death, "air" is not an air strike', () => {
    expect(termOf('lost')).not.toBe(termOf('killed'))
    expect(termOf('air')).not.toBe(termOf('airstrikes'))
    expect(termOf('raids')).not.toBe(termOf('airstrikes'))
  })

  it('names of the alias table come first: "Russian jets" is Russia', () => {
    expect(termsOf('Russian jets')).toEqual(['russia'])
  })
})

describe.skipIf(!HAVE_FAKES)('questions as people type them, on FA-KES', () => {
  it('"how many died in the Rankous car bomb" is answered from articles that say "killed"', () => {
    const result = fakesEngine().answer('casualties', 'how many died in the Rankous car bomb')
    expect(result.answers.length).toBeGreaterThan(0)
    expect(result.answers[0]!.value.kind).toBe('killed')
    expect(result.answers[0]!.quote).toMatch(/killed/i)
  })
})
