// Casualty figures as reported: "at least 173 were killed" → 173, "at least", killed; "killing 70 terrorists";
// "the death toll rose to 112"; "Eleven million people have been displaced"; "dozens of civilians" (approximate).
// Figures inside date phrases ("Sun 16 Apr 2017") are never read as casualties.

import { stemmer } from 'stemmer'
import { splitWords, type Word } from '../text/words.js'
import type { CasualtyFigure, CasualtyKind } from '../types.js'
import type { Span } from '../text/sentences.js'
import { readNumber, type NumberPhrase } from './numbers.js'

const KIND_OF_WORD: Record<string, CasualtyKind> = {}
function kinds(kind: CasualtyKind, words: string): void {
  for (const w of words.split(/\s+/)) KIND_OF_WORD[w] = kind
}
kinds(
  'killed',
  `killed kill kills killing dead died die dies dying deaths death perished perish slain massacre massacred massacring
martyred martyrs bodies corpses executed execute executes executing slaughtered slaughter slaughtering fatalities murdered`,
)
kinds('wounded', 'wounded wounding wounds wound injured injuring injures injure injuries hurt')
kinds('casualties', 'casualties')
kinds('displaced', 'displaced displacing displace uprooted homeless refugees')
kinds('trapped', 'trapped')
kinds('missing', 'missing disappeared')
kinds('detained', 'detained detaining detain arrested arresting arrest captured imprisoned')
kinds('kidnapped', 'kidnapped kidnapping kidnap abducted abducting abduct hostages hostage')
kinds('besieged', 'besieged')

/** Verb forms that take the figure as their object: "killed 16 civilians", "wounding 30". */
const ACTIVE_VERBS = new Set(
  `killed kill kills killing wounded wounding wounds wound injured injuring injures injure displaced displacing displace
executed executing executes execute kidnapped kidnap abducted abduct detained detain arrested arrest massacre massacred
massacring slaughtered slaughter slaughtering murdered`.split(/\s+/),
)
/** Kind words that, before a noun of people, describe them rather than count them: "26 displaced people were killed". */
const ATTRIBUTIVE = new Set('displaced wounded injured trapped missing besieged detained kidnapped abducted'.split(' '))
/** Nouns after which "of N" counts: "the deaths of 20", "the killing of 12". */
const OF_NOUNS: Record<string, CasualtyKind> = {
  deaths: 'killed',
  death: 'killed',
  killing: 'killed',
  killings: 'killed',
  lives: 'killed',
  massacre: 'killed',
  injury: 'wounded',
  injuries: 'wounded',
  displacement: 'displaced',
  execution: 'killed',
  executions: 'killed',
  bodies: 'killed',
  corpses: 'killed',
}
/** Verbs that take a count of lives: "claimed 12 lives", "cost 400 lives". */
const LIFE_VERBS = new Set('claimed claiming claims claim cost costs costing took taking taken lost losing'.split(' '))
const AUXILIARIES = new Set('were was are is have has had been being be reportedly also all later'.split(' '))
/** What follows a number that is not people: "39 sorties", "5 km", "24 hours". */
const NON_PERSON_UNITS = new Set(
  `percent per km kilometers kilometres kilometer kilometre miles mile meters metres meter metre hours hour days day weeks
week months month years year minutes minute seconds times tons tonnes dollars euros sorties square sq barrels am pm gmt
gallons litres liters feet ft degrees points votes seats storeys floors photos photo images image pictures slides shares
comments views likes tweets retweets reads kms usd pounds cents`.split(/\s+/),
)
/** Things a number may count instead of people: "Three Terrorist Attacks ... Kill 50", "two car bombs killed 12". */
const THING_NOUNS = new Set(
  `attack attacks blast blasts explosion explosions bomb bombs bombing bombings rocket rockets shell shells missile
missiles mortar mortars strike strikes airstrike airstrikes raid raids grenade grenades mine mines drone drones
warplanes helicopters tanks vehicles buildings houses homes schools hospitals villages towns`.split(/\s+/),
)
/** Nouns that name people; a figure's victims are the words up to the last of these ("ISIS militants"). */
const PERSON_STEMS = new Set(
  `people persons person civilians civilian children child kids kid women woman men man fighters fighter militants
militant terrorists terrorist soldiers soldier troops members member rebels rebel jihadists jihadist citizens citizen
residents resident refugees refugee others militiamen gunmen mercenaries elements detainees detainee prisoners prisoner
infants babies families family villagers worshippers guards officers officer commanders commander policemen police
personnel staff staffers workers students patients doctors nurses journalists activists insurgents extremists operatives
pilots pilot servicemen volunteers protesters demonstrators syrians kurds christians alawites yazidis evacuees passengers
shoppers pupils schoolchildren teenagers girls boys individuals victims operators leaders leader cadets recruits army`
    .split(/\s+/)
    .map((w) => stemmer(w)),
)
const VICTIM_STOP = new Set(
  'in on at near from by during after before when while as and or but with including among since amid across inside outside into to of following'.split(
    ' ',
  ),
)
const NEGATIONS = new Set(['no', 'not', 'never', 'none', 'nobody'])
const CLAUSE_BREAK = new Set('while but after when because since whereas although though before following'.split(' '))

