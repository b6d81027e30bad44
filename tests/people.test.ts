import { describe, expect, it } from 'vitest'
import { decodeExtraction, encodeExtraction } from '../src/engine/extract/codec.js'
import { extractActors } from '../src/engine/extract/entities.js'
import { extractPeople, titleStart } from '../src/engine/extract/people.js'
import { analyze } from '../src/engine/text/normalize.js'
import type { ActorMention, ActorRole, Extraction } from '../src/engine/types.js'

function people(text: string): ActorMention[] {
  const { words, entities } = analyze(text)
  return extractPeople(text, words, entities)
}

function names(text: string): string[] {
  return people(text).map((p) => p.name)
}

function roles(text: string): Record<string, ActorRole> {
  return Object.fromEntries(people(text).map((p) => [p.name, p.role]))
}

describe('extractPeople: a name next to a title', () => {
  it('"Operation Inherent Resolve spokesman Col. John Dorrian wrote" → John Dorrian', () => {
    const text =
      'Operation Inherent Resolve spokesman Col. John Dorrian wrote on Twitter that the strike hit IS fighters.'
    const found = people(text)
    const start = text.indexOf('John')
    expect(found).toEqual([
      { name: 'John Dorrian', group: 'person', role: 'mentioned', start, end: start + 'John Dorrian'.length },
    ] satisfies ActorMention[])
  })

  it('"Russian Defense Ministry spokesman Major General Igor Konashenkov" → Igor Konashenkov, without his rank', () => {
    expect(names('Russian Defense Ministry spokesman Major General Igor Konashenkov denied the reports.')).toEqual([
      'Igor Konashenkov',
    ])
    expect(names('Maj. Gen. Igor Konashenkov called the reports horror stories.')).toEqual(['Igor Konashenkov'])
  })

  it('FA-KES without apostrophes: "The coalitions spokesman Colonel Ryan Dillon said" → Ryan Dillon', () => {
    expect(names('The coalitions spokesman Colonel Ryan Dillon said the raids on Raqqa would go on.')).toEqual([
      'Ryan Dillon',
    ])
  })

  it('"Homs Governor Talal Barazi told AFP" → Talal Barazi, not Homs', () => {
    expect(names('Homs Governor Talal Barazi told AFP the bombing killed four people.')).toEqual(['Talal Barazi'])
  })

  it('a name with particles and a kunya: "Nusra spokesman Abu Firas al-Suri was killed along with his son" → hit', () => {
    expect(roles('Nusra spokesman Abu Firas al-Suri was killed along with his son in an air strike.')).toEqual({
      'Abu Firas al-Suri': 'hit',
    })
  })

  it('the person killed is the object: "killing Nusra spokesman Abu Firas al-Suri" → hit', () => {
    expect(roles('A US strike in Idlib on Sunday killed Nusra spokesman Abu Firas al-Suri and his son.')).toEqual({
      'Abu Firas al-Suri': 'hit',
    })
  })

  it('initials and hyphenated names: "John F. Kerry", "Ban Ki-moon", "Secretary-General"', () => {
    expect(names('Secretary of State John F. Kerry said the evidence was clear.')).toEqual(['John F. Kerry'])
    expect(names('U.N. Secretary-General Ban Ki-moon on Friday renewed his call for access.')).toEqual(['Ban Ki-moon'])
  })

  it('who gave an order acted: "Prime Minister Haider al-Abadi has ordered an investigation"', () => {
    expect(roles('Iraqi Prime Minister Haider al-Abadi has ordered an investigation into the strike.')).toEqual({
      'Haider al-Abadi': 'acted',
    })
  })
})

describe('extractPeople: a title after the name, or a verb of saying', () => {
  it('"Talal Barazi, the governor of Homs, said" → Talal Barazi', () => {
    expect(names('Talal Barazi, the governor of Homs, said the city was calm.')).toEqual(['Talal Barazi'])
  })

  it('"Rami Abdel Rahman, head of the Observatory" → Rami Abdel Rahman', () => {
    expect(names('Rami Abdel Rahman, head of the Observatory, said 30 people were killed.')).toEqual([
      'Rami Abdel Rahman',
    ])
  })

  it('the subject of "said": "Rami Abdel Rahman said" and "said Rami Abdel Rahman" with a title', () => {
    expect(names('Rami Abdel Rahman said the death toll was likely to rise.')).toEqual(['Rami Abdel Rahman'])
    expect(names('"The children were aged under 10" said Observatory chief Rami Abdel Rahman.')).toEqual([
      'Rami Abdel Rahman',
    ])
  })

  it('who speaks was not hit, even after a figure of wounded (FA-KES lost the punctuation)', () => {
    expect(roles('dozens more were wounded Shadi al-Jundi told AFP by telephone.')).toEqual({
      'Shadi al-Jundi': 'mentioned',
    })
  })
})

