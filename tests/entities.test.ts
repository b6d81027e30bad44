import { describe, expect, it } from 'vitest'
import { extractActors } from '../src/engine/extract/entities.js'
import { extractPlaces } from '../src/engine/extract/places.js'
import { analyze } from '../src/engine/text/normalize.js'
import type { ActorMention, ActorRole, PlaceMention } from '../src/engine/types.js'

function actors(text: string): ActorMention[] {
  const { words, entities } = analyze(text)
  return extractActors(text, words, entities)
}

function roles(text: string): Record<string, ActorRole> {
  return Object.fromEntries(actors(text).map((a) => [a.name, a.role]))
}

function places(text: string): PlaceMention[] {
  const { words, entities } = analyze(text)
  return extractPlaces(text, words, entities)
}

function placeNames(text: string): string[] {
  return places(text).map((p) => p.name)
}

describe('extractActors: who acted and who was hit', () => {
  it('"Russian strikes kill 53 civilians" → Russia acted', () => {
    expect(roles('Russian strikes kill 53 civilians in Idlib')).toEqual({ Russia: 'acted' })
  })

  it('"killed by regime barrel bombs" → Syrian government forces acted', () => {
    expect(roles('Twelve civilians were killed by regime barrel bombs in Aleppo')).toEqual({
      'Syrian government forces': 'acted',
    })
  })

  it('"strikes against IS positions" → Islamic State was hit', () => {
    expect(roles('The coalition carried out strikes against IS positions near Raqqa')['Islamic State']).toBe('hit')
  })

  it('"30 Terrorists Killed" → hit', () => {
    const found = actors('30 Terrorists Killed in Deir ez-Zor')
    expect(found).toHaveLength(1)
    expect(found[0]!.role).toBe('hit')
  })

  it('"Syrian Democratic Forces breached the Old City of Raqqa" → the SDF acted', () => {
    const r = roles(
      'Syrian Democratic Forces breached the Old City of Raqqa after overcoming heavy push back from Islamic State militants Monday',
    )
    expect(r['Syrian Democratic Forces']).toBe('acted')
    expect(r['Islamic State']).not.toBe('acted')
  })

  it('"US-backed Syrian forces have breached the wall" → US-backed forces acted; "US-backed" does not make the United States an actor', () => {
    const text =
      "US-backed Syrian forces have breached the wall at Raqqa's Old City as they try to retake the city from so-called Islamic State"
    const found = actors(text)
    expect(found.map((a) => [a.name, a.role])).toContainEqual(['US-backed forces', 'acted'])
    expect(found.map((a) => a.name)).not.toContain('United States')
    expect(found.map((a) => a.name)).not.toContain('Syrian government forces')
    const sdf = found.find((a) => a.name === 'US-backed forces')!
    expect(text.slice(sdf.start, sdf.end)).toBe('US-backed Syrian forces')
  })

  it('the backer of "U.S.-backed fighters" or "Russian-backed" is not an actor', () => {
    expect(actors('The U.S.-backed fighters seized the last road into Raqqa').map((a) => a.name)).toEqual([
      'US-backed forces',
    ])
    expect(actors('Russian-backed government troops advanced').map((a) => a.name)).not.toContain('Russia')
  })

  it('"fled to Turkey" → Turkey is not an actor', () => {
    expect(actors('Thousands of civilians fled to Turkey after the attack.')).toEqual([])
  })

  it('"in IS-held village" → IS is not an actor', () => {
    expect(actors('Two children were killed in an IS-held village near al-Bab').map((a) => a.name)).not.toContain(
      'Islamic State',
    )
  })

  it('offsets slice back to the words naming the actor', () => {
    const text = 'Regime warplanes pounded Douma, said the Syrian Observatory for Human Rights.'
    expect(actors(text).map((a) => [a.name, text.slice(a.start, a.end)])).toEqual([
      ['Syrian government forces', 'Regime warplanes'],
      ['Syrian Observatory for Human Rights', 'Syrian Observatory for Human Rights'],
    ])
  })
})

describe('extractPlaces', () => {
  it('finds towns and districts of the alias table with their level', () => {
    const found = places('Regime warplanes pounded Douma in Eastern Ghouta, east of Damascus')
    expect(found.map((p) => [p.name, p.level])).toEqual([
      ['Douma', 'town'],
      ['Eastern Ghouta', 'town'],
      ['Damascus', 'governorate'],
    ])
  })

  it('finds places the sentence names with "the village of X", "the town of X"', () => {
    const text = 'Airstrikes killed 12 people in the village of Urum al-Kubra and the town of Tal Rifaat'
    const found = places(text)
    expect(found.map((p) => p.name).sort()).toEqual(['Tal Rifaat', 'Urum al-Kubra'])
    for (const p of found) expect(text.slice(p.start, p.end)).toBe(p.name)
    expect(found.find((p) => p.name === 'Urum al-Kubra')!.level).toBe('town')
  })

  it('does not take a month or weekday for a place', () => {
    expect(placeNames('The siege of the city of Aleppo ended in the month of December')).toEqual(['Aleppo'])
  })

  it('a country that acts is a place only after in, to or from', () => {
    expect(placeNames('Russia said its jets hit Idlib.')).toEqual(['Idlib'])
    expect(placeNames('Russian strikes kill 53 civilians in Idlib')).toEqual(['Idlib'])
    expect(placeNames('Fighters returned from Russia to Aleppo.')).toEqual(['Russia', 'Aleppo'])
    expect(placeNames('Thousands of civilians fled to Turkey.')).toEqual(['Turkey'])
    expect(placeNames('Syrian refugees in Turkey')).toEqual(['Turkey'])
  })

  it('a place that is only a place is one wherever it stands', () => {
    expect(placeNames("IS seized Raqqa in 2014 and Syria's war went on")).toEqual(['Raqqa', 'Syria'])
  })
})