const QUALIFIERS: string[][] = [
  ['no', 'fewer', 'than'],
  ['no', 'less', 'than'],
  ['as', 'many', 'as'],
  ['at', 'least'],
  ['more', 'than'],
  ['fewer', 'than'],
  ['less', 'than'],
  ['up', 'to'],
  ['an', 'estimated'],
  ['close', 'to'],
  ['upwards', 'of'],
  ['at', 'most'],
  ['over'],
  ['nearly'],
  ['almost'],
  ['around'],
  ['about'],
  ['some'],
  ['approximately'],
  ['roughly'],
  ['another'],
  ['estimated'],
  ['only'],
]

/** Nouns that count deaths as a toll does: "deaths rose to 40", "fatalities have reached 12". */
const TOLL_NOUNS = new Set(['toll', 'deaths', 'fatalities'])
/**
 * Words between "toll" and a number that make the number something else than the toll: a reason for it to rise
 * ("because dozens were wounded"). An estimate ("may be as high as 400,000") is a reported figure and is kept.
 */
const NOT_THE_TOLL = new Set('because given since while although though expected likely'.split(' '))
/** Words that may stand between a toll noun and its figure: "rose to", "has now reached", "stood at". */
const TOLL_LINKS = new Set(
  `rose rises risen rising climbed climbs climbing jumped jumps increased increases reached reaches reaching stood stands
hit hits topped tops passed surpassed exceeded now further has have had is was are were to at of`.split(/\s+/),
)

/**
 * Page furniture whose numbers are never figures: "Get short URL 2510" (also glued to a date: "21.08.2013Get short URL
 * 0 13"; its counters are zeros and one number: in "Get short URL 0 85 12 Daesh terrorists were killed" 12 is a figure), share counters ("Tweet 45", "Views 729"), gallery counters ("Photo 2 of 6", "Hide Caption 2 of 6 Photos"),
 * photo credits ("(AFP Photo)", "Photo: Jewel Samad/AFP", "PHOTOS: Top 10 U.S. fighter jets"), a topic's article count
 * ("Topic Violence Erupts as Islamic State Rises (1881) 0 25"), "(updated 1935 05.10.2017)", dotted dates and clock times.
 */
const FURNITURE_RE = new RegExp(
  [
    String.raw`(?<![a-z])get\s+short\s+url(?:[\s:]+0(?=\s+\d))*(?:[\s:]+\d[\d,.]*)?`,
    String.raw`\b(?:share|shares|tweet|tweets|views|likes|comments|pin|email)\s*:?\s+\d[\d,.]*k?\b`,
    String.raw`\b(?:photo|photos|image|images|picture|pictures|slide|caption|gallery)\s+\d+\s*(?:of|/)\s*\d+(?:\s+(?:photos|images|pictures|slides))?`,
    String.raw`\((?:[^()]{0,40}\b)?(?:photo|photos|file photo)\b[^()]{0,80}\)`,
    String.raw`\bphotos?\s*:[^\n()–—|]{0,100}`,
    String.raw`\(\d[\d,]*\)(?:\s+0(?=\s+\d))*(?:\s+\d[\d,.]*)?`,
    String.raw`\bupdated\s+\d{3,4}\b`,
    String.raw`\b\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})(?!\d)`,
    String.raw`\b\d{1,2}:\d{2}(?::\d{2})?\b`,
  ].join('|'),
  'gi',
)
/**
 * Links to other stories run to the end of the sentence: "Related News …", "Related: …", and a list of headlines in
 * title case ("Related Syrian Forces Deny Killing Dozens …"). "Related Video" is only a label.
 */