describe('extractPeople: not people', () => {
  it('organisations and outlets: "the Syrian Observatory for Human Rights said", "Reuters reported"', () => {
    expect(names('The Syrian Observatory for Human Rights said 12 civilians were killed.')).toEqual([])
    expect(names('Human Rights Watch said the strikes may amount to war crimes.')).toEqual([])
    expect(names('Reuters reported that the convoy was hit near Aleppo.')).toEqual([])
    expect(names('State news agency SANA said the army repelled the attack.')).toEqual([])
    expect(names('The White House said it was reviewing the reports.')).toEqual([])
  })

  it('a title without a name: "Free Syrian Army commander said" gives nothing', () => {
    expect(names('A Free Syrian Army commander said the rebels had withdrawn.')).toEqual([])
    expect(names('The governor of Homs told AFP the bombing killed four people.')).toEqual([])
  })

  it('places: "Deir Ezzor", "Abu Kamal", "in Khan Sheikhoun, the director …"', () => {
    expect(names('Fighting raged in Deir Ezzor said the monitor.')).toEqual([])
    expect(names('The coalition spokesman denied the Abu Kamal strike.')).toEqual([])
    expect(names('In Khan Sheikhoun, the director of the hospital said 70 people died.')).toEqual([])
  })

  it('months, weekdays and party labels are not names', () => {
    expect(names('On Monday Arizona Republican senators said they would vote.')).toEqual([])
    expect(names('Texas Republican Ted Cruz said he opposed the strikes.')).toEqual(['Ted Cruz'])
    expect(names('Then Theresa May said Britain would join the strikes.')).toEqual(['Theresa May'])
    expect(names('In May Damascus Airport said flights had resumed.')).toEqual([])
  })

  it('names the alias table knows are left to it: "Syrian President Bashar al-Assad"', () => {
    const text = 'Syrian President Bashar al-Assad said the attack was fabricated.'
    const { words, entities } = analyze(text)
    expect(extractPeople(text, words, entities)).toEqual([])
    expect(extractActors(text, words, entities).map((a) => a.name)).toContain('Bashar al-Assad')
  })

  it('a headline in title case names no one', () => {
    expect(names('Heavier Weapons Push Syrian Crisis Toward Civil War As Major Offensive Takes Shape')).toEqual([])
  })
})

describe('codec: people round-trip', () => {
  it('keeps table actors by number and people by name, with their roles and offsets', () => {
    const text = 'Nusra spokesman Abu Firas al-Suri was killed along with his son in a Russian strike.'
    const { words, entities } = analyze(text)
    const x: Extraction = {
      dates: [],
      actors: [...extractActors(text, words, entities), ...extractPeople(text, words, entities)],
      places: [],
      casualties: [],
    }
    expect(x.actors.map((a) => a.group)).toContain('person')
    const encoded = encodeExtraction(x, text)
    expect(decodeExtraction(encoded, text)).toEqual(x)
    // The name is the passage's own words: not written out again.
    expect(encoded).not.toContain('Firas')
  })

  it('a name that is not the passage words, and a group other than "person", round-trip too', () => {
    const text = 'Spokesman  John\nDorrian wrote on Twitter.'
    const x: Extraction = {
      dates: [],
      actors: [
        { name: 'John Dorrian', group: 'person', role: 'mentioned', start: 11, end: 23 },
        { name: 'Someone Else', group: 'other', role: 'acted', start: 0, end: 9 },
      ],
      places: [],
      casualties: [],
    }
    expect(decodeExtraction(encodeExtraction(x, text), text)).toEqual(x)
  })
})

describe('a person named after the group a title belongs to', () => {
  it('"the spokesman for Al-Qaedas Syrian affiliate Al-Nusra Front Abu Firas al-Suri was killed"', () => {
    const found = people(
      'The spokesman for Al-Qaedas Syrian affiliate Al-Nusra Front Abu Firas al-Suri was killed along with his son.',
    )
    expect(found.map((p) => [p.name, p.role])).toEqual([['Abu Firas al-Suri', 'hit']])
  })

  it('a group followed by words that are no name gives no person', () => {
    expect(names('The spokesman for the Free Syrian Army Southern Front said the strikes went on.')).toEqual([])
  })
})

describe('titleStart: a person as the text names them, with their titles', () => {
  const shown = (text: string, name: string) => {
    const start = text.indexOf(name)
    return text.slice(titleStart(text, start), start + name.length)
  }

  it('takes the titles and the capitalised words of the title before the name', () => {
    expect(shown('Coalition spokesman Col. Ryan Dillon said on Monday', 'Ryan Dillon')).toBe(
      'Coalition spokesman Col. Ryan Dillon',
    )
    expect(shown('The Russian Foreign Minister Sergei Lavrov said', 'Sergei Lavrov')).toBe(
      'Russian Foreign Minister Sergei Lavrov',
    )
    expect(shown('Jaysh al-Islam leader Zahran Alloush was killed', 'Zahran Alloush')).toBe(
      'Jaysh al-Islam leader Zahran Alloush',
    )
    expect(shown('said US-led coalition spokesman Col. Ryan Dillon.', 'Ryan Dillon')).toBe('spokesman Col. Ryan Dillon')
  })

  it('leaves a name without a title as it is', () => {
    expect(shown('Rami Abdel Rahman said the toll rose', 'Rami Abdel Rahman')).toBe('Rami Abdel Rahman')
  })
})

describe('extractPeople: who did it, named', () => {
  it('"the gunman was Mevlut Mert Altintas" → Mevlut Mert Altintas, who acted', () => {
    expect(
      roles(
        'Interior Minister Suleyman Soylu said that the gunman was Mevlut Mert Altintas, a Turkish police officer.',
      ),
    ).toEqual({ 'Suleyman Soylu': 'mentioned', 'Mevlut Mert Altintas': 'acted' })
    expect(roles('The bomber, identified as Abu Omar al-Shami, blew himself up.')).toEqual({
      'Abu Omar al-Shami': 'acted',
    })
  })
})
