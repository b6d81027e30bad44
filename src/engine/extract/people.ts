// People of a sentence that the alias table does not know: officials, spokesmen, commanders, governors. A person is
// a capitalised name of two to four words next to a title ("spokesman Col. John Dorrian", "Homs Governor Talal
// Barazi"), before an appositive title ("Talal Barazi, the governor of Homs") or the subject of a verb of saying
// ("Rami Abdel Rahman said"). One pass over the words: linear in the length of the sentence.

import type { EntityMatch } from '../text/entity-match.js'
import type { Word } from '../text/words.js'
import type { ActorMention, ActorRole } from '../types.js'

const words = (s: string) => new Set(s.split(/\s+/).filter(Boolean))

/** Titles written before a name, in any case: "spokesman", "Governor", "Col.", "Maj. Gen.", "Sheikh". */
const TITLES = words(`
spokesman spokeswoman spokesperson spokesmen governor gov minister commander leader chief envoy president vice prime
general gen colonel col major maj lieutenant lt brigadier brig captain capt sergeant sgt admiral adm marshal sheikh
sheik shaykh imam ayatollah mufti official ambassador director head secretary senator sen representative rep mr mrs ms
dr king prince emir deputy mayor judge analyst activist researcher expert negotiator diplomat mp lawmaker chairman
coordinator founder cleric commissioner adviser advisor professor representatives republican republicans democrat
democrats archbishop bishop archimandrite patriarch cardinal pope correspondent reporter editor columnist writer
anchor host premier chancellor speaker`)
/** Titles that can follow a name after a comma: "Talal Barazi, the governor of Homs". Also: TITLES. */
const APPOSITIVE_TITLES = words(`
spokesman spokeswoman spokesperson governor minister commander leader chief envoy president director head secretary
ambassador official analyst activist researcher expert negotiator chairman founder coordinator member deputy adviser
advisor professor doctor surgeon journalist correspondent resident cleric mayor brother son father nephew cousin emir
representative general colonel lieutenant brigadier captain`)
/** Abbreviations after which a dot joins the next word of a name: "Col. John", "Maj. Gen.". Initials too. */
const ABBREVIATIONS = words('gen col maj lt brig capt sgt adm dr mr mrs ms sen rep gov st')
const SPEECH_VERBS = words(`
said says told tells wrote writes added adds denied denies stated states claimed claims announced announces confirmed
confirms warned warns insisted insists explained explains noted notes tweeted tweets acknowledged acknowledges
declared declares urged urges stressed stresses argued argues accused accuses asked asks replied replies
described describes called calls dismissed dismisses`)
const ACTION_VERBS = words(`
ordered orders led leads launched launches executed executes commanded commands directed directs authorized authorised
authorizes approved approves deployed deploys attacked attacks planned plans orchestrated
masterminded carried carries vowed vows threatened threatens`)
/** After the name (or its "was"/"were"), the person was hit. */
const HIT_VERBS = words(`
killed wounded injured captured executed arrested detained kidnapped assassinated abducted beheaded shot died dead
hanged slain murdered eliminated seized held`)
/** Before the name (maybe across its titles), the person was hit: "killing Nusra spokesman Abu Firas al-Suri". */
const HIT_BEFORE = words(`
killed killing kill kills wounded wounding injured injuring captured capturing executed executing arrested arresting
detained detaining kidnapped kidnapping assassinated assassinating abducted abducting beheaded beheading targeted targeting eliminated`)
/** Nouns of what was done to someone, before "of" and the name: "the assassination of former Prime Minister …". */
const HIT_NOUNS = words('assassination death execution killing capture arrest abduction kidnapping murder detention')
const SKIPPABLE_AUX = words('also has had have later then reportedly allegedly previously again would will')
/** Before a name: it is a place, not a person ("in Khan Sheikhoun, the director of …"). */
const PLACE_PREPS = words(`
in into near at from to of for on outside around toward towards across inside within between via through by`)
/** Words that open or join sentences; a capitalised one is never part of a name. */
const FUNCTION_WORDS = words(`
the a an and or but nor so yet for of in on at to from by with without about as into onto over under after before
during while when whenever where which who whom whose that this these those then than there here it its he she they
we i you his her their our my your him them us me also meanwhile however although though because since if unless
until despite according both either neither each every all some any many most more much several few such other
another no not yes now today tonight yesterday tomorrow earlier later last next first second third new old one two
three four five six seven eight nine ten is are was were be been being has have had do does did will would can could
may might must shall should what why how up down out off only just even still again once upon amid among against
along via per like unlike near`)
/** Words no name contains: organisations, outlets, places, peoples, adjectives of institutions. */
const NOT_NAME = words(`
army front council ministry observatory forces force brigade brigades coalition state states party committee
committees office agency news rights watch international house department command network center centre union
nations organization organisation organizations group groups movement battalion battalions division corps guard
guards unit units authority authorities government administration times post press journal media tv television radio
service services institute university foundation commission assembly parliament court bank fund programme program
crescent cross helmets defense defence republic kingdom emirates league association company airport base hospital
street square mosque province governorate mountain mount river valley camp city gate museum school security
intelligence affairs foreign interior justice health information finance national democratic islamic united supreme
high higher general joint central special federal popular revolutionary free resistance operation operations inherent
resolve shield spring euphrates olive branch dawn storm conquest liberation levant sham islam caliphate mujahideen
jaish jabhat liwa faylaq harakat kataib ahrar hayat tahrir ansar jund saraya asaib hezb hizb fatah fateh nour zinki
syrian syrians russian russians american americans turkish turk turks kurdish kurd kurds iranian iranians iraqi
iraqis lebanese israeli israelis saudi jordanian qatari egyptian french british english german arab arabs arabic
western european chinese sunni shia shiite shiites alawite alawites christian christians druze yazidi yazidis
muslim muslims jihadist jihadists rebel rebels regime opposition pro anti al-qaeda qaeda isis isil daesh nusra
hezbollah hamas pkk ypg sdf fsa un us uk eu nato usa god allah prophet quran koran ramadan eid christmas
reuters afp sana sputnik tass ap bbc cnn jazeera arabiya ahram manar alalam araby sabah trt xinhua anadolu irna
fars ria novosti interfax associated bloomberg guardian telegraph independent economist mail express herald
tribune daily weekly monitor observer chronicle gazette fox nbc abc cbs msnbc npr pbs vice politico breitbart
january february march april june july august september october november december monday tuesday wednesday
thursday friday saturday sunday twitter facebook youtube telegram whatsapp instagram internet online video
deir ezzor zor khan sheikhoun tal tell ras jisr bab jabal jebel wadi kafr maarat maaret qasr beit bir ain dhabi
duhur ghouta golan hama homs aleppo idlib raqqa damascus daraa deraa latakia tartus quneitra hasakah qamishli
kobani afrin manbij palmyra tadmur sweida suwayda syria russia turkey iran iraq lebanon israel jordan
north south east west northern southern eastern western middle black red white green blue st saint print tweet
tweets views share related comments email read more click photo photos image getty bay gulf shore sea island
islands lake coast peninsula strait canal desert plain heights war wars powers act law treaty accord agreement
conference summit talks plan initiative doctrine resolution convention protocol institution syndicate global
offensive attack attacks strike strikes crisis senate congress congressional meet directorate policy takes shape
silently slaughtered paris london moscow washington geneva beirut ankara tehran baghdad cairo amman riyadh doha
brussels berlin vienna astana sochi istanbul jerusalem islamist islamists society edition`)
/** Particles inside a name: "Abu Firas al-Suri", "Staffan de Mistura". Never a name's first or last word. */
const PARTICLES = words('al el ad ar as ash at an az bin ibn bint de del van von der')
/** Particles that may stand alone between two names; the others only joined by a hyphen ("as-Suri", "ash-Shami"). */
const SPACED_PARTICLES = words('al el bin ibn bint de del van von der')
/** Whole names that are places. */
const PLACE_NAMES = new Set(['abu kamal', 'abu dhabi', 'abu duhur', 'abu zahour', 'abu dali', 'sheikh maqsoud'])