const RELATED_RE = /\bRelated(?:\s*:|\s+News\b|\s+(?!Videos?\b|To\b)(?=[A-Z0-9]))/g
/** A bare counter before "Related" ("Views 729 Related"): the headlines run on into the story's own first sentence. */
const COUNTER_BEFORE_RE = /\bviews\s+\d[\d,]*\s+$/i

/** Spans of page furniture in a text. */
export function furnitureSpans(text: string): Span[] {
  const spans = [...text.matchAll(FURNITURE_RE)].map((m) => ({ start: m.index, end: m.index + m[0].length }))
  for (const m of text.matchAll(RELATED_RE)) {
    if (COUNTER_BEFORE_RE.test(text.slice(Math.max(0, m.index - 30), m.index))) continue
    spans.push({ start: m.index, end: text.length })
  }
  return spans
}

/**
 * After "Views 729 Related", headlines of other stories ("43 civilians dead in bombardment") run into the story's
 * own lead ("Nearly 40 soldiers were killed when …") with no stop between: a figure there counts only when a word of
 * reported prose (an auxiliary, "said", a weekday) follows it closely.
 */
function relatedHeadlinesFrom(text: string): number {
  for (const m of text.matchAll(RELATED_RE)) {
    if (COUNTER_BEFORE_RE.test(text.slice(Math.max(0, m.index - 30), m.index))) return m.index
  }
  return text.length
}
const PROSE_WORDS = new Set(
  `were was is are have has had been said says told reported according monday tuesday wednesday thursday friday saturday
sunday`.split(/\s+/),
)

/**
 * Words before a number that make it a label, not a count: "Resolution 2254", "Division 17", "No. 2". FA-KES drops
 * commas, so words that may end a clause before a count ("near the base 20 soldiers were killed") are not here.
 */
const LABEL_BEFORE = new Set(
  `resolution resolutions article articles chapter paragraph section clause flight page pages route highway division
brigade regiment battalion squadron no`.split(/\s+/),
)
/** "aged between 5 and 12", "aged 5 to 12", "ages 3-12". */
const AGE_WORDS = new Set(['aged', 'age', 'ages'])

/** True when the number at these words is a label, an age, money, a share, an ordinal or a model name, not a count. */
function notACount(text: string, words: Word[], num: NumberPhrase): boolean {
  const first = words[num.fromWord]!
  const last = words[num.toWord - 1]!
  const before = text.slice(Math.max(0, first.start - 4), first.start)
  const after = text.slice(last.end, last.end + 4)
  if (/[$£€¥]\s?$/.test(before)) return true // "$500 million"
  if (/^\s?%/.test(after)) return true // "40%"
  if (/^(?:st|nd|rd|th)\b/i.test(after)) return true // "the 17th Division"
  if (/[A-Za-z]-$/.test(before) && /^\d/.test(first.norm)) return true // "F-16", "Su-24", "S-400"
  const prev = words[num.fromWord - 1]?.norm
  if (prev && LABEL_BEFORE.has(prev) && /^\d/.test(first.norm)) return true
  if (prev && AGE_WORDS.has(prev)) return true // "aged twelve"
  // "aged between 5 and 12", "aged 5 to 12", "aged 5-12": the second age as well, unless it counts people ("a man
  // aged 70 and 12 children").
  const after1 = words[num.toWord]
  if (after1 && PERSON_STEMS.has(stemmer(after1.norm))) return false
  for (let k = num.fromWord - 1; k >= Math.max(0, num.fromWord - 4); k--) {
    const n = words[k]!.norm
    if (AGE_WORDS.has(n)) return true
    if (!(n === 'between' || n === 'from' || n === 'and' || n === 'to' || /^\d/.test(n))) break
  }
  return false
}

interface Qualifier {
  text: string
  fromWord: number
}