describe('adjectives of countries', () => {
  it('"in Russian and regime airstrikes": Russia took part, it is not where', () => {
    const text = '26 people were killed in Russian and Assad regime airstrikes on schools in rural Idlib.'
    const { words, entities } = analyze(text)
    expect(extractActors(text, words, entities).map((a) => a.name)).toContain('Russia')
    expect(extractPlaces(text, words, entities).map((p) => p.name)).not.toContain('Russia')
  })
})

describe('forces from a state took part', () => {
  it('"aircraft from Saudi Arabia" names Saudi Arabia as acting, not as a place', () => {
    expect(roles('The overnight strikes involved aircraft from Saudi Arabia, Pentagon officials said.')).toMatchObject({
      'Saudi Arabia': 'acted',
    })
  })
})

describe('claims', () => {
  it('"Daesh has claimed responsibility for the attack": Daesh acted', () => {
    expect(roles('In an online statement Daesh has claimed responsibility for the attack.')).toMatchObject({
      'Islamic State': 'acted',
    })
  })
})

describe('among the dead', () => {
  it('"the airstrikes killed 14 people, including Iranians": Iran was hit', () => {
    expect(
      roles('A war-monitoring group said the airstrikes killed 14 people, including Iranians active in Syria.'),
    ).toMatchObject({
      Iran: 'hit',
    })
  })
})

describe('the factions of the alias table', () => {
  it('names Faylaq al-Rahman, the Islamic Front, Jund al-Aqsa and Nour al-Din al-Zenki in their spellings', () => {
    const named = actors(
      'Failaq al-Rahman fought Jaysh al-Islam while the Islamic Front, Jund al-Aqsa and the Nureddin al-Zenki group looked on.',
    ).map((a) => a.name)
    expect(named).toEqual(
      expect.arrayContaining([
        'Faylaq al-Rahman',
        'Jaish al-Islam',
        'Islamic Front',
        'Jund al-Aqsa',
        'Nour al-Din al-Zenki',
      ]),
    )
  })
})

describe('every state, from the world-countries data, and the organisations of the war', () => {
  it('names a state by its name, its people or its capital: "Paris", "Chinese", "Qataris", "the UK"', () => {
    expect(roles('Paris said the strikes were illegal')).toEqual({ France: 'mentioned' })
    expect(roles('Chinese jets were not involved, but Qatari aircraft struck')).toMatchObject({ China: 'mentioned' })
    expect(Object.keys(roles('Qataris and Egyptians met the UK envoy'))).toEqual(['Qatar', 'Egypt', 'United Kingdom'])
    expect(roles('Egyptian jets struck the convoy')).toEqual({ Egypt: 'acted' })
    expect(roles('Beijing vetoed the resolution')).toEqual({ China: 'mentioned' })
  })

  it('a capital that stands for its state in the table says so: "Moscow said" is Russia speaking', () => {
    expect(roles('Moscow said its jets hit IS positions')).toMatchObject({ Russia: 'mentioned' })
  })

  it('matches a state only in its own case: "chad", "male" in lower case are words', () => {
    expect(actors('a chad of paper and a male nurse')).toEqual([])
    expect(actors('Troops from Chad arrived')[0]?.name).toBe('Chad')
  })

  it('"aircraft from Saudi Arabia and the United Arab Emirates": both took part', () => {
    expect(roles('The strikes involved aircraft from Saudi Arabia and the United Arab Emirates')).toEqual({
      'Saudi Arabia': 'acted',
      'United Arab Emirates': 'acted',
    })
  })

  it('"the Britain-based monitor" is the monitor, not Britain', () => {
    expect(roles('The Britain-based monitoring group said 12 were killed')).toEqual({})
  })

  it('knows the monitors, rescuers and agencies: MSF, the ICRC, the Red Crescent, Amnesty, HRW', () => {
    expect(
      Object.keys(
        roles(
          'MSF, the ICRC, the Syrian Arab Red Crescent, Amnesty International and Human Rights Watch condemned the attack',
        ),
      ),
    ).toEqual([
      'Doctors Without Borders (MSF)',
      'International Committee of the Red Cross',
      'Syrian Arab Red Crescent',
      'Amnesty International',
      'Human Rights Watch',
    ])
  })
})

describe('who is said to be behind an attack acted', () => {
  it('"IS is believed to be behind", "Nusra claimed responsibility", "was responsible for"', () => {
    expect(roles('The Islamic State group is believed to be behind the suicide attack.')).toEqual({
      'Islamic State': 'acted',
    })
    expect(roles('Nusra Front claimed responsibility for the bombing.')).toEqual({
      'Nusra Front (Fateh al-Sham, HTS)': 'acted',
    })
    expect(roles('Officials said Hezbollah was responsible for the ambush.')).toEqual({ Hezbollah: 'acted' })
  })
})