/** Words between a title and the group it belongs to: "the spokesman for Al-Qaedas Syrian affiliate Nusra Front". */
const GROUP_TITLE_WINDOW = 6

interface Candidate {
  /** Words [from, to) of the name. */
  from: number
  to: number
  /** A title is written right before the name (in its run of capitals or just before it). */
  titled: boolean
}

/** People named by a sentence, with what happened to them. Names the alias table knows are left to it. */
export function extractPeople(text: string, words: Word[], entities: EntityMatch[]): ActorMention[] {
  if (words.length < 3 || isTitleCase(words)) return []
  const out: ActorMention[] = []
  let i = 0
  while (i < words.length) {
    if (!isNameWord(words[i]!) && !isTitleWord(words[i]!)) {
      i++
      continue
    }
    // A run of capitalised words (and particles), joined by spaces, hyphens or an abbreviation's dot.
    let j = i + 1
    while (j < words.length && (isNameWord(words[j]!) || isParticleInside(text, words, j)) && joined(text, words, j))
      j++
    // "Ban Ki-moon": a small-letter end joined by a hyphen, unless it says what the name did ("Assad-backed").
    if (j < words.length && isLower(words[j]!) && isNameWord(words[j - 1]!) && hyphenTail(text, words, j)) j++
    // "The spokesman for Al-Nusra Front Abu Firas al-Suri": the group's name opens the run, the person follows it.
    const group = entities.find((e) => e.entity.group && e.fromWord <= i + 1 && e.fromWord >= i && e.toWord <= j - 2)
    const candidate = nameIn(text, words, group ? group.toWord : i, j)
    if (candidate && group && !candidate.titled)
      candidate.titled = words
        .slice(Math.max(0, group.fromWord - GROUP_TITLE_WINDOW), group.fromWord)
        .some((w) => TITLES.has(w.norm) && isLower(w))
    i = j
    if (!candidate) continue
    const mention = personOf(text, words, entities, candidate)
    if (mention && !out.some((p) => p.name === mention.name)) out.push(mention)
  }
  return out
}