function qualifierBefore(words: Word[], i: number): Qualifier | undefined {
  for (const q of QUALIFIERS) {
    const from = i - q.length
    if (from < 0) continue
    if (q.every((w, k) => words[from + k]!.norm === w)) return { text: q.join(' '), fromWord: from }
  }
  return undefined
}

interface Ctx {
  text: string
  words: Word[]
}

/** Figures in a sentence, in reading order; `exclude` holds spans (dates) whose numbers are not figures. */
/** After a number: it counts some of the dead, not all ("medics were among the dead", "of those killed"). */
const PART_OF_TOLL_RE =
  /^\s+(?:(?:[\p{L}-]+\s+){0,3}(?:were|was|are|is)\s+among\s+(?:the|those)\s+(?:dead|killed|victims|casualties|wounded|injured)|of\s+(?:those|the)\s+(?:killed|dead|victims|wounded|injured))\b/iu

export function extractCasualties(text: string, words: Word[], excluded: Span[] = []): CasualtyFigure[] {
  const ctx: Ctx = { text, words }
  const exclude = [...excluded, ...furnitureSpans(text)]
  const relatedFrom = relatedHeadlinesFrom(text)
  const adjacent = (a: number, b: number) => /^[\s-]*$/.test(text.slice(words[a]!.end, words[b]!.start))
  const figures: CasualtyFigure[] = []
  let previous: CasualtyFigure | undefined
  for (let i = 0; i < words.length; i++) {
    const num = readNumber(words, i, adjacent)
    if (!num) continue
    i = num.toWord - 1
    const first = words[num.fromWord]!
    const last = words[num.toWord - 1]!
    if (exclude.some((s) => first.start < s.end && last.end > s.start)) continue
    const next = words[num.toWord]
    if (next && NON_PERSON_UNITS.has(next.norm)) continue
    if (notACount(text, words, num)) continue
    if (/^0\d{3,}$/.test(first.norm)) continue // "at 0914": a time
    const isYearLike = /^(1[89]|20)\d\d$/.test(first.norm) && num.toWord === num.fromWord + 1
    // Five digits or more without separators ("Oct 262016 BEIRUT") count only right before whom they count.
    if (
      /^\d{5,}$/.test(first.norm) &&
      num.toWord === num.fromWord + 1 &&
      !(next && PERSON_STEMS.has(stemmer(next.norm)))
    )
      continue
    const qualifier = qualifierBefore(words, num.fromWord)
    const before = qualifier ? qualifier.fromWord : num.fromWord
    let figure: CasualtyFigure | undefined
    if (previous && ['including', 'among', 'whom'].includes(words[before - 1]?.norm ?? '')) {
      // "including 13 civilians": a part of the figure before it, counted the same way.
      figure = subsetFigure(ctx, num, before, qualifier, previous.kind)
    } else {
      // The verb before the number counts it ("killed 16 civilians") unless an earlier figure already used it
      // ("Three killed over 70 injured"); otherwise the words after it do ("173 were killed").
      const verbFree = !previous || (words[before - 1]?.start ?? 0) >= previous.start + previous.text.length
      figure =
        (verbFree ? objectFigure(ctx, num, before, qualifier, exclude) : undefined) ??
        subjectFigure(ctx, num, before, qualifier)
    }
    if (figure && figure.start >= relatedFrom && !followedByProse(words, num.toWord)) continue
    // "two medics were among the dead", "10 of those killed": a part of a toll, not the toll.
    if (figure && PART_OF_TOLL_RE.test(text.slice(last.end, last.end + 80))) continue
    if (figure && !(isYearLike && figure.victims === '')) {
      figures.push(figure)
      previous = figure
    }
  }
  return figures
}

/** "killed at least 22 civilians", "the death toll rose to 112", "the deaths of 20 people". */
function objectFigure(
  { text, words }: Ctx,
  num: NumberPhrase,
  before: number,
  qualifier: Qualifier | undefined,
  exclude: Span[],
): CasualtyFigure | undefined {
  const prev = words[before - 1]
  if (!prev) return undefined
  let kind: CasualtyKind | undefined
  let from = before - 1
  if (ACTIVE_VERBS.has(prev.norm)) kind = KIND_OF_WORD[prev.norm]
  else if (LIFE_VERBS.has(prev.norm) && livesAfter(words, num.toWord) !== undefined) {
    // "claimed 12 lives", "cost 400 civilian lives".
    const lives = livesAfter(words, num.toWord)!
    return figureOf(text, words, num, qualifier, 'killed', undefined, prev.start, words[lives]!.end)
  } else if (prev.norm === 'of' && words[before - 2] && OF_NOUNS[words[before - 2]!.norm]) {
    kind = OF_NOUNS[words[before - 2]!.norm]
    from = before - 2
  } else {
    // "death toll rose to 112", "toll of 70", "Death toll in bomb attack on Syria evacuees rises to 112"; not "the
    // death toll was likely to rise given the several dozen wounded": a toll's figure does not follow "the".
    for (let k = before - 1; k >= Math.max(0, before - 10); k--) {
      const w = words[k]!
      if (exclude.some((s) => w.start >= s.start && w.end <= s.end)) continue // "rose on 16 April 2017 to 112"
      if (/^\d/.test(w.norm) || /[.;:!?]/.test(text.slice(w.end, words[k + 1]!.start))) break
      if (k === before - 1 && w.norm === 'the') break
      if (w.norm === 'toll') {
        // "the toll was expected to rise because dozens of people had been wounded": the dozens are not the toll.
        if (words.slice(k + 1, before).some((l) => NOT_THE_TOLL.has(l.norm))) break
        const death = words[k - 1]?.norm
        kind = death === 'casualty' ? 'casualties' : 'killed'
        from = death === 'death' || death === 'casualty' ? k - 1 : k
        break
      }
      // "deaths rose to 40": only link words between the noun and the figure.
      if (TOLL_NOUNS.has(w.norm) && before > k + 1 && words.slice(k + 1, before).every((l) => TOLL_LINKS.has(l.norm))) {
        kind = 'killed'
        from = k
        break
      }
    }
  }
  if (!kind) return undefined
  const victims = victimWords(text, words, num.toWord)
  const endWord = victims ? victims[1] - 1 : num.toWord - 1
  const start = words[from]!.start
  return figureOf(text, words, num, qualifier, kind, victims, start, words[endWord]!.end)
}

/** "At least 173 were killed", "30 Terrorists Killed", "Eleven million people have been displaced", "15 dead". */
function subjectFigure(
  { text, words }: Ctx,
  num: NumberPhrase,
  before: number,
  qualifier: Qualifier | undefined,
): CasualtyFigure | undefined {
  // "Three Terrorist Attacks": the number counts things, up to two words of description before them.
  for (let j = num.toWord; j < Math.min(words.length, num.toWord + 3); j++) {
    const n = words[j]!.norm
    if (THING_NOUNS.has(n)) return undefined
    if (KIND_OF_WORD[n] || AUXILIARIES.has(n) || VICTIM_STOP.has(n) || /^\d/.test(n)) break
  }
  const limit = Math.min(words.length, num.toWord + 12)
  let kind: CasualtyKind | undefined
  let kindWord = -1
  for (let j = num.toWord; j < limit; j++) {
    const w = words[j]!
    if (j > num.toWord && /[.;:!?]/.test(text.slice(words[j - 1]!.end, w.start))) break
    if (CLAUSE_BREAK.has(w.norm)) break
    if (/^\d/.test(w.norm) && !['including', 'among'].includes(words[j - 1]?.norm ?? '')) break
    if (w.norm === 'lost' && words[j + 1]?.norm === 'their' && words[j + 2]?.norm === 'lives') {
      kind = 'killed'
      kindWord = j + 2
      break
    }
    const k = KIND_OF_WORD[w.norm]
    // "two besieged towns killing at least 100": a participle starts what the towns did, not how many died there.
    if (k && w.norm.endsWith('ing')) break
    if (k && !(ATTRIBUTIVE.has(w.norm) && words[j + 1] && PERSON_STEMS.has(stemmer(words[j + 1]!.norm)))) {
      kind = k
      kindWord = j
      break
    }
  }
  if (!kind) return undefined
  // "Five of the wealthiest countries have taken no Syrian refugees": a negated kind counts no one.
  for (let j = num.toWord; j < kindWord; j++) if (NEGATIONS.has(words[j]!.norm)) return undefined
  const victims = victimWords(text, words, num.toWord, kindWord)
  return figureOf(text, words, num, qualifier, kind, victims, words[before]!.start, words[kindWord]!.end)
}