/** The name in the run [from, to): the words after its last title; undefined when there is none. */
function nameIn(text: string, words: Word[], from: number, to: number): Candidate | undefined {
  let start = from
  let titled = false
  for (let k = from; k < to; k++) {
    if (isTitleWord(words[k]!)) {
      start = k + 1
      titled = true
    } else if (k < to - 1 && /['’]s$/.test(words[k]!.raw)) {
      // "the Examiner's Tim Carney": whose the name is, not the name.
      start = k + 1
      titled = false
    }
  }
  const before = words[from - 1]
  if (!titled && before && TITLES.has(before.norm) && isLower(before)) titled = true
  let end = to
  // A sentence's first word may be an adverb: "Ultimately Bush decided".
  if (start === 0 && words[0]!.norm.length >= 8 && words[0]!.norm.endsWith('ly')) start++
  // What leads up to the name in its run of capitals: "Then", "Secretary of State John Kerry". A title before such
  // words is not this name's ("Major Offensive Takes Shape").
  const named = start
  while (
    start < end &&
    (PARTICLES.has(words[start]!.norm) || notName(words[start]!.norm) || FUNCTION_WORDS.has(words[start]!.norm))
  )
    start++
  for (let k = named; k < start; k++) if (!PARTICLES.has(words[k]!.norm)) titled = false
  while (end > start && PARTICLES.has(words[end - 1]!.norm)) end--
  let count = 0
  for (let k = start; k < end; k++) {
    const w = words[k]!
    if (isLower(w)) {
      if (PARTICLES.has(w.norm) || (k === end - 1 && k > start && hyphenTail(text, words, k))) continue
      return undefined
    }
    // An initial is followed by its dot and by more of the name: "George W. Bush", not "R-Ark".
    if (w.raw.length === 1 && (k === end - 1 || text[w.end] !== '.')) return undefined
    if (!isNameWord(w)) return undefined
    count++
  }
  if (count < 2 || count > 4) return undefined
  return { from: start, to: end, titled }
}

function personOf(text: string, words: Word[], entities: EntityMatch[], c: Candidate): ActorMention | undefined {
  const first = words[c.from]!
  const last = words[c.to - 1]!
  const start = first.start
  const end = last.end - (/['’]s$/.test(last.raw) ? 2 : 0)
  if (entities.some((e) => e.start < end && e.end > start)) return undefined
  for (let k = c.from; k < c.to; k++) {
    const w = words[k]!
    if (notName(w.norm)) return undefined
    // "May" is a month and a verb, but also Theresa May's name.
    if (FUNCTION_WORDS.has(w.norm) && !(w.norm === 'may' && k > c.from)) return undefined
  }
  const name = text.slice(start, end).replace(/\s+/g, ' ')
  if (PLACE_NAMES.has(name.toLowerCase())) return undefined

  const prev = words[c.from - 1]
  const prevNorm = prev?.norm ?? ''
  const placeBefore = PLACE_PREPS.has(prevNorm) && isLower(prev!)
  // "the gunman was Mevlut Mert Altintas", "the bomber, identified as …": who did it, named.
  if (PERPETRATOR_BEFORE.test(text.slice(Math.max(0, start - PERPETRATOR_WINDOW), start)))
    return { name, group: 'person', role: 'acted', start, end }
  let ok = c.titled
  if (!ok && !placeBefore) ok = appositiveTitle(text, words, c.to) || speaks(text, words, c.to)
  if (!ok) return undefined
  return { name, group: 'person', role: roleOf(text, words, c), start, end }
}

/** Who did an attack, before the name that says who they were: "the gunman was", "the attacker, identified as". */
const PERPETRATOR_BEFORE =
  /\b(?:gunman|gunmen|shooter|attacker|assailant|assassin|bomber|killer|perpetrator)\s*,?\s*(?:(?:was|is|has been|had been)\s+)?(?:(?:identified|named)\s+as\s+)?$/i
const PERPETRATOR_WINDOW = 50

/** "Talal Barazi, the governor of Homs", "Rami Abdel Rahman, head of the Observatory". */
function appositiveTitle(text: string, words: Word[], to: number): boolean {
  const next = words[to]
  if (!next || !/^\s*,\s*$/.test(text.slice(words[to - 1]!.end, next.start))) return false
  let k = to
  if (words[k] && /^(?:the|a|an|who|its|their|his|her|then|now|former|also)$/.test(words[k]!.norm)) k++
  // A few words of description before the title: "the Syrian Observatory's head", "a senior Kurdish official".
  for (let n = 0; n < 4 && k < words.length; n++, k++) {
    const w = words[k]!
    if (APPOSITIVE_TITLES.has(w.norm) || TITLES.has(w.norm)) return true
    if (k > to && /[,;.:]/.test(text.slice(words[k - 1]!.end, w.start))) return false
  }
  return false
}

/** The name is the subject of said, told, wrote, denied, … */
function speaks(text: string, words: Word[], to: number): boolean {
  let k = to
  while (k < words.length && k < to + 2 && SKIPPABLE_AUX.has(words[k]!.norm) && spaced(text, words, k)) k++
  const w = words[k]
  return !!w && spaced(text, words, k) && isLower(w) && SPEECH_VERBS.has(w.norm)
}

const HYPHEN_SUFFIXES = words(`
backed led held controlled run based allied linked affiliated born funded supported sponsored style era type like
era owned friendly leaning aligned inspired loyal`)

/** Word k is a small-letter end of a name joined by a hyphen: "Ki-moon". */
function hyphenTail(text: string, words: Word[], k: number): boolean {
  return text.slice(words[k - 1]!.end, words[k]!.start) === '-' && !HYPHEN_SUFFIXES.has(words[k]!.norm)
}

/** Only white space between word k - 1 and word k. */
function spaced(text: string, words: Word[], k: number): boolean {
  return k > 0 && k < words.length && /^\s+$/.test(text.slice(words[k - 1]!.end, words[k]!.start))
}

function roleOf(text: string, words: Word[], c: Candidate): ActorRole {
  // After the name: "was killed along with his son", "were wounded", "X, who was killed …" is not looked for.
  let k = c.to
  while (k < words.length && k < c.to + 2 && SKIPPABLE_AUX.has(words[k]!.norm)) k++
  const after = words[k]?.norm ?? ''
  if (
    (after === 'was' || after === 'were' || after === 'is' || after === 'been' || after === 'got') &&
    HIT_VERBS.has(words[k + 1]?.norm ?? '')
  )
    return 'hit'
  if (after === 'was' && words[k + 1]?.norm === 'reportedly' && HIT_VERBS.has(words[k + 2]?.norm ?? '')) return 'hit'
  // Who speaks was not hit: "… dozens more were wounded" Shadi al-Jundi told AFP (FA-KES lost the punctuation).
  if (speaks(text, words, c.to)) return 'mentioned'
  // Before the name, across its titles and who they belong to: "killed Nusra spokesman Abu Firas al-Suri".
  // Only titles, capitals and "the", "of" between: "the killing of", "killed" right there.
  for (let b = c.from - 1, n = 0; b >= 0 && n < 6 && spaced(text, words, b + 1); b--, n++) {
    const w = words[b]!
    if (isLower(w) && (HIT_BEFORE.has(w.norm) || (HIT_NOUNS.has(w.norm) && words[b + 1]!.norm === 'of'))) return 'hit'
    if (!(TITLES.has(w.norm) || !isLower(w) || /^(?:the|a|an|of|top|senior|prominent|former|its|their)$/.test(w.norm)))
      break
  }
  if (ACTION_VERBS.has(after) && isLower(words[k]!)) return 'acted'
  return 'mentioned'
}

/** An organisation's word, a place's, an outlet's…, also as FA-KES writes a possessive: "Departments", "Armys". */
function notName(norm: string): boolean {
  return NOT_NAME.has(norm) || (norm.length > 4 && norm.endsWith('s') && NOT_NAME.has(norm.slice(0, -1)))
}

function isLower(w: Word): boolean {
  return !/^\p{Lu}/u.test(w.raw)
}

/** A capitalised word with small letters ("Konashenkov", "McGurk", "al-Suri"'s "Suri") or an initial ("F"). */
function isNameWord(w: Word): boolean {
  if (!/^\p{Lu}/u.test(w.raw) || /\d/.test(w.raw)) return false
  return w.raw.length === 1 || /\p{Ll}/u.test(w.raw)
}

function isTitleWord(w: Word): boolean {
  return /^\p{Lu}/u.test(w.raw) && TITLES.has(w.norm)
}

/** A lower-case particle inside a run of capitals: "Abu Firas al-Suri", "Staffan de Mistura". */
function isParticleInside(text: string, words: Word[], j: number): boolean {
  const w = words[j]!
  const next = words[j + 1]
  if (!PARTICLES.has(w.norm) || !next || !isNameWord(next)) return false
  return SPACED_PARTICLES.has(w.norm) || text.slice(w.end, next.start) === '-'
}

/** Word j is joined to word j - 1 by spaces or a hyphen, or by the dot of an abbreviation or an initial. */
function joined(text: string, words: Word[], j: number): boolean {
  const left = words[j - 1]!
  const between = text.slice(left.end, words[j]!.start)
  if (/^[ \t]+$/.test(between) || between === '-') return true
  return /^\.[ \t]+$/.test(between) && (left.raw.length === 1 || ABBREVIATIONS.has(left.norm))
}

/** A headline in title case ("Heavier Weapons Push Syrian Crisis Toward Civil War") names no one by its capitals. */
function isTitleCase(words: Word[]): boolean {
  let long = 0
  let lower = 0
  for (const w of words) {
    if (w.raw.length < 4 || /\d/.test(w.raw)) continue
    long++
    if (isLower(w)) lower++
  }
  return long >= 4 && lower * 7 < long
}

/** Capitalised words that start a sentence or a clause, never part of a title: "The spokesman", "Then Colonel". */
const TITLE_LEADERS_NOT = words('the a an in on at and but then said says when while after as by for of to with')

/**
 * Where the titles before a person's name start, for showing the person as the text names them: "Coalition spokesman
 * Col. Ryan Dillon", "Foreign Minister Sergei Lavrov". Title words (TITLES, abbreviations with their dot) and up to
 * three capitalised words before the first of them ("Coalition", "Foreign"); `start` when there is no title.
 */
export function titleStart(text: string, start: number): number {
  const before = text.slice(0, start)
  const tokens = [...before.matchAll(/[\p{L}][\p{L}'’-]*\.?/gu)]
  let k = tokens.length - 1
  let from = start
  const joined = (i: number, end: number) => /^\s+$/.test(text.slice(tokens[i]!.index + tokens[i]![0].length, end))
  let titles = 0
  while (k >= 0 && joined(k, from) && TITLES.has(tokens[k]![0].replace(/\.$/, '').toLowerCase())) {
    from = tokens[k]!.index
    titles++
    k--
  }
  if (titles === 0) return start
  // "Coalition", "Foreign", "Jaysh al-Islam", "Homs": capitalised words (with their Arabic articles) of the title.
  for (let n = 0; n < 3 && k >= 0 && joined(k, from); n++, k--) {
    const word = tokens[k]![0]
    if (!/^(?:(?:al|el|ad|ash|as|an|ar|at|az)-)?\p{Lu}/u.test(word) || /\.$/.test(word)) break
    if (TITLE_LEADERS_NOT.has(word.toLowerCase())) break
    from = tokens[k]!.index
  }
  return from
}