function subsetFigure(
  { text, words }: Ctx,
  num: NumberPhrase,
  before: number,
  qualifier: Qualifier | undefined,
  kind: CasualtyKind,
): CasualtyFigure | undefined {
  const victims = victimWords(text, words, num.toWord)
  if (!victims) return undefined
  return figureOf(text, words, num, qualifier, kind, victims, words[before]!.start, words[victims[1] - 1]!.end)
}

function figureOf(
  text: string,
  words: Word[],
  num: NumberPhrase,
  qualifier: Qualifier | undefined,
  kind: CasualtyKind,
  victims: [number, number] | undefined,
  start: number,
  end: number,
): CasualtyFigure {
  return {
    count: num.value,
    qualifier: qualifier?.text ?? '',
    kind,
    victims: victims ? text.slice(words[victims[0]]!.start, words[victims[1] - 1]!.end) : '',
    approximate: num.approximate,
    text: text.slice(start, end),
    start,
  }
}

/**
 * The words naming who was counted, right after the number: up to four words ending in a noun of people
 * ("civilians", "ISIS militants", "Jeish Al Fatah Terrorists"); undefined when none is there.
 */
function victimWords(text: string, words: Word[], from: number, before = words.length): [number, number] | undefined {
  let k = from
  if (words[k]?.norm === 'of') k++
  const start = k
  let end: number | undefined
  for (; k < Math.min(before, start + 4, words.length); k++) {
    // A quote mark, comma or bracket ends the phrase: 'killing 22 volunteers" local activist Mohammad said'.
    if (k > start && !/^[\s-]*$/.test(text.slice(words[k - 1]!.end, words[k]!.start))) break
    const w = words[k]!.norm
    if (VICTIM_STOP.has(w) || AUXILIARIES.has(w) || /^\d/.test(w) || (KIND_OF_WORD[w] && !ATTRIBUTIVE.has(w))) break
    if (PERSON_STEMS.has(stemmer(w))) end = k + 1
  }
  return end === undefined ? undefined : [start, end]
}

/**
 * The kind of figure a question asks for ("how many were wounded" → wounded); killed when it names killing or nothing.
 * A kind the question already gives a figure for is not what it asks: "Eight civilians killed, how many injured",
 * "how many died in the attack that wounded 20" (an exact figure: "dozens injured" may still ask how many).
 */
export function kindAskedFor(words: Word[]): CasualtyKind {
  const text = words.map((w) => w.raw).join(' ')
  // A vague figure ("dozens injured") is not an answer the question already has: it may ask for the exact one.
  const stated = new Set(
    extractCasualties(text, splitWords(text))
      .filter((f) => !f.approximate)
      .map((f) => f.kind),
  )
  return askedKind(words, stated) ?? askedKind(words, new Set()) ?? 'killed'
}

function askedKind(words: Word[], stated: Set<CasualtyKind>): CasualtyKind | undefined {
  let other: CasualtyKind | undefined
  for (const w of words) {
    let kind = w.norm === 'fled' || w.norm === 'flee' || w.norm === 'refugee' ? 'displaced' : KIND_OF_WORD[w.norm]
    if (w.norm === 'toll' || kind === 'casualties') kind = 'killed'
    if (!kind || stated.has(kind)) continue
    if (kind === 'killed') return 'killed'
    other ??= kind
  }
  return other
}

/** The index of "lives" right after a number, with at most one word between ("12 civilian lives"). */
function livesAfter(words: Word[], from: number): number | undefined {
  if (words[from]?.norm === 'lives') return from
  if (words[from + 1]?.norm === 'lives' && !/^\d/.test(words[from]?.norm ?? '')) return from + 1
  return undefined
}

/** Whether a word of reported prose comes within the next fifteen words. */
function followedByProse(words: Word[], from: number): boolean {
  for (let k = from; k < Math.min(words.length, from + 15); k++) {
    // Lower case: a title-case headline ("Death Toll Has Risen") is not prose; weekdays are capitalised in both.
    const { raw, norm } = words[k]!
    if (PROSE_WORDS.has(norm) && (raw === norm || raw.endsWith('day'))) return true
  }
  return false
}
